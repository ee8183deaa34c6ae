/**
 * The offering's rules checked against an engagement's plan, as pure functions of plain data.
 * A rule never blocks: it returns warnings that cite the rule, its figure and the catalog section
 * it comes from, and the consultant may override one with a recorded reason (stored by the core,
 * keyed by `ruleId`). Dates are calendar dates in the event's time zone; working days follow the
 * counting convention documented at `workingDaysBetween` in ./calendar.
 */
import {
  addCalendarMonths,
  addWorkingDays,
  type Calendar,
  type Coverage,
  calendarCoverage,
  describeDay,
  type IsoDate,
  workingDaysBetween,
} from './calendar';
import type { Catalog, Edition, LeadTimeRule, Source } from './catalog';
import { type RuleMessageKey, ruleMessage } from './rule-messages';

export type RuleSeverity = 'warning' | 'info';
export type FigureUnit = 'workingDays' | 'businessDays' | 'months' | 'days' | 'personDays';

/**
 * The number a rule is about. `required` is the rule's limit: a minimum for lead times
 * (`atLeast`), a maximum for caps (`atMost`).
 */
export interface RuleFigure {
  required: number;
  actual: number;
  unit: FigureUnit;
  comparison: 'atLeast' | 'atMost';
}

export type RuleParams = Record<string, string | number>;

export interface RuleWarning {
  /** Stable across evaluations, so an override recorded against it keeps applying. */
  ruleId: string;
  severity: RuleSeverity;
  /** i18n key of the message; `ruleMessage(warning, language)` renders it in en or zh-CN. */
  messageKey: RuleMessageKey;
  params: RuleParams;
  figure: RuleFigure | null;
  /** Where the rule comes from (the catalog's, or the calendar's); null for the app's own checks. */
  source: Source | null;
  /** English text, for logs and tests. */
  message: string;
}

/** The parts of a catalog the rules read. */
export type CatalogTerms = Pick<Catalog, 'leadTimes' | 'onSite' | 'remote'>;

export interface OnSiteDay {
  date: IsoDate;
  /** People on site that day (whole, ≥ 1). */
  persons: number;
}

/** Everything the plan rules read; dates are calendar dates in the event's time zone. */
export interface PlanRuleInput {
  /** N: the day the service application (Alibaba: the service request) is submitted. */
  applicationDate: IsoDate;
  eventStartDate: IsoDate;
  eventEndDate: IsoDate;
  /**
   * The event window as instants (ISO 8601 UTC), when known: a window inside one day, across
   * midnight or across a DST change is only ordered correctly by its instants.
   */
  eventStartUtc?: string | null;
  eventEndUtc?: string | null;
  /** When the customer places (or placed) the order; null while unknown. */
  orderDate: IsoDate | null;
  /** The customer needs a large amount of resources (Alibaba: one month's lead time). */
  largeResources: boolean;
  /** The service duration in days, compared with the edition's cap. */
  serviceDays: number;
  onSiteDays: OnSiteDay[];
  /** Days of remote assurance planned. */
  remoteAssuranceDays: number;
  edition: Edition;
  terms: CatalogTerms;
  calendar: Calendar;
}

function warning(
  fields: Omit<RuleWarning, 'message' | 'params' | 'figure'> & { params?: RuleParams; figure?: RuleFigure | null },
): RuleWarning {
  const params = fields.params ?? {};
  const figure = fields.figure ?? null;
  return { ...fields, params, figure, message: ruleMessage({ messageKey: fields.messageKey, params }, 'en') };
}

// ---------------------------------------------------------------------------------------------
// Lead time

export interface LeadTimeMeasure {
  /** The lead time the request leaves, in the rule's unit (negative when after the anchor). */
  actual: number;
  required: number;
  unit: LeadTimeRule['unit'];
  /** The latest request date that satisfies the rule: a working day for day units. */
  latestDate: IsoDate;
  satisfied: boolean;
}

/**
 * Whole months from `from` to `to`: the largest m with `to` − m months (clamped) ≥ `from`;
 * negative when `to` is earlier.
 */
export function wholeMonthsBetween(from: IsoDate, to: IsoDate): number {
  if (to < from) return -wholeMonthsBetween(to, from) + 0; // + 0: never −0
  const monthNumber = (date: IsoDate) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7));
  let months = monthNumber(to) - monthNumber(from) + 1;
  while (addCalendarMonths(to, -months) < from) months -= 1;
  return months;
}

/**
 * How much lead time a request on `requestDate` leaves before `anchorDate`, per the rule.
 * Working and business days are both counted on the calendar (the references use the words for
 * the same thing); months are calendar months: "one month before" 2026-03-31 is 2026-02-28.
 */
export function measureLeadTime(
  rule: Pick<LeadTimeRule, 'unit' | 'amount'>,
  calendar: Calendar,
  requestDate: IsoDate,
  anchorDate: IsoDate,
): LeadTimeMeasure {
  if (rule.unit === 'months') {
    const latestDate = addCalendarMonths(anchorDate, -rule.amount);
    return {
      actual: wholeMonthsBetween(requestDate, anchorDate),
      required: rule.amount,
      unit: rule.unit,
      latestDate,
      satisfied: requestDate <= latestDate,
    };
  }
  const actual = workingDaysBetween(calendar, requestDate, anchorDate);
  return {
    actual,
    required: rule.amount,
    unit: rule.unit,
    latestDate: addWorkingDays(calendar, anchorDate, -rule.amount),
    satisfied: actual >= rule.amount,
  };
}

export type LeadTimeInput = Pick<
  PlanRuleInput,
  'applicationDate' | 'eventStartDate' | 'orderDate' | 'largeResources' | 'terms' | 'calendar'
>;

/** One lead-time rule: too late → warning; anchored on an order date not yet known → info. */
export function checkLeadTime(rule: LeadTimeRule, input: LeadTimeInput): RuleWarning[] {
  if (rule.when === 'largeResources' && !input.largeResources) return [];
  const ruleId = `lead-time:${rule.id}`;
  const anchorDate = rule.anchor === 'order' ? input.orderDate : input.eventStartDate;
  if (anchorDate === null) {
    return [
      warning({
        ruleId: `${ruleId}:no-order-date`,
        severity: 'info',
        messageKey: 'rules.leadTime.orderDateMissing',
        params: { required: rule.amount, unit: rule.unit },
        source: rule.source,
      }),
    ];
  }
  const measure = measureLeadTime(rule, input.calendar, input.applicationDate, anchorDate);
  if (measure.satisfied) return [];
  return [
    warning({
      ruleId,
      severity: 'warning',
      messageKey: 'rules.leadTime.tooLate',
      params: {
        required: measure.required,
        actual: measure.actual,
        unit: rule.unit,
        anchor: rule.anchor,
        applicationDate: input.applicationDate,
        anchorDate,
        latestDate: measure.latestDate,
      },
      figure: { required: measure.required, actual: measure.actual, unit: rule.unit, comparison: 'atLeast' },
      source: rule.source,
    }),
  ];
}

export function checkLeadTimes(input: LeadTimeInput): RuleWarning[] {
  return input.terms.leadTimes.flatMap((rule) => checkLeadTime(rule, input));
}

// ---------------------------------------------------------------------------------------------
// Service duration, on-site and remote days

export function checkServiceDuration(input: Pick<PlanRuleInput, 'edition' | 'serviceDays'>): RuleWarning[] {
  const max = input.edition.maxServiceDays;
  if (max === null || input.serviceDays <= max) return [];
  return [
    warning({
      ruleId: 'service-duration:max-days',
      severity: 'warning',
      messageKey: 'rules.serviceDuration.tooLong',
      params: { required: max, actual: input.serviceDays, edition: input.edition.id },
      figure: { required: max, actual: input.serviceDays, unit: 'days', comparison: 'atMost' },
      source: input.edition.source,
    }),
  ];
}

export function totalOnSitePersonDays(onSiteDays: readonly OnSiteDay[]): number {
  return onSiteDays.reduce((sum, day) => sum + day.persons, 0);
}

/** On-site person-days may not exceed the service duration, when the offering says so. */
export function checkOnSiteCap(input: Pick<PlanRuleInput, 'terms' | 'serviceDays' | 'onSiteDays'>): RuleWarning[] {
  if (!input.terms.onSite.capByServiceDuration) return [];
  const total = totalOnSitePersonDays(input.onSiteDays);
  if (total <= input.serviceDays) return [];
  return [
    warning({
      ruleId: 'on-site:person-days-cap',
      severity: 'warning',
      messageKey: 'rules.onSite.overServiceDuration',
      params: { required: input.serviceDays, actual: total },
      figure: { required: input.serviceDays, actual: total, unit: 'personDays', comparison: 'atMost' },
      source: input.terms.onSite.source,
    }),
  ];
}

export interface OnSiteBillingDay {
  date: IsoDate;
  persons: number;
  /** The catalog's holiday multiplier on a statutory holiday of the calendar, else 1. */
  multiplier: number;
  /** persons × multiplier: the person-days billed for the day. */
  equivalent: number;
  statutory: boolean;
  /** 'outside' when the calendar has no holidays for the year: the multiplier assumed 1. */
  coverage: Coverage;
}

export interface OnSiteBilling {
  days: OnSiteBillingDay[];
  totalPersonDays: number;
  totalEquivalent: number;
}

/**
 * The on-site person-days and what they are billed as, per day and in total, in date order. "Three
 * times on a national holiday" is read as the calendar's statutory days (DOMAIN.md); the
 * multiplier is shown per day so that reading stays visible.
 */
export function computeOnSiteBilling(input: Pick<PlanRuleInput, 'terms' | 'calendar' | 'onSiteDays'>): OnSiteBilling {
  const days = [...input.onSiteDays]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((day): OnSiteBillingDay => {
      const { statutory, coverage } = describeDay(input.calendar, day.date);
      const multiplier = statutory ? input.terms.onSite.holidayMultiplier : 1;
      return {
        date: day.date,
        persons: day.persons,
        multiplier,
        equivalent: day.persons * multiplier,
        statutory,
        coverage,
      };
    });
  return {
    days,
    totalPersonDays: days.reduce((sum, day) => sum + day.persons, 0),
    totalEquivalent: days.reduce((sum, day) => sum + day.equivalent, 0),
  };
}

/** Remote assurance beyond the edition's included days is billed extra: info with the count. */
export function checkRemoteDays(
  input: Pick<PlanRuleInput, 'edition' | 'terms' | 'remoteAssuranceDays'>,
): RuleWarning[] {
  const included = input.edition.includedRemoteDays;
  if (!input.terms.remote.extraDaysBillable || included === null || input.remoteAssuranceDays <= included) return [];
  const extra = input.remoteAssuranceDays - included;
  return [
    warning({
      ruleId: 'remote:extra-days-billable',
      severity: 'info',
      messageKey: 'rules.remote.extraDaysBillable',
      params: { required: included, actual: input.remoteAssuranceDays, extra },
      figure: { required: included, actual: input.remoteAssuranceDays, unit: 'days', comparison: 'atMost' },
      source: input.terms.remote.source,
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Event window and calendar coverage

/**
 * The event must end after it starts. Compared on the instants when given (a window within one
 * day, across midnight or a DST change); otherwise on the dates, where the same date is allowed.
 */
export function checkEventOrder(
  input: Pick<PlanRuleInput, 'eventStartDate' | 'eventEndDate' | 'eventStartUtc' | 'eventEndUtc'>,
): RuleWarning[] {
  const start = input.eventStartUtc ? Date.parse(input.eventStartUtc) : Number.NaN;
  const end = input.eventEndUtc ? Date.parse(input.eventEndUtc) : Number.NaN;
  const broken = Number.isNaN(start) || Number.isNaN(end) ? input.eventEndDate < input.eventStartDate : end <= start;
  if (!broken) return [];
  return [
    warning({
      ruleId: 'event:end-after-start',
      severity: 'warning',
      messageKey: 'rules.event.endNotAfterStart',
      params: { start: input.eventStartUtc ?? input.eventStartDate, end: input.eventEndUtc ?? input.eventEndDate },
      source: null,
    }),
  ];
}

/**
 * Info when any date the rules count over lies in a year the calendar does not list holidays for:
 * there the counts use weekends only, so the UI can say "the calendar does not cover 2027".
 */
export function checkCalendarCoverage(
  input: Pick<
    PlanRuleInput,
    'calendar' | 'applicationDate' | 'eventStartDate' | 'eventEndDate' | 'orderDate' | 'onSiteDays'
  >,
): RuleWarning[] {
  const dates = [
    input.applicationDate,
    input.eventStartDate,
    input.eventEndDate,
    ...(input.orderDate ? [input.orderDate] : []),
    ...input.onSiteDays.map((d) => d.date),
  ].sort();
  const first = dates[0];
  const last = dates[dates.length - 1];
  if (first === undefined || last === undefined) return [];
  const { outsideYears } = calendarCoverage(input.calendar, first, last);
  if (outsideYears.length === 0) return [];
  return [
    warning({
      ruleId: `calendar:coverage:${input.calendar.id}`,
      severity: 'info',
      messageKey: 'rules.calendar.outsideCoverage',
      params: {
        years: outsideYears.join(', '),
        calendarEn: input.calendar.name.en,
        calendarZh: input.calendar.name['zh-CN'],
      },
      source: input.calendar.source,
    }),
  ];
}

// ---------------------------------------------------------------------------------------------

const SEVERITY_ORDER: Record<RuleSeverity, number> = { warning: 0, info: 1 };

/** Every plan rule, warnings first, then by ruleId, so the list is stable between evaluations. */
export function evaluatePlanRules(input: PlanRuleInput): RuleWarning[] {
  return [
    ...checkLeadTimes(input),
    ...checkServiceDuration(input),
    ...checkOnSiteCap(input),
    ...checkRemoteDays(input),
    ...checkEventOrder(input),
    ...checkCalendarCoverage(input),
  ].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}
