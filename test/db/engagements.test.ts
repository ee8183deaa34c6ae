import { userInfo } from 'node:os';
import type { Engagement } from '@shared/domain/engagement';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/index';
import { callErr, callOk, closeTestCores, startTestCore, steppingClock } from '../fixtures/core';
import { removeTempDataDirs, tempDataDir } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function ids(list: Engagement[]): string[] {
  return list.map((e) => e.id);
}

function rawRow(core: Core, id: string): Record<string, unknown> | undefined {
  return core.context.store.sqlite.prepare('SELECT * FROM engagements WHERE id = ?').get(id) as
    | Record<string, unknown>
    | undefined;
}

function rowCount(core: Core): number {
  return core.context.store.sqlite.prepare('SELECT count(*) FROM engagements').pluck().get() as number;
}

describe('engagement.create and engagement.get', () => {
  it('stores the fields and reads them back unchanged', () => {
    const core = startTestCore();
    const fields = engagementFields();
    const created = callOk(core, 'engagement.create', fields);
    expect(created).toMatchObject(fields);
    expect(created.status).toBe('planning');
    expect(created.statusBeforeArchive).toBeNull();
    expect(created.deletedAt).toBeNull();
    expect(callOk(core, 'engagement.get', { id: created.id })).toEqual(created);
  });

  it('trims typed text before storing it', () => {
    const core = startTestCore();
    const created = callOk(
      core,
      'engagement.create',
      engagementFields({ customerOrg: '  Acme  ', eventName: ' Sale ' }),
    );
    expect(created.customerOrg).toBe('Acme');
    expect(created.eventName).toBe('Sale');
  });

  it('derives the UTC window from the local times in the event zone', () => {
    const core = startTestCore();
    const created = callOk(
      core,
      'engagement.create',
      engagementFields({
        eventStartLocal: '2026-11-10T20:00',
        eventEndLocal: '2026-11-12T02:00',
        timeZone: 'Asia/Shanghai',
      }),
    );
    expect(created.eventStartUtc).toBe('2026-11-10T12:00:00.000Z');
    expect(created.eventEndUtc).toBe('2026-11-11T18:00:00.000Z');
  });

  it('makes UUIDv7 ids, distinct per engagement', () => {
    const core = startTestCore();
    const a = callOk(core, 'engagement.create', engagementFields());
    const b = callOk(core, 'engagement.create', engagementFields());
    expect(a.id).toMatch(UUID_V7);
    expect(b.id).toMatch(UUID_V7);
    expect(a.id).not.toBe(b.id);
    expect(core.context.deviceId).toMatch(UUID_V7);
  });

  it('writes every timestamp as ISO-8601 UTC ending in Z, in the row as in the answer', () => {
    const core = startTestCore();
    const created = callOk(core, 'engagement.create', engagementFields());
    const trashed = callOk(core, 'engagement.trash', { id: created.id });
    for (const value of [created.createdAt, created.updatedAt, created.eventStartUtc, created.eventEndUtc]) {
      expect(value).toMatch(ISO_UTC);
    }
    expect(trashed.deletedAt).toMatch(ISO_UTC);
    const row = rawRow(core, created.id);
    for (const column of ['created_at', 'updated_at', 'deleted_at', 'event_start_utc', 'event_end_utc']) {
      expect(row?.[column]).toMatch(ISO_UTC);
    }
  });

  it('answers NOT_FOUND for an id that was never created', () => {
    const error = callErr(startTestCore(), 'engagement.get', { id: '01900000-0000-7000-8000-000000000000' });
    expect(error.code).toBe('NOT_FOUND');
  });

  it('refuses an id that is not a UUID with INVALID_INPUT on the id field', () => {
    const error = callErr(startTestCore(), 'engagement.get', { id: 'not-an-id' });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'id' });
  });
});

describe('invalid engagement input', () => {
  const createCases = [
    { name: 'an empty customer organisation', overrides: { customerOrg: '' }, field: 'customerOrg' },
    { name: 'a customer organisation of spaces only', overrides: { customerOrg: '   ' }, field: 'customerOrg' },
    {
      name: 'an end before the start',
      overrides: { eventStartLocal: '2026-11-11T10:00', eventEndLocal: '2026-11-11T09:00' },
      field: 'eventEndLocal',
      messageKey: 'validation.endBeforeStart',
    },
    {
      name: 'an end equal to the start',
      overrides: { eventStartLocal: '2026-11-11T10:00', eventEndLocal: '2026-11-11T10:00' },
      field: 'eventEndLocal',
      messageKey: 'validation.endBeforeStart',
    },
    {
      name: 'an unknown time zone',
      overrides: { timeZone: 'Mars/Olympus' },
      field: 'timeZone',
      messageKey: 'validation.timeZoneUnknown',
    },
    {
      name: 'a start in the hour Berlin clocks skip',
      overrides: { timeZone: 'Europe/Berlin', eventStartLocal: '2026-03-29T02:30', eventEndLocal: '2026-03-29T12:00' },
      field: 'eventStartLocal',
      messageKey: 'validation.localTimeMissing',
    },
    {
      name: 'an end in the hour New York clocks skip',
      overrides: {
        timeZone: 'America/New_York',
        eventStartLocal: '2026-03-07T12:00',
        eventEndLocal: '2026-03-08T02:15',
      },
      field: 'eventEndLocal',
      messageKey: 'validation.localTimeMissing',
    },
    {
      name: 'an edition the catalog does not offer',
      overrides: { catalogId: 'huawei-key-event-on-duty', editionId: 'advanced' },
      field: 'editionId',
      messageKey: 'validation.edition',
    },
    { name: 'an unknown catalog', overrides: { catalogId: 'acme-care' }, field: 'catalogId' },
    { name: 'a date without a time', overrides: { eventStartLocal: '2026-11-11' }, field: 'eventStartLocal' },
  ] as const;

  it.each(createCases)('create with $name is refused naming $field, and nothing is stored', (testCase) => {
    const core = startTestCore();
    callOk(core, 'engagement.create', engagementFields());
    const error = callErr(core, 'engagement.create', { ...engagementFields(), ...testCase.overrides });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe(testCase.field);
    expect(error.message.startsWith(`${testCase.field}: `)).toBe(true);
    if ('messageKey' in testCase) expect(error.messageKey).toBe(testCase.messageKey);
    expect(rowCount(core)).toBe(1);
    expect(callOk(core, 'engagement.list', {})).toHaveLength(1);
  });

  const updateCases = [
    { name: 'an empty customer organisation', patch: { customerOrg: '' }, field: 'patch.customerOrg' },
    {
      name: 'an end before the kept start',
      patch: { eventEndLocal: '2026-11-01T00:00' },
      field: 'patch.eventEndLocal',
    },
    { name: 'an unknown time zone', patch: { timeZone: 'Mars/Olympus' }, field: 'patch.timeZone' },
    {
      name: 'a start in the hour Berlin clocks skip',
      patch: { timeZone: 'Europe/Berlin', eventStartLocal: '2026-03-29T02:30', eventEndLocal: '2026-03-29T12:00' },
      field: 'patch.eventStartLocal',
    },
    {
      name: 'a catalog whose editions do not include the kept edition',
      patch: { catalogId: 'huawei-key-event-on-duty', editionId: 'custom' },
      field: 'patch.editionId',
    },
    { name: 'the archived status set by hand', patch: { status: 'archived' }, field: 'patch.status' },
  ] as const;

  it.each(updateCases)('update with $name is refused naming $field, and the row is unchanged', (testCase) => {
    const core = startTestCore();
    const created = callOk(core, 'engagement.create', engagementFields());
    const before = rawRow(core, created.id);
    const error = callErr(core, 'engagement.update', { id: created.id, patch: testCase.patch });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe(testCase.field);
    expect(rawRow(core, created.id)).toEqual(before);
  });
});

describe('engagement.update', () => {
  it('changes only the patched fields, restamps updated_at and keeps created_at', () => {
    const core = startTestCore({ now: steppingClock() });
    const created = callOk(core, 'engagement.create', engagementFields());
    const updated = callOk(core, 'engagement.update', {
      id: created.id,
      patch: { customerOrg: 'Globex', status: 'onDuty' },
    });
    expect(updated).toEqual({ ...created, customerOrg: 'Globex', status: 'onDuty', updatedAt: updated.updatedAt });
    expect(updated.updatedAt > created.updatedAt).toBe(true);
    expect(callOk(core, 'engagement.get', { id: created.id })).toEqual(updated);
  });

  it('recomputes the UTC window when the time zone changes', () => {
    const core = startTestCore();
    const created = callOk(core, 'engagement.create', engagementFields({ timeZone: 'Asia/Shanghai' }));
    const updated = callOk(core, 'engagement.update', { id: created.id, patch: { timeZone: 'UTC' } });
    expect(updated.eventStartLocal).toBe(created.eventStartLocal);
    expect(Date.parse(updated.eventStartUtc) - Date.parse(created.eventStartUtc)).toBe(8 * 3_600_000);
  });

  it('refuses to edit an archived engagement with CONFLICT and leaves it as it was', () => {
    const core = startTestCore();
    const created = callOk(core, 'engagement.create', engagementFields());
    const archived = callOk(core, 'engagement.archive', { id: created.id });
    const error = callErr(core, 'engagement.update', { id: created.id, patch: { customerOrg: 'Globex' } });
    expect(error.code).toBe('CONFLICT');
    expect(callOk(core, 'engagement.get', { id: created.id })).toEqual(archived);
  });

  it('refuses to edit a trashed engagement with CONFLICT', () => {
    const core = startTestCore();
    const created = callOk(core, 'engagement.create', engagementFields());
    callOk(core, 'engagement.trash', { id: created.id });
    expect(callErr(core, 'engagement.update', { id: created.id, patch: { customerOrg: 'Globex' } }).code).toBe(
      'CONFLICT',
    );
  });

  it('answers NOT_FOUND for an unknown id', () => {
    const error = callErr(startTestCore(), 'engagement.update', {
      id: '01900000-0000-7000-8000-000000000000',
      patch: { customerOrg: 'Globex' },
    });
    expect(error.code).toBe('NOT_FOUND');
  });
});

describe('updated_by', () => {
  it('is the OS user while no consultant name is set', () => {
    const core = startTestCore();
    const created = callOk(core, 'engagement.create', engagementFields());
    expect(created.updatedBy).toBe(userInfo().username);
  });

  it('is the consultant name once settings.update sets it, on creates and updates alike', () => {
    const core = startTestCore();
    const before = callOk(core, 'engagement.create', engagementFields());
    callOk(core, 'settings.update', { consultantName: 'Mei Chen' });
    const updated = callOk(core, 'engagement.update', { id: before.id, patch: { eventName: 'Double 11' } });
    const created = callOk(core, 'engagement.create', engagementFields());
    expect(updated.updatedBy).toBe('Mei Chen');
    expect(created.updatedBy).toBe('Mei Chen');
    expect(rawRow(core, created.id)?.updated_by).toBe('Mei Chen');
  });

  it('is the consultant name after a reopen, and the OS user again once the name is cleared', () => {
    const dataDir = tempDataDir();
    const first = startTestCore({ dataDir });
    callOk(first, 'settings.update', { consultantName: 'Mei Chen' });
    first.close();

    const second = startTestCore({ dataDir });
    expect(callOk(second, 'engagement.create', engagementFields()).updatedBy).toBe('Mei Chen');
    callOk(second, 'settings.update', { consultantName: '   ' });
    expect(callOk(second, 'engagement.create', engagementFields()).updatedBy).toBe(userInfo().username);
  });
});

describe('engagement.list', () => {
  it('finds by customer or event name, ignoring case', () => {
    const core = startTestCore();
    const acme = callOk(
      core,
      'engagement.create',
      engagementFields({ customerOrg: 'Acme Retail', eventName: 'Launch' }),
    );
    const globex = callOk(
      core,
      'engagement.create',
      engagementFields({ customerOrg: 'Globex', eventName: 'Big ACME Sale' }),
    );
    callOk(core, 'engagement.create', engagementFields({ customerOrg: 'Initech', eventName: 'Rollout' }));

    expect(ids(callOk(core, 'engagement.list', { search: 'acme' })).sort()).toEqual([acme.id, globex.id].sort());
    expect(ids(callOk(core, 'engagement.list', { search: 'GLOBEX' }))).toEqual([globex.id]);
    expect(ids(callOk(core, 'engagement.list', { search: '  launch ' }))).toEqual([acme.id]);
    expect(callOk(core, 'engagement.list', { search: 'Umbrella' })).toEqual([]);
  });

  it('treats % and _ in the search as the characters, not wildcards', () => {
    const core = startTestCore();
    const percent = callOk(core, 'engagement.create', engagementFields({ eventName: '50% off weekend' }));
    callOk(core, 'engagement.create', engagementFields({ eventName: '500 club weekend' }));
    const underscore = callOk(core, 'engagement.create', engagementFields({ customerOrg: 'big_store' }));
    callOk(core, 'engagement.create', engagementFields({ customerOrg: 'bigXstore' }));
    const backslash = callOk(core, 'engagement.create', engagementFields({ customerOrg: 'C:\\Retail' }));

    expect(ids(callOk(core, 'engagement.list', { search: '50%' }))).toEqual([percent.id]);
    expect(ids(callOk(core, 'engagement.list', { search: 'G_S' }))).toEqual([underscore.id]);
    expect(ids(callOk(core, 'engagement.list', { search: '%' }))).toEqual([percent.id]);
    expect(ids(callOk(core, 'engagement.list', { search: ':\\r' }))).toEqual([backslash.id]);
  });

  function seedForSorting(core: Core) {
    // eventStart sorts by the instant: Shanghai 10:00 (02:00Z) comes before UTC 05:00, unlike the wall times.
    const rows = [
      engagementFields({
        customerOrg: 'beta Corp',
        eventName: 'charlie',
        timeZone: 'Asia/Shanghai',
        eventStartLocal: '2026-06-01T10:00',
        eventEndLocal: '2026-06-02T10:00',
      }),
      engagementFields({
        customerOrg: 'Alpha Ltd',
        eventName: 'Bravo',
        timeZone: 'UTC',
        eventStartLocal: '2026-06-01T05:00',
        eventEndLocal: '2026-06-02T05:00',
      }),
      engagementFields({
        customerOrg: 'Charlie GmbH',
        eventName: 'alpha',
        timeZone: 'America/New_York',
        eventStartLocal: '2026-05-31T20:00',
        eventEndLocal: '2026-06-01T20:00',
      }),
    ];
    const [beta, alpha, charlie] = rows.map((fields) => callOk(core, 'engagement.create', fields)) as [
      Engagement,
      Engagement,
      Engagement,
    ];
    // Touch the first one so updated_at order is not creation order.
    callOk(core, 'engagement.update', { id: beta.id, patch: { language: 'zh-CN' } });
    return { beta, alpha, charlie };
  }

  const sortCases = [
    // beta 02:00Z, alpha 05:00Z, charlie 00:00Z; updated: alpha < charlie < beta (touched last).
    { sortBy: 'updatedAt', asc: ['alpha', 'charlie', 'beta'] },
    { sortBy: 'eventStart', asc: ['charlie', 'beta', 'alpha'] },
    { sortBy: 'customerOrg', asc: ['alpha', 'beta', 'charlie'] },
    { sortBy: 'eventName', asc: ['charlie', 'alpha', 'beta'] },
  ] as const;

  it.each(sortCases)('sorts by $sortBy in both directions', ({ sortBy, asc }) => {
    const core = startTestCore({ now: steppingClock() });
    const byName = seedForSorting(core);
    const expected = asc.map((name) => byName[name].id);
    expect(ids(callOk(core, 'engagement.list', { sortBy, sortDir: 'asc' }))).toEqual(expected);
    expect(ids(callOk(core, 'engagement.list', { sortBy, sortDir: 'desc' }))).toEqual([...expected].reverse());
  });

  it('lists the most recently updated first by default', () => {
    const core = startTestCore({ now: steppingClock() });
    const { alpha, beta, charlie } = seedForSorting(core);
    expect(ids(callOk(core, 'engagement.list', {}))).toEqual([beta.id, charlie.id, alpha.id]);
  });

  it('filters by status', () => {
    const core = startTestCore();
    const planning = callOk(core, 'engagement.create', engagementFields());
    const onDuty = callOk(core, 'engagement.create', engagementFields());
    const closing = callOk(core, 'engagement.create', engagementFields());
    callOk(core, 'engagement.update', { id: onDuty.id, patch: { status: 'onDuty' } });
    callOk(core, 'engagement.update', { id: closing.id, patch: { status: 'closing' } });

    expect(ids(callOk(core, 'engagement.list', { statuses: ['onDuty'] }))).toEqual([onDuty.id]);
    expect(ids(callOk(core, 'engagement.list', { statuses: ['planning', 'closing'] })).sort()).toEqual(
      [planning.id, closing.id].sort(),
    );
  });

  it('hides archived engagements unless asked for them', () => {
    const core = startTestCore();
    const live = callOk(core, 'engagement.create', engagementFields());
    const archived = callOk(core, 'engagement.create', engagementFields());
    callOk(core, 'engagement.archive', { id: archived.id });

    expect(ids(callOk(core, 'engagement.list', {}))).toEqual([live.id]);
    expect(ids(callOk(core, 'engagement.list', { includeArchived: true })).sort()).toEqual(
      [live.id, archived.id].sort(),
    );
    expect(ids(callOk(core, 'engagement.list', { statuses: ['archived'] }))).toEqual([archived.id]);
  });

  it('refuses an unknown sort key naming the field', () => {
    const error = callErr(startTestCore(), 'engagement.list', { sortBy: 'deviceId' });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'sortBy' });
  });
});

describe('archive and unarchive', () => {
  it('archive remembers the working status and unarchive returns to it', () => {
    const core = startTestCore();
    const created = callOk(core, 'engagement.create', engagementFields());
    callOk(core, 'engagement.update', { id: created.id, patch: { status: 'onDuty' } });
    const archived = callOk(core, 'engagement.archive', { id: created.id });
    expect(archived).toMatchObject({ status: 'archived', statusBeforeArchive: 'onDuty' });
    const back = callOk(core, 'engagement.unarchive', { id: created.id });
    expect(back).toMatchObject({ status: 'onDuty', statusBeforeArchive: null });
  });

  it('archiving twice keeps the first remembered status', () => {
    const core = startTestCore();
    const created = callOk(core, 'engagement.create', engagementFields());
    callOk(core, 'engagement.update', { id: created.id, patch: { status: 'closing' } });
    callOk(core, 'engagement.archive', { id: created.id });
    expect(callOk(core, 'engagement.archive', { id: created.id }).statusBeforeArchive).toBe('closing');
    expect(callOk(core, 'engagement.unarchive', { id: created.id }).status).toBe('closing');
  });
});

describe('trash', () => {
  it('hides a trashed engagement from the list, even with archived included, and shows it in the trash', () => {
    const core = startTestCore();
    const kept = callOk(core, 'engagement.create', engagementFields());
    const trashed = callOk(core, 'engagement.create', engagementFields());
    callOk(core, 'engagement.trash', { id: trashed.id });

    expect(ids(callOk(core, 'engagement.list', {}))).toEqual([kept.id]);
    expect(ids(callOk(core, 'engagement.list', { includeArchived: true }))).toEqual([kept.id]);
    expect(ids(callOk(core, 'engagement.list', { statuses: ['planning'] }))).toEqual([kept.id]);
    expect(ids(callOk(core, 'engagement.listTrash', {}))).toEqual([trashed.id]);
  });

  it('restore brings the engagement back to the list with its fields intact', () => {
    const core = startTestCore();
    const created = callOk(core, 'engagement.create', engagementFields());
    callOk(core, 'engagement.trash', { id: created.id });
    const restored = callOk(core, 'engagement.restore', { id: created.id });
    expect(restored).toMatchObject({ ...engagementFields(), deletedAt: null });
    expect(ids(callOk(core, 'engagement.list', {}))).toEqual([created.id]);
    expect(callOk(core, 'engagement.listTrash', {})).toEqual([]);
  });

  it('emptying the trash removes the rows from list, trash and get, and leaves blanked tombstones', () => {
    const core = startTestCore();
    const kept = callOk(core, 'engagement.create', engagementFields({ customerOrg: 'Keep Me' }));
    const gone = callOk(core, 'engagement.create', engagementFields({ customerOrg: 'Secret Customer' }));
    const alsoGone = callOk(core, 'engagement.create', engagementFields({ eventName: 'Secret Event' }));
    callOk(core, 'engagement.trash', { id: gone.id });
    callOk(core, 'engagement.trash', { id: alsoGone.id });

    expect(callOk(core, 'engagement.emptyTrash', {})).toEqual({ purged: 2 });

    expect(ids(callOk(core, 'engagement.list', { includeArchived: true }))).toEqual([kept.id]);
    expect(callOk(core, 'engagement.listTrash', {})).toEqual([]);
    expect(callErr(core, 'engagement.get', { id: gone.id }).code).toBe('NOT_FOUND');
    expect(callErr(core, 'engagement.restore', { id: gone.id }).code).toBe('NOT_FOUND');
    for (const id of [gone.id, alsoGone.id]) {
      const tombstone = rawRow(core, id);
      expect(tombstone).toMatchObject({ id, customer_org: '', event_name: '' });
      expect(tombstone?.purged_at).toMatch(ISO_UTC);
      expect(tombstone?.deleted_at).toMatch(ISO_UTC);
    }
    const leaked = core.context.store.sqlite
      .prepare("SELECT count(*) FROM engagements WHERE customer_org LIKE '%Secret%' OR event_name LIKE '%Secret%'")
      .pluck()
      .get();
    expect(leaked).toBe(0);
    expect(rawRow(core, kept.id)?.customer_org).toBe('Keep Me');
    expect(callOk(core, 'engagement.emptyTrash', {})).toEqual({ purged: 0 });
  });
});
