/**
 * Service catalogs: the shipped ones in resources/catalogs/*.json and a firm's own in
 * `firm_catalogs`. An engagement keeps the content it started from in `catalog_snapshots`, keyed
 * by the content hash, so a later edit never changes it.
 */
import { join } from 'node:path';
import {
  type Catalog,
  type CatalogOrigin,
  type CatalogSummary,
  catalogSchema,
  describeCatalogIssues,
  type Localized,
} from '@shared/domain/catalog';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { canonicalJson, sha256Hex } from '../canonical';
import type { CoreContext } from '../context';
import { loadDataFiles } from '../data-files';
import { catalogSnapshots, firmCatalogs } from '../db/schema';
import { failure } from '../errors';

export type { CatalogOrigin, CatalogSummary };

export type LoadedCatalog = { catalog: Catalog; hash: string; origin: CatalogOrigin };

/** sha256 (hex) of the catalog's canonical JSON: the identity an engagement pins. */
export function catalogHash(catalog: Catalog): string {
  return sha256Hex(canonicalJson(catalog));
}

function invalidShippedFile(file: string, problems: string[]) {
  return failure(
    'INTERNAL',
    `The shipped catalog file ${file} is invalid and Vigil cannot start: ${problems.join('; ')}`,
    { details: problems },
  );
}

/** Every shipped catalog, validated; a bad file throws a failure naming it and each problem. */
function builtinCatalogs(resourcesDir: string): Map<string, LoadedCatalog> {
  return loadDataFiles(
    join(resourcesDir, 'catalogs'),
    catalogSchema,
    describeCatalogIssues,
    invalidShippedFile,
    (catalog): LoadedCatalog => ({ catalog, hash: catalogHash(catalog), origin: 'builtin' }),
  );
}

type FirmRow = typeof firmCatalogs.$inferSelect;

function liveFirmRows(ctx: CoreContext): FirmRow[] {
  return ctx.store.db
    .select()
    .from(firmCatalogs)
    .where(isNull(firmCatalogs.deletedAt))
    .orderBy(firmCatalogs.catalogId, desc(firmCatalogs.createdAt))
    .all();
}

function liveFirmRow(ctx: CoreContext, catalogId: string): FirmRow | undefined {
  return ctx.store.db
    .select()
    .from(firmCatalogs)
    .where(and(eq(firmCatalogs.catalogId, catalogId), isNull(firmCatalogs.deletedAt)))
    .orderBy(desc(firmCatalogs.createdAt))
    .get();
}

/** Stored content was validated when saved; a row that no longer parses is logged and left out. */
function fromRow(ctx: CoreContext, row: FirmRow): LoadedCatalog | undefined {
  const parsed = catalogSchema.safeParse(JSON.parse(row.content));
  if (!parsed.success) {
    ctx.log('warn', `firm catalog ${row.catalogId} ${row.version} no longer validates`, {
      issues: describeCatalogIssues(parsed.error),
    });
    return undefined;
  }
  return { catalog: parsed.data, hash: row.hash, origin: 'firm' };
}

function firmCatalogMap(ctx: CoreContext): Map<string, LoadedCatalog> {
  const map = new Map<string, LoadedCatalog>();
  for (const row of liveFirmRows(ctx)) {
    if (map.has(row.catalogId)) continue;
    const loaded = fromRow(ctx, row);
    if (loaded) map.set(row.catalogId, loaded);
  }
  return map;
}

function summary({ catalog, hash, origin }: LoadedCatalog): CatalogSummary {
  return {
    catalogId: catalog.id,
    version: catalog.version,
    hash,
    origin,
    name: catalog.name,
    provider: catalog.provider,
    editions: catalog.editions.map((edition) => ({ id: edition.id, name: edition.name })),
  };
}

/** Shipped catalogs, then the firm's; a firm catalog with a shipped catalog's id takes its place. */
export function listCatalogs(ctx: CoreContext): CatalogSummary[] {
  const merged = new Map(builtinCatalogs(ctx.resourcesDir));
  const firm = firmCatalogMap(ctx);
  for (const [id, loaded] of firm) merged.set(id, loaded);
  return [...merged.values()].map(summary);
}

function findCatalog(ctx: CoreContext, catalogId: string): LoadedCatalog | undefined {
  const row = liveFirmRow(ctx, catalogId);
  const firm = row ? fromRow(ctx, row) : undefined;
  return firm ?? builtinCatalogs(ctx.resourcesDir).get(catalogId);
}

export function getCatalog(ctx: CoreContext, catalogId: string): LoadedCatalog {
  const found = findCatalog(ctx, catalogId);
  if (!found) throw failure('NOT_FOUND', `No service catalog with id "${catalogId}".`, { field: 'catalogId' });
  return found;
}

/** Pins the catalog's current content: stored once per hash, so taking it twice is harmless. */
export function snapshotCatalog(ctx: CoreContext, catalogId: string): { hash: string; catalog: Catalog } {
  const { catalog, hash } = getCatalog(ctx, catalogId);
  ctx.store.db
    .insert(catalogSnapshots)
    .values({
      hash,
      catalogId: catalog.id,
      version: catalog.version,
      content: canonicalJson(catalog),
      createdAt: ctx.now(),
    })
    .onConflictDoNothing()
    .run();
  return { hash, catalog };
}

export function readSnapshot(ctx: CoreContext, hash: string): Catalog {
  const row = ctx.store.db.select().from(catalogSnapshots).where(eq(catalogSnapshots.hash, hash)).get();
  if (!row) throw failure('NOT_FOUND', `No catalog snapshot with hash ${hash}.`, { field: 'hash' });
  return catalogSchema.parse(JSON.parse(row.content));
}

/** The next patch version: 1.0 → 1.0.1, 2.1.3 → 2.1.4. */
function bumpPatch(version: string): string {
  const [major = '1', minor = '0', patch] = version.split('.');
  return `${major}.${minor}.${patch === undefined ? 1 : Number(patch) + 1}`;
}

function refuseInvalid(prefix: string, problems: string[]) {
  return failure('INVALID_INPUT', `${prefix}\n${problems.join('\n')}`, { details: problems });
}

/**
 * Stores a validated catalog as the firm's current version of its id, replacing (soft-deleting)
 * the previous one. A version equal to the one in use is bumped, so two contents never share one.
 */
function storeFirmCatalog(ctx: CoreContext, validated: Catalog): LoadedCatalog {
  return ctx.store.sqlite.transaction(() => {
    const current = findCatalog(ctx, validated.id);
    const catalog =
      current && current.catalog.version === validated.version
        ? { ...validated, version: bumpPatch(validated.version) }
        : validated;
    const hash = catalogHash(catalog);
    const now = ctx.now();
    const stamp = { updatedAt: now, updatedBy: ctx.actor(), deviceId: ctx.deviceId };
    ctx.store.db
      .update(firmCatalogs)
      .set({ ...stamp, deletedAt: now })
      .where(and(eq(firmCatalogs.catalogId, catalog.id), isNull(firmCatalogs.deletedAt)))
      .run();
    ctx.store.db
      .insert(firmCatalogs)
      .values({
        id: ctx.newId(),
        createdAt: now,
        ...stamp,
        deletedAt: null,
        catalogId: catalog.id,
        version: catalog.version,
        hash,
        content: canonicalJson(catalog),
      })
      .run();
    return { catalog, hash, origin: 'firm' as const };
  })();
}

/** A firm copy of a catalog under a new id and name, starting its own version history at 1.0. */
export function duplicateCatalog(
  ctx: CoreContext,
  input: { sourceId: string; newId: string; name: Localized },
): LoadedCatalog {
  const source = getCatalog(ctx, input.sourceId);
  if (findCatalog(ctx, input.newId)) {
    throw failure('CONFLICT', `A catalog with id "${input.newId}" exists already.`, { field: 'newId' });
  }
  const parsed = catalogSchema.safeParse({ ...source.catalog, id: input.newId, name: input.name, version: '1.0' });
  if (!parsed.success) throw refuseInvalid('The copy is not a valid catalog:', describeCatalogIssues(parsed.error));
  return storeFirmCatalog(ctx, parsed.data);
}

/** Saves an edited firm catalog as a new version; an invalid one is refused with every problem. */
export function saveFirmCatalog(ctx: CoreContext, input: { catalog: unknown }): LoadedCatalog {
  const parsed = catalogSchema.safeParse(input.catalog);
  if (!parsed.success) {
    throw refuseInvalid('The catalog was not saved:', describeCatalogIssues(parsed.error));
  }
  const current = findCatalog(ctx, parsed.data.id);
  // Saving unchanged content is not a new version.
  if (current?.origin === 'firm' && current.hash === catalogHash(parsed.data)) return current;
  return storeFirmCatalog(ctx, parsed.data);
}

/** Imports a catalog file's text; a file that is not JSON or not a valid catalog stores nothing. */
export function importCatalog(ctx: CoreContext, input: { fileName: string; text: string }): LoadedCatalog {
  let json: unknown;
  try {
    json = JSON.parse(input.text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw refuseInvalid(`${input.fileName} is not a JSON file:`, [reason]);
  }
  const parsed = catalogSchema.safeParse(json);
  if (!parsed.success) {
    throw refuseInvalid(`${input.fileName} is not a valid catalog:`, describeCatalogIssues(parsed.error));
  }
  return storeFirmCatalog(ctx, parsed.data);
}

/** Moves a firm catalog out of use; a shipped one it replaced comes back. Engagements keep their snapshot. */
export function deleteFirmCatalog(ctx: CoreContext, input: { catalogId: string }): { catalogId: string } {
  const row = liveFirmRow(ctx, input.catalogId);
  if (!row) {
    if (builtinCatalogs(ctx.resourcesDir).has(input.catalogId)) {
      throw failure('CONFLICT', `"${input.catalogId}" is a built-in catalog and cannot be deleted.`, {
        field: 'catalogId',
      });
    }
    throw failure('NOT_FOUND', `No service catalog with id "${input.catalogId}".`, { field: 'catalogId' });
  }
  const now = ctx.now();
  ctx.store.db
    .update(firmCatalogs)
    .set({ deletedAt: now, updatedAt: now, updatedBy: ctx.actor(), deviceId: ctx.deviceId })
    .where(and(eq(firmCatalogs.catalogId, input.catalogId), isNull(firmCatalogs.deletedAt)))
    .run();
  return { catalogId: input.catalogId };
}
