/**
 * What makes a signed document checkable: its fingerprint (sha256 of the model's canonical JSON,
 * so key order never changes it), the fingerprint printed on the signature page and carried in the
 * files' properties, and which sections differ between two versions.
 */

import { type Document, runs, type Section, walkSections } from '../../../shared/report/model';
import { docText, fill } from '../../../shared/report/text';
import { canonicalJson, sha256Hex } from '../canonical';

/**
 * The fingerprint of a document as frozen: the canonical JSON of the model the builder made, before
 * `sealed` adds the fingerprint to it. Stored versions keep exactly this JSON.
 */
export function documentFingerprint(frozen: Document): string {
  return sha256Hex(canonicalJson(frozen));
}

/**
 * The signed document as rendered: the frozen model with its fingerprint set (for the files'
 * properties) and printed, with how to check it, after the signature blocks of every section that
 * holds them (the last section when none does).
 */
export function sealed(frozen: Document, fingerprint: string, version: number): Document {
  const t = docText(frozen.language);
  // One paragraph, so the explanation never turns the page away from the fingerprint it explains.
  const lines = [
    runs(
      { text: fill(t.fingerprint, { fingerprint }), bold: true },
      { text: ` ${fill(t.fingerprintCheck, { version })}`, italic: true },
    ),
  ];
  const holdsSignatures = (s: Section) => s.blocks.some((b) => b.kind === 'signature');
  const anySigned = walkSections(frozen.sections).some(holdsSignatures);
  const lastId = frozen.sections.at(-1)?.id;
  const withLines = (sections: readonly Section[]): Section[] =>
    sections.map((s) => ({
      ...s,
      blocks: holdsSignatures(s) || (!anySigned && s.id === lastId) ? [...s.blocks, ...lines] : s.blocks,
      subsections: withLines(s.subsections),
    }));
  return { ...frozen, fingerprint, sections: withLines(frozen.sections) };
}

/** Each section's own content (title, number, blocks), without its subsections, canonically. */
function sectionContents(document: Document): Map<string, string> {
  const all = [...walkSections(document.frontMatter), ...walkSections(document.sections)];
  return new Map(all.map((s) => [s.id, canonicalJson({ title: s.title, number: s.number, blocks: s.blocks })]));
}

/**
 * The ids of the sections whose own content differs between two versions, in the newer one's
 * order, then those only the older one has; 'documentControl' when the cover or the control table
 * differ. A change deep in a subsection names that subsection, not every section above it.
 */
export function changedSections(older: Document, newer: Document): string[] {
  const before = sectionContents(older);
  const after = sectionContents(newer);
  const changed: string[] = [];
  const head = (d: Document) => canonicalJson({ title: d.title, cover: d.cover, control: d.control });
  if (head(older) !== head(newer)) changed.push('documentControl');
  for (const [id, content] of after) if (before.get(id) !== content) changed.push(id);
  for (const id of before.keys()) if (!after.has(id)) changed.push(id);
  return changed;
}
