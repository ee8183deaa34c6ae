import { cpSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from '@shared/domain/catalog';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/index';
import {
  catalogHash,
  getCatalog,
  listCatalogs,
  readSnapshot,
  snapshotCatalog,
} from '../../electron/core/services/catalogs';
import { firmCatalog, SHIPPED_CATALOG_IDS, shippedCatalogJson, tempResourcesDir } from '../fixtures/catalog';
import { callErr, callOk, closeTestCores, RESOURCES_DIR, startTestCore, steppingClock } from '../fixtures/core';
import { removeTempDataDirs, tempDataDir } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});

function firmRows(core: Core) {
  return core.context.store.sqlite
    .prepare('SELECT catalog_id, version, deleted_at FROM firm_catalogs ORDER BY created_at')
    .all() as { catalog_id: string; version: string; deleted_at: string | null }[];
}

const ACME_NAME = { en: 'Acme Hypercare', 'zh-CN': 'Acme 重保服务' };

describe('catalog.list and catalog.get', () => {
  it('list the shipped catalogs with their version, hash and editions', () => {
    const core = startTestCore();
    const list = callOk(core, 'catalog.list', {});
    expect(list.map((c) => c.catalogId).sort()).toEqual([...SHIPPED_CATALOG_IDS]);
    const alibaba = list.find((c) => c.catalogId === 'alibaba-hypercare');
    expect(alibaba).toMatchObject({ origin: 'builtin', version: '1.0', provider: { en: 'Alibaba Cloud' } });
    expect(alibaba?.editions.map((e) => e.id)).toEqual(['basic', 'standard', 'advanced', 'custom']);
    expect(alibaba?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('get a catalog with the hash of its content', () => {
    const core = startTestCore();
    const got = callOk(core, 'catalog.get', { catalogId: 'huawei-key-event-on-duty' });
    expect(got.origin).toBe('builtin');
    expect(got.hash).toBe(catalogHash(got.catalog));
    expect(got.catalog.editions.map((e) => e.id)).toEqual(['basic', 'standard']);
  });

  it('refuse an unknown id, naming it', () => {
    const core = startTestCore();
    expect(callErr(core, 'catalog.get', { catalogId: 'nope' })).toMatchObject({
      code: 'NOT_FOUND',
      message: 'No service catalog with id "nope".',
    });
  });

  it('hash the same content the same, whatever the order of its keys', () => {
    const catalog = shippedCatalogJson('huawei-key-event-on-duty');
    const reordered = Object.fromEntries(Object.entries(catalog).reverse()) as Catalog;
    expect(catalogHash(reordered)).toBe(catalogHash(catalog));
    expect(catalogHash({ ...catalog, version: '9.9' })).not.toBe(catalogHash(catalog));
  });
});

describe('catalog.duplicate', () => {
  it('makes a firm catalog with the new id and names, at version 1.0', () => {
    const core = startTestCore();
    const copy = callOk(core, 'catalog.duplicate', { sourceId: 'alibaba-hypercare', newId: 'acme', name: ACME_NAME });
    expect(copy.origin).toBe('firm');
    expect(copy.catalog).toMatchObject({ id: 'acme', version: '1.0', name: ACME_NAME });
    expect(copy.catalog.items).toEqual(callOk(core, 'catalog.get', { catalogId: 'alibaba-hypercare' }).catalog.items);
    const list = callOk(core, 'catalog.list', {});
    expect(list.map((c) => [c.catalogId, c.origin])).toContainEqual(['acme', 'firm']);
    expect(list).toHaveLength(3);
  });

  it('refuses an id in use and an id that is not lowercase', () => {
    const core = startTestCore();
    expect(
      callErr(core, 'catalog.duplicate', {
        sourceId: 'alibaba-hypercare',
        newId: 'huawei-key-event-on-duty',
        name: ACME_NAME,
      }),
    ).toMatchObject({ code: 'CONFLICT', field: 'newId' });
    expect(
      callErr(core, 'catalog.duplicate', { sourceId: 'alibaba-hypercare', newId: 'Acme Co', name: ACME_NAME }),
    ).toMatchObject({ code: 'INVALID_INPUT', field: 'newId' });
    expect(firmRows(core)).toEqual([]);
  });
});

describe('catalog.save', () => {
  it('stores an edit as a new version and retires the previous row', () => {
    const core = startTestCore({ now: steppingClock() });
    const { catalog } = callOk(core, 'catalog.duplicate', {
      sourceId: 'alibaba-hypercare',
      newId: 'acme',
      name: ACME_NAME,
    });
    const edited = {
      ...catalog,
      editions: catalog.editions.map((e) => (e.id === 'standard' ? { ...e, maxServiceDays: 12 } : e)),
    };
    const saved = callOk(core, 'catalog.save', { catalog: edited });
    expect(saved.catalog.version).toBe('1.0.1');
    expect(saved.catalog.editions.find((e) => e.id === 'standard')?.maxServiceDays).toBe(12);
    const again = callOk(core, 'catalog.save', { catalog: { ...saved.catalog, version: '2.0' } });
    expect(again.catalog.version).toBe('2.0');
    expect(firmRows(core).map((r) => [r.version, r.deleted_at === null])).toEqual([
      ['1.0', false],
      ['1.0.1', false],
      ['2.0', true],
    ]);
    expect(callOk(core, 'catalog.get', { catalogId: 'acme' }).catalog.version).toBe('2.0');
  });

  it('does not make a new version when nothing changed', () => {
    const core = startTestCore();
    const copy = callOk(core, 'catalog.duplicate', { sourceId: 'alibaba-hypercare', newId: 'acme', name: ACME_NAME });
    expect(callOk(core, 'catalog.save', { catalog: copy.catalog })).toEqual(copy);
    expect(firmRows(core)).toHaveLength(1);
  });

  it('lets a firm catalog with a shipped id take the shipped one’s place, and deleting it brings that back', () => {
    const core = startTestCore();
    const shipped = callOk(core, 'catalog.get', { catalogId: 'alibaba-hypercare' });
    const replaced = callOk(core, 'catalog.save', { catalog: { ...shipped.catalog, name: ACME_NAME } });
    expect(replaced.catalog.version).toBe('1.0.1');
    const entry = callOk(core, 'catalog.list', {}).filter((c) => c.catalogId === 'alibaba-hypercare');
    expect(entry).toEqual([expect.objectContaining({ origin: 'firm', name: ACME_NAME, version: '1.0.1' })]);
    callOk(core, 'catalog.delete', { catalogId: 'alibaba-hypercare' });
    expect(callOk(core, 'catalog.get', { catalogId: 'alibaba-hypercare' })).toEqual(shipped);
  });

  it('refuses an invalid catalog with every problem and stores nothing', () => {
    const core = startTestCore();
    const catalog = firmCatalog();
    const broken = {
      ...catalog,
      editions: catalog.editions.map((e, i) => (i === 2 ? { ...e, maxServiceDays: 0 } : e)),
      leadTimes: [{ ...catalog.leadTimes[0], amount: -1 }],
    };
    const error = callErr(core, 'catalog.save', { catalog: broken });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details).toEqual([
      'editions[2].maxServiceDays: expected a positive integer',
      'leadTimes[0].amount: expected a positive integer',
    ]);
    expect(firmRows(core)).toEqual([]);
  });
});

describe('catalog.import', () => {
  it('stores a valid file as a firm catalog', () => {
    const core = startTestCore();
    const imported = callOk(core, 'catalog.import', { fileName: 'acme.json', text: JSON.stringify(firmCatalog()) });
    expect(imported).toMatchObject({ origin: 'firm', catalog: { id: 'acme-hypercare', version: '1.0' } });
    expect(callOk(core, 'catalog.get', { catalogId: 'acme-hypercare' }).hash).toBe(imported.hash);
  });

  it('refuses a file that breaks the schema, naming the file and listing each path, and stores nothing', () => {
    const core = startTestCore();
    const catalog = firmCatalog();
    const broken = {
      ...catalog,
      editions: catalog.editions.map((e, i) => (i === 2 ? { ...e, maxServiceDays: 'fifteen' } : e)),
      items: catalog.items.map((item, i) => (i === 0 ? { ...item, raci: { ...item.raci, provider: 'R/X' } } : item)),
      onSite: { ...catalog.onSite, holidayMultiplier: 0.5 },
    };
    const error = callErr(core, 'catalog.import', { fileName: 'broken.json', text: JSON.stringify(broken) });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message.split('\n')[0]).toBe('broken.json is not a valid catalog:');
    expect(error.details).toEqual([
      'editions[2].maxServiceDays: expected a positive integer',
      'items[0].raci.provider: expected RACI letters separated by "/", e.g. A/S/C/I',
      'onSite.holidayMultiplier: expected a number ≥ 1',
    ]);
    expect(error.message.split('\n').slice(1)).toEqual(error.details);
    expect(firmRows(core)).toEqual([]);
  });

  it('refuses a file with dangling references', () => {
    const core = startTestCore();
    const catalog = firmCatalog();
    const broken = {
      ...catalog,
      editions: catalog.editions.map((e, i) => (i === 0 ? { ...e, itemIds: [...e.itemIds, 'teleportation'] } : e)),
    };
    const error = callErr(core, 'catalog.import', { fileName: 'broken.json', text: JSON.stringify(broken) });
    expect(error.details).toEqual(['editions[0].itemIds[10]: no service item "teleportation"']);
  });

  it('refuses a file that is not JSON', () => {
    const core = startTestCore();
    const error = callErr(core, 'catalog.import', { fileName: 'notes.json', text: '{ "id": ' });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/^notes\.json is not a JSON file:/);
    expect(error.details).toHaveLength(1);
    expect(firmRows(core)).toEqual([]);
  });
});

describe('catalog.delete', () => {
  it('soft-deletes a firm catalog', () => {
    const core = startTestCore();
    callOk(core, 'catalog.duplicate', { sourceId: 'huawei-key-event-on-duty', newId: 'acme', name: ACME_NAME });
    expect(callOk(core, 'catalog.delete', { catalogId: 'acme' })).toEqual({ catalogId: 'acme' });
    expect(firmRows(core)).toEqual([expect.objectContaining({ catalog_id: 'acme', deleted_at: expect.any(String) })]);
    expect(callErr(core, 'catalog.get', { catalogId: 'acme' }).code).toBe('NOT_FOUND');
  });

  it('refuses to delete a built-in catalog', () => {
    const core = startTestCore();
    expect(callErr(core, 'catalog.delete', { catalogId: 'alibaba-hypercare' })).toMatchObject({ code: 'CONFLICT' });
    expect(callErr(core, 'catalog.delete', { catalogId: 'nope' })).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('catalog snapshots', () => {
  it('read back a snapshot taken before an edit unchanged, with its old hash', () => {
    const core = startTestCore();
    const ctx = core.context;
    const copy = callOk(core, 'catalog.duplicate', { sourceId: 'alibaba-hypercare', newId: 'acme', name: ACME_NAME });
    const before = snapshotCatalog(ctx, 'acme');
    expect(before.hash).toBe(copy.hash);
    expect(snapshotCatalog(ctx, 'acme').hash).toBe(before.hash);
    const edited = {
      ...copy.catalog,
      editions: copy.catalog.editions.map((e) => (e.id === 'basic' ? { ...e, maxServiceDays: 3 } : e)),
    };
    callOk(core, 'catalog.save', { catalog: edited });
    const after = getCatalog(ctx, 'acme');
    expect(after.hash).not.toBe(before.hash);
    const read = readSnapshot(ctx, before.hash);
    expect(read).toEqual(copy.catalog);
    expect(catalogHash(read)).toBe(before.hash);
    expect(read.editions[0]?.maxServiceDays).toBe(2);
    const rows = ctx.store.sqlite.prepare('SELECT count(*) FROM catalog_snapshots').pluck().get();
    expect(rows).toBe(1);
  });

  it('keep an engagement on the shipped version it started from when a newer one ships', () => {
    // Version 1.0 of the Huawei catalog, before the Acceptance Report was listed (1.1).
    const shipped = shippedCatalogJson('huawei-key-event-on-duty');
    const previous: Catalog = {
      ...shipped,
      version: '1.0',
      deliverables: shipped.deliverables.filter((d) => d.id !== 'acceptance-report'),
      acceptanceMilestones: shipped.acceptanceMilestones.map((m) => ({
        ...m,
        deliverableIds: m.deliverableIds.filter((id) => id !== 'acceptance-report'),
      })),
    };
    const oldResources = tempResourcesDir({ 'huawei-key-event-on-duty.json': previous });
    cpSync(join(RESOURCES_DIR, 'calendars'), join(oldResources, 'calendars'), { recursive: true });
    const dataDir = tempDataDir();
    const huawei = engagementFields({ catalogId: 'huawei-key-event-on-duty', editionId: 'standard' });

    const before = startTestCore({ dataDir, resourcesDir: oldResources });
    const started = callOk(before, 'engagement.create', huawei);
    expect(callOk(before, 'plan.get', { engagementId: started.id }).catalog.version).toBe('1.0');
    before.close();

    const after = startTestCore({ dataDir });
    const kept = callOk(after, 'plan.get', { engagementId: started.id }).catalog;
    expect([kept.version, kept.hash]).toEqual(['1.0', catalogHash(previous)]);
    expect(kept.deliverables.map((d) => d.id)).toEqual(['assurance-solution', 'on-duty-summary']);
    const fresh = callOk(after, 'plan.get', {
      engagementId: callOk(after, 'engagement.create', huawei).id,
    }).catalog;
    expect(fresh.version).toBe('1.1');
    expect(fresh.deliverables.map((d) => d.id)).toEqual(['assurance-solution', 'on-duty-summary', 'acceptance-report']);
  });

  it('refuse an unknown hash', () => {
    const core = startTestCore();
    expect(() => readSnapshot(core.context, 'f'.repeat(64))).toThrow(/No catalog snapshot/);
  });
});

describe('shipped catalog files', () => {
  it('an invalid one stops the core from starting, naming the file and each problem', () => {
    const catalog = shippedCatalogJson('alibaba-hypercare');
    const broken = {
      ...catalog,
      editions: catalog.editions.map((e, i) => (i === 2 ? { ...e, maxServiceDays: -15 } : e)),
    };
    const resourcesDir = tempResourcesDir({ 'alibaba-hypercare.json': broken });
    expect(() => startTestCore({ resourcesDir })).toThrow(
      /alibaba-hypercare\.json is invalid.*editions\[2\]\.maxServiceDays: expected a positive integer/,
    );
  });

  it('one that is not JSON, or whose id is not its file name, stops it too', () => {
    expect(() => startTestCore({ resourcesDir: tempResourcesDir({ 'x.json': '{' }) })).toThrow(/x\.json is invalid/);
    const misnamed = tempResourcesDir({ 'other.json': shippedCatalogJson('huawei-key-event-on-duty') });
    expect(() => startTestCore({ resourcesDir: misnamed })).toThrow(/does not match the file name/);
  });

  it('are read from the resources folder the core was given', () => {
    const resourcesDir = tempResourcesDir({
      'huawei-key-event-on-duty.json': shippedCatalogJson('huawei-key-event-on-duty'),
    });
    const core = startTestCore({ resourcesDir });
    expect(listCatalogs(core.context).map((c) => c.catalogId)).toEqual(['huawei-key-event-on-duty']);
  });
});
