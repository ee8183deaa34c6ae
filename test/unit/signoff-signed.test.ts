/**
 * A signed document: the builders fill the signature blocks and drop the draft status, the
 * fingerprint is the canonical JSON's hash whatever the key order, the signature page and the
 * files' properties carry it, and the section diff names only what changed.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReportInput, SignoffInput } from '@shared/report/input';
import { type Document, walkSections } from '@shared/report/model';
import sharp from 'sharp';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExportAssets } from '../../electron/core/export/assets';
import { buildDocument, buildSigned } from '../../electron/core/export/build';
import { renderDocx } from '../../electron/core/export/docx';
import { renderPdf } from '../../electron/core/export/pdf';
import { changedSections, documentFingerprint } from '../../electron/core/export/signed';
import { docxParts, docxText, exportDir, pdfText, photo, squash } from '../fixtures/export-tools';
import { finding, reportInput } from '../fixtures/report-input';

vi.setConfig({ testTimeout: 60_000 });

const NO_RULES = { decided: [], kept: [] };
const SIGNATURE = 'a'.repeat(64);
const SEAL = 'b'.repeat(64);
const CONSULTANT_SIGNATURE = 'c'.repeat(64);

const signing = (version: number): NonNullable<SignoffInput['signing']> => ({
  version,
  signedAt: '2026-10-20T09:30:00.000Z',
  customer: { name: 'Wang Fang', title: 'IT Director', org: 'Harbor Retail Ltd', signature: SIGNATURE, seal: SEAL },
  provider: { name: 'Chen Jie', title: 'Project manager', org: 'Blue Harbor', signature: CONSULTANT_SIGNATURE },
});

function input(overrides: Partial<ReportInput> = {}): ReportInput {
  return reportInput('huawei', 'en', { findings: [finding(1), finding(2)], ...overrides });
}

const build = (documentId: string, i: ReportInput) => buildDocument({ documentId, input: i, rules: NO_RULES });

/** The same value with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .reverse()
        .map((k) => [k, reversedKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

const signatureBlocksOf = (d: Document) =>
  walkSections(d.sections).flatMap((s) => s.blocks.filter((b) => b.kind === 'signature'));

describe('documentFingerprint', () => {
  it('is the same for the same content whatever the order of its keys, and differs when one character does', () => {
    const document = build('acceptance-report', input());
    const fingerprint = documentFingerprint(document);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(reversedKeys(document))).not.toBe(JSON.stringify(document));
    expect(documentFingerprint(reversedKeys(document) as Document)).toBe(fingerprint);
    expect(documentFingerprint({ ...document, title: `${document.title}.` })).not.toBe(fingerprint);
  });
});

describe('a document being signed', () => {
  it('is no draft, says Signed, prints the signers with their images and the fingerprint of what was frozen', () => {
    const signed = buildSigned({
      documentId: 'acceptance-report',
      input: input({ signoff: { earlier: [], signing: signing(1) } }),
      rules: NO_RULES,
    });
    expect(signed.frozen.draft).toBe(false);
    expect(signed.frozen.control.find((r) => r.key === 'Status')?.value).toBe('Signed');
    expect(signed.fingerprint).toBe(documentFingerprint(signed.frozen));
    const [customer, provider] = signatureBlocksOf(signed.frozen);
    expect(customer).toMatchObject({
      party: 'customer',
      name: 'Wang Fang',
      title: 'IT Director',
      org: 'Harbor Retail Ltd',
      signedAt: '2026-10-20 17:30 (UTC+08:00)',
      signatureImage: { sha256: SIGNATURE },
      sealImage: { sha256: SEAL },
    });
    expect(provider).toMatchObject({
      party: 'provider',
      name: 'Chen Jie',
      signatureImage: { sha256: CONSULTANT_SIGNATURE },
    });
    expect(provider && 'sealImage' in provider).toBe(false);

    const rendered = build('acceptance-report', input({ signoff: { earlier: [], signing: signing(1) } }));
    expect(rendered.fingerprint).toBe(signed.fingerprint);
    const text = walkSections(rendered.sections)
      .flatMap((s) => s.blocks)
      .flatMap((b) => (b.kind === 'paragraph' ? [b.runs.map((r) => r.text).join('')] : []));
    expect(text.some((line) => line.startsWith(`Document fingerprint (SHA-256): ${signed.fingerprint}`))).toBe(true);
  });

  it('names the signed version it supersedes in the version history', () => {
    const document = build(
      'acceptance-report',
      input({
        issue: { number: 'BH-2026-007', version: '2.0', date: '2026-10-21', author: 'Chen Jie' },
        signoff: {
          earlier: [{ version: 1, date: '2026-10-20', author: 'Chen Jie', signer: 'Wang Fang' }],
          signing: signing(2),
        },
      }),
    );
    const history = document.frontMatter.find((s) => s.id === 'versionHistory')?.blocks[0];
    expect(history?.kind === 'table' && history.rows).toEqual([
      ['1.0', '2026-10-20', 'Chen Jie', 'Signed by Wang Fang.'],
      ['2.0', '2026-10-21', 'Chen Jie', 'Supersedes signed version 1.'],
    ]);
  });

  it('a draft stays a draft with blank signature lines', () => {
    const document = build('acceptance-report', input());
    expect(document.draft).toBe(true);
    expect(document.fingerprint).toBeUndefined();
    expect(document.control.find((r) => r.key === 'Status')?.value).toBe('Draft');
    for (const b of signatureBlocksOf(document)) {
      expect(b.kind === 'signature' && (b.signedAt ?? b.signatureImage ?? b.sealImage)).toBeUndefined();
    }
  });
});

describe('changedSections', () => {
  it('is empty for the same content and names the section of an edited finding, not its parents', () => {
    const before = build('assurance-solution', input());
    expect(changedSections(before, build('assurance-solution', input()))).toEqual([]);
    const edited = input({ findings: [finding(1, { title: 'Edited title of the first finding' }), finding(2)] });
    const after = build('assurance-solution', edited);
    const changed = changedSections(before, after);
    expect(changed.length).toBeGreaterThan(0);
    // Every section named really differs, and one that holds no finding (distribution list) is not named.
    expect(changed).not.toContain('distributionList');
    const all = (d: Document) => [...walkSections(d.frontMatter), ...walkSections(d.sections)];
    for (const id of changed) {
      const a = all(before).find((s) => s.id === id);
      const b = all(after).find((s) => s.id === id);
      expect(JSON.stringify(a?.blocks)).not.toBe(JSON.stringify(b?.blocks));
    }
    expect(all(after).some((s) => JSON.stringify(s.blocks).includes('Edited title'))).toBe(true);
  });

  it('names the control table when only the version or status changed', () => {
    const draft = build('acceptance-report', input());
    const signed = buildSigned({
      documentId: 'acceptance-report',
      input: input({ signoff: { earlier: [], signing: signing(1) } }),
      rules: NO_RULES,
    }).frozen;
    const changed = changedSections(draft, signed);
    expect(changed).toContain('documentControl');
    const signatures = walkSections(signed.sections).find((s) => s.blocks.some((b) => b.kind === 'signature'));
    expect(changed).toContain(signatures?.id);
    expect(changed).not.toContain('distributionList');
  });
});

describe('signed files', () => {
  let signatureImage: Uint8Array;
  let sealImage: Uint8Array;
  let evidence: Uint8Array;
  beforeAll(async () => {
    // A dark stroke on a transparent ground, as the signature pad draws; a red round seal.
    const stroke = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200"><path d="M20 150 C 120 20, 220 180, 320 60 S 520 160, 580 40" stroke="#0b1f44" stroke-width="6" fill="none"/></svg>',
    );
    signatureImage = new Uint8Array(await sharp(stroke).png().toBuffer());
    const seal = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300"><circle cx="150" cy="150" r="130" stroke="#d0021b" stroke-width="12" fill="none"/></svg>',
    );
    sealImage = new Uint8Array(await sharp(seal).png().toBuffer());
    evidence = await photo(400, 300);
  });

  const assets = (): ExportAssets => ({
    image: async ({ sha256 }) => ({
      data:
        sha256 === SIGNATURE || sha256 === CONSULTANT_SIGNATURE
          ? signatureImage
          : sha256 === SEAL
            ? sealImage
            : evidence,
    }),
  });

  it('PDF: no DRAFT watermark, the signer, the fingerprint in the text and the info, the signature and seal images', async () => {
    const document = build('acceptance-report', input({ signoff: { earlier: [], signing: signing(1) } }));
    const fingerprint = document.fingerprint ?? '';
    const dir = exportDir('signed-pdf');
    const file = join(dir, 'signed.pdf');
    writeFileSync(file, await renderPdf(document, assets()));
    const text = pdfText(file);
    expect(text).not.toContain('DRAFT');
    expect(text).toContain('Wang Fang');
    expect(text).toContain('Harbor Retail Ltd');
    expect(squash(text)).toContain(squash(`Document fingerprint (SHA-256): ${fingerprint}`));
    const info = execFileSync('pdfinfo', ['-custom', file], { encoding: 'utf8' });
    expect(info).toMatch(new RegExp(`^VigilFingerprint:\\s*${fingerprint}$`, 'm'));
    expect(info).toMatch(new RegExp(`^Keywords:\\s*VigilFingerprint:${fingerprint}$`, 'm'));
    // pdfimages lists each image and its transparency mask: page, num, type, width, height…
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .map((l) => l.trim().split(/\s+/));
    const drawn = (type: string, size: string) =>
      images.filter((c) => c[2] === type && `${c[3]}x${c[4]}` === size).length;
    // Both signatures (600×200) and the seal (300×300), each with its transparency kept (an smask).
    expect(drawn('image', '600x200')).toBe(2);
    expect(drawn('smask', '600x200')).toBe(2);
    expect(drawn('image', '300x300')).toBe(1);
    expect(drawn('smask', '300x300')).toBe(1);

    const draft = join(dir, 'draft.pdf');
    writeFileSync(draft, await renderPdf(build('acceptance-report', input()), assets()));
    expect(pdfText(draft)).toContain('DRAFT');
  });

  it('DOCX: no watermark, the signer and fingerprint in the text, the fingerprint in the properties, the images', async () => {
    const document = build('acceptance-report', input({ signoff: { earlier: [], signing: signing(1) } }));
    const fingerprint = document.fingerprint ?? '';
    const parts = docxParts(await renderDocx(document, assets()));
    expect(parts.headers).not.toContain('DRAFT');
    const text = docxText(parts.document);
    expect(text).toContain('Wang Fang');
    expect(text).toContain(`Document fingerprint (SHA-256): ${fingerprint}`);
    const custom = new TextDecoder().decode(parts.zip['docProps/custom.xml'] ?? new Uint8Array());
    expect(custom).toContain('name="VigilFingerprint"');
    expect(custom).toContain(fingerprint);
    const core = new TextDecoder().decode(parts.zip['docProps/core.xml'] ?? new Uint8Array());
    expect(core).toContain(`VigilFingerprint:${fingerprint}`);
    // The two signatures (one file, the same bytes) and the seal, each in the package once.
    const pictures = parts.media.map((name) => parts.zip[name]?.byteLength);
    expect(pictures).toContain(signatureImage.byteLength);
    expect(pictures).toContain(sealImage.byteLength);
    expect((parts.document.match(/<pic:pic\b/g) ?? []).length).toBeGreaterThanOrEqual(3);
  });
});
