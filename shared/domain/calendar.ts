/**
 * Working-day calendars: weekends plus a region's public holidays and make-up working days, as
 * versioned data under resources/calendars/, validated at load, at import and in a test.
 *
 * Every function here works on calendar dates ('YYYY-MM-DD'), never on instants: the caller turns
 * an instant into a date in the event's time zone first (see shared/domain/time.ts), so the
 * arithmetic needs no zone and gives the same answer in the core and the renderer.
 */
import { z } from 'zod';
import { describeCatalogIssues, type Localized, localizedSchema, sourceSchema } from './catalog';

/** A calendar date, 'YYYY-MM-DD', read in whatever zone the caller chose (the event's). */
export type IsoDate = string;
export type Language = keyof Localized;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True for a real date such as 2028-02-29; false for 2026-02-29 or 2026-2-1. */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/*
 * Dates become day numbers (days since 1970-01-01) through Date.UTC, so no local time zone or DST
 * can shift a day; Date.UTC maps years 0–99 to 1900–1999, which no engagement uses.
 */
function assertIsoDate(date: IsoDate): void {
  if (!isIsoDate(date)) throw new RangeError(`expected a date as YYYY-MM-DD, got "${date}"`);
}

function toDayNumber(date: IsoDate): number {
  assertIsoDate(date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

function fromDayNumber(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  return ((new Date(toDayNumber(date) * MS_PER_DAY).getUTCDay() + 6) % 7) + 1;
}

/** The date `days` calendar days after `date` (negative: before). */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function calendarDaysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * The same day of the month `months` months later (negative: earlier), clamped to the last day of
 * a shorter month: 2026-01-31 + 1 month = 2026-02-28, 2028-01-31 + 1 month = 2028-02-29, and
 * 2026-03-31 − 1 month = 2026-02-28. This is how "one month before" is read.
 */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  assertIsoDate(date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const monthIndex = y * 12 + (m - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromDayNumber(Date.UTC(year, month, Math.min(d, lastDay)) / MS_PER_DAY);
}

// ---------------------------------------------------------------------------------------------
// Schema

const isoDateSchema = z
  .string({ message: 'expected a date as YYYY-MM-DD' })
  .refine(isIsoDate, { message: 'expected a real date as YYYY-MM-DD' });
const yearSchema = z
  .number({ message: 'expected a year such as 2026' })
  .int({ message: 'expected a year such as 2026' })
  .min(1900, { message: 'expected a year such as 2026' })
  .max(2999, { message: 'expected a year such as 2026' });
const isoWeekdaySchema = z
  .number({ message: 'expected an ISO weekday 1 (Monday) to 7 (Sunday)' })
  .int({ message: 'expected an ISO weekday 1 (Monday) to 7 (Sunday)' })
  .min(1, { message: 'expected an ISO weekday 1 (Monday) to 7 (Sunday)' })
  .max(7, { message: 'expected an ISO weekday 1 (Monday) to 7 (Sunday)' });

export const calendarHolidaySchema = z.object({
  date: isoDateSchema,
  name: localizedSchema,
  /**
   * One of the days the holiday regulation itself fixes (in China the 13 days that labour law pays
   * 3× for), as opposed to a rest day moved next to it. On-site fees use it for the holiday rate.
   */
  statutory: z.boolean({ message: 'expected true or false' }),
});
export type CalendarHoliday = z.infer<typeof calendarHolidaySchema>;

export const makeUpWorkdaySchema = z.object({
  date: isoDateSchema,
  name: localizedSchema,
});
export type MakeUpWorkday = z.infer<typeof makeUpWorkdaySchema>;

const calendarShape = z.object({
  schemaVersion: z.literal(1, { message: 'expected schemaVersion 1' }),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'expected a lowercase id (letters, digits, hyphens)' }),
  /** Region code, e.g. 'CN', or 'generic' for a calendar of weekends only. */
  region: z.string().trim().min(1, { message: 'expected a region code such as CN' }),
  /**
   * The years whose holidays the calendar lists, or 'all' for a calendar that has none to list
   * (weekends only). Dates in other years count weekends only and are reported as outside.
   */
  years: z.union([z.literal('all'), z.array(yearSchema).min(1, { message: 'expected at least one year' })], {
    message: 'expected "all" or a list of years',
  }),
  name: localizedSchema,
  weekendDays: z
    .array(isoWeekdaySchema)
    .max(6, { message: 'at least one day of the week must be a working day' })
    .default([6, 7]),
  holidays: z.array(calendarHolidaySchema),
  makeUpWorkdays: z.array(makeUpWorkdaySchema),
  source: sourceSchema,
});

/** A calendar whose dates are real, unique, inside its years, and never both off and working. */
export const calendarSchema = calendarShape.superRefine((calendar, ctx) => {
  const years = calendar.years === 'all' ? null : new Set(calendar.years);
  const weekend = new Set(calendar.weekendDays);
  if (years && years.size !== (calendar.years as number[]).length) {
    ctx.addIssue({ code: 'custom', path: ['years'], message: 'a year is listed twice' });
  }
  if (weekend.size !== calendar.weekendDays.length) {
    ctx.addIssue({ code: 'custom', path: ['weekendDays'], message: 'a weekday is listed twice' });
  }
  const holidayDates = new Set<string>();
  calendar.holidays.forEach((holiday, i) => {
    if (!isIsoDate(holiday.date)) return;
    if (holidayDates.has(holiday.date)) {
      ctx.addIssue({ code: 'custom', path: ['holidays', i, 'date'], message: `${holiday.date} is listed twice` });
    }
    holidayDates.add(holiday.date);
    if (years && !years.has(yearOf(holiday.date))) {
      ctx.addIssue({
        code: 'custom',
        path: ['holidays', i, 'date'],
        message: `${holiday.date} is outside the calendar's years`,
      });
    }
  });
  const workdayDates = new Set<string>();
  calendar.makeUpWorkdays.forEach((workday, i) => {
    if (!isIsoDate(workday.date)) return;
    const path = ['makeUpWorkdays', i, 'date'];
    if (workdayDates.has(workday.date)) {
      ctx.addIssue({ code: 'custom', path, message: `${workday.date} is listed twice` });
    }
    workdayDates.add(workday.date);
    if (holidayDates.has(workday.date)) {
      ctx.addIssue({ code: 'custom', path, message: `${workday.date} is both a holiday and a make-up working day` });
    }
    if (years && !years.has(yearOf(workday.date))) {
      ctx.addIssue({ code: 'custom', path, message: `${workday.date} is outside the calendar's years` });
    }
    // A make-up working day on a weekday would change nothing: it is most likely a typo.
    if (!weekend.has(isoWeekday(workday.date))) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `${workday.date} is not a weekend day, so it is a working day anyway`,
      });
    }
  });
  if (calendar.years === 'all' && (calendar.holidays.length > 0 || calendar.makeUpWorkdays.length > 0)) {
    ctx.addIssue({ code: 'custom', path: ['years'], message: 'list the years the holidays belong to, not "all"' });
  }
});
export type Calendar = z.infer<typeof calendarSchema>;
/** A calendar as written in a file, where `weekendDays` may be left out. */
export type CalendarInput = z.input<typeof calendarSchema>;

/**
 * Formats zod issues as `path: message` lines, e.g. `holidays[3].date: expected a real date as
 * YYYY-MM-DD`; the same format as catalog errors, so the import screen shows both alike.
 */
export function describeCalendarIssues(error: z.ZodError): string[] {
  return describeCatalogIssues(error);
}

/** Parses an untrusted calendar (a file, an import) into a calendar or the path of each error. */
export function parseCalendar(data: unknown): { ok: true; calendar: Calendar } | { ok: false; issues: string[] } {
  const result = calendarSchema.safeParse(data);
  return result.success
    ? { ok: true, calendar: result.data }
    : { ok: false, issues: describeCalendarIssues(result.error) };
}

// ---------------------------------------------------------------------------------------------
// Days

export type Coverage = 'covered' | 'outside';

/** What kind of day a date is, and why: the UI shows it per day, the rules use `working`. */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeUpWorkday';
export interface CalendarDay {
  date: IsoDate;
  kind: DayKind;
  working: boolean;
  /** The holiday or make-up day's name, when the calendar lists the date. */
  name: Localized | null;
  /** A statutory holiday: the rate for on-site work is the catalog's holiday multiplier. */
  statutory: boolean;
  /** 'outside' when the calendar does not list holidays for the date's year: weekends only. */
  coverage: Coverage;
}

interface CalendarIndex {
  weekend: Set<number>;
  holidays: Map<string, CalendarHoliday>;
  makeUpWorkdays: Map<string, MakeUpWorkday>;
  years: Set<number> | null;
}

// Calendars are immutable data: index each once rather than scanning its lists for every day counted.
const indexes = new WeakMap<Calendar, CalendarIndex>();
function indexOf(calendar: Calendar): CalendarIndex {
  let index = indexes.get(calendar);
  if (!index) {
    index = {
      weekend: new Set(calendar.weekendDays),
      holidays: new Map(calendar.holidays.map((h) => [h.date, h])),
      makeUpWorkdays: new Map(calendar.makeUpWorkdays.map((w) => [w.date, w])),
      years: calendar.years === 'all' ? null : new Set(calendar.years),
    };
    indexes.set(calendar, index);
  }
  return index;
}

/** Whether the calendar lists the holidays of `year`; a weekends-only ('all') calendar covers every year. */
export function coversYear(calendar: Calendar, year: number): boolean {
  const { years } = indexOf(calendar);
  return years === null || years.has(year);
}

export function describeDay(calendar: Calendar, date: IsoDate): CalendarDay {
  const index = indexOf(calendar);
  const coverage: Coverage = coversYear(calendar, yearOf(date)) ? 'covered' : 'outside';
  const weekend = index.weekend.has(isoWeekday(date));
  if (coverage === 'covered') {
    const holiday = index.holidays.get(date);
    if (holiday) {
      return { date, kind: 'holiday', working: false, name: holiday.name, statutory: holiday.statutory, coverage };
    }
    const makeUp = index.makeUpWorkdays.get(date);
    if (makeUp) return { date, kind: 'makeUpWorkday', working: true, name: makeUp.name, statutory: false, coverage };
  }
  return weekend
    ? { date, kind: 'weekend', working: false, name: null, statutory: false, coverage }
    : { date, kind: 'workday', working: true, name: null, statutory: false, coverage };
}

export function isWorkingDay(calendar: Calendar, date: IsoDate): boolean {
  return describeDay(calendar, date).working;
}

export function isStatutoryHoliday(calendar: Calendar, date: IsoDate): boolean {
  return describeDay(calendar, date).statutory;
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(calendar: Calendar, date: IsoDate): IsoDate {
  return addWorkingDays(calendar, date, 1);
}

/** The last working day strictly before `date`. */
export function previousWorkingDay(calendar: Calendar, date: IsoDate): IsoDate {
  let day = toDayNumber(date) - 1;
  while (!isWorkingDay(calendar, fromDayNumber(day))) day -= 1;
  return fromDayNumber(day);
}

/*
 * THE COUNTING CONVENTION (DOMAIN.md, "Working-day calendars"), used by every rule and figure:
 *
 *   "N working days before X" means N working days counted after the start date, up to and
 *   including X. The start date itself never counts; X counts when it is a working day.
 *
 *   workingDaysBetween(from, to) = number of working days d with from < d ≤ to.
 *
 * Example, China 2026: from 2026-09-28 (Mon) to 2026-10-09 (Fri) counts 09-29, 09-30, 10-08 and
 * 10-09 = 4 working days, because 10-01 to 10-07 are National Day days off; from the make-up
 * Sunday 2026-09-20 to the make-up Saturday 2026-10-10 counts 10 (09-21 … 09-24, 09-28, 09-29,
 * 09-30, 10-08, 10-09, 10-10). So for an event starting 2026-10-16 (Fri), a request on the make-up
 * Sunday 2026-09-20 is exactly 15 working days before it, and one on 2026-09-21 only 14.
 *
 * When `to` is before `from` the count is negative: −(working days d with to < d ≤ from), so
 * workingDaysBetween(a, b) = −workingDaysBetween(b, a) and addWorkingDays round-trips with it.
 */
export function workingDaysBetween(calendar: Calendar, from: IsoDate, to: IsoDate): number {
  const start = toDayNumber(from);
  const end = toDayNumber(to);
  const [low, high, sign] = start <= end ? [start, end, 1] : [end, start, -1];
  let count = 0;
  for (let day = low + 1; day <= high; day += 1) {
    if (isWorkingDay(calendar, fromDayNumber(day))) count += 1;
  }
  // `+ 0` turns −0 into 0, so an empty backward interval compares equal to an empty forward one.
  return sign * count + 0;
}

/**
 * The date `n` working days after `date` (n > 0: the n-th working day after it) or before it
 * (n < 0: the working day w with exactly |n| working days in (w, date]), so that
 * workingDaysBetween(date, addWorkingDays(date, n)) === n. n = 0 returns `date` unchanged.
 * Example: addWorkingDays(cn2026, '2026-10-13', -10) is the latest working day on which an
 * application is 10 working days before 2026-10-13.
 */
export function addWorkingDays(calendar: Calendar, date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`expected a whole number of working days, got ${n}`);
  let day = toDayNumber(date);
  if (n > 0) {
    let left = n;
    while (left > 0) {
      day += 1;
      if (isWorkingDay(calendar, fromDayNumber(day))) left -= 1;
    }
    return fromDayNumber(day);
  }
  // Going back: each working day in (w, date] is passed over, then w is the next working day down.
  let left = -n;
  while (left > 0) {
    if (isWorkingDay(calendar, fromDayNumber(day))) left -= 1;
    day -= 1;
  }
  if (n < 0) while (!isWorkingDay(calendar, fromDayNumber(day))) day -= 1;
  return fromDayNumber(day);
}

export interface CalendarCoverage {
  coverage: Coverage;
  /** Years in the range whose holidays the calendar does not list, ascending. */
  outsideYears: number[];
}

/**
 * Whether the calendar lists holidays for every year from `from` to `to` (either order), so the
 * UI can warn "calendar does not cover 2027": counts there use weekends only.
 */
export function calendarCoverage(calendar: Calendar, from: IsoDate, to: IsoDate = from): CalendarCoverage {
  assertIsoDate(from);
  assertIsoDate(to);
  const [a, b] = [yearOf(from), yearOf(to)].sort((x, y) => x - y) as [number, number];
  const outsideYears: number[] = [];
  for (let year = a; year <= b; year += 1) if (!coversYear(calendar, year)) outsideYears.push(year);
  return { coverage: outsideYears.length > 0 ? 'outside' : 'covered', outsideYears };
}

/** The counting convention in words, to show next to every working-day or business-day figure. */
export const COUNTING_RULE: Localized = {
  en: '"N working days before X" counts the working days after the start date, up to and including X (the start date does not count). Example: Monday to Friday of the same week is 4 working days.',
  'zh-CN':
    '"X 之前 N 个工作日"指从起始日之后（不含起始日）数到 X（含 X）的工作日数。例如：同一周的周一到周五为 4 个工作日。',
};

export function countingRuleText(language: Language): string {
  return COUNTING_RULE[language];
}
