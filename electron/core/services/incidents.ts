/**
 * Incidents of the on-duty period. INC-nnn comes from `seq`, counted over every incident the
 * engagement ever had (removed ones included), so a number is never reused and INC-003 stays
 * INC-003 in every document. The order of the times is checked by the contract's schema; the
 * timeline joins the incident's own times with the war-room log entries that name it.
 */
import type { Contract, Method } from '@shared/contract';
import {
  type Incident,
  type IncidentFields,
  incidentRef,
  incidentSchema,
  incidentTimeline,
  type TimelineItem,
  type TimelineLogEntry,
} from '@shared/domain/incidents';
import { and, asc, eq, isNull, max } from 'drizzle-orm';
import type { z } from 'zod';
import type { CoreContext } from '../context';
import { incidents, logEntries } from '../db/schema';
import { failure } from '../errors';
import { getEngagement } from './engagements';
import { writableOnDutyEngagement } from './war-room';

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

/** Without an id: a new incident, INC-(highest ever + 1); with one: that incident's new content. */
export function saveIncident(ctx: CoreContext, input: In<'incident.save'>): Incident {
  writableOnDutyEngagement(ctx, input.engagementId, 'incidents');
  const row = ctx.store.sqlite.transaction(() => {
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
      return liveRow(ctx, input.engagementId, id);
    }
    liveRow(ctx, input.engagementId, input.id);
    ctx.store.db
      .update(incidents)
      .set({ ...columnsOf(ctx, input.incident), ...stamp(ctx) })
      .where(eq(incidents.id, input.id))
      .run();
    return liveRow(ctx, input.engagementId, input.id);
  })();
  ctx.emit('engagement.changed', { id: input.engagementId });
  return toIncident(row);
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
 * The war-room log entries naming each incident: the latest revision of every entry (an edit is
 * a new row whose `revision_of` names the first one), by incident id.
 */
export function incidentLogEntries(ctx: CoreContext, engagementId: string): Map<string, TimelineLogEntry[]> {
  const rows = ctx.store.db
    .select()
    .from(logEntries)
    .where(and(eq(logEntries.engagementId, engagementId), isNull(logEntries.deletedAt)))
    .orderBy(asc(logEntries.createdAt), asc(logEntries.id))
    .all();
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) latest.set(row.revisionOf ?? row.id, row);
  const byIncident = new Map<string, TimelineLogEntry[]>();
  for (const [entryId, row] of latest) {
    if (row.incidentId === null) continue;
    const list = byIncident.get(row.incidentId) ?? [];
    list.push({ id: entryId, occurredAt: row.occurredAt, kind: row.kind, text: row.text, author: row.author });
    byIncident.set(row.incidentId, list);
  }
  return byIncident;
}

/** The incident's times and the log entries naming it, oldest first. */
export function timelineOf(ctx: CoreContext, engagementId: string, id: string): TimelineItem[] {
  getEngagement(ctx, engagementId);
  const incident = toIncident(liveRow(ctx, engagementId, id));
  return incidentTimeline(incident, incidentLogEntries(ctx, engagementId).get(id) ?? []);
}
