import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Calendar, parseCalendar } from '@shared/domain/calendar';
import type { Localized } from '@shared/domain/catalog';
import { and, eq, isNull } from 'drizzle-orm';
import type { CoreContext } from '../context';
import { firmCalendars } from '../db/schema';
import { failure } from '../errors';

export type CalendarSummary = { calendarId: string; name: Localized; region: string; origin: 'builtin' | 'firm' };

const builtInCache = new Map<string, Map<string, Calendar>>();

/** The shipped calendars, validated once per resources folder; a broken file stops start-up loudly. */
function builtInCalendars(resourcesDir: string): Map<string, Calendar> {
  const cached = builtInCache.get(resourcesDir);
  if (cached) return cached;
  const dir = join(resourcesDir, 'calendars');
  const calendars = new Map<string, Calendar>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const path = join(dir, file);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw failure('INTERNAL', `The calendar file ${path} is not valid JSON (${String(error)}).`);
    }
    const parsed = parseCalendar(data);
    if (!parsed.ok) throw failure('INTERNAL', `The calendar file ${path} is invalid: ${parsed.issues.join('; ')}`);
    calendars.set(parsed.calendar.id, parsed.calendar);
  }
  builtInCache.set(resourcesDir, calendars);
  return calendars;
}

function firmCalendarRows(ctx: CoreContext) {
  return ctx.store.db.select().from(firmCalendars).where(isNull(firmCalendars.deletedAt)).all();
}

/** Shipped calendars, with the firm's edited or added ones taking the place of a shipped one of the same id. */
export function allCalendars(ctx: CoreContext): Map<string, { calendar: Calendar; origin: 'builtin' | 'firm' }> {
  const result = new Map<string, { calendar: Calendar; origin: 'builtin' | 'firm' }>();
  for (const [id, calendar] of builtInCalendars(ctx.resourcesDir)) result.set(id, { calendar, origin: 'builtin' });
  for (const row of firmCalendarRows(ctx)) {
    const parsed = parseCalendar(parsedContent(row.content));
    if (parsed.ok) result.set(parsed.calendar.id, { calendar: parsed.calendar, origin: 'firm' });
    // One damaged row (a bad import, a hand edit) must not take every calendar, and every plan, with it.
    else
      ctx.log('warn', 'firm calendar skipped: its content is not a calendar', {
        id: row.id,
        calendarId: row.calendarId,
      });
  }
  return result;
}

function parsedContent(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return undefined;
  }
}

/** The ids of the calendars the app ships: a bundle never brings its own under one of them. */
export function shippedCalendarIds(ctx: CoreContext): ReadonlySet<string> {
  return new Set(builtInCalendars(ctx.resourcesDir).keys());
}

export function listCalendars(ctx: CoreContext): CalendarSummary[] {
  return [...allCalendars(ctx).values()].map(({ calendar, origin }) => ({
    calendarId: calendar.id,
    name: calendar.name,
    region: calendar.region,
    origin,
  }));
}

export function getCalendar(ctx: CoreContext, calendarId: string): Calendar {
  const found = allCalendars(ctx).get(calendarId);
  if (!found) throw failure('NOT_FOUND', `No working-day calendar "${calendarId}".`, { field: 'calendarId' });
  return found.calendar;
}

/** The calendar a new engagement starts with: China's for a zone in mainland China, else weekdays. */
export function defaultCalendarId(ctx: CoreContext, timeZone: string, year: number): string {
  const calendars = allCalendars(ctx);
  if (['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Harbin', 'Asia/Urumqi'].includes(timeZone)) {
    const chinese = [...calendars.values()].find(
      ({ calendar }) => calendar.region === 'CN' && (calendar.years === 'all' || calendar.years.includes(year)),
    );
    if (chinese) return chinese.calendar.id;
  }
  return calendars.has('weekdays') ? 'weekdays' : ([...calendars.keys()][0] ?? 'weekdays');
}

/** Saves an edited or new calendar as the firm's; validation names each bad path. */
export function saveCalendar(ctx: CoreContext, data: unknown): Calendar {
  const parsed = parseCalendar(data);
  if (!parsed.ok) {
    throw failure('INVALID_INPUT', `The calendar is invalid: ${parsed.issues.join('; ')}`, { details: parsed.issues });
  }
  const now = ctx.now();
  const calendar = parsed.calendar;
  ctx.store.sqlite.transaction(() => {
    ctx.store.db
      .update(firmCalendars)
      .set({ deletedAt: now, updatedAt: now, updatedBy: ctx.actor(), deviceId: ctx.deviceId })
      .where(and(eq(firmCalendars.calendarId, calendar.id), isNull(firmCalendars.deletedAt)))
      .run();
    ctx.store.db
      .insert(firmCalendars)
      .values({
        id: ctx.newId(),
        calendarId: calendar.id,
        content: JSON.stringify(calendar),
        createdAt: now,
        updatedAt: now,
        updatedBy: ctx.actor(),
        deviceId: ctx.deviceId,
        deletedAt: null,
      })
      .run();
  })();
  return calendar;
}
