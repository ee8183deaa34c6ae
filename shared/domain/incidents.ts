/**
 * Incidents of the on-duty period: INC-nnn (numbered per engagement, never reused), severity P1–P4,
 * the five times of an incident's life, impact, affected services, root cause and actions with
 * owners. The pure functions give the screen and the documents MTTA and MTTR per incident and per
 * severity, and an incident's timeline from its own times and the war-room log entries naming it.
 *
 * Definitions, as the screen and the documents state them:
 * - MTTA (mean time to acknowledge) = acknowledged − detected.
 * - MTTR (mean time to resolve) = resolved − detected: counted from detection, not from the start,
 *   because the war room cannot act on an incident before it is detected.
 * Per severity the means are taken over resolved incidents only; open ones are counted, not averaged.
 */
import { z } from 'zod';
import { isIsoDate } from './calendar';
import { localToUtc, utcToLocal } from './time';

export const INCIDENT_SEVERITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

/** The times of an incident's life in the order they must happen. */
export const INCIDENT_TIMES = ['startedAt', 'detectedAt', 'acknowledgedAt', 'mitigatedAt', 'resolvedAt'] as const;
export type IncidentTime = (typeof INCIDENT_TIMES)[number];

export const INCIDENT_ACTION_STATUSES = ['open', 'inProgress', 'done'] as const;
export type IncidentActionStatus = (typeof INCIDENT_ACTION_STATUSES)[number];

const requiredText = (max: number, key: string) =>
  z.string({ message: key }).trim().min(1, { message: key }).max(max, { message: 'validation.tooLong' });
const optionalText = (max: number) =>
  z.string({ message: 'validation.tooLong' }).trim().max(max, { message: 'validation.tooLong' }).default('');
/** An instant, ISO-8601 UTC; unknown (null) until the war room knows it. */
const instant = z.string({ message: 'validation.instant' }).datetime({ message: 'validation.instant' }).nullable();

export const incidentActionSchema = z.object({
  id: z.string().uuid({ message: 'validation.id' }).optional(),
  action: requiredText(1000, 'validation.incidentAction'),
  owner: optionalText(200),
  /** YYYY-MM-DD, or null. */
  due: z.string().refine(isIsoDate, { message: 'validation.date' }).nullable().default(null),
  status: z.enum(INCIDENT_ACTION_STATUSES, { message: 'validation.incidentActionStatus' }).default('open'),
});
export type IncidentAction = z.infer<typeof incidentActionSchema>;

/** The i18n key that names each time when it comes before an earlier stage. */
const ORDER_KEYS: Record<Exclude<IncidentTime, 'startedAt'>, string> = {
  detectedAt: 'validation.incidentDetectedOrder',
  acknowledgedAt: 'validation.incidentAcknowledgedOrder',
  mitigatedAt: 'validation.incidentMitigatedOrder',
  resolvedAt: 'validation.incidentResolvedOrder',
};

type IncidentTimes = Record<IncidentTime, string | null>;

/**
 * The first time that comes before a known earlier stage (start ≤ detected ≤ acknowledged ≤
 * mitigated ≤ resolved; unknown times are skipped), or null when the order holds.
 */
export function incidentOrderProblem(times: IncidentTimes): { field: IncidentTime; after: IncidentTime } | null {
  let latest: { field: IncidentTime; at: number } | null = null;
  for (const field of INCIDENT_TIMES) {
    const value = times[field];
    if (value === null) continue;
    const at = Date.parse(value);
    if (latest !== null && at < latest.at) return { field, after: latest.field };
    latest = { field, at };
  }
  return null;
}

export const incidentInputSchema = z
  .object({
    severity: z.enum(INCIDENT_SEVERITIES, { message: 'validation.incidentSeverity' }),
    title: requiredText(300, 'validation.incidentTitle'),
    startedAt: instant.default(null),
    detectedAt: instant.default(null),
    acknowledgedAt: instant.default(null),
    mitigatedAt: instant.default(null),
    resolvedAt: instant.default(null),
    impact: optionalText(4000),
    affectedServices: z.array(requiredText(200, 'validation.incidentService')).max(100).default([]),
    rootCause: optionalText(4000),
    /** A security event: the Alibaba summary and acceptance report list these on their own. */
    security: z.boolean().default(false),
    actions: z.array(incidentActionSchema).max(100, { message: 'validation.tooMany' }).default([]),
  })
  .superRefine((incident, ctx) => {
    const problem = incidentOrderProblem(incident);
    if (problem && problem.field !== 'startedAt') {
      ctx.addIssue({ code: 'custom', path: [problem.field], message: ORDER_KEYS[problem.field] });
    }
  });
export type IncidentInput = z.input<typeof incidentInputSchema>;
export type IncidentFields = z.output<typeof incidentInputSchema>;

export const incidentSchema = z.object({
  id: z.string(),
  engagementId: z.string(),
  seq: z.number().int().positive(),
  /** INC-001… as every document prints it. */
  ref: z.string(),
  severity: z.enum(INCIDENT_SEVERITIES),
  title: z.string(),
  startedAt: z.string().nullable(),
  detectedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  mitigatedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  impact: z.string(),
  affectedServices: z.array(z.string()),
  rootCause: z.string(),
  security: z.boolean(),
  actions: z.array(incidentActionSchema.extend({ id: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Incident = z.infer<typeof incidentSchema>;

export function incidentRef(seq: number): string {
  return `INC-${String(seq).padStart(3, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// MTTA and MTTR

const MINUTE_MS = 60_000;

function minutesBetween(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null;
  return (Date.parse(to) - Date.parse(from)) / MINUTE_MS;
}

type Timed = Pick<Incident, 'detectedAt' | 'acknowledgedAt' | 'resolvedAt'>;

/** Time to acknowledge, in minutes: acknowledged − detected; null until both are known. */
export function mttaMinutes(incident: Timed): number | null {
  return minutesBetween(incident.detectedAt, incident.acknowledgedAt);
}

/** Time to resolve, in minutes: resolved − detected (not from the start); null until both are known. */
export function mttrMinutes(incident: Timed): number | null {
  return minutesBetween(incident.detectedAt, incident.resolvedAt);
}

/** An incident is open until its resolved time is recorded. */
export function isOpenIncident(incident: Pick<Incident, 'resolvedAt'>): boolean {
  return incident.resolvedAt === null;
}

export type SeveritySummary = {
  severity: IncidentSeverity;
  /** Every incident of this severity, open ones included. */
  count: number;
  open: number;
  /** Means over resolved incidents with both times known; null when there is none. */
  mttaMinutes: number | null;
  mttrMinutes: number | null;
};

function mean(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length;
}

/** MTTA and MTTR per severity, P1 to P4 (every severity listed, with count 0 when none). */
export function severitySummaries(incidents: readonly (Timed & Pick<Incident, 'severity'>)[]): SeveritySummary[] {
  return INCIDENT_SEVERITIES.map((severity) => {
    const all = incidents.filter((i) => i.severity === severity);
    const resolved = all.filter((i) => !isOpenIncident(i));
    return {
      severity,
      count: all.length,
      open: all.length - resolved.length,
      mttaMinutes: mean(resolved.map(mttaMinutes)),
      mttrMinutes: mean(resolved.map(mttrMinutes)),
    };
  });
}

/** "12 min", "2 h 05 min", "1 d 3 h": minutes rounded to whole minutes, for the screen and documents. */
export function formatMinutes(minutes: number | null, language: 'en' | 'zh-CN' = 'en'): string {
  if (minutes === null) return '—';
  const whole = Math.round(minutes);
  const days = Math.floor(whole / 1440);
  const hours = Math.floor((whole % 1440) / 60);
  const mins = whole % 60;
  const [d, h, m] = language === 'zh-CN' ? [' 天', ' 小时', ' 分钟'] : [' d', ' h', ' min'];
  if (days > 0) return `${days}${d} ${hours}${h}`;
  if (hours > 0) return `${hours}${h} ${String(mins).padStart(2, '0')}${m}`;
  return `${mins}${m}`;
}

// ---------------------------------------------------------------------------------------------
// Timeline

const timelineLogEntrySchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  kind: z.string(),
  text: z.string(),
  author: z.string(),
});
/** A war-room log entry as the timeline needs it (the latest revision of each entry). */
export type TimelineLogEntry = z.infer<typeof timelineLogEntrySchema>;

export const timelineItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('time'), field: z.enum(INCIDENT_TIMES), at: z.string() }),
  z.object({ kind: z.literal('log'), at: z.string(), entry: timelineLogEntrySchema }),
]);
export type TimelineItem = z.infer<typeof timelineItemSchema>;

/**
 * The incident's own times and the log entries naming it, oldest first. At the same minute its
 * own times come first, in their stage order, so "detected" never follows a note about it.
 */
export function incidentTimeline(
  incident: Pick<Incident, IncidentTime>,
  entries: readonly TimelineLogEntry[],
): TimelineItem[] {
  const own: TimelineItem[] = INCIDENT_TIMES.flatMap((field) => {
    const at = incident[field];
    return at === null ? [] : [{ kind: 'time' as const, field, at }];
  });
  const logged: TimelineItem[] = entries.map((entry) => ({ kind: 'log' as const, at: entry.occurredAt, entry }));
  const rank = (item: TimelineItem) => (item.kind === 'time' ? INCIDENT_TIMES.indexOf(item.field) : 10);
  return [...own, ...logged].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || rank(a) - rank(b));
}

// ---------------------------------------------------------------------------------------------
// The log entry a change of times writes

const TIME_WORDS: Record<IncidentTime, { en: string; 'zh-CN': string }> = {
  startedAt: { en: 'started', 'zh-CN': '开始' },
  detectedAt: { en: 'detected', 'zh-CN': '发现' },
  acknowledgedAt: { en: 'acknowledged', 'zh-CN': '确认' },
  mitigatedAt: { en: 'mitigated', 'zh-CN': '缓解' },
  resolvedAt: { en: 'resolved', 'zh-CN': '解决' },
};

/** The times that differ between two versions of an incident, in stage order. */
export function changedIncidentTimes(
  before: Record<IncidentTime, string | null> | null,
  after: Record<IncidentTime, string | null>,
): IncidentTime[] {
  return INCIDENT_TIMES.filter((field) => {
    const was = before?.[field] ?? null;
    const now = after[field];
    return was === null || now === null ? was !== now : Date.parse(was) !== Date.parse(now);
  });
}

/**
 * The 'incidentUpdate' entry saving an incident with changed times writes, in the engagement's
 * language, each time as wall time in the event zone (formatted by the caller): "INC-003 times:
 * detected 2026-11-11 09:05; resolved cleared".
 */
export function incidentTimesLogText(
  ref: string,
  changes: readonly { field: IncidentTime; at: string | null }[],
  language: 'en' | 'zh-CN',
): string {
  const parts = changes.map(({ field, at }) => {
    const word = TIME_WORDS[field][language];
    if (at === null) return language === 'zh-CN' ? `${word}时间已清除` : `${word} cleared`;
    return `${word} ${at}`;
  });
  return language === 'zh-CN' ? `${ref} 时间更新：${parts.join('；')}` : `${ref} times: ${parts.join('; ')}`;
}

// ---------------------------------------------------------------------------------------------
// Wall times typed in the event zone

const HOUR_MS = 3_600_000;

/**
 * Every instant a wall time names in the zone, earliest first: none in the hour clocks skip, two
 * in the hour they repeat (the second an hour later), one otherwise.
 */
export function wallTimeInstants(local: string, zone: string): string[] {
  const first = localToUtc(local, zone);
  if (first === null) return [];
  const second = new Date(Date.parse(first) + HOUR_MS).toISOString();
  return utcToLocal(second, zone) === local ? [first, second] : [first];
}

/**
 * The instant to store for a time field: the one already known for the text shown (the stored
 * time when the text is unchanged, the moment "Now" was pressed, or the occurrence chosen in a
 * repeated hour), so an unrelated edit never moves a time; otherwise the typed text converted.
 * Empty text is an unknown time; a text the zone skips is `missing`.
 */
export function eventTimeToSave(
  text: string,
  known: { text: string; instant: string } | null,
  zone: string,
): { at: string | null } | { missing: true } {
  if (text === '') return { at: null };
  if (known !== null && known.text === text) return { at: known.instant };
  const at = localToUtc(text, zone);
  return at === null ? { missing: true } : { at };
}

/** The current minute as an instant: what "Now" stores, whichever hour of a repeated pair it is. */
export function currentMinute(nowIso: string): string {
  const at = new Date(nowIso);
  at.setUTCSeconds(0, 0);
  return at.toISOString();
}
