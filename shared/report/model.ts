/**
 * The render-agnostic document model every deliverable is built into. Builders (pure functions of
 * the engagement's data) produce it; the DOCX and PDF renderers only lay it out, so the same model
 * gives the same content in both. Strings in the model are final: translated and redacted.
 */
import { z } from 'zod';
import { DELIVERABLE_LANGUAGES } from '../domain/engagement';
import { SEVERITIES } from '../domain/finding';

export const runSchema = z.object({
  text: z.string(),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
});
export type Run = z.infer<typeof runSchema>;

export const imageRefSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /**
   * The image as documents print it: a photo's document-ready JPEG (`evidence.read` variant
   * 'document'), the firm's logo, or a signature or seal PNG kept with a signed version.
   */
  variant: z.literal('document'),
});
export type ImageRef = z.infer<typeof imageRefSchema>;

/** Why a section shows no data: the outline's NS / ND / NB / NONE conventions (DELIVERABLES.md §0). */
export const MISSING_REASONS = ['notInEdition', 'noData', 'blocking', 'none'] as const;
export type MissingReason = (typeof MISSING_REASONS)[number];

export const findingItemSchema = z.object({
  /** F-nnn, the same in every document. */
  ref: z.string(),
  severity: z.enum(SEVERITIES),
  severityLabel: z.string(),
  title: z.string(),
  description: z.string(),
  recommendation: z.string(),
  affectedResources: z.array(z.string()),
  owner: z.string(),
  dueDate: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  /** Who accepted the risk and why, for risk-accepted findings; '' otherwise. */
  disposition: z.string(),
  evidence: z.array(z.object({ ref: imageRefSchema, caption: z.string() })),
});
export type FindingItem = z.infer<typeof findingItemSchema>;

/**
 * A line chart as data: categories already formatted (times in the event's zone), series of numbers
 * with null for gaps. The model keeps numbers, not pictures, so a signed version's fingerprint covers
 * what the chart says; the renderers draw it (echarts, server-side) when they lay the page out.
 */
export const chartSpecSchema = z.object({
  title: z.string(),
  categories: z.array(z.string()).max(2_000),
  series: z
    .array(
      z.object({
        name: z.string(),
        values: z.array(z.number().nullable()).max(2_000),
        /** Plotted against the right-hand axis (e.g. errors/s beside requests/s). */
        secondary: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(12),
  yAxis: z.string(),
  secondaryAxis: z.string().optional(),
  /** Horizontal reference lines, e.g. the target TPS. */
  marks: z
    .array(z.object({ name: z.string(), value: z.number() }))
    .max(6)
    .optional(),
});
export type ChartSpec = z.infer<typeof chartSpecSchema>;

export const blockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paragraph'), runs: z.array(runSchema).min(1), style: z.enum(['normal', 'note']) }),
  z.object({
    kind: z.literal('keyValue'),
    rows: z.array(z.object({ key: z.string(), value: z.string() })).min(1),
  }),
  z.object({
    kind: z.literal('table'),
    caption: z.string().optional(),
    columns: z
      .array(
        z.object({
          header: z.string(),
          /** Relative width hint; renderers share the page width in these proportions. */
          width: z.number().positive(),
          align: z.enum(['left', 'right', 'center']),
        }),
      )
      .min(1),
    rows: z.array(z.array(z.string())),
    /** Tables split across pages with the header row repeated. */
    repeatHeader: z.literal(true),
  }),
  z.object({
    kind: z.literal('findings'),
    /** Counts for every severity, critical first (zeros included, for the matrix or chart). */
    summary: z.array(z.object({ severity: z.enum(SEVERITIES), label: z.string(), count: z.number().int() })),
    items: z.array(findingItemSchema),
    /** Labels for the renderer: the item fields' captions in the document language. */
    labels: z.record(z.string(), z.string()),
  }),
  z.object({
    kind: z.literal('image'),
    ref: imageRefSchema,
    caption: z.string(),
    width: z.enum(['full', 'half', 'third']),
  }),
  z.object({ kind: z.literal('chart'), chart: chartSpecSchema, caption: z.string() }),
  z.object({
    kind: z.literal('signature'),
    party: z.enum(['customer', 'provider']),
    roleLabel: z.string(),
    name: z.string().optional(),
    title: z.string().optional(),
    org: z.string().optional(),
    /** What the signature attests and what it does not (DELIVERABLES.md §2). */
    attests: z.string(),
    /** When signed, in the event's zone with its offset; placeholder lines until then. */
    signedAt: z.string().optional(),
    /** The drawn signature (a PNG kept with the signed version), printed in the signature line. */
    signatureImage: imageRefSchema.optional(),
    /** The company seal (PNG, transparency kept), the customer's only. */
    sealImage: imageRefSchema.optional(),
  }),
  z.object({
    kind: z.literal('notAssessed'),
    reason: z.enum(MISSING_REASONS),
    text: z.string().min(1),
    /** NB: signing is blocked until filled or an override reason is recorded. */
    blocksSigning: z.boolean(),
  }),
  z.object({ kind: z.literal('list'), ordered: z.boolean(), items: z.array(z.array(runSchema).min(1)).min(1) }),
]);
export type Block = z.infer<typeof blockSchema>;
export type BlockKind = Block['kind'];
export type BlockOf<K extends BlockKind> = Extract<Block, { kind: K }>;

export type Section = {
  /** Stable id, e.g. 'schedule'; structural snapshots and preflight links use it. */
  id: string;
  /** '1', '1.2'…; '' for unnumbered front matter. Computed by `numberSections`. */
  number: string;
  title: string;
  blocks: Block[];
  subsections: Section[];
};
export const sectionSchema: z.ZodType<Section> = z.lazy(() =>
  z.object({
    id: z.string().min(1),
    number: z.string(),
    title: z.string().min(1),
    blocks: z.array(blockSchema),
    subsections: z.array(sectionSchema),
  }),
);

export const documentSchema = z.object({
  /** The catalog's deliverable id, e.g. 'assurance-solution'. */
  id: z.string(),
  title: z.string(),
  number: z.string(),
  version: z.string(),
  /** Issue date, YYYY-MM-DD in the event's zone. */
  date: z.string(),
  language: z.enum(DELIVERABLE_LANGUAGES),
  confidentiality: z.string(),
  /** DRAFT watermark on every page until signed. */
  draft: z.boolean(),
  /**
   * A signed document's fingerprint: sha256 (hex) of its canonical JSON without this field and
   * without the fingerprint lines the signature page prints (export/signed.ts). Renderers put it
   * in the file's properties.
   */
  fingerprint: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  cover: z.object({
    customer: z.string(),
    event: z.string(),
    firm: z.object({ name: z.string(), logo: imageRefSchema.optional() }).optional(),
  }),
  /** The document control table's rows. */
  control: z.array(z.object({ key: z.string(), value: z.string() })),
  /** Unnumbered matter before the body (version history, distribution, confidentiality, glossary). */
  frontMatter: z.array(sectionSchema),
  sections: z.array(sectionSchema),
});
export type Document = z.infer<typeof documentSchema>;

/** A section before numbering. */
export type SectionDraft = Omit<Section, 'number' | 'subsections'> & { subsections?: SectionDraft[] };

/** Numbers sections 1, 2… and subsections 1.1, 1.2… in order; pure. */
export function numberSections(sections: readonly SectionDraft[], prefix = ''): Section[] {
  return sections.map((section, index) => {
    const number = prefix === '' ? `${index + 1}` : `${prefix}.${index + 1}`;
    return {
      id: section.id,
      number,
      title: section.title,
      blocks: section.blocks,
      subsections: numberSections(section.subsections ?? [], number),
    };
  });
}

/** Front matter keeps an empty number at every depth. */
export function unnumbered(sections: readonly SectionDraft[]): Section[] {
  return sections.map((s) => ({
    id: s.id,
    number: '',
    title: s.title,
    blocks: s.blocks,
    subsections: unnumbered(s.subsections ?? []),
  }));
}

/** Every section of the document, depth first, with its path of titles. */
export function walkSections(sections: readonly Section[]): Section[] {
  return sections.flatMap((s) => [s, ...walkSections(s.subsections)]);
}

export type DocumentProblem = { sectionId: string; problem: 'empty' | 'duplicateId' | 'badNumber' | 'schema' };

/**
 * Problems that must never reach a renderer: a section with neither a block nor a subsection (an
 * empty heading), two sections with one id, numbers out of sequence, or a shape the schema refuses.
 */
export function documentProblems(document: Document): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const parsed = documentSchema.safeParse(document);
  if (!parsed.success) problems.push({ sectionId: '', problem: 'schema' });
  const seen = new Set<string>();
  const check = (sections: readonly Section[], prefix: string | null) => {
    sections.forEach((s, i) => {
      if (s.blocks.length === 0 && s.subsections.length === 0) problems.push({ sectionId: s.id, problem: 'empty' });
      if (seen.has(s.id)) problems.push({ sectionId: s.id, problem: 'duplicateId' });
      seen.add(s.id);
      const expected = prefix === null ? '' : prefix === '' ? `${i + 1}` : `${prefix}.${i + 1}`;
      if (s.number !== expected) problems.push({ sectionId: s.id, problem: 'badNumber' });
      check(s.subsections, prefix === null ? null : s.number);
    });
  };
  check(document.frontMatter, null);
  check(document.sections, '');
  return problems;
}

/** Throws when `documentProblems` finds any; returns the document otherwise. */
export function validateDocument(document: Document): Document {
  const problems = documentProblems(document);
  if (problems.length > 0) {
    throw new Error(
      `Invalid document ${document.id}: ${problems.map((p) => `${p.problem}${p.sectionId ? ` (${p.sectionId})` : ''}`).join(', ')}`,
    );
  }
  return document;
}

// Small constructors the builders share.
export const text = (value: string, style: 'normal' | 'note' = 'normal'): BlockOf<'paragraph'> => ({
  kind: 'paragraph',
  runs: [{ text: value }],
  style,
});
export const runs = (...parts: Run[]): BlockOf<'paragraph'> => ({ kind: 'paragraph', runs: parts, style: 'normal' });
export const keyValue = (rows: [string, string][]): BlockOf<'keyValue'> => ({
  kind: 'keyValue',
  rows: rows.map(([key, value]) => ({ key, value })),
});
export const table = (
  columns: [header: string, width: number, align?: 'left' | 'right' | 'center'][],
  rows: string[][],
  caption?: string,
): BlockOf<'table'> => ({
  kind: 'table',
  ...(caption === undefined ? {} : { caption }),
  columns: columns.map(([header, width, align]) => ({ header, width, align: align ?? 'left' })),
  rows,
  repeatHeader: true,
});
export const list = (items: string[], ordered = false): BlockOf<'list'> => ({
  kind: 'list',
  ordered,
  items: items.map((item) => [{ text: item }]),
});
