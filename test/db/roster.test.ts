import { DEFAULT_DUTY_ROLES } from '@shared/domain/roster';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/index';
import { callErr, callOk, closeTestCores, startTestCore, steppingClock } from '../fixtures/core';
import { removeTempDataDirs } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});

// The fixture's window: 2026-11-10 20:00 to 2026-11-12 02:00 Asia/Shanghai.
const WINDOW_START = '2026-11-10T12:00:00.000Z';
const WINDOW_END = '2026-11-11T18:00:00.000Z';

function setUp() {
  const core = startTestCore({ now: steppingClock('2026-11-01T02:00:00.000Z') });
  const engagementId = callOk(core, 'engagement.create', engagementFields()).id;
  const person = (name: string, party: 'provider' | 'customer', phone: string) => {
    const plan = callOk(core, 'plan.saveContact', {
      engagementId,
      contact: { party, name, role: 'On duty', email: '', phone, projectManager: false },
    });
    const contact = plan.contacts.find((c) => c.name === name);
    if (!contact) throw new Error(`contact ${name} not saved`);
    return contact.id;
  };
  const liWei = person('Li Wei', 'provider', '+86 138 0000 0001');
  const anna = person('Anna Berg', 'customer', '+49 30 1234');
  return { core, engagementId, liWei, anna };
}

/** Every stored roster row, removed ones too: what "unchanged" is checked against. */
function snapshot(core: Core) {
  return [
    core.context.store.sqlite.prepare('SELECT * FROM shifts ORDER BY id').all(),
    core.context.store.sqlite.prepare('SELECT * FROM on_duty_settings ORDER BY id').all(),
  ];
}

describe('roster', () => {
  it('starts with the default roles, an open window for the duty manager and the plan contacts', () => {
    const { core, engagementId, liWei } = setUp();
    const view = callOk(core, 'roster.get', { engagementId });
    expect(view.settings).toEqual({ roles: DEFAULT_DUTY_ROLES, maxShiftHours: 12 });
    expect(view.window).toEqual({ startUtc: WINDOW_START, endUtc: WINDOW_END });
    expect(view.timeZone).toBe('Asia/Shanghai');
    expect(view.contacts.map((c) => [c.name, c.party, c.phone])).toEqual([
      ['Li Wei', 'provider', '+86 138 0000 0001'],
      ['Anna Berg', 'customer', '+49 30 1234'],
    ]);
    expect(view.contacts[0]?.id).toBe(liWei);
    expect(view.gaps).toEqual([
      { roleId: 'dutyManager', startUtc: WINDOW_START, endUtc: WINDOW_END, minutes: 30 * 60, required: 1, fewest: 0 },
    ]);
  });

  it('a gap is found, then filled; double bookings and long shifts are flagged; every write is announced', () => {
    const { core, engagementId, liWei, anna } = setUp();
    const events: string[] = [];
    core.context.emit = (event, payload) => events.push(`${event}:${JSON.stringify(payload)}`);
    callOk(core, 'roster.saveShift', {
      engagementId,
      shift: { contactId: liWei, roleId: 'dutyManager', startUtc: WINDOW_START, endUtc: '2026-11-11T02:00:00.000Z' },
    });
    let view = callOk(core, 'roster.saveShift', {
      engagementId,
      shift: { contactId: anna, roleId: 'dutyManager', startUtc: '2026-11-11T04:00:00.000Z', endUtc: WINDOW_END },
    });
    expect(view.gaps.map((g) => [g.startUtc, g.endUtc])).toEqual([
      ['2026-11-11T02:00:00.000Z', '2026-11-11T04:00:00.000Z'],
    ]);
    expect(view.longShifts.map((l) => [l.contactId, l.hours])).toEqual([
      [liWei, 14],
      [anna, 14],
    ]);
    view = callOk(core, 'roster.saveShift', {
      engagementId,
      shift: {
        contactId: liWei,
        roleId: 'tam',
        startUtc: '2026-11-11T01:00:00.000Z',
        endUtc: '2026-11-11T04:00:00.000Z',
        notes: 'Covers the handover',
      },
    });
    expect(view.gaps).toHaveLength(1);
    expect(view.doubleBookings.map((d) => [d.contactId, d.startUtc, d.endUtc])).toEqual([
      [liWei, '2026-11-11T01:00:00.000Z', '2026-11-11T02:00:00.000Z'],
    ]);
    const tamShift = view.shifts.find((s) => s.roleId === 'tam');
    if (!tamShift) throw new Error('TAM shift not stored');
    view = callOk(core, 'roster.saveShift', {
      engagementId,
      shift: { ...tamShift, roleId: 'dutyManager', startUtc: '2026-11-11T02:00:00.000Z' },
    });
    expect(view.gaps).toEqual([]);
    expect(view.doubleBookings).toEqual([]);
    expect(view.shifts.find((s) => s.id === tamShift.id)?.notes).toBe('Covers the handover');
    expect(events).toEqual(Array(4).fill(`engagement.changed:${JSON.stringify({ id: engagementId })}`));
  });

  it('refuses bad shifts with a message naming the field and stores nothing', () => {
    const { core, engagementId, liWei } = setUp();
    const before = snapshot(core);
    const shift = {
      contactId: liWei,
      roleId: 'dutyManager',
      startUtc: WINDOW_START,
      endUtc: '2026-11-11T00:00:00.000Z',
    };
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ endUtc: WINDOW_START }, 'shift.endUtc', /end after it starts/],
      [
        { startUtc: '2026-11-11T01:00:00.000Z', endUtc: '2026-11-11T00:00:00.000Z' },
        'shift.endUtc',
        /end after it starts/,
      ],
      [{ startUtc: '2026-11-10T11:00:00.000Z' }, 'shift.startUtc', /within the event window.*2026-11-10 20:00/],
      [{ endUtc: '2026-11-11T19:00:00.000Z' }, 'shift.endUtc', /within the event window/],
      [{ contactId: '00000000-0000-4000-8000-000000000000' }, 'shift.contactId', /not among the contacts/],
      [{ roleId: 'astronaut' }, 'shift.roleId', /not defined/],
      [{ startUtc: '2026-11-11 00:00' }, 'shift.startUtc', /when the shift starts/],
    ];
    for (const [patch, field, message] of cases) {
      const error = callErr(core, 'roster.saveShift', { engagementId, shift: { ...shift, ...patch } });
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.field).toBe(field);
      expect(error.message).toMatch(message);
    }
    expect(snapshot(core)).toEqual(before);
  });

  it('a person of another engagement is an unknown person here', () => {
    const { core, engagementId } = setUp();
    const other = setUp();
    const error = callErr(core, 'roster.saveShift', {
      engagementId,
      shift: { contactId: other.liWei, roleId: 'dutyManager', startUtc: WINDOW_START, endUtc: WINDOW_END },
    });
    expect(error.field).toBe('shift.contactId');
  });

  it('removes a shift with undo', () => {
    const { core, engagementId, liWei } = setUp();
    const saved = callOk(core, 'roster.saveShift', {
      engagementId,
      shift: { contactId: liWei, roleId: 'dutyManager', startUtc: WINDOW_START, endUtc: WINDOW_END },
    });
    const id = saved.shifts[0]?.id ?? '';
    expect(saved.gaps).toEqual([]);
    const removed = callOk(core, 'roster.removeShift', { engagementId, id });
    expect(removed.shifts).toEqual([]);
    expect(removed.gaps).toHaveLength(1);
    const restored = callOk(core, 'roster.restoreShift', { engagementId, id });
    expect(restored.shifts.map((s) => s.id)).toEqual([id]);
    expect(restored.gaps).toEqual([]);
    expect(callErr(core, 'roster.removeShift', { engagementId, id: '00000000-0000-4000-8000-000000000000' }).code).toBe(
      'NOT_FOUND',
    );
  });

  it('saves roles and the shift limit, keeps the war room state, and refuses to drop a role that holds shifts', () => {
    const { core, engagementId, liWei } = setUp();
    core.context.store.sqlite
      .prepare(
        "INSERT INTO on_duty_settings (id, engagement_id, created_at, updated_at, updated_by, device_id, settings, closed_at, closure) VALUES ('w', ?, 'x', 'x', 'x', 'x', '{}', '2026-11-12T00:00:00.000Z', '{}')",
      )
      .run(engagementId);
    const roles = [
      { id: 'dutyManager', kind: 'dutyManager' as const, name: '', required: 2 },
      { id: 'rds', kind: 'productExpert' as const, name: 'RDS', required: 1 },
    ];
    let view = callOk(core, 'roster.saveSettings', { engagementId, settings: { roles, maxShiftHours: 8 } });
    expect(view.settings).toEqual({ roles, maxShiftHours: 8 });
    expect(view.gaps.map((g) => [g.roleId, g.required])).toEqual([
      ['dutyManager', 2],
      ['rds', 1],
    ]);
    const row = core.context.store.sqlite
      .prepare('SELECT closed_at FROM on_duty_settings WHERE engagement_id = ?')
      .get(engagementId);
    expect(row).toEqual({ closed_at: '2026-11-12T00:00:00.000Z' });
    view = callOk(core, 'roster.saveShift', {
      engagementId,
      shift: { contactId: liWei, roleId: 'rds', startUtc: WINDOW_START, endUtc: '2026-11-11T00:00:00.000Z' },
    });
    expect(view.longShifts.map((l) => l.hours)).toEqual([12]);
    const before = snapshot(core);
    const error = callErr(core, 'roster.saveSettings', {
      engagementId,
      settings: { roles: roles.slice(0, 1), maxShiftHours: 8 },
    });
    expect(error.field).toBe('settings.roles');
    expect(error.message).toMatch(/remove or move them.*rds/);
    expect(callErr(core, 'roster.saveSettings', { engagementId, settings: { roles, maxShiftHours: 0 } }).field).toBe(
      'settings.maxShiftHours',
    );
    expect(snapshot(core)).toEqual(before);
  });

  it('generates shifts from a pattern that cover the window, and replaces the role shifts when asked', () => {
    const { core, engagementId, liWei, anna } = setUp();
    const request = { pattern: '2x12' as const, startHourLocal: 8, roleId: 'dutyManager', contactIds: [liWei, anna] };
    let view = callOk(core, 'roster.generate', { engagementId, request });
    // 20:00–08:00, 08:00–20:00, 20:00–02:00 local.
    expect(view.shifts.map((s) => [s.startUtc, s.endUtc, s.contactId])).toEqual([
      [WINDOW_START, '2026-11-11T00:00:00.000Z', liWei],
      ['2026-11-11T00:00:00.000Z', '2026-11-11T12:00:00.000Z', anna],
      ['2026-11-11T12:00:00.000Z', WINDOW_END, liWei],
    ]);
    expect(view.gaps).toEqual([]);
    view = callOk(core, 'roster.generate', { engagementId, request: { ...request, pattern: '3x8' }, replace: true });
    expect(view.shifts).toHaveLength(5);
    expect(view.doubleBookings).toEqual([]);
    const error = callErr(core, 'roster.generate', {
      engagementId,
      request: { ...request, contactIds: [liWei, '00000000-0000-4000-8000-000000000000'] },
    });
    expect(error.field).toBe('request.contactIds.1');
  });

  it('archived and trashed engagements show their roster but refuse changes', () => {
    const { core, engagementId, liWei } = setUp();
    callOk(core, 'engagement.archive', { id: engagementId });
    const view = callOk(core, 'roster.get', { engagementId });
    expect(view.readOnly).toBe(true);
    const shift = { contactId: liWei, roleId: 'dutyManager', startUtc: WINDOW_START, endUtc: WINDOW_END };
    expect(callErr(core, 'roster.saveShift', { engagementId, shift }).code).toBe('CONFLICT');
    callOk(core, 'engagement.unarchive', { id: engagementId });
    callOk(core, 'engagement.trash', { id: engagementId });
    const error = callErr(core, 'roster.generate', {
      engagementId,
      request: { pattern: '3x8', startHourLocal: 0, roleId: 'dutyManager', contactIds: [liWei] },
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/in the trash/);
  });
});
