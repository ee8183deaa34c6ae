import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { addCalendarDays, type Calendar, calendarSchema } from '@shared/domain/calendar';
import {
  catalogSchema,
  type Edition,
  editionSchema,
  leadTimeRuleSchema,
  onSiteTermsSchema,
  remoteTermsSchema,
} from '@shared/domain/catalog';
import { RULE_MESSAGE_KEYS, ruleMessage } from '@shared/domain/rule-messages';
import {
  type CatalogTerms,
  checkCalendarCoverage,
  checkEventOrder,
  checkLeadTimes,
  checkOnSiteCap,
  checkRemoteDays,
  checkServiceDuration,
  computeOnSiteBilling,
  evaluatePlanRules,
  measureLeadTime,
  type OnSiteDay,
  type PlanRuleInput,
  wholeMonthsBetween,
} from '@shared/domain/rules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const loadCalendar = (file: string): Calendar =>
  calendarSchema.parse(
    JSON.parse(readFileSync(resolve(import.meta.dirname, '../../resources/calendars', file), 'utf8')),
  );
const cn2026 = loadCalendar('cn-2026.json');
const weekdays = loadCalendar('weekdays.json');

const text = (en: string) => ({ en, 'zh-CN': en });
const huaweiSource = { document: 'Huawei Cloud Key Event On-Duty Service', section: 'Prerequisites' };
const alibabaSource = { document: 'Alibaba Cloud Hypercare Service SOW', section: '3. Prerequisites' };

/** Terms as the two shipped catalogs state them (built here so these tests do not depend on catalog files). */
const huawei: CatalogTerms = {
  leadTimes: [
    leadTimeRuleSchema.parse({
      id: 'huawei-apply-10wd',
      unit: 'workingDays',
      amount: 10,
      anchor: 'eventStart',
      when: 'always',
      description: text('Apply at least 10 working days before the event.'),
      source: huaweiSource,
    }),
  ],
  onSite: onSiteTermsSchema.parse({
    billing: 'extra',
    holidayMultiplier: 1,
    capByServiceDuration: false,
    source: huaweiSource,
  }),
  remote: remoteTermsSchema.parse({ extraDaysBillable: true, source: huaweiSource }),
};
const alibaba: CatalogTerms = {
  leadTimes: [
    leadTimeRuleSchema.parse({
      id: 'alibaba-request-15bd',
      unit: 'businessDays',
      amount: 15,
      anchor: 'order',
      when: 'always',
      description: text('Request at least 15 business days before ordering.'),
      source: alibabaSource,
    }),
    leadTimeRuleSchema.parse({
      id: 'alibaba-request-1m-large',
      unit: 'months',
      amount: 1,
      anchor: 'order',
      when: 'largeResources',
      description: text('Request one month before ordering when large resources are needed.'),
      source: alibabaSource,
    }),
  ],
  onSite: onSiteTermsSchema.parse({
    billing: 'perPersonDay',
    holidayMultiplier: 3,
    capByServiceDuration: true,
    source: { document: 'Alibaba Cloud Hypercare Service SOW', section: 'Service catalog: on-site services' },
  }),
  remote: remoteTermsSchema.parse({ extraDaysBillable: false, source: alibabaSource }),
};
const edition = (id: string, maxServiceDays: number | null, includedRemoteDays: number | null): Edition =>
  editionSchema.parse({
    id,
    name: text(id),
    itemIds: ['x'],
    pickItems: false,
    maxServiceDays,
    includedRemoteDays,
    source: { document: 'test', section: `edition ${id}` },
  });
const huaweiBasic = edition('basic', null, 1);
const alibabaBasic = edition('basic', 2, null);
const alibabaStandard = edition('standard', 10, null);
const alibabaAdvanced = edition('advanced', 15, null);
const alibabaCustom = edition('custom', null, null);

/** A plan that breaks no rule: each test changes what it is about. */
const base: PlanRuleInput = {
  applicationDate: '2026-06-01',
  eventStartDate: '2026-11-11',
  eventEndDate: '2026-11-12',
  eventStartUtc: '2026-11-10T16:00:00.000Z',
  eventEndUtc: '2026-11-12T15:59:00.000Z',
  orderDate: '2026-08-03',
  largeResources: false,
  serviceDays: 2,
  onSiteDays: [],
  remoteAssuranceDays: 1,
  edition: alibabaBasic,
  terms: alibaba,
  calendar: cn2026,
};

describe('lead time', () => {
  type Case = {
    why: string;
    terms: CatalogTerms;
    calendar: Calendar;
    application: string;
    eventStart?: string;
    order?: string | null;
    large?: boolean;
    expected: string[];
  };
  const cases: Case[] = [
    // Huawei: 10 working days before the event, counted after N up to and including the start date.
    {
      why: 'exactly 10 working days across National Day and the 10-10 make-up Saturday',
      terms: huawei,
      calendar: cn2026,
      application: '2026-09-21',
      eventStart: '2026-10-12',
      expected: [],
    },
    {
      why: 'one working day short across National Day',
      terms: huawei,
      calendar: cn2026,
      application: '2026-09-22',
      eventStart: '2026-10-12',
      expected: ['lead-time:huawei-apply-10wd'],
    },
    {
      why: 'the same dates on Monday–Friday would leave 14 working days',
      terms: huawei,
      calendar: weekdays,
      application: '2026-09-22',
      eventStart: '2026-10-12',
      expected: [],
    },
    {
      why: 'Monday–Friday: exactly 10',
      terms: huawei,
      calendar: weekdays,
      application: '2026-09-28',
      eventStart: '2026-10-12',
      expected: [],
    },
    {
      why: 'Monday–Friday: one short',
      terms: huawei,
      calendar: weekdays,
      application: '2026-09-29',
      eventStart: '2026-10-12',
      expected: ['lead-time:huawei-apply-10wd'],
    },
    {
      why: 'exactly 10 across Spring Festival and its make-up Saturdays',
      terms: huawei,
      calendar: cn2026,
      application: '2026-02-10',
      eventStart: '2026-03-02',
      expected: [],
    },
    {
      why: 'one short across Spring Festival',
      terms: huawei,
      calendar: cn2026,
      application: '2026-02-11',
      eventStart: '2026-03-02',
      expected: ['lead-time:huawei-apply-10wd'],
    },
    {
      why: 'application after the event',
      terms: huawei,
      calendar: cn2026,
      application: '2026-10-13',
      eventStart: '2026-10-12',
      expected: ['lead-time:huawei-apply-10wd'],
    },
    // Alibaba: 15 business days before the order.
    {
      why: 'exactly 15 from the 09-20 make-up Sunday',
      terms: alibaba,
      calendar: cn2026,
      application: '2026-09-20',
      order: '2026-10-16',
      expected: [],
    },
    {
      why: 'one short from 09-21',
      terms: alibaba,
      calendar: cn2026,
      application: '2026-09-21',
      order: '2026-10-16',
      expected: ['lead-time:alibaba-request-15bd'],
    },
    {
      why: 'no order date yet',
      terms: alibaba,
      calendar: cn2026,
      application: '2026-09-21',
      order: null,
      expected: ['lead-time:alibaba-request-15bd:no-order-date'],
    },
    // Alibaba: one calendar month before the order when large resources are needed.
    {
      why: 'large: exactly one month, clamped 03-31 → 02-28',
      terms: alibaba,
      calendar: cn2026,
      application: '2026-02-28',
      order: '2026-03-31',
      large: true,
      expected: [],
    },
    {
      why: 'large: one day short of 02-28',
      terms: alibaba,
      calendar: cn2026,
      application: '2026-03-01',
      order: '2026-03-31',
      large: true,
      expected: ['lead-time:alibaba-request-1m-large'],
    },
    {
      why: 'large: leap year, 2028-03-31 → 2028-02-29',
      terms: alibaba,
      calendar: cn2026,
      application: '2028-02-29',
      order: '2028-03-31',
      large: true,
      expected: [],
    },
    {
      why: 'large: leap year, one day short',
      terms: alibaba,
      calendar: cn2026,
      application: '2028-03-01',
      order: '2028-03-31',
      large: true,
      expected: ['lead-time:alibaba-request-1m-large'],
    },
    {
      why: 'large: exactly one month, 02-28 → 01-28',
      terms: alibaba,
      calendar: cn2026,
      application: '2026-01-28',
      order: '2026-02-28',
      large: true,
      expected: [],
    },
    {
      why: 'large: one day short, 01-29',
      terms: alibaba,
      calendar: cn2026,
      application: '2026-01-29',
      order: '2026-02-28',
      large: true,
      expected: ['lead-time:alibaba-request-1m-large'],
    },
    // A request on 01-31 is one month before 03-01's limit (02-01), but not before 02-28's (01-28).
    {
      why: 'large: request 01-31, order 03-01 (limit 02-01)',
      terms: alibaba,
      calendar: cn2026,
      application: '2026-01-31',
      order: '2026-03-01',
      large: true,
      expected: [],
    },
    {
      why: 'large: request 01-31, order 02-28 (limit 01-28)',
      terms: alibaba,
      calendar: cn2026,
      application: '2026-01-31',
      order: '2026-02-28',
      large: true,
      expected: ['lead-time:alibaba-request-1m-large'],
    },
    {
      why: 'large: request 2028-01-31, order 2028-02-29 (limit 01-29)',
      terms: alibaba,
      calendar: cn2026,
      application: '2028-01-31',
      order: '2028-02-29',
      large: true,
      expected: ['lead-time:alibaba-request-1m-large'],
    },
    {
      why: 'not large: the month rule does not apply',
      terms: alibaba,
      calendar: cn2026,
      application: '2026-03-01',
      order: '2026-03-31',
      large: false,
      expected: [],
    },
    {
      why: 'large, no order date: both rules say they cannot be checked',
      terms: alibaba,
      calendar: cn2026,
      application: '2026-03-01',
      order: null,
      large: true,
      expected: ['lead-time:alibaba-request-15bd:no-order-date', 'lead-time:alibaba-request-1m-large:no-order-date'],
    },
  ];
  it.each(cases)('$why', (c) => {
    const warnings = checkLeadTimes({
      applicationDate: c.application,
      eventStartDate: c.eventStart ?? '2026-12-31',
      orderDate: c.order === undefined ? '2026-12-31' : c.order,
      largeResources: c.large ?? false,
      terms: c.terms,
      calendar: c.calendar,
    });
    expect(warnings.map((w) => w.ruleId)).toEqual(c.expected);
  });

  it('a late application carries the figure, the latest date and the source', () => {
    const [w] = checkLeadTimes({ ...base, terms: alibaba, applicationDate: '2026-09-21', orderDate: '2026-10-16' });
    expect(w).toMatchObject({
      severity: 'warning',
      messageKey: 'rules.leadTime.tooLate',
      figure: { required: 15, actual: 14, unit: 'businessDays', comparison: 'atLeast' },
      params: { latestDate: '2026-09-20', anchorDate: '2026-10-16', anchor: 'order' },
      source: alibabaSource,
    });
    expect(w?.message).toBe(
      'The application on 2026-09-21 is 14 business days before the order (2026-10-16); at least 15 are required: apply by 2026-09-20. Counted after the application date, up to and including 2026-10-16.',
    );
  });

  it('measures months in whole calendar months', () => {
    expect(measureLeadTime({ unit: 'months', amount: 1 }, cn2026, '2026-01-10', '2026-03-31')).toMatchObject({
      actual: 2,
      latestDate: '2026-02-28',
      satisfied: true,
    });
    expect(wholeMonthsBetween('2026-03-01', '2026-03-31')).toBe(0);
    expect(wholeMonthsBetween('2026-02-28', '2026-03-31')).toBe(1);
    // Counted back from the anchor: one month before 02-28 is 01-28, so 01-31 is not yet a month before.
    expect(wholeMonthsBetween('2026-01-31', '2026-02-28')).toBe(0);
    expect(wholeMonthsBetween('2026-01-28', '2026-02-28')).toBe(1);
    expect(wholeMonthsBetween('2026-03-31', '2026-01-31')).toBe(-2);
  });
});

describe('service duration cap', () => {
  it.each<[string, Edition, number, boolean]>([
    ['Basic at its 2 days', alibabaBasic, 2, false],
    ['Basic one day over', alibabaBasic, 3, true],
    ['Standard at its 10 days', alibabaStandard, 10, false],
    ['Standard one day over', alibabaStandard, 11, true],
    ['Advanced at its 15 days', alibabaAdvanced, 15, false],
    ['Advanced one day over', alibabaAdvanced, 16, true],
    ['Custom has no cap', alibabaCustom, 100, false],
  ])('%s', (_why, ed, days, warns) => {
    const warnings = checkServiceDuration({ edition: ed, serviceDays: days });
    expect(warnings.map((w) => w.ruleId)).toEqual(warns ? ['service-duration:max-days'] : []);
    if (warns) {
      expect(warnings[0]?.figure).toEqual({
        required: ed.maxServiceDays,
        actual: days,
        unit: 'days',
        comparison: 'atMost',
      });
      expect(warnings[0]?.source).toEqual(ed.source);
    }
  });
});

describe('on-site person-days cap', () => {
  const days = (...persons: number[]): OnSiteDay[] =>
    persons.map((p, i) => ({ date: addCalendarDays('2026-11-09', i), persons: p }));
  it.each<[string, CatalogTerms, number, OnSiteDay[], boolean]>([
    ['no on-site days', alibaba, 2, [], false],
    ['exactly the service duration', alibaba, 5, days(2, 2, 1), false],
    ['one person-day over', alibaba, 5, days(2, 2, 2), true],
    ['one day, more people than service days', alibaba, 2, days(3), true],
    ['Huawei sets no cap', huawei, 1, days(5, 5), false],
  ])('%s', (_why, terms, serviceDays, onSiteDays, warns) => {
    const warnings = checkOnSiteCap({ terms, serviceDays, onSiteDays });
    expect(warnings.map((w) => w.ruleId)).toEqual(warns ? ['on-site:person-days-cap'] : []);
  });
});

describe('on-site billing', () => {
  it('bills statutory holidays at the multiplier and other days off at 1, in date order', () => {
    const billing = computeOnSiteBilling({
      terms: alibaba,
      calendar: cn2026,
      onSiteDays: [
        { date: '2026-10-08', persons: 2 },
        { date: '2026-10-01', persons: 2 },
        { date: '2026-10-04', persons: 1 },
        { date: '2026-02-16', persons: 1 },
        { date: '2026-02-15', persons: 1 },
      ],
    });
    expect(billing.days.map((d) => [d.date, d.persons, d.multiplier, d.equivalent])).toEqual([
      ['2026-02-15', 1, 1, 1],
      ['2026-02-16', 1, 3, 3],
      ['2026-10-01', 2, 3, 6],
      ['2026-10-04', 1, 1, 1],
      ['2026-10-08', 2, 1, 2],
    ]);
    expect(billing.totalPersonDays).toBe(7);
    expect(billing.totalEquivalent).toBe(13);
  });

  it('uses multiplier 1 where the catalog sets none, and outside the calendar years', () => {
    expect(
      computeOnSiteBilling({ terms: huawei, calendar: cn2026, onSiteDays: [{ date: '2026-10-01', persons: 2 }] }),
    ).toMatchObject({ totalPersonDays: 2, totalEquivalent: 2 });
    const outside = computeOnSiteBilling({
      terms: alibaba,
      calendar: cn2026,
      onSiteDays: [{ date: '2027-10-01', persons: 1 }],
    });
    expect(outside.days[0]).toMatchObject({ multiplier: 1, coverage: 'outside' });
  });

  it('the total equivalent is never below the total person-days', () => {
    const onSiteDay = fc.record({
      date: fc.integer({ min: 0, max: 364 }).map((i) => addCalendarDays('2026-01-01', i)),
      persons: fc.integer({ min: 1, max: 20 }),
    });
    fc.assert(
      fc.property(fc.array(onSiteDay, { maxLength: 20 }), fc.constantFrom(alibaba, huawei), (onSiteDays, terms) => {
        const billing = computeOnSiteBilling({ terms, calendar: cn2026, onSiteDays });
        expect(billing.totalEquivalent).toBeGreaterThanOrEqual(billing.totalPersonDays);
        expect(billing.totalPersonDays).toBe(onSiteDays.reduce((sum, d) => sum + d.persons, 0));
      }),
    );
  });
});

describe('remote assurance days', () => {
  it.each<[string, CatalogTerms, number, number | null]>([
    ['the one included day', huawei, 1, null],
    ['no remote days', huawei, 0, null],
    ['one day beyond the included one', huawei, 2, 1],
    ['three beyond', huawei, 4, 3],
    ['the catalog does not bill extra remote days', alibaba, 4, null],
  ])('%s', (_why, terms, remoteAssuranceDays, extra) => {
    const ed = terms === huawei ? huaweiBasic : alibabaBasic;
    const warnings = checkRemoteDays({ edition: ed, terms, remoteAssuranceDays });
    if (extra === null) expect(warnings).toEqual([]);
    else {
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({
        ruleId: 'remote:extra-days-billable',
        severity: 'info',
        params: { extra },
        figure: { required: 1, actual: remoteAssuranceDays, unit: 'days' },
      });
    }
  });
});

describe('event window order', () => {
  it.each<[string, string, string, string | null, string | null, boolean]>([
    ['one minute long', '2026-11-11', '2026-11-11', '2026-11-11T00:00:00.000Z', '2026-11-11T00:01:00.000Z', false],
    ['end equals start', '2026-11-11', '2026-11-11', '2026-11-11T00:00:00.000Z', '2026-11-11T00:00:00.000Z', true],
    [
      'end a minute before start',
      '2026-11-11',
      '2026-11-11',
      '2026-11-11T00:01:00.000Z',
      '2026-11-11T00:00:00.000Z',
      true,
    ],
    // Asia/Shanghai 23:30 → 00:30: across local midnight, one hour long.
    ['across midnight', '2026-11-11', '2026-11-12', '2026-11-11T15:30:00.000Z', '2026-11-11T16:30:00.000Z', false],
    // Europe/Berlin 02:30 CEST → 02:15 CET on 2026-10-25: the wall clock goes back, time does not.
    [
      'across the DST fall-back',
      '2026-10-25',
      '2026-10-25',
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T01:15:00.000Z',
      false,
    ],
    ['dates only, same day', '2026-11-11', '2026-11-11', null, null, false],
    ['dates only, end the day before', '2026-11-11', '2026-11-10', null, null, true],
  ])('%s', (_why, eventStartDate, eventEndDate, eventStartUtc, eventEndUtc, warns) => {
    const warnings = checkEventOrder({ eventStartDate, eventEndDate, eventStartUtc, eventEndUtc });
    expect(warnings.map((w) => w.ruleId)).toEqual(warns ? ['event:end-after-start'] : []);
  });
});

describe('calendar coverage', () => {
  it('says which years the calendar does not cover', () => {
    const warnings = checkCalendarCoverage({
      ...base,
      applicationDate: '2026-12-01',
      eventStartDate: '2027-01-20',
      eventEndDate: '2027-01-21',
      orderDate: null,
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      ruleId: 'calendar:coverage:cn-2026',
      severity: 'info',
      params: { years: '2027' },
      source: cn2026.source,
    });
    expect(warnings[0]?.message).toContain('does not list public holidays for 2027');
  });
  it('is silent inside the years and for a weekends-only calendar', () => {
    expect(checkCalendarCoverage(base)).toEqual([]);
    expect(checkCalendarCoverage({ ...base, calendar: weekdays, eventStartDate: '2031-01-01' })).toEqual([]);
  });
});

describe('evaluatePlanRules', () => {
  it('a plan within every rule has no warnings', () => {
    expect(evaluatePlanRules(base)).toEqual([]);
  });

  it('returns every warning, warnings before infos, then by ruleId', () => {
    const warnings = evaluatePlanRules({
      ...base,
      terms: { ...alibaba, remote: { ...alibaba.remote, extraDaysBillable: true } },
      edition: edition('basic', 2, 1),
      applicationDate: '2026-12-20',
      orderDate: '2027-01-04',
      eventStartDate: '2027-01-10',
      eventEndDate: '2027-01-09',
      eventStartUtc: null,
      eventEndUtc: null,
      largeResources: true,
      serviceDays: 3,
      onSiteDays: [{ date: '2027-01-10', persons: 4 }],
      remoteAssuranceDays: 2,
    });
    expect(warnings.map((w) => [w.severity, w.ruleId])).toEqual([
      ['warning', 'event:end-after-start'],
      ['warning', 'lead-time:alibaba-request-15bd'],
      ['warning', 'lead-time:alibaba-request-1m-large'],
      ['warning', 'on-site:person-days-cap'],
      ['warning', 'service-duration:max-days'],
      ['info', 'calendar:coverage:cn-2026'],
      ['info', 'remote:extra-days-billable'],
    ]);
    for (const w of warnings) {
      for (const language of ['en', 'zh-CN'] as const) {
        const message = ruleMessage(w, language);
        expect(message).not.toMatch(/undefined|NaN|\{\{/);
      }
    }
  });

  it('has English and Chinese text for every message key', () => {
    for (const messageKey of RULE_MESSAGE_KEYS) {
      expect(ruleMessage({ messageKey, params: {} }, 'en').length).toBeGreaterThan(0);
      expect(ruleMessage({ messageKey, params: {} }, 'zh-CN').length).toBeGreaterThan(0);
    }
  });

  it('moving the application earlier never adds a lead-time warning', () => {
    const day = (from: string, span: number) => fc.integer({ min: 0, max: span }).map((i) => addCalendarDays(from, i));
    fc.assert(
      fc.property(
        day('2026-01-01', 400),
        fc.integer({ min: 0, max: 60 }),
        day('2026-01-01', 420),
        fc.option(day('2026-01-01', 420), { nil: null }),
        fc.boolean(),
        fc.constantFrom(alibaba, huawei),
        fc.constantFrom(cn2026, weekdays),
        (application, earlierBy, eventStart, orderDate, largeResources, terms, calendar) => {
          const leadTimeIds = (applicationDate: string) =>
            checkLeadTimes({ applicationDate, eventStartDate: eventStart, orderDate, largeResources, terms, calendar })
              .filter((w) => w.severity === 'warning')
              .map((w) => w.ruleId);
          const later = leadTimeIds(application);
          const earlier = leadTimeIds(addCalendarDays(application, -earlierBy));
          expect(later).toEqual(expect.arrayContaining(earlier));
        },
      ),
    );
  });
});

describe('with the shipped catalogs', () => {
  const loadCatalog = (file: string) =>
    catalogSchema.parse(
      JSON.parse(readFileSync(resolve(import.meta.dirname, '../../resources/catalogs', file), 'utf8')),
    );

  it('Alibaba Standard: a request 14 business days before the order over National Day warns, citing the SOW', () => {
    const catalog = loadCatalog('alibaba-hypercare.json');
    const standard = catalog.editions.find((e) => e.id === 'standard');
    if (!standard) throw new Error('the Alibaba catalog has no standard edition');
    const input = { ...base, terms: catalog, edition: standard, serviceDays: 10, orderDate: '2026-10-16' };
    expect(evaluatePlanRules({ ...input, applicationDate: '2026-09-20' })).toEqual([]);
    const [w] = evaluatePlanRules({ ...input, applicationDate: '2026-09-21' });
    expect(w).toMatchObject({ figure: { required: 15, actual: 14, unit: 'businessDays' } });
    expect(w?.source?.document).toMatch(/Hypercare/);
  });

  it('Huawei: one remote day included, the second billed', () => {
    const catalog = loadCatalog('huawei-key-event-on-duty.json');
    const basic = catalog.editions.find((e) => e.id === 'basic');
    if (!basic) throw new Error('the Huawei catalog has no basic edition');
    const warnings = evaluatePlanRules({ ...base, terms: catalog, edition: basic, remoteAssuranceDays: 2 });
    expect(warnings.map((w) => [w.ruleId, w.params.extra])).toEqual([['remote:extra-days-billable', 1]]);
  });
});
