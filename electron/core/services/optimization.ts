/**
 * Optimization plans of an engagement (monitoring, traffic protection, database, bottleneck,
 * process, disaster recovery, emergency plans, drills) and the shipped templates of common entries
 * in resources/optimization/<kind>.json. Adding from a template copies it in the engagement's
 * deliverable language and keeps the template's id. Writes run in transactions, stamp who and
 * which device changed the row, and are announced with `engagement.changed`.
 */
import { join } from 'node:path';
import type { Contract, Method } from '@shared/contract';
import { describeCatalogIssues } from '@shared/domain/catalog';
import { validationMessage } from '@shared/domain/messages';
import {
  compareOptimizationItems,
  OPTIMIZATION_KINDS,
  OPTIMIZATION_PRIORITIES,
  type OptimizationInput,
  type OptimizationItem,
  type OptimizationKind,
  type OptimizationTemplate,
  optimizationItemSchema,
  optimizationScope,
  optimizationTemplateFileSchema,
  RECOMMENDATION_KINDS,
  recommendationRef,
  templatesOfFile,
} from '@shared/domain/optimization';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { CoreContext } from '../context';
import { loadDataFiles } from '../data-files';
import { optimizationItems } from '../db/schema';
import { failure } from '../errors';
import { getEngagement } from './engagements';
import { getPlan } from './plans';

type In<M extends Method> = z.output<Contract[M]['input']>;
type ItemRow = typeof optimizationItems.$inferSelect;

/** What the `fields` column holds besides the row's columns: the kind's fields, notes and priority. */
const storedDetailsSchema = z.object({
  fields: z.record(z.string(), z.unknown()),
  notes: z.string().default(''),
  priority: z.enum(OPTIMIZATION_PRIORITIES).default('medium'),
});

function stamp(ctx: CoreContext) {
  return { updatedAt: ctx.now(), updatedBy: ctx.actor(), deviceId: ctx.deviceId };
}

function changed(ctx: CoreContext, engagementId: string) {
  ctx.emit('engagement.changed', { id: engagementId });
}

/**
 * … for the engagement's recommendations in creation order, counting every row ever
 * created, removed ones included: removing R-002 leaves R-003 as R-003 in every later document.
 */
function recommendationRefsOf(ctx: CoreContext, engagementId: string): Map<string, string> {
  const rows = ctx.store.db
    .select({ id: optimizationItems.id, kind: optimizationItems.kind })
    .from(optimizationItems)
    .where(
      and(eq(optimizationItems.engagementId, engagementId), inArray(optimizationItems.kind, [...RECOMMENDATION_KINDS])),
    )
    .orderBy(asc(optimizationItems.createdAt), asc(optimizationItems.id))
    .all();
  return new Map(rows.map((row, index) => [row.id, recommendationRef(index + 1)]));
}

/** Stored rows as the service answers them, recommendations with their R-nnn. */
function toItems(ctx: CoreContext, engagementId: string, rows: readonly ItemRow[]): OptimizationItem[] {
  const refs = recommendationRefsOf(ctx, engagementId);
  return rows.map((row) => toItem(row, refs.get(row.id)));
}

function toItem(row: ItemRow, ref: string | undefined): OptimizationItem {
  const details = storedDetailsSchema.parse(JSON.parse(row.fields));
  return optimizationItemSchema.parse({
    ref,
    id: row.id,
    engagementId: row.engagementId,
    kind: row.kind,
    title: row.title,
    owner: row.owner,
    dueDate: row.dueDate,
    status: row.status,
    priority: details.priority,
    notes: details.notes,
    fields: details.fields,
    templateId: row.templateId,
    sortOrder: row.sortOrder,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  });
}

function columnsOf(item: OptimizationInput) {
  return {
    kind: item.kind,
    title: item.title,
    owner: item.owner,
    dueDate: item.dueDate,
    status: item.status,
    fields: JSON.stringify({ fields: item.fields, notes: item.notes, priority: item.priority }),
  };
}

/** The engagement must be live and not archived for its optimization plans to change. */
function writableEngagement(ctx: CoreContext, engagementId: string) {
  const engagement = getEngagement(ctx, engagementId);
  if (engagement.deletedAt !== null || engagement.status === 'archived') {
    throw failure(
      'CONFLICT',
      `The engagement "${engagement.eventName}" is ${engagement.deletedAt ? 'in the trash' : 'archived'}; its optimization plans cannot change.`,
      { field: 'engagementId' },
    );
  }
  return engagement;
}

/** What each kind is called in a refusal (the screen uses its own translated names). */
const KIND_NAMES: Record<OptimizationKind, string> = {
  monitoring: 'Monitoring optimization',
  trafficProtection: 'Traffic protection',
  database: 'Database optimization',
  bottleneck: 'Resource bottleneck optimization',
  process: 'Process optimization',
  disasterRecovery: 'Disaster recovery',
  emergency: 'Emergency plans',
  drill: 'Drills',
};

/**
 * The kinds the engagement's edition leaves out, as a check: entries of such a kind never print
 * in its documents, so adding, changing or restoring one would record work nobody will see.
 * Removing one stays possible, to tidy up after the edition changed.
 */
function editionCheck(ctx: CoreContext, engagementId: string) {
  const { catalog } = getPlan(ctx, engagementId);
  const scope = optimizationScope(catalog.items);
  return (kind: OptimizationKind, field: string) => {
    if (scope[kind]) return;
    throw failure(
      'CONFLICT',
      `${field}: ${KIND_NAMES[kind]} is not part of the ${catalog.editionName.en} edition of ${catalog.name.en}; ` +
        'its entries cannot be added, changed or restored. Change the edition on the overview to record them.',
      { field },
    );
  };
}

function rowOf(ctx: CoreContext, engagementId: string, id: string): ItemRow | undefined {
  return ctx.store.db
    .select()
    .from(optimizationItems)
    .where(and(eq(optimizationItems.id, id), eq(optimizationItems.engagementId, engagementId)))
    .get();
}

function liveRow(ctx: CoreContext, engagementId: string, id: string, field = 'id'): ItemRow {
  const row = rowOf(ctx, engagementId, id);
  if (!row || row.deletedAt !== null) {
    throw failure('NOT_FOUND', `No optimization entry ${id} in this engagement.`, { field });
  }
  return row;
}

function liveRows(ctx: CoreContext, engagementId: string): ItemRow[] {
  return ctx.store.db
    .select()
    .from(optimizationItems)
    .where(and(eq(optimizationItems.engagementId, engagementId), isNull(optimizationItems.deletedAt)))
    .all();
}

/** New entries go to the end of their kind's list. */
function nextSortOrder(ctx: CoreContext, engagementId: string, kind: OptimizationInput['kind']): number {
  const orders = liveRows(ctx, engagementId)
    .filter((row) => row.kind === kind)
    .map((row) => row.sortOrder);
  return orders.length === 0 ? 0 : Math.max(...orders) + 1;
}

/** A drill names an emergency plan of the same engagement, if any; a removed one cannot be chosen. */
function checkDrillPlan(ctx: CoreContext, engagementId: string, item: OptimizationInput) {
  if (item.kind !== 'drill' || item.fields.emergencyId === null) return;
  const plan = rowOf(ctx, engagementId, item.fields.emergencyId);
  if (!plan || plan.deletedAt !== null || plan.kind !== 'emergency') {
    const key = 'validation.emergencyPlan';
    throw failure('INVALID_INPUT', `item.fields.emergencyId: ${validationMessage(key)}`, {
      field: 'item.fields.emergencyId',
      messageKey: key,
    });
  }
}

function insertItem(ctx: CoreContext, engagementId: string, item: OptimizationInput, templateId: string | null) {
  const now = ctx.now();
  const row: ItemRow = {
    id: ctx.newId(),
    engagementId,
    createdAt: now,
    deletedAt: null,
    ...stamp(ctx),
    updatedAt: now,
    templateId,
    sortOrder: nextSortOrder(ctx, engagementId, item.kind),
    ...columnsOf(item),
  };
  ctx.store.db.insert(optimizationItems).values(row).run();
  return row;
}

// ---------------------------------------------------------------------------------------------
// Templates

function invalidShippedFile(file: string, problems: string[]) {
  return failure(
    'INTERNAL',
    `The shipped optimization template file ${file} is invalid and Vigil cannot use it: ${problems.join('; ')}`,
    { details: problems },
  );
}

/** Every shipped template, validated at first use; kinds in their fixed order. */
export function listTemplates(ctx: CoreContext): OptimizationTemplate[] {
  const byKind = loadDataFiles(
    join(ctx.resourcesDir, 'optimization'),
    optimizationTemplateFileSchema,
    describeCatalogIssues,
    invalidShippedFile,
    templatesOfFile,
  );
  return OPTIMIZATION_KINDS.flatMap((kind) => byKind.get(kind) ?? []);
}

// ---------------------------------------------------------------------------------------------
// Entries

/** The live entries of an engagement in the consultant's order (kind, list order, creation). */
export function listItems(ctx: CoreContext, engagementId: string): OptimizationItem[] {
  getEngagement(ctx, engagementId);
  return toItems(ctx, engagementId, liveRows(ctx, engagementId)).sort(compareOptimizationItems);
}

/** Without an id: a new entry at the end of its kind; with one: that entry's new content (same kind). */
export function saveItem(ctx: CoreContext, input: In<'optimization.save'>): OptimizationItem {
  writableEngagement(ctx, input.engagementId);
  editionCheck(ctx, input.engagementId)(input.item.kind, 'item.kind');
  const row = ctx.store.sqlite.transaction(() => {
    checkDrillPlan(ctx, input.engagementId, input.item);
    if (input.id === undefined) return insertItem(ctx, input.engagementId, input.item, null);
    const current = liveRow(ctx, input.engagementId, input.id);
    if (current.kind !== input.item.kind) {
      throw failure(
        'INVALID_INPUT',
        `item.kind: this entry is a ${current.kind} entry; add a new entry to record a ${input.item.kind} one.`,
        { field: 'item.kind' },
      );
    }
    ctx.store.db
      .update(optimizationItems)
      .set({ ...columnsOf(input.item), ...stamp(ctx) })
      .where(eq(optimizationItems.id, input.id))
      .run();
    return liveRow(ctx, input.engagementId, input.id);
  })();
  changed(ctx, input.engagementId);
  return toItem(row, recommendationRefsOf(ctx, input.engagementId).get(row.id));
}

/** Soft delete: `optimization.restore` brings it back (the screen's undo). */
export function removeItem(ctx: CoreContext, engagementId: string, id: string): { id: string } {
  writableEngagement(ctx, engagementId);
  ctx.store.sqlite.transaction(() => {
    liveRow(ctx, engagementId, id);
    ctx.store.db
      .update(optimizationItems)
      .set({ deletedAt: ctx.now(), ...stamp(ctx) })
      .where(eq(optimizationItems.id, id))
      .run();
  })();
  changed(ctx, engagementId);
  return { id };
}

export function restoreItem(ctx: CoreContext, engagementId: string, id: string): OptimizationItem {
  writableEngagement(ctx, engagementId);
  const inEdition = editionCheck(ctx, engagementId);
  const row = ctx.store.sqlite.transaction(() => {
    const current = rowOf(ctx, engagementId, id);
    if (!current) throw failure('NOT_FOUND', `No optimization entry ${id} in this engagement.`, { field: 'id' });
    if (current.deletedAt !== null) {
      const kind = OPTIMIZATION_KINDS.find((k) => k === current.kind);
      if (kind) inEdition(kind, 'id');
      ctx.store.db
        .update(optimizationItems)
        .set({ deletedAt: null, ...stamp(ctx) })
        .where(eq(optimizationItems.id, id))
        .run();
    }
    return liveRow(ctx, engagementId, id);
  })();
  changed(ctx, engagementId);
  return toItem(row, recommendationRefsOf(ctx, engagementId).get(row.id));
}

/**
 * Copies templates into the engagement in its deliverable language, each keeping its template id;
 * a template already live in the engagement is skipped rather than duplicated. An unknown id
 * refuses the whole call.
 */
export function addFromTemplates(
  ctx: CoreContext,
  input: In<'optimization.addFromTemplates'>,
): { added: OptimizationItem[]; skipped: string[] } {
  const engagement = writableEngagement(ctx, input.engagementId);
  const templates = new Map(listTemplates(ctx).map((t) => [t.id, t]));
  const inEdition = editionCheck(ctx, input.engagementId);
  const ids = [...new Set(input.templateIds)];
  for (const [index, id] of ids.entries()) {
    const template = templates.get(id);
    if (!template) {
      throw failure('NOT_FOUND', `templateIds[${index}]: no optimization template "${id}".`, {
        field: `templateIds.${index}`,
      });
    }
    inEdition(template.kind, `templateIds.${index}`);
  }
  const result = ctx.store.sqlite.transaction(() => {
    const present = new Set(liveRows(ctx, input.engagementId).map((row) => row.templateId));
    const added: ItemRow[] = [];
    const skipped: string[] = [];
    for (const id of ids) {
      const template = templates.get(id);
      if (!template || present.has(id)) {
        skipped.push(id);
        continue;
      }
      added.push(insertItem(ctx, input.engagementId, template[engagement.language], id));
    }
    return { added, skipped };
  })();
  if (result.added.length > 0) changed(ctx, input.engagementId);
  return { added: toItems(ctx, input.engagementId, result.added), skipped: result.skipped };
}

/** The new order of one kind's list; `ids` must be exactly its live entries. */
export function reorderItems(ctx: CoreContext, input: In<'optimization.reorder'>): OptimizationItem[] {
  writableEngagement(ctx, input.engagementId);
  ctx.store.sqlite.transaction(() => {
    const live = liveRows(ctx, input.engagementId).filter((row) => row.kind === input.kind);
    const wanted = new Set(input.ids);
    if (wanted.size !== input.ids.length || live.length !== wanted.size || live.some((row) => !wanted.has(row.id))) {
      throw failure(
        'CONFLICT',
        'ids: the list to reorder is not the current list of this kind (it changed elsewhere); reload and try again.',
        { field: 'ids' },
      );
    }
    for (const [index, id] of input.ids.entries()) {
      ctx.store.db
        .update(optimizationItems)
        .set({ sortOrder: index, ...stamp(ctx) })
        .where(eq(optimizationItems.id, id))
        .run();
    }
  })();
  changed(ctx, input.engagementId);
  return listItems(ctx, input.engagementId).filter((item) => item.kind === input.kind);
}
