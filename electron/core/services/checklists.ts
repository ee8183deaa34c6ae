/**
 * Checklist templates shipped in resources/checklists/*.json (survey, risk inspection, security
 * evaluation). An engagement starts a checklist pinned to the template content of that moment,
 * stored once per content hash in `checklist_snapshots`, so a later template release never changes
 * the items an engagement has been answering.
 */
import { join } from 'node:path';
import { describeCatalogIssues } from '@shared/domain/catalog';
import {
  type ChecklistTemplate,
  type ChecklistTemplateSummary,
  checklistItemCount,
  checklistTemplateSchema,
} from '@shared/domain/checklist';
import type Database from 'better-sqlite3';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { v5 as uuidv5 } from 'uuid';
import { canonicalJson, sha256Hex } from '../canonical';
import type { CoreContext } from '../context';
import { loadDataFiles } from '../data-files';
import { checklistSnapshots, engagementChecklists as startedChecklists } from '../db/schema';
import { failure } from '../errors';
import { getEngagement } from './engagements';

export type LoadedTemplate = { template: ChecklistTemplate; hash: string };
export type EngagementChecklist = typeof startedChecklists.$inferSelect;

/** Namespace of engagement checklist ids; fixed forever, or two devices would start one twice. */
const CHECKLIST_NAMESPACE = '8d3b4a1e-6c0f-4f8e-b2a7-5e9d1c3f7a20';

/** The id of an engagement's checklist for a template: the same on every device. */
export function engagementChecklistId(engagementId: string, templateId: string): string {
  return uuidv5(`${engagementId}/${templateId}`, CHECKLIST_NAMESPACE);
}

/** sha256 (hex) of the template's canonical JSON: the identity an engagement pins. */
export function templateHash(template: ChecklistTemplate): string {
  return sha256Hex(canonicalJson(template));
}

function invalidShippedFile(file: string, problems: string[]) {
  return failure(
    'INTERNAL',
    `The shipped checklist file ${file} is invalid and Vigil cannot use it: ${problems.join('; ')}`,
    { details: problems },
  );
}

/** Every shipped template, validated; a bad file throws a failure naming it and each bad path. */
function shippedTemplates(resourcesDir: string): Map<string, LoadedTemplate> {
  return loadDataFiles(
    join(resourcesDir, 'checklists'),
    checklistTemplateSchema,
    describeCatalogIssues,
    invalidShippedFile,
    (template): LoadedTemplate => ({ template, hash: templateHash(template) }),
  );
}

/** The shipped templates, in file-name order, without their items. */
export function listTemplates(ctx: CoreContext): ChecklistTemplateSummary[] {
  return [...shippedTemplates(ctx.resourcesDir).values()].map(({ template }) => ({
    id: template.id,
    version: template.version,
    kind: template.kind,
    title: template.title,
    description: template.description,
    itemCount: checklistItemCount(template),
  }));
}

export function getTemplate(ctx: CoreContext, templateId: string): LoadedTemplate {
  const found = shippedTemplates(ctx.resourcesDir).get(templateId);
  if (!found) {
    throw failure('NOT_FOUND', `No checklist template with id "${templateId}".`, { field: 'templateId' });
  }
  return found;
}

/** Pins the template's current content: stored once per hash, so taking it twice is harmless. */
export function snapshotTemplate(ctx: CoreContext, templateId: string): { hash: string; template: ChecklistTemplate } {
  const { template, hash } = getTemplate(ctx, templateId);
  ctx.store.db
    .insert(checklistSnapshots)
    .values({
      hash,
      templateId: template.id,
      version: template.version,
      content: canonicalJson(template),
      createdAt: ctx.now(),
    })
    .onConflictDoNothing()
    .run();
  return { hash, template };
}

export function readTemplateSnapshot(ctx: CoreContext, hash: string): ChecklistTemplate {
  const row = ctx.store.db.select().from(checklistSnapshots).where(eq(checklistSnapshots.hash, hash)).get();
  if (!row) throw failure('NOT_FOUND', `No checklist snapshot with hash ${hash}.`, { field: 'hash' });
  return checklistTemplateSchema.parse(JSON.parse(row.content));
}

/**
 * Answering asks for the started checklist on every keystroke: the row comes from a prepared
 * statement, and live rows are kept per connection. Any write to engagement_checklists (this
 * service, a cascade, a future merge) empties that cache through temporary triggers, so it can
 * never disagree with the table.
 */
type Started = {
  byId: Database.Statement<[string], EngagementChecklist>;
  live: Map<string, EngagementChecklist>;
};
const startedBySqlite = new WeakMap<Database.Database, Started>();

function started(sqlite: Database.Database): Started {
  let cached = startedBySqlite.get(sqlite);
  if (cached) return cached;
  const live = new Map<string, EngagementChecklist>();
  sqlite.function('vigil_engagement_checklists_changed', { deterministic: false }, () => {
    live.clear();
    return null;
  });
  for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
    sqlite.exec(
      `CREATE TEMP TRIGGER IF NOT EXISTS vigil_engagement_checklists_${event.toLowerCase()}
       AFTER ${event} ON main.engagement_checklists BEGIN SELECT vigil_engagement_checklists_changed(); END`,
    );
  }
  cached = {
    byId: sqlite.prepare<[string], EngagementChecklist>(
      `SELECT id, created_at AS createdAt, updated_at AS updatedAt, updated_by AS updatedBy, device_id AS deviceId,
         deleted_at AS deletedAt, engagement_id AS engagementId, template_id AS templateId, template_hash AS templateHash
       FROM engagement_checklists WHERE id = ?`,
    ),
    live,
  };
  startedBySqlite.set(sqlite, cached);
  return cached;
}

function checklistRow(ctx: CoreContext, id: string): EngagementChecklist | undefined {
  return started(ctx.store.sqlite).byId.get(id);
}

/** The live started checklist of the engagement for the template, or undefined: cached, see above. */
function liveChecklist(ctx: CoreContext, engagementId: string, templateId: string): EngagementChecklist | undefined {
  const { sqlite } = ctx.store;
  const cache = started(sqlite);
  const key = `${engagementId}/${templateId}`;
  const hit = cache.live.get(key);
  if (hit) return hit;
  const row = cache.byId.get(engagementChecklistId(engagementId, templateId));
  // Rows read inside a transaction could still be rolled back: cached only once committed.
  if (row && row.deletedAt === null && !sqlite.inTransaction) cache.live.set(key, Object.freeze(row));
  return row;
}

/**
 * The engagement's checklist for the template, started (and the template pinned) on first call.
 * Idempotent: the row id is derived from engagement and template, and a started checklist keeps
 * the hash it was started with even after the shipped template changes. Starting a new one needs a
 * live engagement: one in the trash or archived is refused.
 */
export function startChecklist(ctx: CoreContext, engagementId: string, templateId: string): EngagementChecklist {
  const existing = liveChecklist(ctx, engagementId, templateId);
  if (existing && existing.deletedAt === null) return existing;
  const id = engagementChecklistId(engagementId, templateId);
  const engagement = getEngagement(ctx, engagementId);
  if (engagement.deletedAt !== null || engagement.status === 'archived') {
    throw failure(
      'CONFLICT',
      `The engagement "${engagement.eventName}" is ${engagement.deletedAt ? 'in the trash' : 'archived'}; no checklist can be started in it.`,
      { field: 'engagementId' },
    );
  }
  const row = ctx.store.sqlite.transaction(() => {
    const now = ctx.now();
    const stamp = { updatedAt: now, updatedBy: ctx.actor(), deviceId: ctx.deviceId, deletedAt: null };
    if (existing) {
      // Removed earlier: brought back with the content it was pinned to.
      ctx.store.db.update(startedChecklists).set(stamp).where(eq(startedChecklists.id, id)).run();
    } else {
      const { hash } = snapshotTemplate(ctx, templateId);
      ctx.store.db
        .insert(startedChecklists)
        .values({ id, engagementId, templateId, templateHash: hash, createdAt: now, ...stamp })
        .onConflictDoNothing()
        .run();
    }
    return checklistRow(ctx, id);
  })();
  if (!row) throw failure('INTERNAL', `The checklist ${templateId} could not be started.`);
  ctx.emit('engagement.changed', { id: engagementId });
  return row;
}

/** The checklists started in an engagement, oldest first. */
export function engagementChecklists(ctx: CoreContext, engagementId: string): EngagementChecklist[] {
  return ctx.store.db
    .select()
    .from(startedChecklists)
    .where(and(eq(startedChecklists.engagementId, engagementId), isNull(startedChecklists.deletedAt)))
    .orderBy(asc(startedChecklists.createdAt), asc(startedChecklists.templateId))
    .all();
}
