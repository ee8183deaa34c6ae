/**
 * The war room's state shared by checkpoints, incidents and closing: whether it is closed, the
 * entries they append to the war-room log themselves (a recorded checkpoint, the closing), and
 * closing and reopening it. Closing records the outcome, lessons and follow-ups and appends the
 * 'closure' entry in one transaction; the sign-off gate and the log's writes read `closed_at`.
 */
import type { Contract, Method } from '@shared/contract';
import { incidentRef } from '@shared/domain/incidents';
import { validationMessage } from '@shared/domain/messages';
import {
  closureLogText,
  reopenLogText,
  type StoredClosure,
  storedClosureSchema,
  type WarRoomState,
} from '@shared/domain/war-room-closure';
import { eventTimeProblem, LOG_TEXT_MAX_CHARS } from '@shared/domain/war-room-log';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { CoreContext } from '../context';
import { incidents, onDutySettings } from '../db/schema';
import { failure } from '../errors';
import { getEngagement } from './engagements';
import { appendLogEntry } from './war-room-log';

type In<M extends Method> = z.output<Contract[M]['input']>;

type SettingsRow = typeof onDutySettings.$inferSelect;

/** An incident's stored JSON is open while it has no resolved time. */
const openIncidentSchema = z.object({ resolvedAt: z.null() });

/** The engagement must be live and not archived for its on-duty record to change. */
export function writableOnDutyEngagement(ctx: CoreContext, engagementId: string, what: string) {
  const engagement = getEngagement(ctx, engagementId);
  if (engagement.deletedAt !== null || engagement.status === 'archived') {
    throw failure(
      'CONFLICT',
      `The engagement "${engagement.eventName}" is ${engagement.deletedAt ? 'in the trash' : 'archived'}; its ${what} cannot change.`,
      { field: 'engagementId' },
    );
  }
  return engagement;
}

function settingsRow(ctx: CoreContext, engagementId: string): SettingsRow | undefined {
  return ctx.store.db.select().from(onDutySettings).where(eq(onDutySettings.engagementId, engagementId)).get();
}

/** When the war room was closed (ISO-8601 UTC), or null while it is open. */
export function warRoomClosedAt(ctx: CoreContext, engagementId: string): string | null {
  return settingsRow(ctx, engagementId)?.closedAt ?? null;
}

/**
 * Refuses an incident or observed time ahead of the clock or more than 7 days outside the event
 * window, naming the field: a year typed wrong would otherwise skew MTTR and the peak comparison.
 */
export function assertEventTimes(
  ctx: CoreContext,
  engagement: { eventStartUtc: string; eventEndUtc: string },
  times: readonly { field: string; at: string | null }[],
): void {
  const now = ctx.now();
  for (const { field, at } of times) {
    if (at === null) continue;
    const problem = eventTimeProblem(at, now, { startUtc: engagement.eventStartUtc, endUtc: engagement.eventEndUtc });
    if (problem !== null) {
      throw failure('INVALID_INPUT', `${field}: ${validationMessage(problem)}`, { field, messageKey: problem });
    }
  }
}

/** Refuses a write that would add to the log of a closed war room. */
export function refuseIfClosed(ctx: CoreContext, engagementId: string, field: string, what: string): void {
  if (warRoomClosedAt(ctx, engagementId) === null) return;
  throw failure('CONFLICT', `The war room is closed: ${what}. Reopen it (with a reason) to record more.`, { field });
}

/**
 * Appends an entry to the war-room log as the app writes it (a recorded checkpoint, the closing):
 * now, by the current consultant, through the log's own writer (a closed war room takes only the
 * closure entry). Runs inside the caller's transaction; the caller announces it.
 */
export function appendAppLogEntry(
  ctx: CoreContext,
  engagementId: string,
  entry: {
    kind: 'checkpoint' | 'closure' | 'incidentUpdate';
    text: string;
    checkpointId?: string | null;
    incidentId?: string | null;
    /** When it happened, if not now (a checkpoint recorded late). */
    occurredAt?: string;
  },
): string {
  // Longer text would not fit the log's own limit; the record itself keeps everything.
  const text = entry.text.length > LOG_TEXT_MAX_CHARS ? `${entry.text.slice(0, LOG_TEXT_MAX_CHARS - 1)}…` : entry.text;
  return appendLogEntry(ctx, engagementId, {
    kind: entry.kind,
    text,
    checkpointId: entry.checkpointId ?? null,
    incidentId: entry.incidentId ?? null,
    ...(entry.occurredAt === undefined ? {} : { occurredAt: entry.occurredAt }),
  }).id;
}

/** Tells open screens about an entry the app appended (the log listens to this lighter event). */
export function announceLogEntry(ctx: CoreContext, engagementId: string, id: string): void {
  ctx.emit('log.appended', { engagementId, id });
  ctx.emit('engagement.changed', { id: engagementId });
}

function storedClosure(row: SettingsRow | undefined): StoredClosure | null {
  if (!row?.closure) return null;
  return storedClosureSchema.parse(JSON.parse(row.closure));
}

export function warRoomState(ctx: CoreContext, engagementId: string): WarRoomState {
  getEngagement(ctx, engagementId);
  const row = settingsRow(ctx, engagementId);
  return { closedAt: row?.closedAt ?? null, closure: storedClosure(row) };
}

/**
 * Writes closed_at and the closure. The roster owns `settings`; a row made here carries an empty
 * object, which the roster reads as its defaults.
 */
function writeClosure(ctx: CoreContext, engagementId: string, closedAt: string | null, closure: StoredClosure) {
  const now = ctx.now();
  const stamp = { updatedAt: now, updatedBy: ctx.actor(), deviceId: ctx.deviceId };
  const values = { closedAt, closure: JSON.stringify(closure) };
  if (settingsRow(ctx, engagementId)) {
    ctx.store.db
      .update(onDutySettings)
      .set({ ...values, ...stamp })
      .where(eq(onDutySettings.engagementId, engagementId))
      .run();
    return;
  }
  ctx.store.db
    .insert(onDutySettings)
    .values({ id: ctx.newId(), engagementId, createdAt: now, deletedAt: null, settings: '{}', ...values, ...stamp })
    .run();
}

/** Closes the war room: the outcome, lessons and follow-ups, and the 'closure' log entry, together. */
export function closeWarRoom(ctx: CoreContext, input: In<'warroom.close'>): WarRoomState {
  const engagement = writableOnDutyEngagement(ctx, input.engagementId, 'war room');
  const closure = input.closure;
  const entryId = ctx.store.sqlite.transaction(() => {
    if (warRoomClosedAt(ctx, input.engagementId) !== null) {
      throw failure('CONFLICT', 'The war room is already closed; reopen it to change the closing.', {
        field: 'engagementId',
      });
    }
    const now = ctx.now();
    const openIncidentsAtClose = ctx.store.db
      .select({ seq: incidents.seq, incident: incidents.incident })
      .from(incidents)
      .where(and(eq(incidents.engagementId, input.engagementId), isNull(incidents.deletedAt)))
      .orderBy(asc(incidents.seq))
      .all()
      .filter((row) => openIncidentSchema.safeParse(JSON.parse(row.incident)).success)
      .map((row) => incidentRef(row.seq));
    const context = {
      closedBeforeWindowEnd: Date.parse(now) < Date.parse(engagement.eventEndUtc),
      openIncidentsAtClose,
    };
    writeClosure(ctx, input.engagementId, now, { ...closure, closedBy: ctx.actor(), reopened: null, ...context });
    return appendAppLogEntry(ctx, input.engagementId, {
      kind: 'closure',
      text: closureLogText(closure, engagement.language, context),
    });
  })();
  announceLogEntry(ctx, input.engagementId, entryId);
  return warRoomState(ctx, input.engagementId);
}

/** Reopens a closed war room with a reason, logged as a 'closure' entry; the last closing is kept to start from. */
export function reopenWarRoom(ctx: CoreContext, input: In<'warroom.reopen'>): WarRoomState {
  const engagement = writableOnDutyEngagement(ctx, input.engagementId, 'war room');
  const entryId = ctx.store.sqlite.transaction(() => {
    const closure = storedClosure(settingsRow(ctx, input.engagementId));
    if (warRoomClosedAt(ctx, input.engagementId) === null || closure === null) {
      throw failure('CONFLICT', 'The war room is open; there is nothing to reopen.', { field: 'engagementId' });
    }
    const reopened = { reason: input.reason, by: ctx.actor(), at: ctx.now() };
    writeClosure(ctx, input.engagementId, null, { ...closure, reopened });
    return appendAppLogEntry(ctx, input.engagementId, {
      kind: 'closure',
      text: reopenLogText(input.reason, engagement.language),
    });
  })();
  announceLogEntry(ctx, input.engagementId, entryId);
  return warRoomState(ctx, input.engagementId);
}
