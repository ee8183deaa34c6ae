import type { MethodInput } from '@shared/contract';
import {
  checkEventWindow,
  type Engagement,
  type EngagementFields,
  type EngagementListQuery,
  type EngagementStatus,
  engagementFieldsSchema,
} from '@shared/domain/engagement';
import { validationMessage } from '@shared/domain/messages';
import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import type { CoreContext } from '../context';
import type { Db } from '../db/client';
import { engagements } from '../db/schema';
import { failure } from '../errors';
import { invalidInput } from '../validation';
import { listCatalogs } from './catalogs';

type Row = typeof engagements.$inferSelect;

function toEngagement(row: Row): Engagement {
  return {
    id: row.id,
    customerOrg: row.customerOrg,
    eventName: row.eventName,
    eventKind: row.eventKind as Engagement['eventKind'],
    eventStartLocal: row.eventStartLocal,
    eventEndLocal: row.eventEndLocal,
    eventStartUtc: row.eventStartUtc,
    eventEndUtc: row.eventEndUtc,
    timeZone: row.timeZone,
    catalogId: row.catalogId as Engagement['catalogId'],
    editionId: row.editionId,
    language: row.language as Engagement['language'],
    status: row.status as EngagementStatus,
    statusBeforeArchive: row.statusBeforeArchive as EngagementStatus | null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
    deletedAt: row.deletedAt,
  };
}

// Wrapped in sql`` so `.set()` accepts placeholders as values.
const p = (name: string) => sql`${sql.placeholder(name)}`;

/** Statements on the hot paths, prepared once per store. */
function prepareStatements(db: Db) {
  return {
    byId: db
      .select()
      .from(engagements)
      .where(and(eq(engagements.id, p('id')), isNull(engagements.purgedAt)))
      .prepare(),
    save: db
      .update(engagements)
      .set({
        customerOrg: p('customerOrg'),
        eventName: p('eventName'),
        eventKind: p('eventKind'),
        eventStartLocal: p('eventStartLocal'),
        eventEndLocal: p('eventEndLocal'),
        eventStartUtc: p('eventStartUtc'),
        eventEndUtc: p('eventEndUtc'),
        timeZone: p('timeZone'),
        catalogId: p('catalogId'),
        editionId: p('editionId'),
        language: p('language'),
        status: p('status'),
        statusBeforeArchive: p('statusBeforeArchive'),
        deletedAt: p('deletedAt'),
        updatedAt: p('updatedAt'),
        updatedBy: p('updatedBy'),
        deviceId: p('deviceId'),
      })
      .where(eq(engagements.id, p('id')))
      .prepare(),
  };
}
const statementsByDb = new WeakMap<Db, ReturnType<typeof prepareStatements>>();
function statements(db: Db) {
  let s = statementsByDb.get(db);
  if (!s) {
    s = prepareStatements(db);
    statementsByDb.set(db, s);
  }
  return s;
}

/** The catalog must be one this installation has, and the edition one that catalog offers. */
function assertOffered(
  ctx: CoreContext,
  fields: Pick<EngagementFields, 'catalogId' | 'editionId'>,
  fieldPrefix: string,
) {
  const path = (field: string) => (fieldPrefix ? `${fieldPrefix}.${field}` : field);
  const catalog = listCatalogs(ctx).find((c) => c.catalogId === fields.catalogId);
  if (!catalog) {
    throw failure('INVALID_INPUT', `${path('catalogId')}: ${validationMessage('validation.catalog')}`, {
      field: path('catalogId'),
      messageKey: 'validation.catalog',
    });
  }
  if (!catalog.editions.some((e) => e.id === fields.editionId)) {
    throw failure('INVALID_INPUT', `${path('editionId')}: ${validationMessage('validation.edition')}`, {
      field: path('editionId'),
      messageKey: 'validation.edition',
    });
  }
}

/**
 * Validates the whole set of fields, cross-field rules included, and gives the UTC window. When the
 * window's wall times and zone are those already stored, the stored UTC times stand: an autosave of
 * the customer's name need not redo time-zone arithmetic.
 */
function checkedFields(ctx: CoreContext, fields: EngagementFields, fieldPrefix: string, stored?: Row) {
  const windowUnchanged =
    stored !== undefined &&
    fields.eventStartLocal === stored.eventStartLocal &&
    fields.eventEndLocal === stored.eventEndLocal &&
    fields.timeZone === stored.timeZone;
  const computed: { window: ReturnType<typeof checkEventWindow> } = { window: null };
  const schema = windowUnchanged
    ? engagementFieldsSchema
    : engagementFieldsSchema.superRefine((valid, ctx) => {
        computed.window = checkEventWindow(valid, ctx);
      });
  const parsed = schema.safeParse(fields);
  if (!parsed.success) throw invalidInput(parsed.error, fieldPrefix);
  if (!stored || stored.catalogId !== parsed.data.catalogId || stored.editionId !== parsed.data.editionId) {
    assertOffered(ctx, parsed.data, fieldPrefix);
  }
  if (windowUnchanged)
    return { fields: parsed.data, eventStartUtc: stored.eventStartUtc, eventEndUtc: stored.eventEndUtc };
  if (computed.window === null) throw failure('INTERNAL', 'Event window could not be converted to UTC.');
  return { fields: parsed.data, eventStartUtc: computed.window.startUtc, eventEndUtc: computed.window.endUtc };
}

function loadRow(ctx: CoreContext, id: string): Row {
  const row = statements(ctx.store.db).byId.get({ id });
  if (!row) throw failure('NOT_FOUND', `No engagement with id ${id}.`, { field: 'id' });
  return row;
}

function loadLive(ctx: CoreContext, id: string): Row {
  const row = loadRow(ctx, id);
  if (row.deletedAt !== null) {
    throw failure('CONFLICT', `The engagement "${row.eventName}" is in the trash. Restore it first.`, { field: 'id' });
  }
  return row;
}

function save(ctx: CoreContext, row: Row): Engagement {
  const stamped: Row = { ...row, updatedAt: ctx.now(), updatedBy: ctx.actor(), deviceId: ctx.deviceId };
  statements(ctx.store.db).save.run(stamped);
  ctx.emit('engagement.changed', { id: row.id });
  return toEngagement(stamped);
}

export function getEngagement(ctx: CoreContext, id: string): Engagement {
  return toEngagement(loadRow(ctx, id));
}

export function createEngagement(ctx: CoreContext, input: EngagementFields): Engagement {
  const { fields, eventStartUtc, eventEndUtc } = checkedFields(ctx, input, '');
  const now = ctx.now();
  const row: Row = {
    id: ctx.newId(),
    createdAt: now,
    updatedAt: now,
    updatedBy: ctx.actor(),
    deviceId: ctx.deviceId,
    deletedAt: null,
    purgedAt: null,
    ...fields,
    eventStartUtc,
    eventEndUtc,
    status: 'planning',
    statusBeforeArchive: null,
  };
  ctx.store.db.insert(engagements).values(row).run();
  ctx.emit('engagement.changed', { id: row.id });
  return toEngagement(row);
}

export function updateEngagement(ctx: CoreContext, input: MethodInput<'engagement.update'>): Engagement {
  const row = loadLive(ctx, input.id);
  if (row.status === 'archived') {
    throw failure('CONFLICT', `The engagement "${row.eventName}" is archived. Unarchive it to edit.`, { field: 'id' });
  }
  const { status, ...fieldPatch } = input.patch;
  if (status === 'archived') {
    throw failure('INVALID_INPUT', 'patch.status: use Archive to archive an engagement.', { field: 'patch.status' });
  }
  const current = toEngagement(row);
  const { fields, eventStartUtc, eventEndUtc } = checkedFields(ctx, { ...current, ...fieldPatch }, 'patch', row);
  return save(ctx, { ...row, ...fields, eventStartUtc, eventEndUtc, status: status ?? row.status });
}

export function archiveEngagement(ctx: CoreContext, id: string): Engagement {
  const row = loadLive(ctx, id);
  if (row.status === 'archived') return toEngagement(row);
  return save(ctx, { ...row, status: 'archived', statusBeforeArchive: row.status });
}

export function unarchiveEngagement(ctx: CoreContext, id: string): Engagement {
  const row = loadLive(ctx, id);
  if (row.status !== 'archived') return toEngagement(row);
  return save(ctx, { ...row, status: row.statusBeforeArchive ?? 'planning', statusBeforeArchive: null });
}

export function trashEngagement(ctx: CoreContext, id: string): Engagement {
  const row = loadRow(ctx, id);
  if (row.deletedAt !== null) return toEngagement(row);
  return save(ctx, { ...row, deletedAt: ctx.now() });
}

export function restoreEngagement(ctx: CoreContext, id: string): Engagement {
  const row = loadRow(ctx, id);
  return save(ctx, { ...row, deletedAt: null });
}

export function listTrash(ctx: CoreContext): Engagement[] {
  return ctx.store.db
    .select()
    .from(engagements)
    .where(and(isNotNull(engagements.deletedAt), isNull(engagements.purgedAt)))
    .orderBy(desc(engagements.deletedAt))
    .all()
    .map(toEngagement);
}

/**
 * Empties the trash for good: customer data in the rows is blanked, and each row stays only as a
 * tombstone (id, times, purged_at) so that a future sync peer learns the deletion.
 */
export function emptyTrash(ctx: CoreContext): { purged: number } {
  const now = ctx.now();
  const result = ctx.store.db
    .update(engagements)
    .set({
      purgedAt: now,
      customerOrg: '',
      eventName: '',
      updatedAt: now,
      updatedBy: ctx.actor(),
      deviceId: ctx.deviceId,
    })
    .where(and(isNotNull(engagements.deletedAt), isNull(engagements.purgedAt)))
    .run();
  if (result.changes > 0) ctx.emit('engagement.changed', { id: '*' });
  return { purged: result.changes };
}

const sortColumns = {
  updatedAt: engagements.updatedAt,
  eventStart: engagements.eventStartUtc,
  customerOrg: sql`${engagements.customerOrg} COLLATE NOCASE`,
  eventName: sql`${engagements.eventName} COLLATE NOCASE`,
} as const;

/** LIKE treats % and _ as wildcards; a consultant searching "50%" means the characters. */
function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function listEngagements(ctx: CoreContext, query: EngagementListQuery): Engagement[] {
  const conditions = [isNull(engagements.deletedAt), isNull(engagements.purgedAt)];
  if (query.statuses.length > 0) conditions.push(inArray(engagements.status, query.statuses));
  else if (!query.includeArchived) conditions.push(ne(engagements.status, 'archived'));
  if (query.search !== '') {
    const pattern = likePattern(query.search);
    const match = or(
      sql`${engagements.customerOrg} LIKE ${pattern} ESCAPE '\\'`,
      sql`${engagements.eventName} LIKE ${pattern} ESCAPE '\\'`,
    );
    if (match) conditions.push(match);
  }
  const order = query.sortDir === 'asc' ? asc : desc;
  return ctx.store.db
    .select()
    .from(engagements)
    .where(and(...conditions))
    .orderBy(order(sortColumns[query.sortBy]), desc(engagements.id))
    .all()
    .map(toEngagement);
}
