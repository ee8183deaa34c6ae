import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  addCalendarDays,
  addCalendarMonths,
  addWorkingDays,
  type Calendar,
  type CalendarInput,
  calendarCoverage,
  calendarSchema,
  countingRuleText,
  describeDay,
  isIsoDate,
  isStatutoryHoliday,
  isWorkingDay,
  nextWorkingDay,
  parseCalendar,
  previousWorkingDay,
  workingDaysBetween,
} from '@shared/domain/calendar';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const calendarsDir = resolve(import.meta.dirname, '../../resources/calendars');
const readCalendarFile = (file: string): unknown => JSON.parse(readFileSync(join(calendarsDir, file), 'utf8'));
const cn2026 = calendarSchema.parse(readCalendarFile('cn-2026.json'));
const weekdays = calendarSchema.parse(readCalendarFile('weekdays.json'));

describe('shipped calendars', () => {
  const files = readdirSync(calendarsDir).filter((f) => f.endsWith('.json'));

  it('ships cn-2026 and weekdays', () => {
    expect(files).toEqual(expect.arrayContaining(['cn-2026.json', 'weekdays.json']));
  });

  it.each(files)('%s is a valid calendar whose id matches its file name', (file) => {
    const parsed = parseCalendar(readCalendarFile(file));
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
    if (parsed.ok) expect(`${parsed.calendar.id}.json`).toBe(file);
  });

  it('cn-2026 has exactly the 13 statutory days of the 2026 notice', () => {
    expect(cn2026.holidays.filter((h) => h.statutory).map((h) => h.date)).toEqual([
      '2026-01-01',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-04-05',
      '2026-05-01',
      '2026-05-02',
      '2026-06-19',
      '2026-09-25',
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
    ]);
  });

  it('cn-2026 has the days off and make-up working days of the table in DOMAIN.md', () => {
    const ranges: [string, string][] = [
      ['2026-01-01', '2026-01-03'],
      ['2026-02-15', '2026-02-23'],
      ['2026-04-04', '2026-04-06'],
      ['2026-05-01', '2026-05-05'],
      ['2026-06-19', '2026-06-21'],
      ['2026-09-25', '2026-09-27'],
      ['2026-10-01', '2026-10-07'],
    ];
    const daysOff = ranges.flatMap(([from, to]) => {
      const days: string[] = [];
      for (let d = from; d <= to; d = addCalendarDays(d, 1)) days.push(d);
      return days;
    });
    expect(cn2026.holidays.map((h) => h.date)).toEqual(daysOff);
    expect(cn2026.makeUpWorkdays.map((w) => w.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(cn2026.region).toBe('CN');
    expect(cn2026.years).toEqual([2026]);
  });

  it('weekdays is Monday to Friday for every year, with no holidays', () => {
    expect(weekdays).toMatchObject({ region: 'generic', years: 'all', weekendDays: [6, 7], holidays: [] });
  });
});

describe('calendar schema', () => {
  const valid: CalendarInput = {
    schemaVersion: 1,
    id: 'test',
    region: 'XX',
    years: [2026],
    name: { en: 'Test', 'zh-CN': '测试' },
    holidays: [
      { date: '2026-01-01', name: { en: 'New Year', 'zh-CN': '元旦' }, statutory: true },
      { date: '2026-01-02', name: { en: 'New Year', 'zh-CN': '元旦' }, statutory: false },
    ],
    makeUpWorkdays: [{ date: '2026-01-04', name: { en: 'Make-up', 'zh-CN': '调休' } }],
    source: { document: 'Test', section: '1' },
  };
  const issuesOf = (patch: Partial<CalendarInput>): string[] => {
    const parsed = parseCalendar({ ...valid, ...patch });
    return parsed.ok ? [] : parsed.issues;
  };
  const holiday = (date: string) => ({ date, name: { en: 'H', 'zh-CN': '假' }, statutory: false });
  const makeUp = (date: string) => ({ date, name: { en: 'W', 'zh-CN': '班' } });

  it('accepts a valid calendar and defaults weekendDays to Saturday and Sunday', () => {
    const parsed = parseCalendar(valid);
    expect(parsed.ok && parsed.calendar.weekendDays).toEqual([6, 7]);
  });

  it.each<[string, Partial<CalendarInput>, string]>([
    [
      'an impossible date',
      { holidays: [holiday('2026-01-01'), holiday('2026-02-30')] },
      'holidays[1].date: expected a real date as YYYY-MM-DD',
    ],
    [
      'a badly written date',
      { makeUpWorkdays: [makeUp('2026-1-4')] },
      'makeUpWorkdays[0].date: expected a real date as YYYY-MM-DD',
    ],
    [
      'a holiday listed twice',
      { holidays: [holiday('2026-01-01'), holiday('2026-01-01')] },
      'holidays[1].date: 2026-01-01 is listed twice',
    ],
    [
      'a make-up day listed twice',
      { makeUpWorkdays: [makeUp('2026-01-04'), makeUp('2026-01-04')] },
      'makeUpWorkdays[1].date: 2026-01-04 is listed twice',
    ],
    [
      'a date both off and working',
      { holidays: [holiday('2026-01-04')] },
      'makeUpWorkdays[0].date: 2026-01-04 is both a holiday and a make-up working day',
    ],
    [
      'a holiday outside the years',
      { holidays: [holiday('2027-01-01')] },
      "holidays[0].date: 2027-01-01 is outside the calendar's years",
    ],
    [
      'a make-up working day on a weekday',
      { makeUpWorkdays: [makeUp('2026-01-05')] },
      'makeUpWorkdays[0].date: 2026-01-05 is not a weekend day, so it is a working day anyway',
    ],
    [
      'a weekday out of range',
      { weekendDays: [6, 8] },
      'weekendDays[1]: expected an ISO weekday 1 (Monday) to 7 (Sunday)',
    ],
    ['holidays in an all-years calendar', { years: 'all' }, 'years: list the years the holidays belong to, not "all"'],
    ['a wrong schema version', { schemaVersion: 2 as 1 }, 'schemaVersion: expected schemaVersion 1'],
  ])('refuses %s with the path of the error', (_why, patch, issue) => {
    expect(issuesOf(patch)).toContain(issue);
  });

  it('isIsoDate knows leap years', () => {
    expect([isIsoDate('2028-02-29'), isIsoDate('2026-02-29'), isIsoDate('2026-13-01'), isIsoDate('20260101')]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('days of China 2026', () => {
  it.each<[string, boolean, string]>([
    ['2026-01-01', false, 'New Year (statutory)'],
    ['2026-01-02', false, 'New Year rest day (a Friday)'],
    ['2026-01-04', true, 'make-up Sunday'],
    ['2026-01-05', true, 'ordinary Monday'],
    ['2026-01-10', false, 'ordinary Saturday'],
    ['2026-02-14', true, 'make-up Saturday before Spring Festival'],
    ['2026-02-15', false, 'Spring Festival starts (Sunday)'],
    ['2026-02-23', false, 'Spring Festival last day (Monday)'],
    ['2026-02-24', true, 'back to work'],
    ['2026-02-28', true, 'make-up Saturday after Spring Festival'],
    ['2026-05-09', true, 'make-up Saturday after Labour Day'],
    ['2026-09-20', true, 'make-up Sunday before National Day'],
    ['2026-10-07', false, 'National Day last day (Wednesday)'],
    ['2026-10-08', true, 'back to work'],
    ['2026-10-10', true, 'make-up Saturday after National Day'],
    ['2026-10-11', false, 'ordinary Sunday'],
    ['2027-01-01', true, 'outside the calendar: weekends only, so a working Friday'],
    ['2025-10-01', true, 'outside the calendar: a Wednesday'],
  ])('%s is working: %s (%s)', (date, working) => {
    expect(isWorkingDay(cn2026, date)).toBe(working);
  });

  it('describes a day with its kind, name, statutory flag and coverage', () => {
    expect(describeDay(cn2026, '2026-10-01')).toMatchObject({ kind: 'holiday', statutory: true, coverage: 'covered' });
    expect(describeDay(cn2026, '2026-10-04')).toMatchObject({ kind: 'holiday', statutory: false });
    expect(describeDay(cn2026, '2026-10-10')).toMatchObject({ kind: 'makeUpWorkday', working: true });
    expect(describeDay(cn2026, '2026-10-10').name?.en).toBe('National Day make-up working day');
    expect(describeDay(cn2026, '2027-10-01')).toMatchObject({ kind: 'workday', statutory: false, coverage: 'outside' });
    expect(describeDay(weekdays, '2031-05-03')).toMatchObject({ kind: 'weekend', coverage: 'covered' });
    expect(isStatutoryHoliday(cn2026, '2026-02-16')).toBe(true);
    expect(isStatutoryHoliday(cn2026, '2026-02-15')).toBe(false);
  });
});

describe('working-day arithmetic', () => {
  // [calendar, from, to, working days in (from, to]]
  it.each<[string, Calendar, string, string, number]>([
    ['cn-2026', cn2026, '2026-09-28', '2026-10-09', 4],
    ['weekdays', weekdays, '2026-09-28', '2026-10-09', 9],
    ['cn-2026', cn2026, '2026-09-20', '2026-10-10', 10],
    ['cn-2026', cn2026, '2026-09-21', '2026-10-16', 14],
    ['cn-2026', cn2026, '2026-09-20', '2026-10-16', 15],
    ['cn-2026', cn2026, '2026-02-10', '2026-03-02', 10],
    ['cn-2026', cn2026, '2026-02-11', '2026-03-02', 9],
    ['cn-2026', cn2026, '2026-02-14', '2026-02-24', 1],
    ['cn-2026', cn2026, '2026-10-01', '2026-10-01', 0],
    ['cn-2026', cn2026, '2026-10-09', '2026-09-28', -4],
    ['weekdays', weekdays, '2026-10-05', '2026-10-09', 4],
    ['weekdays', weekdays, '2026-10-09', '2026-10-12', 1],
    ['cn-2026', cn2026, '2026-12-30', '2027-01-04', 3],
  ])('%s: %s → %s is %i working days', (_name, calendar, from, to, days) => {
    expect(workingDaysBetween(calendar, from, to)).toBe(days);
  });

  it.each<[string, number, string]>([
    ['2026-10-16', -15, '2026-09-20'],
    ['2026-10-12', -10, '2026-09-21'],
    ['2026-03-02', -10, '2026-02-10'],
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-14', 1, '2026-02-24'],
    // (09-29, 10-03] holds one working day (09-30): the start date never counts.
    ['2026-10-03', -1, '2026-09-29'],
    ['2026-10-08', -1, '2026-09-30'],
    ['2026-10-05', 0, '2026-10-05'],
  ])('addWorkingDays(cn-2026, %s, %i) = %s', (date, n, expected) => {
    expect(addWorkingDays(cn2026, date, n)).toBe(expected);
  });

  it('next and previous working days step over holidays onto make-up days', () => {
    expect(nextWorkingDay(cn2026, '2026-09-30')).toBe('2026-10-08');
    expect(nextWorkingDay(cn2026, '2026-10-09')).toBe('2026-10-10');
    expect(nextWorkingDay(weekdays, '2026-10-09')).toBe('2026-10-12');
    expect(previousWorkingDay(cn2026, '2026-02-24')).toBe('2026-02-14');
    expect(previousWorkingDay(cn2026, '2026-01-05')).toBe('2026-01-04');
  });

  it('refuses malformed dates and fractional counts', () => {
    expect(() => workingDaysBetween(cn2026, '2026-02-30', '2026-03-01')).toThrow(RangeError);
    expect(() => addWorkingDays(cn2026, '2026-03-01', 1.5)).toThrow(RangeError);
  });

  it.each<[string, number, string]>([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2028-03-31', -1, '2028-02-29'],
    ['2026-03-30', -1, '2026-02-28'],
    ['2026-02-28', -1, '2026-01-28'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2026-12-31', 2, '2027-02-28'],
  ])('addCalendarMonths(%s, %i) = %s (clamped at month end)', (date, months, expected) => {
    expect(addCalendarMonths(date, months)).toBe(expected);
  });

  it('reports years the calendar does not cover', () => {
    expect(calendarCoverage(cn2026, '2026-12-20', '2027-01-10')).toEqual({ coverage: 'outside', outsideYears: [2027] });
    expect(calendarCoverage(cn2026, '2028-01-10', '2025-12-20')).toEqual({
      coverage: 'outside',
      outsideYears: [2025, 2027, 2028],
    });
    expect(calendarCoverage(cn2026, '2026-01-01', '2026-12-31')).toEqual({ coverage: 'covered', outsideYears: [] });
    expect(calendarCoverage(weekdays, '2020-01-01', '2040-01-01').coverage).toBe('covered');
  });

  it('states the counting rule in both languages', () => {
    expect(countingRuleText('en')).toMatch(/after the start date, up to and including X/);
    expect(countingRuleText('zh-CN')).toMatch(/不含起始日/);
  });
});

describe('working-day properties', () => {
  const origin = '2025-11-01';
  // Dates from late 2025 to early 2027, so the properties cross the covered year's edges too.
  const date = fc.integer({ min: 0, max: 520 }).map((offset) => addCalendarDays(origin, offset));
  const calendar = fc.constantFrom(cn2026, weekdays);

  it('addWorkingDays then workingDaysBetween round-trips', () => {
    fc.assert(
      fc.property(calendar, date, fc.integer({ min: -80, max: 80 }), (cal, from, n) => {
        expect(workingDaysBetween(cal, from, addWorkingDays(cal, from, n))).toBe(n);
      }),
    );
  });

  it('from a working day, going n forward then n back returns to it', () => {
    fc.assert(
      fc.property(calendar, date, fc.integer({ min: -80, max: 80 }), (cal, start, n) => {
        const from = isWorkingDay(cal, start) ? start : nextWorkingDay(cal, start);
        expect(addWorkingDays(cal, addWorkingDays(cal, from, n), -n)).toBe(from);
      }),
    );
  });

  it('counting is antisymmetric and additive', () => {
    fc.assert(
      fc.property(calendar, date, date, date, (cal, a, b, c) => {
        expect(workingDaysBetween(cal, a, b) + workingDaysBetween(cal, b, a)).toBe(0);
        expect(workingDaysBetween(cal, a, c)).toBe(workingDaysBetween(cal, a, b) + workingDaysBetween(cal, b, c));
      }),
    );
  });

  it('adding a holiday never decreases the working days needed', () => {
    // With one more day off, an interval holds no more working days, so the latest date that is
    // still n working days before an event can only move earlier.
    const in2026 = fc.integer({ min: 0, max: 364 }).map((offset) => addCalendarDays('2026-01-01', offset));
    fc.assert(
      fc.property(in2026, in2026, in2026, fc.integer({ min: 1, max: 40 }), (extra, from, to, n) => {
        fc.pre(!cn2026.holidays.some((h) => h.date === extra) && !cn2026.makeUpWorkdays.some((w) => w.date === extra));
        const withHoliday = calendarSchema.parse({
          ...cn2026,
          holidays: [...cn2026.holidays, { date: extra, name: { en: 'Extra', 'zh-CN': '加' }, statutory: false }],
        });
        const [a, b] = from <= to ? [from, to] : [to, from];
        expect(workingDaysBetween(withHoliday, a, b)).toBeLessThanOrEqual(workingDaysBetween(cn2026, a, b));
        expect(addWorkingDays(withHoliday, to, -n) <= addWorkingDays(cn2026, to, -n)).toBe(true);
      }),
    );
  });
});
