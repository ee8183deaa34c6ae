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

  it('generates shifts from a pattern that cover the window, and replaces the role shifts only when asked, with undo', () => {
    const { core, engagementId, liWei, anna } = setUp();
    const request = { pattern: '2x12' as const, startHourLocal: 8, roleId: 'dutyManager', contactIds: [liWei, anna] };
    const first = callOk(core, 'roster.generate', { engagementId, request });
    let view = first.view;
    // 20:00–08:00, 08:00–20:00, 20:00–02:00 local.
    expect(view.shifts.map((s) => [s.startUtc, s.endUtc, s.contactId])).toEqual([
      [WINDOW_START, '2026-11-11T00:00:00.000Z', liWei],
      ['2026-11-11T00:00:00.000Z', '2026-11-11T12:00:00.000Z', anna],
      ['2026-11-11T12:00:00.000Z', WINDOW_END, liWei],
    ]);
    expect(view.gaps).toEqual([]);
    expect(first.removedIds).toEqual([]);
    expect(first.createdIds.sort()).toEqual(view.shifts.map((s) => s.id).sort());
    const twelves = view.shifts.map((s) => s.id).sort();
    // Without replace the role keeps its shifts.
    const tam = callOk(core, 'roster.saveShift', {
      engagementId,
      shift: { contactId: anna, roleId: 'tam', startUtc: WINDOW_START, endUtc: '2026-11-10T14:00:00.000Z' },
    }).shifts.find((s) => s.roleId === 'tam');
    const added = callOk(core, 'roster.generate', { engagementId, request: { ...request, contactIds: [anna] } });
    expect(added.removedIds).toEqual([]);
    expect(added.view.shifts.filter((s) => s.roleId === 'dutyManager')).toHaveLength(6);
    view = callOk(core, 'roster.undoGenerate', { engagementId, removedIds: [], createdIds: added.createdIds });
    expect(
      view.shifts
        .filter((s) => s.roleId === 'dutyManager')
        .map((s) => s.id)
        .sort(),
    ).toEqual(twelves);
    // Replacing removes the role's shifts only, says which, and undo brings exactly them back.
    const replaced = callOk(core, 'roster.generate', {
      engagementId,
      request: { ...request, pattern: '3x8' },
      replace: true,
    });
    expect(replaced.removedIds.sort()).toEqual(twelves);
    expect(replaced.createdIds).toHaveLength(5);
    expect(replaced.view.shifts.filter((s) => s.roleId === 'dutyManager')).toHaveLength(5);
    expect(replaced.view.shifts.some((s) => s.id === tam?.id)).toBe(true);
    expect(replaced.view.doubleBookings).toEqual([]);
    view = callOk(core, 'roster.undoGenerate', {
      engagementId,
      removedIds: replaced.removedIds,
      createdIds: replaced.createdIds,
    });
    expect(
      view.shifts
        .filter((s) => s.roleId === 'dutyManager')
        .map((s) => s.id)
        .sort(),
    ).toEqual(twelves);
    expect(view.shifts.some((s) => s.id === tam?.id)).toBe(true);
    expect(view.gaps).toEqual([]);
    const error = callErr(core, 'roster.generate', {
      engagementId,
      request: { ...request, contactIds: [liWei, '00000000-0000-4000-8000-000000000000'] },
    });
    expect(error.field).toBe('request.contactIds.1');
  });

  it('refuses, naming the pattern and storing nothing, a pattern that would make more shifts than an undo takes back', () => {
    const { core, engagementId, liWei } = setUp();
    // Four years of 4 × 6 h shifts: about 5,850, past the 5,000 roster.undoGenerate accepts.
    callOk(core, 'engagement.update', {
      id: engagementId,
      patch: { eventStartLocal: '2026-01-01T00:00', eventEndLocal: '2029-12-31T23:00' },
    });
    const before = snapshot(core);
    const request = { pattern: '4x6' as const, startHourLocal: 0, roleId: 'dutyManager', contactIds: [liWei] };
    const error = callErr(core, 'roster.generate', { engagementId, request });
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'request.pattern',
      messageKey: 'validation.rosterTooManyShifts',
    });
    expect(snapshot(core)).toEqual(before);
    // Daily 24 h shifts over the same four years stay within the limit, and their undo takes them back.
    const daily = callOk(core, 'roster.generate', { engagementId, request: { ...request, pattern: '1x24' } });
    expect(daily.createdIds.length).toBeGreaterThan(1400);
    callOk(core, 'roster.undoGenerate', { engagementId, removedIds: daily.removedIds, createdIds: daily.createdIds });
  });

  it('undoing a replace whose removed person has since left the plan is refused and changes nothing', () => {
    const { core, engagementId, liWei, anna } = setUp();
    const byLiWei = callOk(core, 'roster.saveShift', {
      engagementId,
      shift: { contactId: liWei, roleId: 'dutyManager', startUtc: WINDOW_START, endUtc: WINDOW_END },
    }).shifts[0];
    const replaced = callOk(core, 'roster.generate', {
      engagementId,
      request: { pattern: '1x24', startHourLocal: 8, roleId: 'dutyManager', contactIds: [anna] },
      replace: true,
    });
    expect(replaced.removedIds).toEqual([byLiWei?.id]);
    callOk(core, 'plan.removeRow', { engagementId, kind: 'contact', id: liWei });
    const before = snapshot(core);
    const error = callErr(core, 'roster.undoGenerate', {
      engagementId,
      removedIds: replaced.removedIds,
      createdIds: replaced.createdIds,
    });
    expect(error.field).toBe('shift.contactId');
    expect(snapshot(core)).toEqual(before);
  });

  it('refuses to remove a person from the plan while they hold shifts, naming the shifts and roles', () => {
    const { core, engagementId, liWei, anna } = setUp();
    const hours = ['12', '16', '20'];
    for (const [index, start] of hours.entries()) {
      const end = hours[index + 1] ?? '23';
      callOk(core, 'roster.saveShift', {
        engagementId,
        shift: {
          contactId: liWei,
          roleId: 'dutyManager',
          startUtc: `2026-11-10T${start}:00:00.000Z`,
          endUtc: `2026-11-10T${end}:00:00.000Z`,
        },
      });
    }
    callOk(core, 'roster.saveShift', {
      engagementId,
      shift: { contactId: liWei, roleId: 'tam', startUtc: WINDOW_START, endUtc: '2026-11-10T13:00:00.000Z' },
    });
    const before = snapshot(core);
    const contactsBefore = core.context.store.sqlite.prepare('SELECT * FROM contacts ORDER BY id').all();
    const error = callErr(core, 'plan.removeRow', { engagementId, kind: 'contact', id: liWei });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe(
      'Li Wei holds 3 duty manager shifts and 1 technical account manager (TAM) shift: remove or reassign them on the On duty → Roster tab first.',
    );
    expect(snapshot(core)).toEqual(before);
    expect(core.context.store.sqlite.prepare('SELECT * FROM contacts ORDER BY id').all()).toEqual(contactsBefore);
    // Someone with no shift leaves at once; Li Wei does once the shifts are gone.
    expect(callOk(core, 'plan.removeRow', { engagementId, kind: 'contact', id: anna }).contacts).toHaveLength(1);
    for (const shift of callOk(core, 'roster.get', { engagementId }).shifts) {
      callOk(core, 'roster.removeShift', { engagementId, id: shift.id });
    }
    expect(callOk(core, 'plan.removeRow', { engagementId, kind: 'contact', id: liWei }).contacts).toEqual([]);
  });

  it('a shift whose person left the plan (stored by an older version) is flagged and fills no gap', () => {
    const { core, engagementId, liWei } = setUp();
    const covered = callOk(core, 'roster.saveShift', {
      engagementId,
      shift: { contactId: liWei, roleId: 'dutyManager', startUtc: WINDOW_START, endUtc: WINDOW_END },
    });
    expect(covered.gaps).toEqual([]);
    core.context.store.sqlite.prepare("UPDATE contacts SET deleted_at = 'x' WHERE id = ?").run(liWei);
    const view = callOk(core, 'roster.get', { engagementId });
    expect(view.orphanShifts).toEqual([{ shiftId: covered.shifts[0]?.id, contactId: liWei, roleId: 'dutyManager' }]);
    expect(view.gaps.map((g) => [g.roleId, g.startUtc, g.endUtc])).toEqual([['dutyManager', WINDOW_START, WINDOW_END]]);
  });

  it('an escalation contact on duty as duty manager at the same time is not double-booked', () => {
    const { core, engagementId, liWei } = setUp();
    callOk(core, 'roster.saveShift', {
      engagementId,
      shift: { contactId: liWei, roleId: 'escalation', startUtc: WINDOW_START, endUtc: WINDOW_END },
    });
    const view = callOk(core, 'roster.saveShift', {
      engagementId,
      shift: { contactId: liWei, roleId: 'dutyManager', startUtc: WINDOW_START, endUtc: '2026-11-10T20:00:00.000Z' },
    });
    expect(view.doubleBookings).toEqual([]);
  });

  it('a 2 x 12 h pattern across the night Berlin clocks go back raises no long shift', () => {
    const core = startTestCore({ now: steppingClock('2026-10-01T02:00:00.000Z') });
    const engagementId = callOk(
      core,
      'engagement.create',
      engagementFields({
        eventStartLocal: '2026-10-24T08:00',
        eventEndLocal: '2026-10-26T08:00',
        timeZone: 'Europe/Berlin',
      }),
    ).id;
    const contactId =
      callOk(core, 'plan.saveContact', {
        engagementId,
        contact: { party: 'provider', name: 'Jonas', role: 'On duty', email: '', phone: '', projectManager: false },
      }).contacts[0]?.id ?? '';
    const { view } = callOk(core, 'roster.generate', {
      engagementId,
      request: { pattern: '2x12', startHourLocal: 8, roleId: 'dutyManager', contactIds: [contactId] },
    });
    const hours = view.shifts.map((s) => (Date.parse(s.endUtc) - Date.parse(s.startUtc)) / 3_600_000);
    expect(hours).toEqual([12, 13, 12, 12]);
    expect(view.settings.maxShiftHours).toBe(12);
    expect(view.longShifts).toEqual([]);
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
