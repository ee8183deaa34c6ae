/**
 * Findings of an engagement (raised by a failing checklist answer or added by hand) and the firm's
 * reusable findings library, in both languages, with its export file.
 */
import { z } from 'zod';
import { isIsoDate } from './calendar';
import { FINDING_STATUSES, type FindingStatus, SEVERITIES, type Severity } from './checklist';

export { FINDING_STATUSES, type FindingStatus, SEVERITIES, type Severity };

/** Severity order for sorting and summaries: critical first. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

const text = (max: number) => z.string({ message: 'validation.tooLong' }).max(max, { message: 'validation.tooLong' });

const dueDateSchema = z
  .string({ message: 'validation.date' })
  .refine((value) => isIsoDate(value), { message: 'validation.date' })
  .nullable();

/** The fields of a finding as the consultant edits them. */
export const findingFieldsSchema = z.object({
  severity: z.enum(SEVERITIES, { message: 'validation.severity' }),
  title: z
    .string({ message: 'validation.findingTitle' })
    .trim()
    .min(1, { message: 'validation.findingTitle' })
    .max(200, { message: 'validation.tooLong' }),
  description: text(10_000),
  affectedResources: z
    .array(z.string().trim().min(1, { message: 'validation.tooLong' }).max(200, { message: 'validation.tooLong' }))
    .max(50, { message: 'validation.tooMany' }),
  recommendation: text(10_000),
  owner: text(120),
  dueDate: dueDateSchema,
  status: z.enum(FINDING_STATUSES, { message: 'validation.status' }),
  /** Who decided and why, when the customer accepts the risk. */
  disposition: text(4000),
  /** The checklist answer and item that raised it, when it came from one. */
  answerId: z.string().max(100).optional(),
  templateId: z.string().max(200).optional(),
  itemId: z.string().max(200).optional(),
});
export type FindingFields = z.infer<typeof findingFieldsSchema>;

/** Risk accepted is a decision: it needs the disposition that records it. */
export function dispositionMissing(status: FindingStatus, disposition: string | undefined): boolean {
  return status === 'riskAccepted' && (disposition ?? '').trim() === '';
}

export const findingInputSchema = findingFieldsSchema.superRefine((finding, ctx) => {
  if (dispositionMissing(finding.status, finding.disposition)) {
    ctx.addIssue({ code: 'custom', path: ['disposition'], message: 'validation.dispositionRequired' });
  }
});
export type FindingInput = z.infer<typeof findingInputSchema>;
export type FindingInputDraft = z.input<typeof findingInputSchema>;

export const EMPTY_FINDING: FindingInput = {
  severity: 'medium',
  title: '',
  description: '',
  affectedResources: [],
  recommendation: '',
  owner: '',
  dueDate: null,
  status: 'open',
  disposition: '',
};

export const findingSchema = findingFieldsSchema.extend({
  id: z.string(),
  engagementId: z.string(),
  answerId: z.string().nullable(),
  templateId: z.string().nullable(),
  itemId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

export const FINDING_SORTS = ['severity', 'dueDate', 'updatedAt', 'title'] as const;
export type FindingSort = (typeof FINDING_SORTS)[number];

export const findingListQuerySchema = z.object({
  engagementId: z.string().uuid({ message: 'validation.id' }),
  statuses: z.array(z.enum(FINDING_STATUSES)).max(FINDING_STATUSES.length).optional(),
  severities: z.array(z.enum(SEVERITIES)).max(SEVERITIES.length).optional(),
  search: z.string().max(200).optional(),
  sortBy: z.enum(FINDING_SORTS).default('severity'),
  sortDir: z.enum(['asc', 'desc']).default('asc'),
});

/** Compares findings by the chosen key; ties fall back to severity, then creation. */
export function compareFindings(a: Finding, b: Finding, sortBy: FindingSort): number {
  const bySeverity = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  const tie = bySeverity || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
  switch (sortBy) {
    case 'severity':
      return tie;
    case 'dueDate':
      // Findings without a due date come after those with one.
      if (a.dueDate === b.dueDate) return tie;
      if (a.dueDate === null) return 1;
      if (b.dueDate === null) return -1;
      return a.dueDate.localeCompare(b.dueDate);
    case 'updatedAt':
      return a.updatedAt.localeCompare(b.updatedAt) || tie;
    case 'title':
      return a.title.localeCompare(b.title) || tie;
  }
}

// ---------------------------------------------------------------------------------------------
// Library

const localizedText = (max: number) =>
  z.object({
    en: text(max),
    'zh-CN': text(max),
  });

export const LIBRARY_LANGUAGES = ['en', 'zh-CN'] as const;
export type LibraryLanguage = (typeof LIBRARY_LANGUAGES)[number];

export const libraryEntryInputSchema = z.object({
  id: z.string().uuid({ message: 'validation.id' }).optional(),
  severity: z.enum(SEVERITIES, { message: 'validation.severity' }),
  title: localizedText(200).refine((t) => t.en.trim() !== '' || t['zh-CN'].trim() !== '', {
    message: 'validation.libraryTitle',
  }),
  description: localizedText(10_000),
  recommendation: localizedText(10_000),
  tags: z
    .array(z.string().trim().min(1, { message: 'validation.tooLong' }).max(60, { message: 'validation.tooLong' }))
    .max(30, { message: 'validation.tooMany' }),
});
export type LibraryEntryInput = z.infer<typeof libraryEntryInputSchema>;

export const libraryEntrySchema = libraryEntryInputSchema.extend({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type LibraryEntry = z.infer<typeof libraryEntrySchema>;

export const LIBRARY_FILE_KIND = 'vigil-findings-library';

export const libraryFileSchema = z.object({
  schemaVersion: z.literal(1, { message: 'expected schemaVersion 1' }),
  kind: z.literal(LIBRARY_FILE_KIND, { message: `expected kind "${LIBRARY_FILE_KIND}"` }),
  entries: z.array(libraryEntryInputSchema).max(10_000),
});
export type LibraryFile = z.infer<typeof libraryFileSchema>;

/** An entry's text in one language, falling back to the other when that one is empty. */
export function libraryText(value: { en: string; 'zh-CN': string }, language: LibraryLanguage): string {
  const other = language === 'en' ? 'zh-CN' : 'en';
  return value[language].trim() !== '' ? value[language] : value[other];
}
