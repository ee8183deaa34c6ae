/**
 * Incidents of the on-duty period. INC-nnn comes from `seq`, counted over every incident the
 * engagement ever had (removed ones included), so a number is never reused and INC-003 stays
 * INC-003 in every document. The order of the times is checked by the contract's schema; the
 * timeline joins the incident's own times with the war-room log entries that name it.
 */
import type { Contract, Method } from '@shared/contract';
import {
  changedIncidentTimes,
  type Incident,
  type IncidentFields,
  incidentRef,
  incidentSchema,
  incidentTimeline,
  incidentTimesLogText,
  type TimelineItem,
  type TimelineLogEntry,
} from '@shared/domain/incidents';
import { utcToLocal } from '@shared/domain/time';
import { and, asc, eq, isNull, max } from 'drizzle-orm';
import type { z } from 'zod';
import type { CoreContext } from '../context';
import { incidents } from '../db/schema';
import { failure } from '../errors';
import { getEngagement } from './engagements';
import {
  announceLogEntry,
  appendAppLogEntry,
  assertEventTimes,
  refuseIfClosed,
  writableOnDutyEngagement,
} from './war-room';

type In<M extends Method> = z.output<Contract[M]['input']>;
type IncidentRow = typeof incidents.$inferSelect;

/** What the `incident` column holds besides the row's columns. */
const storedIncidentSchema = incidentSchema.pick({
  startedAt: true,
  detectedAt: true,
  acknowledgedAt: true,
  mitigatedAt: true,
  resolvedAt: true,
  impact: true,
  affectedServices: true,
  rootCause: true,
  security: true,
  actions: true,
});

function toIncident(row: IncidentRow): Incident {
  const stored = storedIncidentSchema.parse(JSON.parse(row.incident));
  return incidentSchema.parse({
    ...stored,
    id: row.id,
    engagementId: row.engagementId,
    seq: row.seq,
    ref: incidentRef(row.seq),
    severity: row.severity,
    title: row.title,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  });
}

/** The stored JSON of an incident; actions without an id get one, so the screen can key them. */
function columnsOf(ctx: CoreContext, fields: IncidentFields) {
  const { severity, title, ...rest } = fields;
  const actions = rest.actions.map((action) => ({ ...action, id: action.id ?? ctx.newId() }));
  return {
    severity,
    title,
    incident: JSON.stringify(storedIncidentSchema.parse({ ...rest, actions })),
  };
}

function rowOf(ctx: CoreContext, engagementId: string, id: string): IncidentRow | undefined {
  return ctx.store.db
    .select()
    .from(incidents)
    .where(and(eq(incidents.id, id), eq(incidents.engagementId, engagementId)))
    .get();
}

function liveRow(ctx: CoreContext, engagementId: string, id: string): IncidentRow {
  const row = rowOf(ctx, engagementId, id);
  if (!row || row.deletedAt !== null)
    throw failure('NOT_FOUND', `No incident ${id} in this engagement.`, { field: 'id' });
  return row;
}

function stamp(ctx: CoreContext) {
  return { updatedAt: ctx.now(), updatedBy: ctx.actor(), deviceId: ctx.deviceId };
}

export function listIncidents(ctx: CoreContext, engagementId: string): Incident[] {
  getEngagement(ctx, engagementId);
  return ctx.store.db
    .select()
    .from(incidents)
    .where(and(eq(incidents.engagementId, engagementId), isNull(incidents.deletedAt)))
    .orderBy(asc(incidents.seq))
    .all()
    .map(toIncident);
}

/**
 * Appends the 'incidentUpdate' entry naming the incident when its times changed, so its timeline
 * and the log show when the war room learnt each time; runs in the caller's transaction. A closed
 * war room's log is the record, so its incidents' times are refused until it is reopened.
 */
function logTimeChanges(
  ctx: CoreContext,
  engagement: { id: string; language: 'en' | 'zh-CN'; timeZone: string; eventStartUtc: string; eventEndUtc: string },
  before: Incident | null,
  after: Incident,
): string | null {
  const changed = changedIncidentTimes(before, after);
  if (changed.length === 0) return null;
  // Only changed times are checked, so a window moved later never blocks editing the root cause.
  assertEventTimes(
    ctx,
    engagement,
    changed.map((field) => ({ field: `incident.${field}`, at: after[field] })),
  );
  refuseIfClosed(ctx, engagement.id, `incident.${changed[0]}`, "an incident's times are written to its log");
  const changes = changed.map((field) => {
    const at = after[field];
    return { field, at: at === null ? null : utcToLocal(at, engagement.timeZone).replace('T', ' ') };
  });
  return appendAppLogEntry(ctx, engagement.id, {
    kind: 'incidentUpdate',
    text: incidentTimesLogText(after.ref, changes, engagement.language),
    incidentId: after.id,
  });
}

/** Without an id: a new incident, INC-(highest ever + 1); with one: that incident's new content. */
export function saveIncident(ctx: CoreContext, input: In<'incident.save'>): Incident {
  const engagement = writableOnDutyEngagement(ctx, input.engagementId, 'incidents');
  const saved = ctx.store.sqlite.transaction(() => {
    if (input.id === undefined) {
      const highest =
        ctx.store.db
          .select({ seq: max(incidents.seq) })
          .from(incidents)
          .where(eq(incidents.engagementId, input.engagementId))
          .get()?.seq ?? 0;
      const now = ctx.now();
      const id = ctx.newId();
      ctx.store.db
        .insert(incidents)
        .values({
          id,
          engagementId: input.engagementId,
          createdAt: now,
          deletedAt: null,
          ...stamp(ctx),
          updatedAt: now,
          seq: highest + 1,
          ...columnsOf(ctx, input.incident),
        })
        .run();
      const created = toIncident(liveRow(ctx, input.engagementId, id));
      return { incident: created, entryId: logTimeChanges(ctx, engagement, null, created) };
    }
    const before = toIncident(liveRow(ctx, input.engagementId, input.id));
    ctx.store.db
      .update(incidents)
      .set({ ...columnsOf(ctx, input.incident), ...stamp(ctx) })
      .where(eq(incidents.id, input.id))
      .run();
    const after = toIncident(liveRow(ctx, input.engagementId, input.id));
    return { incident: after, entryId: logTimeChanges(ctx, engagement, before, after) };
  })();
  if (saved.entryId !== null) announceLogEntry(ctx, input.engagementId, saved.entryId);
  else ctx.emit('engagement.changed', { id: input.engagementId });
  return saved.incident;
}

/** Soft delete: its number stays taken; `incident.restore` brings it back (the screen's undo). */
export function removeIncident(ctx: CoreContext, engagementId: string, id: string): { id: string } {
  writableOnDutyEngagement(ctx, engagementId, 'incidents');
  ctx.store.sqlite.transaction(() => {
    liveRow(ctx, engagementId, id);
    ctx.store.db
      .update(incidents)
      .set({ deletedAt: ctx.now(), ...stamp(ctx) })
      .where(eq(incidents.id, id))
      .run();
  })();
  ctx.emit('engagement.changed', { id: engagementId });
  return { id };
}

export function restoreIncident(ctx: CoreContext, engagementId: string, id: string): Incident {
  writableOnDutyEngagement(ctx, engagementId, 'incidents');
  const row = ctx.store.sqlite.transaction(() => {
    const current = rowOf(ctx, engagementId, id);
    if (!current) throw failure('NOT_FOUND', `No incident ${id} in this engagement.`, { field: 'id' });
    if (current.deletedAt !== null) {
      ctx.store.db
        .update(incidents)
        .set({ deletedAt: null, ...stamp(ctx) })
        .where(eq(incidents.id, id))
        .run();
    }
    return liveRow(ctx, engagementId, id);
  })();
  ctx.emit('engagement.changed', { id: engagementId });
  return toIncident(row);
}

/**
 * The war-room log entries naming the incident: the latest revision of each entry (an edit is a
 * new row whose `revision_of` names the first one and carries its link). Revisions are ordered by
 * insertion (rowid), not by their written time, so a laptop clock stepping back cannot bring an
 * older text back; only the incident's rows are read, through the incident_id index.
 */
export function incidentLogEntries(ctx: CoreContext, engagementId: string, incidentId: string): TimelineLogEntry[] {
  const rows = ctx.store.sqlite
    .prepare<
      [string, string],
      { id: string; revision_of: string | null; occurred_at: string; kind: string; text: string; author: string }
    >(
      `SELECT id, revision_of, occurred_at, kind, text, author FROM log_entries
       WHERE incident_id = ? AND engagement_id = ? AND deleted_at IS NULL ORDER BY rowid`,
    )
    .all(incidentId, engagementId);
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) latest.set(row.revision_of ?? row.id, row);
  const firstAuthor = new Map(rows.filter((row) => row.revision_of === null).map((row) => [row.id, row.author]));
  return [...latest].map(([entryId, row]) => ({
    id: entryId,
    occurredAt: row.occurred_at,
    kind: row.kind,
    text: row.text,
    author: firstAuthor.get(entryId) ?? row.author,
  }));
}

/** The incident's times and the log entries naming it, oldest first. */
export function timelineOf(ctx: CoreContext, engagementId: string, id: string): TimelineItem[] {
  getEngagement(ctx, engagementId);
  const incident = toIncident(liveRow(ctx, engagementId, id));
  return incidentTimeline(incident, incidentLogEntries(ctx, engagementId, id));
}
