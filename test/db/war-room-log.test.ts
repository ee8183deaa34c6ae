import type { EventName } from '@shared/contract';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/index';
import { appendLogEntry } from '../../electron/core/services/war-room-log';
import { callErr, callOk, closeTestCores, startTestCore, steppingClock } from '../fixtures/core';
import { removeTempDataDirs } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});

const START = '2026-11-10T16:00:00.000Z';

function coreAt(events: { event: EventName; payload: unknown }[] = []): Core {
  const core = startTestCore({
    now: steppingClock(START, 10),
    emit: (event, payload) => events.push({ event, payload }),
  });
  callOk(core, 'settings.update', { consultantName: 'Zhang San' });
  return core;
}

function engagement(core: Core): string {
  return callOk(core, 'engagement.create', engagementFields()).id;
}

function rows(core: Core): { id: string; text: string; revision_of: string | null }[] {
  return core.context.store.sqlite
    .prepare<[], { id: string; text: string; revision_of: string | null }>(
      'SELECT id, text, revision_of FROM log_entries ORDER BY created_at',
    )
    .all();
}

/** Closing belongs to the war-room service; these tests only need the column it sets. */
function closeWarRoom(core: Core, engagementId: string) {
  core.context.store.sqlite
    .prepare(
      `INSERT INTO on_duty_settings (id, created_at, updated_at, updated_by, device_id, engagement_id, settings, closed_at)
       VALUES (?, ?, ?, 'test', 'test', ?, '{}', ?)`,
    )
    .run(core.context.newId(), START, START, engagementId, START);
}

describe('war-room log', () => {
  it('appends an entry at the time it is written, by the consultant, and lists it', () => {
    const events: { event: EventName; payload: unknown }[] = [];
    const core = coreAt(events);
    const id = engagement(core);
    const entry = callOk(core, 'log.append', { engagementId: id, kind: 'decision', text: '  Roll back release 4.2  ' });
    expect(entry).toMatchObject({
      kind: 'decision',
      text: 'Roll back release 4.2',
      author: 'Zhang San',
      late: false,
      revisions: 0,
    });
    expect(entry.occurredAt).toBe(entry.writtenAt);
    expect(events).toContainEqual({ event: 'log.appended', payload: { engagementId: id, id: entry.id } });
    const page = callOk(core, 'log.list', { engagementId: id });
    expect(page.entries).toEqual([entry]);
    expect(page.olderCursor).toBeNull();
  });

  it('marks an entry late when it happened more than two minutes before it was written', () => {
    const core = coreAt();
    const id = engagement(core);
    const late = callOk(core, 'log.append', {
      engagementId: id,
      kind: 'observation',
      text: 'CPU on order-db peaked at 92 %',
      occurredAt: '2026-11-10T15:40:00Z',
    });
    const recent = callOk(core, 'log.append', {
      engagementId: id,
      kind: 'observation',
      text: 'Queue drained',
      occurredAt: '2026-11-10T15:59:30Z',
    });
    expect(late.late).toBe(true);
    expect(late.occurredAt).toBe('2026-11-10T15:40:00.000Z');
    expect(recent.late).toBe(false);
    expect(callOk(core, 'log.list', { engagementId: id }).entries.map((e) => e.text)).toEqual([
      'CPU on order-db peaked at 92 %',
      'Queue drained',
    ]);
  });

  it('keeps the earlier text when an entry is revised and lists the latest revision under the same id', () => {
    const core = coreAt();
    const id = engagement(core);
    const first = callOk(core, 'log.append', { engagementId: id, kind: 'action', text: 'Scaled order-svc to 12' });
    const revised = callOk(core, 'log.revise', {
      engagementId: id,
      id: first.id,
      text: 'Scaled order-svc to 14',
      kind: 'decision',
    });
    expect(revised).toMatchObject({ id: first.id, text: 'Scaled order-svc to 14', kind: 'decision', revisions: 1 });
    expect(revised.revisionId).not.toBe(first.id);
    expect(revised.revisedBy).toBe('Zhang San');
    // Revising through the revision's own id continues the same entry.
    callOk(core, 'log.revise', { engagementId: id, id: revised.revisionId, text: 'Scaled order-svc to 16' });
    const listed = callOk(core, 'log.list', { engagementId: id }).entries;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: first.id, text: 'Scaled order-svc to 16', revisions: 2, late: false });
    const history = callOk(core, 'log.revisions', { engagementId: id, id: first.id });
    expect(history.map((r) => [r.kind, r.text])).toEqual([
      ['action', 'Scaled order-svc to 12'],
      ['decision', 'Scaled order-svc to 14'],
      ['decision', 'Scaled order-svc to 16'],
    ]);
    // Insert-only: the first row is untouched and every revision is its own row.
    const stored = rows(core);
    expect(stored).toHaveLength(3);
    expect(stored[0]).toEqual({ id: first.id, text: 'Scaled order-svc to 12', revision_of: null });
    expect(stored.slice(1).every((r) => r.revision_of === first.id)).toBe(true);
  });

  it('takes the revision written last as the latest even when the laptop clock stepped back', () => {
    const times = ['2026-11-10T16:10:00.000Z', '2026-11-10T16:11:00.000Z', '2026-11-10T16:05:00.000Z'];
    let tick = 0;
    // Creating the engagement and settings read the clock too; the log calls take the last three readings.
    const core = startTestCore({ now: () => (tick < 100 ? START : (times[tick - 100] ?? START)) });
    const id = engagement(core);
    tick = 100;
    const first = callOk(core, 'log.append', { engagementId: id, kind: 'action', text: 'Scaled to 12' });
    tick = 101;
    callOk(core, 'log.revise', { engagementId: id, id: first.id, text: 'Scaled to 14' });
    tick = 102;
    callOk(core, 'log.revise', { engagementId: id, id: first.id, text: 'Scaled to 16' });
    expect(callOk(core, 'log.list', { engagementId: id }).entries.map((e) => e.text)).toEqual(['Scaled to 16']);
    expect(callOk(core, 'log.revisions', { engagementId: id, id: first.id }).map((r) => r.text)).toEqual([
      'Scaled to 12',
      'Scaled to 14',
      'Scaled to 16',
    ]);
  });

  it('finds the entries naming an incident through an index, not by reading the whole log', () => {
    const core = coreAt();
    const plan = core.context.store.sqlite
      .prepare<[string, string], { detail: string }>(
        `EXPLAIN QUERY PLAN SELECT id FROM log_entries
         WHERE incident_id = ? AND engagement_id = ? AND deleted_at IS NULL ORDER BY rowid`,
      )
      .all('i', 'e');
    expect(plan.map((row) => row.detail).join(' ')).toContain('log_entries_incident_idx');
  });

  it('measures lateness of a corrected time against when the entry was first written', () => {
    const core = coreAt();
    const id = engagement(core);
    const entry = callOk(core, 'log.append', { engagementId: id, kind: 'observation', text: 'Alarm on gateway' });
    const corrected = callOk(core, 'log.revise', {
      engagementId: id,
      id: entry.id,
      text: 'Alarm on gateway',
      occurredAt: '2026-11-10T15:30:00Z',
    });
    expect(corrected.late).toBe(true);
    expect(corrected.occurredAt).toBe('2026-11-10T15:30:00.000Z');
  });

  it('refuses bad input naming the field and stores nothing', () => {
    const core = coreAt();
    const id = engagement(core);
    expect(callErr(core, 'log.append', { engagementId: id, kind: 'decision', text: '   ' })).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'text',
    });
    expect(callErr(core, 'log.append', { engagementId: id, kind: 'decision', text: 'x'.repeat(4001) })).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'text',
    });
    expect(callErr(core, 'log.append', { engagementId: id, kind: 'closure', text: 'Closed' })).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'kind',
    });
    expect(
      callErr(core, 'log.append', {
        engagementId: id,
        kind: 'action',
        text: 'Later',
        occurredAt: '2026-11-10T16:05:00Z',
      }),
    ).toMatchObject({ code: 'INVALID_INPUT', field: 'occurredAt', messageKey: 'validation.logTimeFuture' });
    expect(
      callErr(core, 'log.append', { engagementId: id, kind: 'action', text: 'When?', occurredAt: '10 past four' }),
    ).toMatchObject({ code: 'INVALID_INPUT', field: 'occurredAt' });
    expect(
      callErr(core, 'log.append', {
        engagementId: id,
        kind: 'incidentUpdate',
        text: 'P2 mitigated',
        incidentId: core.context.newId(),
      }),
    ).toMatchObject({ code: 'NOT_FOUND', field: 'incidentId' });
    expect(rows(core)).toEqual([]);
  });

  it('refuses entries and revisions once the war room is closed, except the closure entry', () => {
    const core = coreAt();
    const id = engagement(core);
    const entry = callOk(core, 'log.append', { engagementId: id, kind: 'handover', text: 'Night shift takes over' });
    closeWarRoom(core, id);
    expect(callErr(core, 'log.append', { engagementId: id, kind: 'observation', text: 'After close' })).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'warRoomLog.closedError',
    });
    expect(callErr(core, 'log.revise', { engagementId: id, id: entry.id, text: 'Changed' })).toMatchObject({
      code: 'CONFLICT',
    });
    const closure = appendLogEntry(core.context, id, { kind: 'closure', text: 'Event passed without P1' });
    expect(closure.kind).toBe('closure');
    expect(callOk(core, 'log.list', { engagementId: id }).entries.map((e) => e.text)).toEqual([
      'Night shift takes over',
      'Event passed without P1',
    ]);
  });

  it('refuses writes for archived and trashed engagements', () => {
    const core = coreAt();
    const archived = engagement(core);
    callOk(core, 'engagement.archive', { id: archived });
    expect(callErr(core, 'log.append', { engagementId: archived, kind: 'observation', text: 'x' })).toMatchObject({
      code: 'CONFLICT',
      field: 'engagementId',
    });
    const trashed = engagement(core);
    callOk(core, 'engagement.trash', { id: trashed });
    expect(callErr(core, 'log.append', { engagementId: trashed, kind: 'observation', text: 'x' })).toMatchObject({
      code: 'CONFLICT',
    });
    expect(rows(core)).toEqual([]);
  });

  it('filters by kind, text (Chinese too), time and incident, and pages back with the cursor', () => {
    const core = coreAt();
    const id = engagement(core);
    const incidentId = core.context.newId();
    core.context.store.sqlite
      .prepare(
        `INSERT INTO incidents (id, created_at, updated_at, updated_by, device_id, engagement_id, seq, severity, title, incident)
         VALUES (?, ?, ?, 'test', 'test', ?, 1, 'P2', 'Gateway 502s', '{}')`,
      )
      .run(incidentId, START, START, id);
    const at = (minute: number) => `2026-11-10T15:${String(minute).padStart(2, '0')}:00Z`;
    callOk(core, 'log.append', { engagementId: id, kind: 'observation', text: '流量达到峰值', occurredAt: at(10) });
    callOk(core, 'log.append', { engagementId: id, kind: 'decision', text: '启动限流 100%_off', occurredAt: at(20) });
    callOk(core, 'log.append', {
      engagementId: id,
      kind: 'incidentUpdate',
      text: 'Gateway 502s acknowledged',
      occurredAt: at(30),
      incidentId,
    });
    callOk(core, 'log.append', {
      engagementId: id,
      kind: 'handover',
      text: 'Day shift hands over',
      occurredAt: at(40),
    });
    const texts = (query: Omit<Parameters<typeof callOk<'log.list'>>[2], 'engagementId'>) =>
      callOk(core, 'log.list', { engagementId: id, ...query }).entries.map((e) => e.text);
    expect(texts({ kinds: ['decision', 'handover'] })).toEqual(['启动限流 100%_off', 'Day shift hands over']);
    expect(texts({ search: '峰值' })).toEqual(['流量达到峰值']);
    expect(texts({ search: '100%_' })).toEqual(['启动限流 100%_off']);
    expect(texts({ search: '%' })).toEqual(['启动限流 100%_off']);
    expect(texts({ search: 'gateway' })).toEqual(['Gateway 502s acknowledged']);
    expect(texts({ search: 'zhang' })).toHaveLength(4);
    expect(texts({ from: at(15), to: at(30) })).toEqual(['启动限流 100%_off', 'Gateway 502s acknowledged']);
    expect(texts({ incidentId })).toEqual(['Gateway 502s acknowledged']);

    const newest = callOk(core, 'log.list', { engagementId: id, limit: 3 });
    expect(newest.entries.map((e) => e.occurredAt)).toEqual([
      '2026-11-10T15:20:00.000Z',
      '2026-11-10T15:30:00.000Z',
      '2026-11-10T15:40:00.000Z',
    ]);
    expect(newest.olderCursor).not.toBeNull();
    const older = callOk(core, 'log.list', { engagementId: id, limit: 3, before: newest.olderCursor ?? '' });
    expect(older.entries.map((e) => e.text)).toEqual(['流量达到峰值']);
    expect(older.olderCursor).toBeNull();
  });
});
