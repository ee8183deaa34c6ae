/**
 * The on-duty roster: duty roles with the coverage each needs at every minute of the event
 * window, shifts of the plan's contacts in those roles, and the checks on them (coverage gaps,
 * double bookings, over-long shifts). Times are UTC instants; the event's IANA zone is only used to
 * lay out pattern shifts on its wall clock and to show them. Everything here is pure.
 */
import { z } from 'zod';
import { localToUtc, utcToLocal } from './time';

const MINUTE_MS = 60_000;

export const DUTY_ROLE_KINDS = ['dutyManager', 'tam', 'productExpert', 'customerOps', 'escalation'] as const;
export type DutyRoleKind = (typeof DUTY_ROLE_KINDS)[number];

export const dutyRoleSchema = z.object({
  /** Stable: shifts name their role by it. The default roles use their kind as id. */
  id: z.string().trim().min(1, { message: 'validation.rosterRoleId' }).max(60, { message: 'validation.tooLong' }),
  kind: z.enum(DUTY_ROLE_KINDS, { message: 'validation.rosterRoleKind' }),
  /** Free name: the product for a product expert, a qualifier for others; empty uses the kind's name. */
  name: z.string().trim().max(120, { message: 'validation.tooLong' }),
  /** How many people must hold the role at every minute of the window; 0 means no coverage check. */
  required: z
    .number({ message: 'validation.rosterRequired' })
    .int({ message: 'validation.rosterRequired' })
    .min(0, { message: 'validation.rosterRequired' })
    .max(20, { message: 'validation.rosterRequired' }),
});
export type DutyRole = z.infer<typeof dutyRoleSchema>;

export const DEFAULT_DUTY_ROLES: readonly DutyRole[] = [
  { id: 'dutyManager', kind: 'dutyManager', name: '', required: 1 },
  { id: 'tam', kind: 'tam', name: '', required: 0 },
  { id: 'productExpert', kind: 'productExpert', name: '', required: 0 },
  { id: 'customerOps', kind: 'customerOps', name: '', required: 0 },
  { id: 'escalation', kind: 'escalation', name: '', required: 0 },
];
export const DEFAULT_MAX_SHIFT_HOURS = 12;

export const rosterSettingsSchema = z
  .object({
    roles: z.array(dutyRoleSchema).max(50, { message: 'validation.tooLong' }),
    maxShiftHours: z
      .number({ message: 'validation.rosterMaxShiftHours' })
      .min(1, { message: 'validation.rosterMaxShiftHours' })
      .max(48, { message: 'validation.rosterMaxShiftHours' }),
  })
  .superRefine((settings, ctx) => {
    const seen = new Set<string>();
    for (const [index, role] of settings.roles.entries()) {
      if (seen.has(role.id)) {
        ctx.addIssue({ code: 'custom', path: ['roles', index, 'id'], message: 'validation.rosterRoleDuplicate' });
      }
      seen.add(role.id);
    }
  });
export type RosterSettings = z.infer<typeof rosterSettingsSchema>;

export function defaultRosterSettings(): RosterSettings {
  return { roles: DEFAULT_DUTY_ROLES.map((role) => ({ ...role })), maxShiftHours: DEFAULT_MAX_SHIFT_HOURS };
}

const utcInstant = (message: string) =>
  z.string({ message }).refine((value) => !Number.isNaN(Date.parse(value)) && /Z$/.test(value), { message });

export const shiftInputSchema = z.object({
  id: z.string().uuid({ message: 'validation.id' }).optional(),
  contactId: z.string().uuid({ message: 'validation.rosterPerson' }),
  roleId: z.string().trim().min(1, { message: 'validation.rosterRole' }).max(60, { message: 'validation.tooLong' }),
  startUtc: utcInstant('validation.rosterStart'),
  endUtc: utcInstant('validation.rosterEnd'),
  notes: z.string().trim().max(1000, { message: 'validation.tooLong' }).default(''),
});
export type ShiftInput = z.input<typeof shiftInputSchema>;

export const shiftSchema = z.object({
  id: z.string(),
  engagementId: z.string(),
  contactId: z.string(),
  roleId: z.string(),
  startUtc: z.string(),
  endUtc: z.string(),
  notes: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Shift = z.infer<typeof shiftSchema>;

/** What the checks need of a shift. */
export type ShiftSpan = { id: string; contactId: string; roleId: string; startUtc: string; endUtc: string };
export type EventWindow = { startUtc: string; endUtc: string };

/** Instants are compared at minute precision: a roster is planned in minutes, never seconds. */
export function toMinute(iso: string): number {
  return Math.floor(Date.parse(iso) / MINUTE_MS);
}
export function fromMinute(minute: number): string {
  return new Date(minute * MINUTE_MS).toISOString();
}

// ---------------------------------------------------------------------------------------------
// Checks

export const coverageGapSchema = z.object({
  roleId: z.string(),
  startUtc: z.string(),
  endUtc: z.string(),
  minutes: z.number().int(),
  required: z.number().int(),
  /** The fewest people holding the role at any minute of the gap. */
  fewest: z.number().int(),
});
export type CoverageGap = z.infer<typeof coverageGapSchema>;

type Interval = [start: number, end: number];

/** Joins overlapping or touching intervals, so one person in two shifts of a role counts once. */
function union(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const merged: Interval[] = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/**
 * Every maximal stretch of the window in which fewer people than a role requires hold it, for
 * each role with required > 0: a sweep over the minute boundaries where the count changes. Shifts
 * outside the window and those of unknown roles are ignored; a person counts once however many
 * of their shifts overlap.
 */
export function coverageGaps(
  window: EventWindow,
  shifts: readonly ShiftSpan[],
  roles: readonly Pick<DutyRole, 'id' | 'required'>[],
): CoverageGap[] {
  const from = toMinute(window.startUtc);
  const to = toMinute(window.endUtc);
  const gaps: CoverageGap[] = [];
  if (!(to > from)) return gaps;
  for (const role of roles) {
    if (role.required <= 0) continue;
    const byPerson = new Map<string, Interval[]>();
    for (const shift of shifts) {
      if (shift.roleId !== role.id) continue;
      const start = Math.max(from, toMinute(shift.startUtc));
      const end = Math.min(to, toMinute(shift.endUtc));
      if (end <= start) continue;
      byPerson.set(shift.contactId, [...(byPerson.get(shift.contactId) ?? []), [start, end]]);
    }
    const delta = new Map<number, number>([
      [from, 0],
      [to, 0],
    ]);
    for (const intervals of byPerson.values()) {
      for (const [start, end] of union(intervals)) {
        delta.set(start, (delta.get(start) ?? 0) + 1);
        delta.set(end, (delta.get(end) ?? 0) - 1);
      }
    }
    const points = [...delta.keys()].sort((a, b) => a - b);
    let count = 0;
    let open: { start: number; fewest: number } | null = null;
    for (const [index, point] of points.entries()) {
      count += delta.get(point) ?? 0;
      const next = points[index + 1];
      if (next === undefined) break;
      if (count < role.required) {
        if (open) open.fewest = Math.min(open.fewest, count);
        else open = { start: point, fewest: count };
      } else if (open) {
        gaps.push(gapOf(role, open.start, point, open.fewest));
        open = null;
      }
    }
    if (open) gaps.push(gapOf(role, open.start, to, open.fewest));
  }
  return gaps;
}

function gapOf(role: Pick<DutyRole, 'id' | 'required'>, start: number, end: number, fewest: number): CoverageGap {
  return {
    roleId: role.id,
    startUtc: fromMinute(start),
    endUtc: fromMinute(end),
    minutes: end - start,
    required: role.required,
    fewest,
  };
}

export const doubleBookingSchema = z.object({
  contactId: z.string(),
  shiftIds: z.tuple([z.string(), z.string()]),
  startUtc: z.string(),
  endUtc: z.string(),
});
export type DoubleBooking = z.infer<typeof doubleBookingSchema>;

/**
 * Each pair of one person's shifts that overlap by at least a minute, with the overlap. Shifts in
 * escalation-contact roles are left out: an escalation contact is on call, reachable while doing
 * something else, so being one while on duty in another role is not a double booking.
 */
export function doubleBookings(
  shifts: readonly ShiftSpan[],
  roles: readonly Pick<DutyRole, 'id' | 'kind'>[] = [],
): DoubleBooking[] {
  const onCall = new Set(roles.filter((role) => role.kind === 'escalation').map((role) => role.id));
  const byPerson = new Map<string, ShiftSpan[]>();
  for (const shift of shifts) {
    if (onCall.has(shift.roleId)) continue;
    byPerson.set(shift.contactId, [...(byPerson.get(shift.contactId) ?? []), shift]);
  }
  const found: DoubleBooking[] = [];
  for (const [contactId, own] of byPerson) {
    const sorted = [...own].sort((a, b) => toMinute(a.startUtc) - toMinute(b.startUtc) || a.id.localeCompare(b.id));
    for (const [index, first] of sorted.entries()) {
      const firstEnd = toMinute(first.endUtc);
      for (const second of sorted.slice(index + 1)) {
        const secondStart = toMinute(second.startUtc);
        if (secondStart >= firstEnd) break;
        const overlapEnd = Math.min(firstEnd, toMinute(second.endUtc));
        if (overlapEnd <= secondStart) continue;
        found.push({
          contactId,
          shiftIds: [first.id, second.id],
          startUtc: fromMinute(secondStart),
          endUtc: fromMinute(overlapEnd),
        });
      }
    }
  }
  return found;
}

export const longShiftSchema = z.object({ shiftId: z.string(), contactId: z.string(), hours: z.number() });
export type LongShift = z.infer<typeof longShiftSchema>;

/** Minutes between two wall times `YYYY-MM-DDTHH:mm`, as a calendar counts them (no zone). */
function wallMinutesBetween(fromLocal: string, toLocal: string): number {
  return (Date.parse(`${toLocal}:00Z`) - Date.parse(`${fromLocal}:00Z`)) / MINUTE_MS;
}

/**
 * Shifts lasting longer than the limit (a shift of exactly the limit is allowed), `hours` being
 * the real length. With the event's zone, the hour clocks change is not held against the limit:
 * a shift is measured by the shorter of its real and its wall-clock length, so 20:00–08:00 on the
 * night clocks go back (13 real hours) passes a 12-hour limit, as it does any other night.
 */
export function longShifts(shifts: readonly ShiftSpan[], maxHours: number, zone?: string): LongShift[] {
  return shifts
    .map((shift) => {
      const minutes = toMinute(shift.endUtc) - toMinute(shift.startUtc);
      const wall = zone
        ? wallMinutesBetween(utcToLocal(shift.startUtc, zone), utcToLocal(shift.endUtc, zone))
        : minutes;
      return {
        shiftId: shift.id,
        contactId: shift.contactId,
        hours: minutes / 60,
        counted: Math.min(minutes, wall) / 60,
      };
    })
    .filter((shift) => shift.counted > maxHours)
    .map(({ shiftId, contactId, hours }) => ({ shiftId, contactId, hours }));
}

export const orphanShiftSchema = z.object({ shiftId: z.string(), contactId: z.string(), roleId: z.string() });
export type OrphanShift = z.infer<typeof orphanShiftSchema>;

/**
 * Shifts whose person is no longer among the plan's contacts (removed before the rule that they
 * must first leave the roster, or by an old version): nobody is on duty in them.
 */
export function orphanShifts(
  shifts: readonly ShiftSpan[],
  contacts: readonly Pick<RosterContact, 'id'>[],
): OrphanShift[] {
  const known = new Set(contacts.map((c) => c.id));
  return shifts
    .filter((shift) => !known.has(shift.contactId))
    .map((shift) => ({ shiftId: shift.id, contactId: shift.contactId, roleId: shift.roleId }));
}

/** The shifts someone actually holds: only these count as coverage. */
export function staffedShifts<S extends ShiftSpan>(
  shifts: readonly S[],
  contacts: readonly Pick<RosterContact, 'id'>[],
): S[] {
  const known = new Set(contacts.map((c) => c.id));
  return shifts.filter((shift) => known.has(shift.contactId));
}

// ---------------------------------------------------------------------------------------------
// Patterns

export const SHIFT_PATTERNS = ['1x24', '2x12', '3x8', '4x6'] as const;
export type ShiftPattern = (typeof SHIFT_PATTERNS)[number];
const SHIFTS_PER_DAY: Record<ShiftPattern, number> = { '1x24': 1, '2x12': 2, '3x8': 3, '4x6': 4 };

/**
 * The most shifts one generate may make: as many as its undo takes back (roster.undoGenerate), and
 * few enough that the core answers at once. A 4 × 6 h pattern reaches it after about three years.
 */
export const MAX_GENERATED_SHIFTS = 5000;

/**
 * How many shifts a pattern lays over the window, at most: one per shift length it spans, plus
 * the cut one at each end. Known before generating, so a window of decades is refused at once.
 */
export function patternShiftCountBound(window: EventWindow, pattern: ShiftPattern): number {
  const minutes = Math.max(0, toMinute(window.endUtc) - toMinute(window.startUtc));
  return Math.ceil(minutes / ((24 * 60) / SHIFTS_PER_DAY[pattern])) + 2;
}

export const patternRequestSchema = z.object({
  pattern: z.enum(SHIFT_PATTERNS, { message: 'validation.rosterPattern' }),
  startHourLocal: z
    .number({ message: 'validation.rosterStartHour' })
    .int({ message: 'validation.rosterStartHour' })
    .min(0, { message: 'validation.rosterStartHour' })
    .max(23, { message: 'validation.rosterStartHour' }),
  roleId: z.string().trim().min(1, { message: 'validation.rosterRole' }).max(60),
  contactIds: z
    .array(z.string().uuid({ message: 'validation.rosterPerson' }))
    .min(1, { message: 'validation.rosterPeople' })
    .max(100),
});
export type PatternRequest = z.infer<typeof patternRequestSchema>;

const pad = (n: number) => String(n).padStart(2, '0');

/** Adds hours to a wall time as a calendar would, ignoring any zone: 2026-10-24T22:00 + 8 h → 2026-10-25T06:00. */
function addWallHours(localDay: string, hours: number): string {
  const [y, m, d] = localDay.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d, hours));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

/**
 * The instant a wall time names in a zone. A wall time the zone skips (clocks going forward)
 * becomes the first minute after the gap, so a shift due at 02:00 starts when 03:00 comes.
 */
function wallToUtcMinute(local: string, zone: string): number {
  const exact = localToUtc(local, zone);
  if (exact) return toMinute(exact);
  const [day, time] = local.split('T') as [string, string];
  const [h, mm] = time.split(':').map(Number) as [number, number];
  for (let step = 1; step <= 180; step += 1) {
    const candidate = localToUtc(addWallMinutes(day, h * 60 + mm + step), zone);
    if (candidate) return toMinute(candidate);
  }
  throw new Error(`No instant near ${local} in ${zone}.`);
}

function addWallMinutes(localDay: string, minutes: number): string {
  const [y, m, d] = localDay.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d, 0, minutes));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

export type GeneratedShift = { contactId: string; roleId: string; startUtc: string; endUtc: string };

/**
 * Shifts covering the window in a pattern laid on the event zone's wall clock: 3 × 8 h from 06:00
 * changes shift at 06:00, 14:00 and 22:00 local every day, so on the night clocks change the
 * shift across it lasts 7 or 9 real hours and the next day's handovers stay at the same local
 * times. The first and last shifts are cut at the window's ends. People take the shifts in turn.
 */
export function shiftsFromPattern(window: EventWindow, zone: string, request: PatternRequest): GeneratedShift[] {
  const from = toMinute(window.startUtc);
  const to = toMinute(window.endUtc);
  if (!(to > from) || request.contactIds.length === 0) return [];
  const perDay = SHIFTS_PER_DAY[request.pattern];
  const length = 24 / perDay;
  // Local days from the one before the window (a night shift may start then) to the last one.
  const firstDay = addWallHours(utcToLocal(window.startUtc, zone).slice(0, 10), -24).slice(0, 10);
  const lastDay = utcToLocal(window.endUtc, zone).slice(0, 10);
  const boundaries = new Set<number>();
  for (let day = firstDay; day <= lastDay; day = addWallHours(day, 24).slice(0, 10)) {
    for (let k = 0; k < perDay; k += 1) {
      boundaries.add(wallToUtcMinute(addWallHours(day, request.startHourLocal + k * length), zone));
    }
  }
  boundaries.add(wallToUtcMinute(addWallHours(addWallHours(lastDay, 24).slice(0, 10), request.startHourLocal), zone));
  const sorted = [...boundaries].sort((a, b) => a - b);
  const generated: GeneratedShift[] = [];
  for (const [index, boundary] of sorted.entries()) {
    const next = sorted[index + 1];
    if (next === undefined) break;
    const start = Math.max(from, boundary);
    const end = Math.min(to, next);
    if (end <= start) continue;
    generated.push({
      contactId: request.contactIds[generated.length % request.contactIds.length] ?? '',
      roleId: request.roleId,
      startUtc: fromMinute(start),
      endUtc: fromMinute(end),
    });
  }
  return generated;
}

// ---------------------------------------------------------------------------------------------
// What documents need

export type RosterContact = { id: string; party: 'customer' | 'provider'; name: string; role: string; phone: string };
export type DocumentLanguage = 'en' | 'zh-CN';

export const DUTY_ROLE_NAMES: Record<DutyRoleKind, Record<DocumentLanguage, string>> = {
  dutyManager: { en: 'Duty manager', 'zh-CN': '值班经理' },
  tam: { en: 'Technical account manager (TAM)', 'zh-CN': '技术客户经理（TAM）' },
  productExpert: { en: 'Product expert', 'zh-CN': '产品专家' },
  customerOps: { en: 'Customer operations', 'zh-CN': '客户运维' },
  escalation: { en: 'Escalation contact', 'zh-CN': '升级联系人' },
};

/** A role's name in a document: the kind's name, then the free name (the product) when given. */
export function roleLabel(role: Pick<DutyRole, 'kind' | 'name'>, language: DocumentLanguage): string {
  const kind = DUTY_ROLE_NAMES[role.kind][language];
  return role.name === '' ? kind : `${kind} · ${role.name}`;
}

export type RosterRow = {
  shiftId: string;
  person: string;
  party: 'customer' | 'provider' | null;
  phone: string;
  role: string;
  roleId: string;
  /** Wall times in the event's zone, `YYYY-MM-DD HH:mm`. */
  startLocal: string;
  endLocal: string;
  hours: number;
};

/** The roster as a table in the event's zone, ordered by start, then role order, then person. */
export function rosterRows(
  shifts: readonly ShiftSpan[],
  contacts: readonly RosterContact[],
  roles: readonly DutyRole[],
  zone: string,
  language: DocumentLanguage,
): RosterRow[] {
  const contactOf = new Map(contacts.map((c) => [c.id, c]));
  const roleIndex = new Map(roles.map((r, index) => [r.id, index]));
  return [...shifts]
    .sort(
      (a, b) =>
        toMinute(a.startUtc) - toMinute(b.startUtc) ||
        (roleIndex.get(a.roleId) ?? 99) - (roleIndex.get(b.roleId) ?? 99) ||
        (contactOf.get(a.contactId)?.name ?? '').localeCompare(contactOf.get(b.contactId)?.name ?? ''),
    )
    .map((shift) => {
      const contact = contactOf.get(shift.contactId);
      const role = roles.find((r) => r.id === shift.roleId);
      return {
        shiftId: shift.id,
        person: contact?.name ?? '',
        party: contact?.party ?? null,
        phone: contact?.phone ?? '',
        role: role ? roleLabel(role, language) : shift.roleId,
        roleId: shift.roleId,
        startLocal: utcToLocal(shift.startUtc, zone).replace('T', ' '),
        endLocal: utcToLocal(shift.endUtc, zone).replace('T', ' '),
        hours: (toMinute(shift.endUtc) - toMinute(shift.startUtc)) / 60,
      };
    });
}

/** Roster rows grouped by the local day (event zone) each shift starts on, days in order. */
export function rowsByDay(rows: readonly RosterRow[]): { day: string; rows: RosterRow[] }[] {
  const days = new Map<string, RosterRow[]>();
  for (const row of rows) {
    const day = row.startLocal.slice(0, 10);
    days.set(day, [...(days.get(day) ?? []), row]);
  }
  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, dayRows]) => ({ day, rows: dayRows }));
}

export type EscalationContact = { role: string; roleId: string; person: string; party: string; phone: string };

/**
 * Who to call, by role: the people rostered as escalation contacts, then duty managers and TAMs,
 * each person once per role, in role order then name.
 */
export function escalationContacts(
  shifts: readonly ShiftSpan[],
  contacts: readonly RosterContact[],
  roles: readonly DutyRole[],
  language: DocumentLanguage,
): EscalationContact[] {
  const order: DutyRoleKind[] = ['escalation', 'dutyManager', 'tam'];
  const contactOf = new Map(contacts.map((c) => [c.id, c]));
  const list: EscalationContact[] = [];
  for (const kind of order) {
    for (const role of roles.filter((r) => r.kind === kind)) {
      const people = [...new Set(shifts.filter((s) => s.roleId === role.id).map((s) => s.contactId))]
        .map((id) => contactOf.get(id))
        .filter((c): c is RosterContact => c !== undefined)
        .sort((a, b) => a.name.localeCompare(b.name));
      for (const person of people) {
        list.push({
          role: roleLabel(role, language),
          roleId: role.id,
          person: person.name,
          party: person.party,
          phone: person.phone,
        });
      }
    }
  }
  return list;
}

export type CoverageSummary = {
  roleId: string;
  role: string;
  required: number;
  gapMinutes: number;
  gaps: CoverageGap[];
};

/** Per role that requires coverage: its gaps and how many minutes of the window they leave open. */
export function coverageSummary(
  window: EventWindow,
  shifts: readonly ShiftSpan[],
  roles: readonly DutyRole[],
  language: DocumentLanguage,
): CoverageSummary[] {
  const gaps = coverageGaps(window, shifts, roles);
  return roles
    .filter((role) => role.required > 0)
    .map((role) => {
      const own = gaps.filter((gap) => gap.roleId === role.id);
      return {
        roleId: role.id,
        role: roleLabel(role, language),
        required: role.required,
        gapMinutes: own.reduce((sum, gap) => sum + gap.minutes, 0),
        gaps: own,
      };
    });
}

export type ServedHours = { contactId: string; person: string; party: string; hours: number; shifts: number };

/**
 * Hours each person was on duty inside the window up to `untilUtc` (the war room's closing, or
 * now): time a person spent in two overlapping shifts counts once. Sorted by hours, most first.
 */
export function servedHours(
  window: EventWindow,
  shifts: readonly ShiftSpan[],
  contacts: readonly RosterContact[],
  untilUtc?: string,
): ServedHours[] {
  const from = toMinute(window.startUtc);
  const to = Math.min(toMinute(window.endUtc), untilUtc ? toMinute(untilUtc) : Number.POSITIVE_INFINITY);
  const byPerson = new Map<string, { intervals: Interval[]; count: number }>();
  for (const shift of shifts) {
    const start = Math.max(from, toMinute(shift.startUtc));
    const end = Math.min(to, toMinute(shift.endUtc));
    if (end <= start) continue;
    const entry = byPerson.get(shift.contactId) ?? { intervals: [], count: 0 };
    entry.intervals.push([start, end]);
    entry.count += 1;
    byPerson.set(shift.contactId, entry);
  }
  const contactOf = new Map(contacts.map((c) => [c.id, c]));
  return [...byPerson.entries()]
    .map(([contactId, { intervals, count }]) => ({
      contactId,
      person: contactOf.get(contactId)?.name ?? '',
      party: contactOf.get(contactId)?.party ?? '',
      hours: union(intervals).reduce((sum, [start, end]) => sum + (end - start), 0) / 60,
      shifts: count,
    }))
    .sort((a, b) => b.hours - a.hours || a.person.localeCompare(b.person));
}

// ---------------------------------------------------------------------------------------------
// What the roster screen gets

export const rosterContactSchema = z.object({
  id: z.string(),
  party: z.enum(['customer', 'provider']),
  name: z.string(),
  role: z.string(),
  phone: z.string(),
});

export const rosterViewSchema = z.object({
  engagementId: z.string(),
  window: z.object({ startUtc: z.string(), endUtc: z.string() }),
  timeZone: z.string(),
  settings: z.object({ roles: z.array(dutyRoleSchema), maxShiftHours: z.number() }),
  shifts: z.array(shiftSchema),
  contacts: z.array(rosterContactSchema),
  gaps: z.array(coverageGapSchema),
  doubleBookings: z.array(doubleBookingSchema),
  longShifts: z.array(longShiftSchema),
  /** Shifts of people no longer in the plan: shown as a warning, never counted as coverage. */
  orphanShifts: z.array(orphanShiftSchema),
  /** Archived or trashed engagements show their roster but take no changes. */
  readOnly: z.boolean(),
});
export type RosterView = z.infer<typeof rosterViewSchema>;
