/**
 * The war-room log: timestamped, insert-only entries written during the event. An edit never
 * overwrites: it is a new row naming the entry it revises, so the earlier text stays readable.
 */
import { z } from 'zod';
import { utcToLocal } from './time';

export const LOG_KINDS = [
  'observation',
  'decision',
  'action',
  'checkpoint',
  'incidentUpdate',
  'handover',
  'closure',
] as const;
export type LogKind = (typeof LOG_KINDS)[number];

/** Kinds a consultant writes by hand; `closure` is written only by closing the war room. */
export const WRITABLE_LOG_KINDS = LOG_KINDS.filter((kind): kind is Exclude<LogKind, 'closure'> => kind !== 'closure');
export type WritableLogKind = (typeof WRITABLE_LOG_KINDS)[number];

export const LOG_TEXT_MAX_CHARS = 4000;
/** An entry whose time is more than this before it was written is marked late. */
export const LATE_AFTER_MS = 2 * 60_000;
/** Clocks in a war room disagree a little; further ahead than this is a typing mistake. */
export const FUTURE_TOLERANCE_MS = 60_000;
/** Most entries one list call returns; the UI pages older ones with the cursor. */
export const LOG_PAGE_MAX = 20_000;

/**
 * One-letter prefixes typed before the text ("d: we roll back") choose the kind; the letters are
 * the same in both languages so the war room shares one habit.
 */
export const LOG_KIND_PREFIXES: Record<WritableLogKind, string> = {
  observation: 'o',
  decision: 'd',
  action: 'a',
  checkpoint: 'c',
  incidentUpdate: 'i',
  handover: 'h',
};

const logTextSchema = z
  .string({ message: 'validation.logText' })
  .trim()
  .min(1, { message: 'validation.logText' })
  .max(LOG_TEXT_MAX_CHARS, { message: 'validation.tooLong' });

const instantSchema = z.string({ message: 'validation.logTime' }).datetime({ message: 'validation.logTime' });
const linkSchema = z.string().uuid({ message: 'validation.id' }).nullable().optional();
/** INC-003 as the war room types it; the core finds the incident by its number. */
export const INCIDENT_REF_PATTERN = /^INC-(\d{1,6})$/i;
const incidentRefSchema = z
  .string({ message: 'validation.incidentRef' })
  .trim()
  .regex(INCIDENT_REF_PATTERN, { message: 'validation.incidentRef' })
  .optional();

/** What the consultant writes: the time is optional and defaults to the moment it is written. */
export const logEntryInputSchema = z.object({
  kind: z.enum(WRITABLE_LOG_KINDS, { message: 'validation.logKind' }),
  text: logTextSchema,
  occurredAt: instantSchema.optional(),
  incidentId: linkSchema,
  /** The incident named by its reference ("INC-003") instead of its id, as typed in the entry box. */
  incidentRef: incidentRefSchema,
  checkpointId: linkSchema,
});
export type LogEntryInput = z.input<typeof logEntryInputSchema>;

/** A revision: new text, and optionally a corrected kind or time. Links stay those of the entry. */
export const logRevisionInputSchema = z.object({
  kind: z.enum(WRITABLE_LOG_KINDS, { message: 'validation.logKind' }).optional(),
  text: logTextSchema,
  occurredAt: instantSchema.optional(),
});

/** An entry as listed: its latest revision, keyed by the first row's id so the list key never changes. */
export const logEntrySchema = z.object({
  id: z.string(),
  revisionId: z.string(),
  engagementId: z.string(),
  kind: z.enum(LOG_KINDS),
  text: z.string(),
  occurredAt: z.string(),
  /** When the entry was first written. */
  writtenAt: z.string(),
  late: z.boolean(),
  author: z.string(),
  /** How many times it was revised (0 when never). */
  revisions: z.number().int().min(0),
  revisedAt: z.string().nullable(),
  revisedBy: z.string().nullable(),
  incidentId: z.string().nullable(),
  checkpointId: z.string().nullable(),
});
export type LogEntry = z.infer<typeof logEntrySchema>;

/** One stored text of an entry, oldest first. */
export const logRevisionSchema = z.object({
  revisionId: z.string(),
  kind: z.enum(LOG_KINDS),
  text: z.string(),
  occurredAt: z.string(),
  late: z.boolean(),
  writtenAt: z.string(),
  writtenBy: z.string(),
});
export type LogRevision = z.infer<typeof logRevisionSchema>;

export const logListQuerySchema = z.object({
  engagementId: z.string().uuid({ message: 'validation.id' }),
  kinds: z
    .array(z.enum(LOG_KINDS, { message: 'validation.logKind' }))
    .max(LOG_KINDS.length)
    .optional(),
  search: z.string().max(200, { message: 'validation.tooLong' }).optional(),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  incidentId: z.string().uuid({ message: 'validation.id' }).optional(),
  /** `olderCursor` of the previous page: entries before it. */
  before: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(LOG_PAGE_MAX).default(10_000),
});

export const logPageSchema = z.object({
  /** Oldest first: the newest entry is at the bottom, as the war room reads it. */
  entries: z.array(logEntrySchema),
  /** Pass as `before` to fetch the entries older than this page; null when there are none. */
  olderCursor: z.string().nullable(),
});
export type LogPage = z.infer<typeof logPageSchema>;

/** Cursor of a page: the occurred time and id of its oldest entry, the list's sort key. */
export function logCursor(entry: Pick<LogEntry, 'occurredAt' | 'id'>): string {
  return `${entry.occurredAt}|${entry.id}`;
}

export function parseLogCursor(cursor: string): { occurredAt: string; id: string } | null {
  const bar = cursor.indexOf('|');
  if (bar < 1) return null;
  return { occurredAt: cursor.slice(0, bar), id: cursor.slice(bar + 1) };
}

/** Late when it happened more than two minutes before it was first written. */
export function isLateEntry(occurredAt: string, writtenAt: string): boolean {
  return Date.parse(writtenAt) - Date.parse(occurredAt) > LATE_AFTER_MS;
}

/** True when the time lies further ahead of the clock than the war room's clocks disagree. */
export function isFutureEntry(occurredAt: string, now: string): boolean {
  return Date.parse(occurredAt) - Date.parse(now) > FUTURE_TOLERANCE_MS;
}

/** How far before or after the event window an incident or observation may lie: preparation and aftercare. */
export const EVENT_TIME_MARGIN_MS = 7 * 24 * 3_600_000;

/**
 * What is wrong with the time of an incident or an observation, as an i18n key: ahead of the clock
 * (more than the clocks disagree), or more than 7 days outside the event window; null when fine.
 */
export function eventTimeProblem(
  at: string,
  now: string,
  window: { startUtc: string; endUtc: string },
): 'validation.eventTimeFuture' | 'validation.eventTimeOutsideWindow' | null {
  if (isFutureEntry(at, now)) return 'validation.eventTimeFuture';
  const time = Date.parse(at);
  if (time < Date.parse(window.startUtc) - EVENT_TIME_MARGIN_MS) return 'validation.eventTimeOutsideWindow';
  if (time > Date.parse(window.endUtc) + EVENT_TIME_MARGIN_MS) return 'validation.eventTimeOutsideWindow';
  return null;
}

/**
 * Splits a typed line into its kind, text and the incident it names: "d: roll back" is a
 * decision, "i INC-003: rolled back" an incident update linked to INC-003. Without a known
 * prefix the kind stays the one chosen in the picker.
 */
export function parseLogLine(
  line: string,
  fallback: WritableLogKind,
): { kind: WritableLogKind; text: string; incidentRef: string | null } {
  const match = /^\s*([a-z])(?:\s+(INC-\d{1,6}))?\s*[:：]\s?/i.exec(line);
  if (match) {
    const letter = (match[1] ?? '').toLowerCase();
    const kind = WRITABLE_LOG_KINDS.find((k) => LOG_KIND_PREFIXES[k] === letter);
    if (kind) return { kind, text: line.slice(match[0].length), incidentRef: match[2]?.toUpperCase() ?? null };
  }
  return { kind: fallback, text: line, incidentRef: null };
}

// ---------------------------------------------------------------------------------------------
// For the documents: what the war room decided and handed over, and the timeline in the event zone.

/** The entries a summary quotes, each group oldest first. */
export type LogDigest = {
  decisions: LogEntry[];
  /** Incident updates and actions taken: what escalated and what was changed. */
  escalationsAndChanges: LogEntry[];
  handovers: LogEntry[];
  closure: LogEntry | null;
  /** Entries counted per kind, every kind present (0 when none). */
  counts: Record<LogKind, number>;
  lateCount: number;
};

function byOccurred(a: LogEntry, b: LogEntry): number {
  return a.occurredAt === b.occurredAt ? a.id.localeCompare(b.id) : a.occurredAt < b.occurredAt ? -1 : 1;
}

export function logDigest(entries: readonly LogEntry[]): LogDigest {
  const sorted = [...entries].sort(byOccurred);
  const counts: Record<LogKind, number> = {
    observation: 0,
    decision: 0,
    action: 0,
    checkpoint: 0,
    incidentUpdate: 0,
    handover: 0,
    closure: 0,
  };
  for (const entry of sorted) counts[entry.kind] += 1;
  const closures = sorted.filter((e) => e.kind === 'closure');
  return {
    decisions: sorted.filter((e) => e.kind === 'decision'),
    escalationsAndChanges: sorted.filter((e) => e.kind === 'incidentUpdate' || e.kind === 'action'),
    handovers: sorted.filter((e) => e.kind === 'handover'),
    closure: closures.at(-1) ?? null,
    counts,
    lateCount: sorted.filter((e) => e.late).length,
  };
}

/** A line of the event timeline: wall time in the event's zone, never the laptop's. */
export type TimelineRow = {
  id: string;
  /** `YYYY-MM-DD HH:mm` in the event zone. */
  at: string;
  kind: LogKind;
  text: string;
  author: string;
  late: boolean;
  revised: boolean;
  incidentId: string | null;
};

export function logTimeline(
  entries: readonly LogEntry[],
  timeZone: string,
  options: { kinds?: readonly LogKind[] } = {},
): TimelineRow[] {
  const kinds = options.kinds ? new Set(options.kinds) : null;
  return [...entries]
    .filter((e) => kinds === null || kinds.has(e.kind))
    .sort(byOccurred)
    .map((e) => ({
      id: e.id,
      at: utcToLocal(e.occurredAt, timeZone).replace('T', ' '),
      kind: e.kind,
      text: e.text,
      author: e.author,
      late: e.late,
      revised: e.revisions > 0,
      incidentId: e.incidentId,
    }));
}
