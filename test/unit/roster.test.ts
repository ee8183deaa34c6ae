import {
  type CoverageGap,
  coverageGaps,
  coverageSummary,
  DEFAULT_DUTY_ROLES,
  doubleBookings,
  escalationContacts,
  type GeneratedShift,
  longShifts,
  orphanShifts,
  type RosterContact,
  rosterRows,
  rosterSettingsSchema,
  rowsByDay,
  type ShiftSpan,
  servedHours,
  shiftInputSchema,
  shiftsFromPattern,
  staffedShifts,
  toMinute,
} from '@shared/domain/roster';
import { localToUtc, utcToLocal } from '@shared/domain/time';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';

let seq = 0;
function shift(contactId: string, startUtc: string, endUtc: string, roleId = 'dutyManager'): ShiftSpan {
  seq += 1;
  return { id: `s${seq}`, contactId, roleId, startUtc, endUtc };
}
const z = (local: string) => `${local}:00.000Z`;
const gapTimes = (gaps: CoverageGap[]) => gaps.map((g) => [g.roleId, g.startUtc, g.endUtc, g.fewest]);

/** Wall time in a zone to UTC, failing loudly when it does not exist. */
function at(local: string, zone: string): string {
  const utc = localToUtc(local, zone);
  if (!utc) throw new Error(`${local} does not exist in ${zone}`);
  return utc;
}

const dutyManager = [{ id: 'dutyManager', required: 1 }];

describe('coverage gaps', () => {
  type Case = {
    why: string;
    window: [string, string];
    shifts: ShiftSpan[];
    roles?: { id: string; required: number }[];
    gaps: (string | number)[][];
  };
  const cases: Case[] = [
    {
      why: 'an empty roster leaves the whole window open',
      window: [z('2026-11-10T16:00'), z('2026-11-11T16:00')],
      shifts: [],
      gaps: [['dutyManager', z('2026-11-10T16:00'), z('2026-11-11T16:00'), 0]],
    },
    {
      why: 'back-to-back shifts leave no gap',
      window: [z('2026-11-10T16:00'), z('2026-11-11T16:00')],
      shifts: [
        shift(A, z('2026-11-10T16:00'), z('2026-11-11T04:00')),
        shift(B, z('2026-11-11T04:00'), z('2026-11-11T16:00')),
      ],
      gaps: [],
    },
    {
      why: 'a one-minute hole between shifts is a gap',
      window: [z('2026-11-10T16:00'), z('2026-11-11T16:00')],
      shifts: [
        shift(A, z('2026-11-10T16:00'), z('2026-11-11T03:59')),
        shift(B, z('2026-11-11T04:00'), z('2026-11-11T16:00')),
      ],
      gaps: [['dutyManager', z('2026-11-11T03:59'), z('2026-11-11T04:00'), 0]],
    },
    {
      why: 'a window crossing midnight: gaps before the first and after the last shift',
      // Asia/Shanghai 2026-11-11 20:00 to 2026-11-12 04:00 local.
      window: [at('2026-11-11T20:00', 'Asia/Shanghai'), at('2026-11-12T04:00', 'Asia/Shanghai')],
      shifts: [shift(A, at('2026-11-11T22:00', 'Asia/Shanghai'), at('2026-11-12T02:00', 'Asia/Shanghai'))],
      gaps: [
        ['dutyManager', z('2026-11-11T12:00'), z('2026-11-11T14:00'), 0],
        ['dutyManager', z('2026-11-11T18:00'), z('2026-11-11T20:00'), 0],
      ],
    },
    {
      why: 'shifts reaching outside the window are cut at its ends',
      window: [z('2026-11-11T00:00'), z('2026-11-11T12:00')],
      shifts: [
        shift(A, z('2026-11-10T20:00'), z('2026-11-11T06:00')),
        shift(B, z('2026-11-11T06:00'), z('2026-11-11T20:00')),
      ],
      gaps: [],
    },
    {
      why: 'two shifts of one person count as one person',
      window: [z('2026-11-11T00:00'), z('2026-11-11T12:00')],
      roles: [{ id: 'dutyManager', required: 2 }],
      shifts: [
        shift(A, z('2026-11-11T00:00'), z('2026-11-11T12:00')),
        shift(A, z('2026-11-11T00:00'), z('2026-11-11T06:00')),
        shift(B, z('2026-11-11T06:00'), z('2026-11-11T12:00')),
      ],
      gaps: [['dutyManager', z('2026-11-11T00:00'), z('2026-11-11T06:00'), 1]],
    },
    {
      why: 'required two: one maximal gap with the fewest people in it',
      window: [z('2026-11-11T00:00'), z('2026-11-11T12:00')],
      roles: [{ id: 'dutyManager', required: 2 }],
      shifts: [
        shift(A, z('2026-11-11T00:00'), z('2026-11-11T12:00')),
        shift(B, z('2026-11-11T08:00'), z('2026-11-11T12:00')),
      ],
      gaps: [['dutyManager', z('2026-11-11T00:00'), z('2026-11-11T08:00'), 1]],
    },
    {
      why: 'roles that require nobody are not checked, other roles do not cover',
      window: [z('2026-11-11T00:00'), z('2026-11-11T12:00')],
      roles: [
        { id: 'dutyManager', required: 1 },
        { id: 'tam', required: 0 },
      ],
      shifts: [shift(A, z('2026-11-11T00:00'), z('2026-11-11T12:00'), 'tam')],
      gaps: [['dutyManager', z('2026-11-11T00:00'), z('2026-11-11T12:00'), 0]],
    },
    {
      why: 'Europe/Berlin falls back on 2026-10-25: the local night is 25 hours long and two 12.5 h shifts cover it',
      window: [at('2026-10-24T20:00', 'Europe/Berlin'), at('2026-10-25T20:00', 'Europe/Berlin')],
      shifts: [
        shift(A, at('2026-10-24T20:00', 'Europe/Berlin'), z('2026-10-25T07:30')),
        shift(B, z('2026-10-25T07:30'), at('2026-10-25T20:00', 'Europe/Berlin')),
      ],
      gaps: [],
    },
    {
      why: 'Europe/Berlin: local 08:00 to 08:00 shifts miss the repeated hour if planned as 24 real hours from the wrong day',
      window: [at('2026-10-24T08:00', 'Europe/Berlin'), at('2026-10-25T20:00', 'Europe/Berlin')],
      shifts: [
        // 24 real hours from 08:00 CEST ends at 07:00 CET local on the 25th: 07:00 to 08:00 local is open.
        shift(A, at('2026-10-24T08:00', 'Europe/Berlin'), z('2026-10-25T06:00')),
        shift(B, at('2026-10-25T08:00', 'Europe/Berlin'), at('2026-10-25T20:00', 'Europe/Berlin')),
      ],
      gaps: [['dutyManager', z('2026-10-25T06:00'), z('2026-10-25T07:00'), 0]],
    },
    {
      why: 'America/New_York springs forward on 2026-03-08: 00:00 to 08:00 local is 7 real hours',
      window: [at('2026-03-08T00:00', 'America/New_York'), at('2026-03-08T16:00', 'America/New_York')],
      shifts: [
        shift(A, at('2026-03-08T00:00', 'America/New_York'), at('2026-03-08T08:00', 'America/New_York')),
        shift(B, at('2026-03-08T08:00', 'America/New_York'), at('2026-03-08T16:00', 'America/New_York')),
      ],
      gaps: [],
    },
    {
      why: 'America/New_York 2026-03-08: shifts planned in real hours across the change leave the hour between them open',
      window: [at('2026-03-08T00:00', 'America/New_York'), at('2026-03-08T09:00', 'America/New_York')],
      shifts: [
        shift(A, z('2026-03-08T05:00'), z('2026-03-08T11:00')),
        shift(B, z('2026-03-08T12:00'), at('2026-03-08T09:00', 'America/New_York')),
      ],
      gaps: [['dutyManager', z('2026-03-08T11:00'), z('2026-03-08T12:00'), 0]],
    },
    {
      why: 'seconds are ignored: the roster is planned in minutes',
      window: [z('2026-11-11T00:00'), z('2026-11-11T01:00')],
      shifts: [shift(A, '2026-11-11T00:00:30.000Z', '2026-11-11T01:00:59.000Z')],
      gaps: [],
    },
  ];
  for (const c of cases) {
    it(c.why, () => {
      const gaps = coverageGaps({ startUtc: c.window[0], endUtc: c.window[1] }, c.shifts, c.roles ?? dutyManager);
      expect(gapTimes(gaps)).toEqual(c.gaps);
      for (const gap of gaps) expect(gap.minutes).toBe(toMinute(gap.endUtc) - toMinute(gap.startUtc));
    });
  }
});

describe('coverage gap properties', () => {
  const windowStart = Date.UTC(2026, 10, 10, 16, 0) / 60_000;
  const windowMinutes = 48 * 60;
  const iso = (minute: number) => new Date(minute * 60_000).toISOString();
  const window = { startUtc: iso(windowStart), endUtc: iso(windowStart + windowMinutes) };
  const shiftArb = fc
    .record({
      person: fc.constantFrom(A, B, C),
      start: fc.integer({ min: -600, max: windowMinutes + 600 }),
      length: fc.integer({ min: 1, max: 20 * 60 }),
    })
    .map(({ person, start, length }) => shift(person, iso(windowStart + start), iso(windowStart + start + length)));
  const requiredArb = fc.integer({ min: 1, max: 3 });

  /** Minutes of the window where fewer than `required` distinct people are on shift, counted the slow way. */
  function openMinutes(shifts: ShiftSpan[], required: number): Set<number> {
    const open = new Set<number>();
    for (let m = windowStart; m < windowStart + windowMinutes; m += 30) {
      const people = new Set(
        shifts.filter((s) => toMinute(s.startUtc) <= m && m < toMinute(s.endUtc)).map((s) => s.contactId),
      );
      if (people.size < required) open.add(m);
    }
    return open;
  }

  it('gaps are exactly the minutes with too few people (sampled every half hour), disjoint and in order', () => {
    fc.assert(
      fc.property(fc.array(shiftArb, { maxLength: 12 }), requiredArb, (shifts, required) => {
        const gaps = coverageGaps(window, shifts, [{ id: 'dutyManager', required }]);
        const inGap = (m: number) => gaps.some((g) => toMinute(g.startUtc) <= m && m < toMinute(g.endUtc));
        const open = openMinutes(shifts, required);
        for (let m = windowStart; m < windowStart + windowMinutes; m += 30) expect(inGap(m)).toBe(open.has(m));
        for (const [index, gap] of gaps.entries()) {
          expect(toMinute(gap.startUtc)).toBeGreaterThanOrEqual(windowStart);
          expect(toMinute(gap.endUtc)).toBeLessThanOrEqual(windowStart + windowMinutes);
          const next = gaps[index + 1];
          // Maximal: a following gap never touches this one.
          if (next) expect(toMinute(next.startUtc)).toBeGreaterThan(toMinute(gap.endUtc));
        }
      }),
    );
  });

  it('adding a shift never adds a gap minute', () => {
    fc.assert(
      fc.property(fc.array(shiftArb, { maxLength: 10 }), shiftArb, requiredArb, (shifts, extra, required) => {
        const roles = [{ id: 'dutyManager', required }];
        const minutes = (gaps: CoverageGap[]) => gaps.reduce((sum, g) => sum + g.minutes, 0);
        const before = coverageGaps(window, shifts, roles);
        const after = coverageGaps(window, [...shifts, extra], roles);
        expect(minutes(after)).toBeLessThanOrEqual(minutes(before));
        for (const gap of after) {
          expect(
            before.some(
              (b) => toMinute(b.startUtc) <= toMinute(gap.startUtc) && toMinute(gap.endUtc) <= toMinute(b.endUtc),
            ),
          ).toBe(true);
        }
      }),
    );
  });

  it('gaps and covered time add up to the window', () => {
    fc.assert(
      fc.property(fc.array(shiftArb, { maxLength: 12 }), (shifts) => {
        const gaps = coverageGaps(window, shifts, dutyManager);
        const gapMinutes = gaps.reduce((sum, g) => sum + g.minutes, 0);
        // With one required, covered time is the union of all shifts inside the window.
        const covered = new Set<number>();
        for (const s of shifts) {
          for (
            let m = Math.max(windowStart, toMinute(s.startUtc));
            m < Math.min(windowStart + windowMinutes, toMinute(s.endUtc));
            m += 1
          ) {
            covered.add(m);
          }
        }
        expect(gapMinutes + covered.size).toBe(windowMinutes);
      }),
      { numRuns: 60 },
    );
  });
});

describe('double bookings and long shifts', () => {
  it('finds a person in two overlapping shifts with the overlap, and not back-to-back ones', () => {
    const first = shift(A, z('2026-11-11T00:00'), z('2026-11-11T08:00'));
    const second = shift(A, z('2026-11-11T07:00'), z('2026-11-11T12:00'), 'tam');
    const third = shift(A, z('2026-11-11T12:00'), z('2026-11-11T16:00'));
    const other = shift(B, z('2026-11-11T00:00'), z('2026-11-11T16:00'));
    expect(doubleBookings([third, second, first, other])).toEqual([
      { contactId: A, shiftIds: [first.id, second.id], startUtc: z('2026-11-11T07:00'), endUtc: z('2026-11-11T08:00') },
    ]);
  });

  it('finds a shift inside a longer one of the same person', () => {
    const long = shift(A, z('2026-11-11T00:00'), z('2026-11-11T12:00'));
    const short = shift(A, z('2026-11-11T02:00'), z('2026-11-11T03:00'));
    const later = shift(A, z('2026-11-11T05:00'), z('2026-11-11T06:00'));
    expect(doubleBookings([long, short, later]).map((d) => d.shiftIds)).toEqual([
      [long.id, short.id],
      [long.id, later.id],
    ]);
  });

  it('flags shifts longer than the limit, not one of exactly the limit, and counts real hours across DST', () => {
    const twelve = shift(A, z('2026-11-11T00:00'), z('2026-11-11T12:00'));
    const thirteen = shift(B, z('2026-11-11T00:00'), z('2026-11-11T13:00'));
    // 20:00 to 08:00 local in Berlin on the night clocks fall back is 13 real hours.
    const night = shift(C, at('2026-10-24T20:00', 'Europe/Berlin'), at('2026-10-25T08:00', 'Europe/Berlin'));
    expect(longShifts([twelve, thirteen, night], 12)).toEqual([
      { shiftId: thirteen.id, contactId: B, hours: 13 },
      { shiftId: night.id, contactId: C, hours: 13 },
    ]);
  });
});

describe('checks that know the roles and the zone', () => {
  it('an escalation contact on call while on duty in another role is not double-booked', () => {
    const roles = [
      { id: 'dutyManager', kind: 'dutyManager' as const },
      { id: 'tam', kind: 'tam' as const },
      { id: 'escalation', kind: 'escalation' as const },
    ];
    const onDuty = shift(A, z('2026-11-11T00:00'), z('2026-11-11T12:00'));
    const onCall = shift(A, z('2026-11-11T00:00'), z('2026-11-11T16:00'), 'escalation');
    const tam = shift(A, z('2026-11-11T10:00'), z('2026-11-11T14:00'), 'tam');
    expect(doubleBookings([onDuty, onCall], roles)).toEqual([]);
    // Two duty roles at once still are.
    expect(doubleBookings([onDuty, onCall, tam], roles).map((d) => d.shiftIds)).toEqual([[onDuty.id, tam.id]]);
  });

  it('a 2 x 12 h pattern on the night clocks go back (Europe/Berlin 2026-10-25) is within a 12-hour limit', () => {
    const zone = 'Europe/Berlin';
    const window = { startUtc: at('2026-10-24T08:00', zone), endUtc: at('2026-10-26T08:00', zone) };
    const shifts = shiftsFromPattern(window, zone, {
      pattern: '2x12',
      startHourLocal: 8,
      roleId: 'dutyManager',
      contactIds: [A, B],
    }).map((s, i) => ({ ...s, id: `g${i}` }));
    const night = shifts.find((s) => s.startUtc === at('2026-10-24T20:00', zone));
    expect(night && (Date.parse(night.endUtc) - Date.parse(night.startUtc)) / 3_600_000).toBe(13);
    expect(longShifts(shifts, 12, zone)).toEqual([]);
    // Over the limit on the wall clock as well, it is flagged with its real hours.
    const fourteen = shift(C, at('2026-10-24T20:00', zone), at('2026-10-25T09:00', zone));
    expect(longShifts([...shifts, fourteen], 12, zone)).toEqual([{ shiftId: fourteen.id, contactId: C, hours: 14 }]);
  });

  it('a shift whose person left the plan is an orphan and fills no coverage', () => {
    const window = { startUtc: z('2026-11-11T00:00'), endUtc: z('2026-11-11T12:00') };
    const kept = shift(A, z('2026-11-11T00:00'), z('2026-11-11T06:00'));
    const gone = shift(B, z('2026-11-11T06:00'), z('2026-11-11T12:00'));
    const contacts = [{ id: A }];
    expect(orphanShifts([kept, gone], contacts)).toEqual([{ shiftId: gone.id, contactId: B, roleId: 'dutyManager' }]);
    expect(coverageGaps(window, staffedShifts([kept, gone], contacts), dutyManager).map((g) => g.startUtc)).toEqual([
      z('2026-11-11T06:00'),
    ]);
  });
});

describe('shifts from a pattern', () => {
  const localTimes = (shifts: GeneratedShift[], zone: string) =>
    shifts.map((s) => `${utcToLocal(s.startUtc, zone).slice(5)}–${utcToLocal(s.endUtc, zone).slice(11)}`);

  it('3 × 8 h from 06:00 in Shanghai over a window crossing midnight, people in turn, cut at the ends', () => {
    const zone = 'Asia/Shanghai';
    const window = { startUtc: at('2026-11-10T20:00', zone), endUtc: at('2026-11-11T23:00', zone) };
    const shifts = shiftsFromPattern(window, zone, {
      pattern: '3x8',
      startHourLocal: 6,
      roleId: 'dutyManager',
      contactIds: [A, B],
    });
    expect(localTimes(shifts, zone)).toEqual([
      '11-10T20:00–22:00',
      '11-10T22:00–06:00',
      '11-11T06:00–14:00',
      '11-11T14:00–22:00',
      '11-11T22:00–23:00',
    ]);
    expect(shifts.map((s) => s.contactId)).toEqual([A, B, A, B, A]);
    expect(
      coverageGaps(
        window,
        shifts.map((s, i) => ({ ...s, id: `g${i}` })),
        dutyManager,
      ),
    ).toEqual([]);
  });

  it('Europe/Berlin 2026-10-25: 2 × 12 h handovers stay at 08:00 and 20:00 local, the night shift lasts 13 hours', () => {
    const zone = 'Europe/Berlin';
    const window = { startUtc: at('2026-10-24T08:00', zone), endUtc: at('2026-10-26T08:00', zone) };
    const shifts = shiftsFromPattern(window, zone, {
      pattern: '2x12',
      startHourLocal: 8,
      roleId: 'dutyManager',
      contactIds: [A],
    });
    expect(localTimes(shifts, zone)).toEqual([
      '10-24T08:00–20:00',
      '10-24T20:00–08:00',
      '10-25T08:00–20:00',
      '10-25T20:00–08:00',
    ]);
    expect(shifts.map((s) => (toMinute(s.endUtc) - toMinute(s.startUtc)) / 60)).toEqual([12, 13, 12, 12]);
    expect(
      coverageGaps(
        window,
        shifts.map((s, i) => ({ ...s, id: `g${i}` })),
        dutyManager,
      ),
    ).toEqual([]);
  });

  it('America/New_York 2026-03-08: a handover due at 02:00 local (skipped) happens at 03:00, and the night shift lasts 7 hours', () => {
    const zone = 'America/New_York';
    const window = { startUtc: at('2026-03-07T18:00', zone), endUtc: at('2026-03-08T18:00', zone) };
    const shifts = shiftsFromPattern(window, zone, {
      pattern: '3x8',
      startHourLocal: 2,
      roleId: 'tam',
      contactIds: [A, B, C],
    });
    expect(localTimes(shifts, zone)).toEqual(['03-07T18:00–03:00', '03-08T03:00–10:00', '03-08T10:00–18:00']);
    expect(shifts.map((s) => (toMinute(s.endUtc) - toMinute(s.startUtc)) / 60)).toEqual([8, 7, 8]);
    expect(shifts.every((s) => s.roleId === 'tam')).toBe(true);
  });

  it('covers any window without gaps whatever the zone, pattern and start hour', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Shanghai', 'Australia/Sydney', 'UTC'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom('1x24' as const, '2x12' as const, '3x8' as const, '4x6' as const),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 365 * 24 }),
        fc.integer({ min: 1, max: 96 }),
        (zone, pattern, startHourLocal, offsetHours, hours) => {
          const start = Date.UTC(2026, 0, 1) + offsetHours * 3_600_000;
          const window = {
            startUtc: new Date(start).toISOString(),
            endUtc: new Date(start + hours * 3_600_000).toISOString(),
          };
          const shifts = shiftsFromPattern(window, zone, {
            pattern,
            startHourLocal,
            roleId: 'dutyManager',
            contactIds: [A],
          });
          expect(
            coverageGaps(
              window,
              shifts.map((s, i) => ({ ...s, id: `g${i}` })),
              dutyManager,
            ),
          ).toEqual([]);
          expect(doubleBookings(shifts.map((s, i) => ({ ...s, id: `g${i}` })))).toEqual([]);
          // A pattern shift is never longer than its length plus an hour of clock change.
          expect(
            longShifts(
              shifts.map((s, i) => ({ ...s, id: `g${i}` })),
              24 / Number(pattern[0]) + 1,
            ),
          ).toEqual([]);
          // Measured on the event zone's wall clock, the clock change never counts against the pattern's length.
          expect(
            longShifts(
              shifts.map((s, i) => ({ ...s, id: `g${i}` })),
              24 / Number(pattern[0]),
              zone,
            ),
          ).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('settings and shift input', () => {
  it('default roles: a duty manager is required, the others are not', () => {
    expect(DEFAULT_DUTY_ROLES.map((r) => [r.kind, r.required])).toEqual([
      ['dutyManager', 1],
      ['tam', 0],
      ['productExpert', 0],
      ['customerOps', 0],
      ['escalation', 0],
    ]);
  });

  it('refuses two roles with one id and a negative coverage, naming the field', () => {
    const duplicate = rosterSettingsSchema.safeParse({
      roles: [DEFAULT_DUTY_ROLES[0], DEFAULT_DUTY_ROLES[0]],
      maxShiftHours: 12,
    });
    expect(duplicate.error?.issues[0]?.path).toEqual(['roles', 1, 'id']);
    const negative = rosterSettingsSchema.safeParse({
      roles: [{ ...DEFAULT_DUTY_ROLES[0], required: -1 }],
      maxShiftHours: 12,
    });
    expect(negative.error?.issues[0]?.message).toBe('validation.rosterRequired');
  });

  it('accepts only UTC instants for shift times', () => {
    const base = { contactId: A, roleId: 'tam', startUtc: z('2026-11-11T00:00'), endUtc: z('2026-11-11T08:00') };
    expect(shiftInputSchema.safeParse(base).success).toBe(true);
    expect(shiftInputSchema.safeParse({ ...base, startUtc: '2026-11-11T00:00' }).error?.issues[0]?.message).toBe(
      'validation.rosterStart',
    );
  });
});

describe('what documents need', () => {
  const contacts: RosterContact[] = [
    { id: A, party: 'provider', name: 'Li Wei', role: 'TAM', phone: '+86 138 0000 0001' },
    { id: B, party: 'customer', name: 'Anna Berg', role: 'Ops lead', phone: '+49 30 1234' },
  ];
  const roles = [...DEFAULT_DUTY_ROLES, { id: 'p-rds', kind: 'productExpert' as const, name: 'RDS', required: 0 }];
  const zone = 'Asia/Shanghai';
  const window = { startUtc: at('2026-11-10T20:00', zone), endUtc: at('2026-11-11T20:00', zone) };
  const shifts = [
    shift(A, at('2026-11-10T20:00', zone), at('2026-11-11T08:00', zone)),
    shift(B, at('2026-11-11T10:00', zone), at('2026-11-11T20:00', zone)),
    shift(B, at('2026-11-10T20:00', zone), at('2026-11-11T02:00', zone), 'escalation'),
    shift(A, at('2026-11-11T00:00', zone), at('2026-11-11T04:00', zone), 'p-rds'),
  ];

  it('roster rows in the event zone, grouped by the local day each shift starts', () => {
    const rows = rosterRows(shifts, contacts, roles, zone, 'en');
    expect(rows.map((r) => [r.startLocal, r.endLocal, r.person, r.role, r.party, r.hours])).toEqual([
      ['2026-11-10 20:00', '2026-11-11 08:00', 'Li Wei', 'Duty manager', 'provider', 12],
      ['2026-11-10 20:00', '2026-11-11 02:00', 'Anna Berg', 'Escalation contact', 'customer', 6],
      ['2026-11-11 00:00', '2026-11-11 04:00', 'Li Wei', 'Product expert · RDS', 'provider', 4],
      ['2026-11-11 10:00', '2026-11-11 20:00', 'Anna Berg', 'Duty manager', 'customer', 10],
    ]);
    expect(rowsByDay(rows).map((d) => [d.day, d.rows.length])).toEqual([
      ['2026-11-10', 2],
      ['2026-11-11', 2],
    ]);
    expect(rosterRows(shifts, contacts, roles, zone, 'zh-CN')[0]?.role).toBe('值班经理');
  });

  it('escalation contacts by role with phone numbers, escalation first', () => {
    expect(escalationContacts(shifts, contacts, roles, 'en').map((c) => [c.role, c.person, c.phone])).toEqual([
      ['Escalation contact', 'Anna Berg', '+49 30 1234'],
      ['Duty manager', 'Anna Berg', '+49 30 1234'],
      ['Duty manager', 'Li Wei', '+86 138 0000 0001'],
    ]);
  });

  it('coverage summary names the open minutes per required role', () => {
    const summary = coverageSummary(window, shifts, roles, 'en');
    expect(summary.map((s) => [s.role, s.required, s.gapMinutes])).toEqual([['Duty manager', 1, 120]]);
  });

  it('served hours count overlapping time once and stop at the given instant', () => {
    expect(servedHours(window, shifts, contacts).map((s) => [s.person, s.hours, s.shifts])).toEqual([
      ['Anna Berg', 16, 2],
      ['Li Wei', 12, 2],
    ]);
    expect(servedHours(window, shifts, contacts, at('2026-11-11T00:00', zone)).map((s) => [s.person, s.hours])).toEqual(
      [
        ['Anna Berg', 4],
        ['Li Wei', 4],
      ],
    );
  });
});
