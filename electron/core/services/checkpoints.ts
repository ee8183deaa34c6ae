/**
 * Checkpoints of the on-duty period: planned checks with the metrics to record, quick-added from
 * templates placed relative to the event window, and their observations. Recording observations
 * also appends a 'checkpoint' entry to the war-room log in the same transaction, so the log reads
 * as the war room lived it; a closed war room takes no recordings until reopened.
 */
import type { Contract, Method } from '@shared/contract';
import {
  type Checkpoint,
  type CheckpointTemplate,
  changedObservation,
  checkpointLogText,
  checkpointMetricSchema,
  checkpointSchema,
  compareCheckpoints,
  DEFAULT_CHECKPOINT_METRICS,
  TEMPLATE_NAMES,
  templatePlannedAt,
} from '@shared/domain/checkpoints';
import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { CoreContext } from '../context';
import { checkpoints } from '../db/schema';
import { failure } from '../errors';
import { invalidInput } from '../validation';
import { getEngagement } from './engagements';
import {
  announceLogEntry,
  appendAppLogEntry,
  assertEventTimes,
  refuseIfClosed,
  writableOnDutyEngagement,
} from './war-room';

type In<M extends Method> = z.output<Contract[M]['input']>;
type CheckpointRow = typeof checkpoints.$inferSelect;

/** What the `checkpoint` column holds besides name and planned time. */
const storedSchema = checkpointSchema.pick({ template: true, metrics: true, notes: true, recordedAt: true });
type Stored = z.infer<typeof storedSchema>;

function toCheckpoint(row: CheckpointRow): Checkpoint {
  const stored = storedSchema.parse(JSON.parse(row.checkpoint));
  return checkpointSchema.parse({
    ...stored,
    id: row.id,
    engagementId: row.engagementId,
    name: row.name,
    plannedAt: row.plannedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  });
}

function stamp(ctx: CoreContext) {
  return { updatedAt: ctx.now(), updatedBy: ctx.actor(), deviceId: ctx.deviceId };
}

function rowOf(ctx: CoreContext, engagementId: string, id: string): CheckpointRow | undefined {
  return ctx.store.db
    .select()
    .from(checkpoints)
    .where(and(eq(checkpoints.id, id), eq(checkpoints.engagementId, engagementId)))
    .get();
}

function liveRow(ctx: CoreContext, engagementId: string, id: string): CheckpointRow {
  const row = rowOf(ctx, engagementId, id);
  if (!row || row.deletedAt !== null) {
    throw failure('NOT_FOUND', `No checkpoint ${id} in this engagement.`, { field: 'id' });
  }
  return row;
}

function liveRows(ctx: CoreContext, engagementId: string): CheckpointRow[] {
  return ctx.store.db
    .select()
    .from(checkpoints)
    .where(and(eq(checkpoints.engagementId, engagementId), isNull(checkpoints.deletedAt)))
    .all();
}

function insert(ctx: CoreContext, engagementId: string, name: string, plannedAt: string, stored: Stored): string {
  const now = ctx.now();
  const id = ctx.newId();
  ctx.store.db
    .insert(checkpoints)
    .values({
      id,
      engagementId,
      createdAt: now,
      deletedAt: null,
      ...stamp(ctx),
      updatedAt: now,
      name,
      plannedAt,
      checkpoint: JSON.stringify(stored),
    })
    .run();
  return id;
}

/** The live checkpoints in time order. */
export function listCheckpoints(ctx: CoreContext, engagementId: string): Checkpoint[] {
  getEngagement(ctx, engagementId);
  return liveRows(ctx, engagementId).map(toCheckpoint).sort(compareCheckpoints);
}

/**
 * Without an id: a new checkpoint; with one: its plan, metrics and notes (values kept as sent).
 * Observed values changed here are logged like a recording; once the war room is closed they are
 * refused (the closed log is the record), while the plan and notes may still be corrected.
 */
export function saveCheckpoint(ctx: CoreContext, input: In<'checkpoint.save'>): Checkpoint {
  const engagement = writableOnDutyEngagement(ctx, input.engagementId, 'checkpoints');
  const { name, plannedAt, notes } = input.checkpoint;
  const saved = ctx.store.sqlite.transaction(() => {
    const current = input.id === undefined ? null : toCheckpoint(liveRow(ctx, input.engagementId, input.id));
    const changed = changedObservation(current?.metrics ?? [], input.checkpoint.metrics);
    if (changed !== null) {
      const previous = new Map((current?.metrics ?? []).map((m) => [m.id, m.observedAt]));
      assertEventTimes(
        ctx,
        engagement,
        input.checkpoint.metrics.flatMap((m, index) =>
          m.observedAt !== null && (m.id === undefined || previous.get(m.id) !== m.observedAt)
            ? [{ field: `checkpoint.metrics.${index}.observedAt`, at: m.observedAt }]
            : [],
        ),
      );
      refuseIfClosed(
        ctx,
        input.engagementId,
        `checkpoint.metrics.${changed}.value`,
        'observed values are written to its log; record them after reopening',
      );
    }
    const metrics = input.checkpoint.metrics.map((metric) => ({ ...metric, id: metric.id ?? ctx.newId() }));
    let id: string;
    if (current === null) {
      id = insert(ctx, input.engagementId, name, plannedAt, { template: null, metrics, notes, recordedAt: null });
    } else {
      id = current.id;
      const stored: Stored = { template: current.template, metrics, notes, recordedAt: current.recordedAt };
      ctx.store.db
        .update(checkpoints)
        .set({ name, plannedAt, checkpoint: JSON.stringify(stored), ...stamp(ctx) })
        .where(eq(checkpoints.id, id))
        .run();
    }
    const entryId =
      changed === null
        ? null
        : appendAppLogEntry(ctx, input.engagementId, {
            kind: 'checkpoint',
            text: checkpointLogText({ name, metrics, notes }, engagement.language),
            checkpointId: id,
          });
    return { id, entryId };
  })();
  if (saved.entryId !== null) announceLogEntry(ctx, input.engagementId, saved.entryId);
  else ctx.emit('engagement.changed', { id: input.engagementId });
  return toCheckpoint(liveRow(ctx, input.engagementId, saved.id));
}

/**
 * Adds the quick-add checkpoints chosen, named in the engagement's language and placed relative to
 * its window, each with QPS, TPS, p99 latency and error rate to record; a template already live in
 * the engagement is skipped. The peak needs `peakAt`.
 */
export function addCheckpointsFromTemplates(
  ctx: CoreContext,
  input: In<'checkpoint.addFromTemplates'>,
): { added: Checkpoint[]; skipped: CheckpointTemplate[] } {
  const engagement = writableOnDutyEngagement(ctx, input.engagementId, 'checkpoints');
  const peakAt = input.peakAt ?? null;
  if (input.templates.includes('peak') && peakAt === null) {
    throw failure('INVALID_INPUT', 'peakAt: set the time of the expected peak to add the peak checkpoint.', {
      field: 'peakAt',
    });
  }
  const result = ctx.store.sqlite.transaction(() => {
    const present = new Set(liveRows(ctx, input.engagementId).map((row) => toCheckpoint(row).template));
    const added: string[] = [];
    const skipped: CheckpointTemplate[] = [];
    for (const template of new Set(input.templates)) {
      const plannedAt = templatePlannedAt(template, engagement, peakAt);
      if (present.has(template) || plannedAt === null) {
        skipped.push(template);
        continue;
      }
      const metrics = DEFAULT_CHECKPOINT_METRICS.map((kind) => ({
        id: ctx.newId(),
        kind,
        resource: '',
        name: '',
        unit: '',
        value: null,
        observedAt: null,
      }));
      added.push(
        insert(ctx, input.engagementId, TEMPLATE_NAMES[template][engagement.language], plannedAt, {
          template,
          metrics,
          notes: '',
          recordedAt: null,
        }),
      );
    }
    return { added, skipped };
  })();
  if (result.added.length > 0) ctx.emit('engagement.changed', { id: input.engagementId });
  return {
    added: result.added.map((id) => toCheckpoint(liveRow(ctx, input.engagementId, id))).sort(compareCheckpoints),
    skipped: result.skipped,
  };
}

/**
 * Records observed values (each with when it was observed, default: `observedAt`) and notes, and
 * appends the 'checkpoint' log entry with what was observed, in one transaction.
 */
export function recordCheckpoint(ctx: CoreContext, input: In<'checkpoint.record'>): Checkpoint {
  const engagement = writableOnDutyEngagement(ctx, input.engagementId, 'checkpoints');
  const entryId = ctx.store.sqlite.transaction(() => {
    refuseIfClosed(ctx, input.engagementId, 'engagementId', 'checkpoint observations are written to its log');
    assertEventTimes(ctx, engagement, [
      { field: 'observedAt', at: input.observedAt },
      ...input.values.map((value, index) => ({ field: `values.${index}.observedAt`, at: value.observedAt ?? null })),
    ]);
    const current = toCheckpoint(liveRow(ctx, input.engagementId, input.id));
    const byMetric = new Map(current.metrics.map((m) => [m.id, m]));
    for (const [index, value] of input.values.entries()) {
      if (!byMetric.has(value.metricId)) {
        throw failure('NOT_FOUND', `values[${index}].metricId: checkpoint "${current.name}" has no such metric.`, {
          field: `values.${index}.metricId`,
        });
      }
    }
    const observed = new Map(input.values.map((v) => [v.metricId, v]));
    const metrics = current.metrics.map((metric) => {
      const value = observed.get(metric.id);
      if (!value) return metric;
      // Recording again sends every metric; one whose value stayed keeps when it was observed.
      const unchanged = value.value === metric.value && value.observedAt === undefined;
      const next = {
        ...metric,
        value: value.value,
        observedAt:
          value.value === null ? null : unchanged ? metric.observedAt : (value.observedAt ?? input.observedAt),
      };
      // The metric's own rules (a percentage stays within 0–100) apply to what is observed.
      const checked = checkpointMetricSchema.safeParse(next);
      if (!checked.success) throw invalidInput(checked.error, `values.${input.values.indexOf(value)}`);
      return next;
    });
    const notes = input.notes ?? current.notes;
    const stored: Stored = { template: current.template, metrics, notes, recordedAt: ctx.now() };
    ctx.store.db
      .update(checkpoints)
      .set({ checkpoint: JSON.stringify(stored), ...stamp(ctx) })
      .where(eq(checkpoints.id, input.id))
      .run();
    // Dated when observed, not when typed in, so a recording made later is marked late in the log.
    return appendAppLogEntry(ctx, input.engagementId, {
      kind: 'checkpoint',
      text: checkpointLogText({ name: current.name, metrics, notes }, engagement.language),
      checkpointId: input.id,
      occurredAt: input.observedAt,
    });
  })();
  announceLogEntry(ctx, input.engagementId, entryId);
  return toCheckpoint(liveRow(ctx, input.engagementId, input.id));
}

/** Soft delete: `checkpoint.restore` brings it back (the screen's undo). Its log entries stay. */
export function removeCheckpoint(ctx: CoreContext, engagementId: string, id: string): { id: string } {
  writableOnDutyEngagement(ctx, engagementId, 'checkpoints');
  ctx.store.sqlite.transaction(() => {
    liveRow(ctx, engagementId, id);
    ctx.store.db
      .update(checkpoints)
      .set({ deletedAt: ctx.now(), ...stamp(ctx) })
      .where(eq(checkpoints.id, id))
      .run();
  })();
  ctx.emit('engagement.changed', { id: engagementId });
  return { id };
}

export function restoreCheckpoint(ctx: CoreContext, engagementId: string, id: string): Checkpoint {
  writableOnDutyEngagement(ctx, engagementId, 'checkpoints');
  ctx.store.sqlite.transaction(() => {
    const current = rowOf(ctx, engagementId, id);
    if (!current) throw failure('NOT_FOUND', `No checkpoint ${id} in this engagement.`, { field: 'id' });
    if (current.deletedAt !== null) {
      ctx.store.db
        .update(checkpoints)
        .set({ deletedAt: null, ...stamp(ctx) })
        .where(eq(checkpoints.id, id))
        .run();
    }
  })();
  ctx.emit('engagement.changed', { id: engagementId });
  return toCheckpoint(liveRow(ctx, engagementId, id));
}
