import { z } from 'zod';
import { localizedSchema } from './catalog';
import { CHECKLIST_KINDS } from './checklist';

export const SEARCH_KINDS = ['engagement', 'answer', 'finding'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** Below this many characters the trigram index cannot match; search falls back to LIKE. */
export const FTS_MIN_CHARS = 3;
export const SEARCH_MAX_CHARS = 200;

export const searchQuerySchema = z.object({
  query: z
    .string()
    .trim()
    .min(1, { message: 'Enter something to search for.' })
    .max(SEARCH_MAX_CHARS, { message: 'validation.tooLong' }),
  /** Only this engagement's answers and findings (and the engagement itself). */
  engagementId: z.string().uuid({ message: 'validation.id' }).optional(),
  limit: z.number().int().min(1).max(100).default(20),
});
export type SearchQuery = z.input<typeof searchQuerySchema>;

/** Snippet text in order; `mark` parts are what matched. Plain text: the UI wraps marks in <mark>. */
export const snippetSegmentSchema = z.object({ text: z.string(), mark: z.boolean() });
export type SnippetSegment = z.infer<typeof snippetSegmentSchema>;

export const searchResultSchema = z.object({
  kind: z.enum(SEARCH_KINDS),
  engagementId: z.string(),
  /** The engagement's, answer's or finding's id. */
  refId: z.string(),
  /** Event name, item id (see `prompt`) or finding title. */
  title: z.string(),
  snippet: z.array(snippetSegmentSchema),
  engagementName: z.string(),
  customerOrg: z.string(),
  /** For answers: the kind of checklist the item is in, when its template is known. */
  checklistKind: z.enum(CHECKLIST_KINDS).nullable(),
  /** For answers: the item's prompt from the engagement's pinned template, when known. */
  prompt: localizedSchema.nullable(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

/** Splits text marked with \u0001…\u0002 (as FTS5 snippet() writes it) into segments. */
export function markedSegments(marked: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let mark = false;
  let text = '';
  for (const char of marked) {
    if (char === '\u0001' || char === '\u0002') {
      if (text !== '') segments.push({ text, mark });
      text = '';
      mark = char === '\u0001';
    } else text += char;
  }
  if (text !== '') segments.push({ text, mark });
  return segments;
}
