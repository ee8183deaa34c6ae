/**
 * The on-duty roster of an engagement: duty roles and the coverage each requires (the `settings`
 * JSON of on_duty_settings, a row the war room's closing shares), and shifts of the plan's
 * contacts. Every answer carries the checks — coverage gaps, double bookings, long shifts — so
 * the screen never computes them differently. Writes run in transactions, stamp who and which
 * device changed the row, and are announced with `engagement.changed`.
 */
import type { Contract, Method } from '@shared/contract';
import { validationMessage } from '@shared/domain/messages';
import {
  coverageGaps,
  DEFAULT_DUTY_ROLES,
  DEFAULT_MAX_SHIFT_HOURS,
  doubleBookings,
  dutyRoleSchema,
  fromMinute,
  longShifts,
  MAX_GENERATED_SHIFTS,
  orphanShifts,
  patternShiftCountBound,
  type RosterContact,
  type RosterSettings,
  type RosterView,
  roleLabel,
  type Shift,
  shiftsFromPattern,
  staffedShifts,
  toMinute,
} from '@shared/domain/roster';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { CoreContext } from '../context';
import { contacts, onDutySettings, shifts } from '../db/schema';
import { failure } from '../errors';
import { getEngagement } from './engagements';

type In<M extends Method> = z.output<Contract[M]['input']>;
type ShiftRow = typeof shifts.$inferSelect;

/**
 * The roster's part of the stored settings. A row made by the war room's closing holds `{}`, and
 * older rows may lack a key: both read as the defaults.
 */
const storedSettingsSchema = z.object({
  roles: z.array(dutyRoleSchema).default(() => DEFAULT_DUTY_ROLES.map((role) => ({ ...role }))),
  maxShiftHours: z.number().min(1).max(48).default(DEFAULT_MAX_SHIFT_HOURS),
});

function stamp(ctx: CoreContext) {
  return { updatedAt: ctx.now(), updatedBy: ctx.actor(), deviceId: ctx.deviceId };
}

function changed(ctx: CoreContext, engagementId: string) {
  ctx.emit('engagement.changed', { id: engagementId });
}

function refuse(key: string, field: string, detail = ''): never {
  throw failure('INVALID_INPUT', `${field}: ${validationMessage(key)}${detail}`, { field, messageKey: key });
}

function isReadOnly(engagement: ReturnType<typeof getEngagement>): boolean {
  return engagement.deletedAt !== null || engagement.status === 'archived';
}

/** The engagement must be live and not archived for its roster to change. */
function writableEngagement(ctx: CoreContext, engagementId: string) {
  const engagement = getEngagement(ctx, engagementId);
  if (isReadOnly(engagement)) {
    throw failure(
      'CONFLICT',
      `The engagement "${engagement.eventName}" is ${engagement.deletedAt ? 'in the trash' : 'archived'}; its roster cannot change.`,
      { field: 'engagementId' },
    );
  }
  return engagement;
}

function settingsRow(ctx: CoreContext, engagementId: string) {
  return ctx.store.db.select().from(onDutySettings).where(eq(onDutySettings.engagementId, engagementId)).get();
}

/** The roster settings, keeping any other keys of the stored JSON as they are. */
function readSettings(ctx: CoreContext, engagementId: string): { settings: RosterSettings; rest: object } {
  const row = settingsRow(ctx, engagementId);
  const stored: unknown = row ? JSON.parse(row.settings) : {};
  const parsed = storedSettingsSchema.safeParse(stored);
  const settings = parsed.success ? parsed.data : storedSettingsSchema.parse({});
  const rest = typeof stored === 'object' && stored !== null ? stored : {};
  return { settings, rest };
}

function liveContacts(ctx: CoreContext, engagementId: string) {
  return ctx.store.db
    .select()
    .from(contacts)
    .where(and(eq(contacts.engagementId, engagementId), isNull(contacts.deletedAt)))
    .orderBy(asc(contacts.createdAt), asc(contacts.id))
    .all()
    .map(
      (c): RosterContact => ({
        id: c.id,
        party: c.party === 'customer' ? 'customer' : 'provider',
        name: c.name,
        role: c.role,
        phone: c.phone,
      }),
    );
}

function liveShifts(ctx: CoreContext, engagementId: string): ShiftRow[] {
  return ctx.store.db
    .select()
    .from(shifts)
    .where(and(eq(shifts.engagementId, engagementId), isNull(shifts.deletedAt)))
    .orderBy(asc(shifts.startUtc), asc(shifts.id))
    .all();
}

function toShift(row: ShiftRow): Shift {
  return {
    id: row.id,
    engagementId: row.engagementId,
    contactId: row.contactId,
    roleId: row.roleId,
    startUtc: row.startUtc,
    endUtc: row.endUtc,
    notes: row.notes,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

export function rosterView(ctx: CoreContext, engagementId: string): RosterView {
  const engagement = getEngagement(ctx, engagementId);
  const { settings } = readSettings(ctx, engagementId);
  const shiftList = liveShifts(ctx, engagementId).map(toShift);
  const contactList = liveContacts(ctx, engagementId);
  const window = { startUtc: engagement.eventStartUtc, endUtc: engagement.eventEndUtc };
  return {
    engagementId,
    window,
    timeZone: engagement.timeZone,
    settings,
    shifts: shiftList,
    contacts: contactList,
    // A shift whose person left the plan has nobody in it: it fills no gap.
    gaps: coverageGaps(window, staffedShifts(shiftList, contactList), settings.roles),
    doubleBookings: doubleBookings(shiftList, settings.roles),
    longShifts: longShifts(shiftList, settings.maxShiftHours, engagement.timeZone),
    orphanShifts: orphanShifts(shiftList, contactList),
    readOnly: isReadOnly(engagement),
  };
}

/**
 * Why a contact cannot leave the plan yet, or null when they hold no live shift: their shifts
 * would otherwise stay on the roster with nobody in them. Names the person and counts the
 * shifts per role, in role order.
 */
export function contactRemovalBlocker(ctx: CoreContext, engagementId: string, contactId: string): string | null {
  const held = liveShifts(ctx, engagementId).filter((shift) => shift.contactId === contactId);
  if (held.length === 0) return null;
  const { settings } = readSettings(ctx, engagementId);
  const counts = new Map<string, number>();
  for (const shift of held) counts.set(shift.roleId, (counts.get(shift.roleId) ?? 0) + 1);
  const order = new Map(settings.roles.map((role, index) => [role.id, index]));
  const parts = [...counts.entries()]
    .sort(([a], [b]) => (order.get(a) ?? 99) - (order.get(b) ?? 99))
    .map(([roleId, count]) => {
      const role = settings.roles.find((r) => r.id === roleId);
      const label = role ? roleLabel(role, 'en') : roleId;
      const lowered = label.charAt(0).toLowerCase() + label.slice(1);
      return `${count} ${lowered} shift${count === 1 ? '' : 's'}`;
    });
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0];
  const name = liveContacts(ctx, engagementId).find((c) => c.id === contactId)?.name || 'This person';
  return `${name} holds ${list}: remove or reassign them on the On duty → Roster tab first.`;
}

function writeSettings(ctx: CoreContext, engagementId: string, settings: RosterSettings, rest: object) {
  const json = JSON.stringify({ ...rest, roles: settings.roles, maxShiftHours: settings.maxShiftHours });
  if (settingsRow(ctx, engagementId)) {
    ctx.store.db
      .update(onDutySettings)
      .set({ settings: json, ...stamp(ctx) })
      .where(eq(onDutySettings.engagementId, engagementId))
      .run();
    return;
  }
  ctx.store.db
    .insert(onDutySettings)
    .values({
      id: ctx.newId(),
      engagementId,
      createdAt: ctx.now(),
      deletedAt: null,
      settings: json,
      closedAt: null,
      closure: null,
      ...stamp(ctx),
    })
    .run();
}

export function saveSettings(ctx: CoreContext, input: In<'roster.saveSettings'>): RosterView {
  writableEngagement(ctx, input.engagementId);
  ctx.store.sqlite.transaction(() => {
    const { rest } = readSettings(ctx, input.engagementId);
    const kept = new Set(input.settings.roles.map((role) => role.id));
    const orphan = liveShifts(ctx, input.engagementId).find((shift) => !kept.has(shift.roleId));
    if (orphan) refuse('validation.rosterRoleInUse', 'settings.roles', ` (${orphan.roleId})`);
    writeSettings(ctx, input.engagementId, input.settings, rest);
  })();
  changed(ctx, input.engagementId);
  return rosterView(ctx, input.engagementId);
}

/**
 * The checks a shift must pass before it is stored, in the order a consultant fixes them: who,
 * which role, then when. Times are kept to the minute.
 */
function checkedShift(
  ctx: CoreContext,
  engagement: ReturnType<typeof getEngagement>,
  shift: { contactId: string; roleId: string; startUtc: string; endUtc: string },
  field: string,
) {
  const known = new Set(liveContacts(ctx, engagement.id).map((c) => c.id));
  if (!known.has(shift.contactId)) refuse('validation.rosterUnknownPerson', `${field}.contactId`);
  const { settings } = readSettings(ctx, engagement.id);
  if (!settings.roles.some((role) => role.id === shift.roleId))
    refuse('validation.rosterUnknownRole', `${field}.roleId`);
  const start = toMinute(shift.startUtc);
  const end = toMinute(shift.endUtc);
  if (end <= start) refuse('validation.rosterEndBeforeStart', `${field}.endUtc`);
  const windowStart = toMinute(engagement.eventStartUtc);
  const windowEnd = toMinute(engagement.eventEndUtc);
  const window = ` (${engagement.eventStartLocal.replace('T', ' ')} – ${engagement.eventEndLocal.replace('T', ' ')} ${engagement.timeZone})`;
  if (start < windowStart || start >= windowEnd) refuse('validation.rosterOutsideWindow', `${field}.startUtc`, window);
  if (end > windowEnd) refuse('validation.rosterOutsideWindow', `${field}.endUtc`, window);
  return { startUtc: fromMinute(start), endUtc: fromMinute(end) };
}

function liveShift(ctx: CoreContext, engagementId: string, id: string, field = 'id'): ShiftRow {
  const row = ctx.store.db
    .select()
    .from(shifts)
    .where(and(eq(shifts.id, id), eq(shifts.engagementId, engagementId), isNull(shifts.deletedAt)))
    .get();
  if (!row) throw failure('NOT_FOUND', `No shift ${id} in this engagement's roster.`, { field });
  return row;
}

export function saveShift(ctx: CoreContext, input: In<'roster.saveShift'>): RosterView {
  const engagement = writableEngagement(ctx, input.engagementId);
  const { id, contactId, roleId, notes } = input.shift;
  ctx.store.sqlite.transaction(() => {
    const times = checkedShift(ctx, engagement, input.shift, 'shift');
    const columns = { contactId, roleId, notes, ...times };
    if (id) {
      liveShift(ctx, input.engagementId, id, 'shift.id');
      ctx.store.db
        .update(shifts)
        .set({ ...columns, ...stamp(ctx) })
        .where(eq(shifts.id, id))
        .run();
      return;
    }
    ctx.store.db
      .insert(shifts)
      .values({
        id: ctx.newId(),
        engagementId: input.engagementId,
        createdAt: ctx.now(),
        deletedAt: null,
        ...columns,
        ...stamp(ctx),
      })
      .run();
  })();
  changed(ctx, input.engagementId);
  return rosterView(ctx, input.engagementId);
}

export function removeShift(ctx: CoreContext, input: In<'roster.removeShift'>): RosterView {
  writableEngagement(ctx, input.engagementId);
  liveShift(ctx, input.engagementId, input.id);
  ctx.store.db
    .update(shifts)
    .set({ deletedAt: ctx.now(), ...stamp(ctx) })
    .where(eq(shifts.id, input.id))
    .run();
  changed(ctx, input.engagementId);
  return rosterView(ctx, input.engagementId);
}

/** Undoes a remove; the shift is checked again, since the plan's contacts or roles may have changed meanwhile. */
export function restoreShift(ctx: CoreContext, input: In<'roster.restoreShift'>): RosterView {
  const engagement = writableEngagement(ctx, input.engagementId);
  const row = ctx.store.db
    .select()
    .from(shifts)
    .where(and(eq(shifts.id, input.id), eq(shifts.engagementId, input.engagementId)))
    .get();
  if (!row) throw failure('NOT_FOUND', `No shift ${input.id} in this engagement's roster.`, { field: 'id' });
  if (row.deletedAt === null) return rosterView(ctx, input.engagementId);
  ctx.store.sqlite.transaction(() => {
    checkedShift(ctx, engagement, row, 'shift');
    ctx.store.db
      .update(shifts)
      .set({ deletedAt: null, ...stamp(ctx) })
      .where(eq(shifts.id, input.id))
      .run();
  })();
  changed(ctx, input.engagementId);
  return rosterView(ctx, input.engagementId);
}

/**
 * Shifts for the whole window from a pattern on the event zone's wall clock; with `replace`, the
 * role's current shifts are removed in the same transaction. Answers the ids removed and created
 * so the screen can offer undo (`undoGenerate`).
 */
export function generate(
  ctx: CoreContext,
  input: In<'roster.generate'>,
): { view: RosterView; removedIds: string[]; createdIds: string[] } {
  const engagement = writableEngagement(ctx, input.engagementId);
  const { request } = input;
  const known = new Set(liveContacts(ctx, engagement.id).map((c) => c.id));
  const unknownIndex = request.contactIds.findIndex((id) => !known.has(id));
  if (unknownIndex >= 0) refuse('validation.rosterUnknownPerson', `request.contactIds.${unknownIndex}`);
  const { settings } = readSettings(ctx, engagement.id);
  if (!settings.roles.some((role) => role.id === request.roleId))
    refuse('validation.rosterUnknownRole', 'request.roleId');
  const window = { startUtc: engagement.eventStartUtc, endUtc: engagement.eventEndUtc };
  if (patternShiftCountBound(window, request.pattern) > MAX_GENERATED_SHIFTS) {
    refuse('validation.rosterTooManyShifts', 'request.pattern');
  }
  const generated = shiftsFromPattern(window, engagement.timeZone, request);
  const removedIds: string[] = [];
  const createdIds: string[] = [];
  ctx.store.sqlite.transaction(() => {
    const now = ctx.now();
    if (input.replace) {
      for (const shift of liveShifts(ctx, engagement.id).filter((s) => s.roleId === request.roleId)) {
        ctx.store.db
          .update(shifts)
          .set({ deletedAt: now, ...stamp(ctx) })
          .where(eq(shifts.id, shift.id))
          .run();
        removedIds.push(shift.id);
      }
    }
    for (const shift of generated) {
      const id = ctx.newId();
      ctx.store.db
        .insert(shifts)
        .values({
          id,
          engagementId: engagement.id,
          createdAt: now,
          deletedAt: null,
          notes: '',
          ...shift,
          ...stamp(ctx),
        })
        .run();
      createdIds.push(id);
    }
  })();
  changed(ctx, input.engagementId);
  return { view: rosterView(ctx, input.engagementId), removedIds, createdIds };
}

/**
 * Undoes a generate in one transaction: the shifts it created are removed (ones already removed
 * are left as they are) and the ones it replaced come back, each checked again since the plan's
 * contacts or roles may have changed meanwhile; any refusal leaves everything as it was.
 */
export function undoGenerate(ctx: CoreContext, input: In<'roster.undoGenerate'>): RosterView {
  const engagement = writableEngagement(ctx, input.engagementId);
  const ownRow = (id: string) => {
    const row = ctx.store.db
      .select()
      .from(shifts)
      .where(and(eq(shifts.id, id), eq(shifts.engagementId, engagement.id)))
      .get();
    if (!row) throw failure('NOT_FOUND', `No shift ${id} in this engagement's roster.`, { field: 'id' });
    return row;
  };
  ctx.store.sqlite.transaction(() => {
    const now = ctx.now();
    for (const id of input.createdIds) {
      if (ownRow(id).deletedAt !== null) continue;
      ctx.store.db
        .update(shifts)
        .set({ deletedAt: now, ...stamp(ctx) })
        .where(eq(shifts.id, id))
        .run();
    }
    for (const id of input.removedIds) {
      const row = ownRow(id);
      if (row.deletedAt === null) continue;
      checkedShift(ctx, engagement, row, 'shift');
      ctx.store.db
        .update(shifts)
        .set({ deletedAt: null, ...stamp(ctx) })
        .where(eq(shifts.id, id))
        .run();
    }
  })();
  changed(ctx, input.engagementId);
  return rosterView(ctx, input.engagementId);
}
