/**
 * An engagement's plan: the planning facts (N, calendar, days), the details the offerings ask the
 * customer for (peak forecast, objectives, SLOs, resources in scope, contacts), the tasks generated
 * from the catalog's plan template with their RACI, on-site days, and recorded rule overrides.
 */
import { z } from 'zod';
import { addWorkingDays, type Calendar, isWorkingDay, nextWorkingDay } from './calendar';
import { type Catalog, itemsInScope, PLAN_PHASES, raciLettersSchema } from './catalog';

export const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = (key: string) =>
  z
    .string({ message: key })
    .regex(DATE, { message: key })
    .refine(
      (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
      {
        message: key,
      },
    );

const optionalNumber = z.number({ message: 'validation.number' }).min(0, { message: 'validation.number' }).nullable();

export const BANDWIDTH_UNITS = ['Mbps', 'Gbps'] as const;

export const engagementDetailsSchema = z.object({
  peak: z.object({
    qps: optionalNumber,
    tps: optionalNumber,
    concurrentUsers: optionalNumber,
    bandwidth: optionalNumber,
    bandwidthUnit: z.enum(BANDWIDTH_UNITS),
  }),
  objectives: z.string().max(4000, { message: 'validation.tooLong' }),
  slos: z
    .array(
      z.object({
        metric: z
          .string()
          .trim()
          .min(1, { message: 'validation.sloMetric' })
          .max(200, { message: 'validation.tooLong' }),
        target: z
          .string()
          .trim()
          .min(1, { message: 'validation.sloTarget' })
          .max(200, { message: 'validation.tooLong' }),
      }),
    )
    .max(50),
});
export type EngagementDetails = z.infer<typeof engagementDetailsSchema>;
export const EMPTY_DETAILS: EngagementDetails = {
  peak: { qps: null, tps: null, concurrentUsers: null, bandwidth: null, bandwidthUnit: 'Mbps' },
  objectives: '',
  slos: [],
};

/** Resource kinds the references name; they drive the inspection checklists later. */
export const RESOURCE_TYPES = [
  'compute',
  'loadBalancer',
  'database',
  'cache',
  'objectStorage',
  'messageQueue',
  'cdn',
  'network',
  'antiDdosWaf',
  'iam',
  'monitoring',
  'backupDr',
  'autoScaling',
  'other',
] as const;

export const scopeResourceSchema = z.object({
  id: z.string().uuid().optional(),
  resourceType: z.enum(RESOURCE_TYPES, { message: 'validation.resourceType' }),
  spec: z.string().trim().max(200, { message: 'validation.tooLong' }),
  count: z
    .number({ message: 'validation.count' })
    .int({ message: 'validation.count' })
    .min(1, { message: 'validation.count' }),
  region: z.string().trim().max(100, { message: 'validation.tooLong' }),
  notes: z.string().trim().max(1000, { message: 'validation.tooLong' }),
});
export type ScopeResource = z.infer<typeof scopeResourceSchema>;

export const PARTIES = ['customer', 'provider'] as const;
export const contactSchema = z.object({
  id: z.string().uuid().optional(),
  party: z.enum(PARTIES, { message: 'validation.party' }),
  name: z.string().trim().min(1, { message: 'validation.contactName' }).max(120, { message: 'validation.tooLong' }),
  role: z.string().trim().max(120, { message: 'validation.tooLong' }),
  email: z.union([z.literal(''), z.string().trim().email({ message: 'validation.email' })]),
  phone: z.string().trim().max(40, { message: 'validation.tooLong' }),
  projectManager: z.boolean(),
});
export type Contact = z.infer<typeof contactSchema>;

export const TASK_STATUSES = ['notStarted', 'inProgress', 'done', 'blocked'] as const;
export const raciSchema = z.object({ customer: raciLettersSchema, provider: raciLettersSchema });
export type Raci = z.infer<typeof raciSchema>;

/** RACI rule: exactly one Accountable and at least one Responsible across both parties. */
export function raciProblems(raci: Raci): ('noAccountable' | 'manyAccountable' | 'noResponsible')[] {
  const letters = [...raci.customer.split('/'), ...raci.provider.split('/')];
  const a = letters.filter((l) => l === 'A').length;
  const problems: ('noAccountable' | 'manyAccountable' | 'noResponsible')[] = [];
  if (a === 0) problems.push('noAccountable');
  if (a > 1) problems.push('manyAccountable');
  if (!letters.includes('R')) problems.push('noResponsible');
  return problems;
}

export const planTaskSchema = z.object({
  id: z.string(),
  templateId: z.string().nullable(),
  phase: z.enum(PLAN_PHASES),
  name: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  owner: z.string(),
  status: z.enum(TASK_STATUSES),
  raci: raciSchema,
});
export type PlanTask = z.infer<typeof planTaskSchema>;

export const planTaskPatchSchema = z
  .object({
    name: z.string().trim().min(1, { message: 'validation.taskName' }).max(200, { message: 'validation.tooLong' }),
    startDate: isoDate('validation.date'),
    endDate: isoDate('validation.date'),
    owner: z.string().trim().max(120, { message: 'validation.tooLong' }),
    status: z.enum(TASK_STATUSES),
    raci: raciSchema.refine((raci) => raciProblems(raci).length === 0, { message: 'validation.raci' }),
  })
  .partial();

/** The most service or remote days a plan holds: a year, whatever the length of the event window. */
export const MAX_PLAN_DAYS = 366;

export const planSettingsSchema = z.object({
  applicationDate: isoDate('validation.applicationDate'),
  orderDate: isoDate('validation.orderDate').nullable(),
  largeResources: z.boolean(),
  calendarId: z.string().min(1, { message: 'validation.calendar' }),
  serviceDays: z
    .number({ message: 'validation.days' })
    .int({ message: 'validation.days' })
    .min(1, { message: 'validation.days' })
    .max(MAX_PLAN_DAYS, { message: 'validation.days' }),
  remoteDays: z
    .number({ message: 'validation.days' })
    .int({ message: 'validation.days' })
    .min(0, { message: 'validation.days' })
    .max(MAX_PLAN_DAYS, { message: 'validation.days' }),
  pickedItemIds: z.array(z.string()),
});
export type PlanSettings = z.infer<typeof planSettingsSchema>;

export const onSiteDaySchema = z.object({
  date: isoDate('validation.date'),
  persons: z
    .number({ message: 'validation.persons' })
    .int({ message: 'validation.persons' })
    .min(1, { message: 'validation.persons' })
    .max(100, { message: 'validation.persons' }),
});
export type OnSiteDay = z.infer<typeof onSiteDaySchema>;

export const ruleOverrideInputSchema = z.object({
  ruleId: z.string().min(1),
  reason: z
    .string()
    .trim()
    .min(5, { message: 'validation.overrideReason' })
    .max(2000, { message: 'validation.tooLong' }),
});

/** The calendar date of an instant in the event's zone (YYYY-MM-DD). */
export function dateInZone(utcIso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(utcIso),
  );
}

/** Calendar days the event window touches, counting both the first and the last day. */
export function eventWindowDays(startDate: string, endDate: string): number {
  return Math.max(
    1,
    Math.round((Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / 86_400_000) + 1,
  );
}

type Anchors = { applicationDate: string; eventStartDate: string; eventEndDate: string };
export type GeneratedTask = Omit<PlanTask, 'id' | 'owner' | 'status'> & { sortOrder: number };

/**
 * Places every template task whose items are in scope (or that names none) on the calendar:
 * start = anchor moved by the offset in working days (a non-working anchor first moves to the next
 * working day), end = start plus duration − 1 working days. The on-duty phase spans the event
 * window in calendar days, as duty does not pause on holidays.
 */
export function generatePlanTasks(
  catalog: Catalog,
  editionId: string,
  pickedItemIds: readonly string[],
  calendar: Calendar,
  anchors: Anchors,
  language: 'en' | 'zh-CN',
): GeneratedTask[] {
  const inScope = new Set(itemsInScope(catalog, editionId, pickedItemIds).map((i) => i.id));
  const itemsById = new Map(catalog.items.map((i) => [i.id, i]));
  return catalog.planTemplate
    .filter((task) => task.itemIds.length === 0 || task.itemIds.some((id) => inScope.has(id)))
    .map((task, sortOrder) => {
      const firstItem = task.itemIds.map((id) => itemsById.get(id)).find((item) => item !== undefined);
      const raci = task.raci ?? firstItem?.raci ?? { customer: 'A/C/I', provider: 'R' };
      if (task.phase === 'onDuty') {
        return {
          templateId: task.id,
          phase: task.phase,
          name: task.name[language],
          startDate: anchors.eventStartDate,
          endDate: anchors.eventEndDate,
          raci,
          sortOrder,
        };
      }
      const anchorDate =
        task.anchor === 'application'
          ? anchors.applicationDate
          : task.anchor === 'eventStart'
            ? anchors.eventStartDate
            : anchors.eventEndDate;
      const base = isWorkingDay(calendar, anchorDate) ? anchorDate : nextWorkingDay(calendar, anchorDate);
      const startDate = task.offsetWorkingDays === 0 ? base : addWorkingDays(calendar, base, task.offsetWorkingDays);
      const endDate =
        task.durationWorkingDays <= 1 ? startDate : addWorkingDays(calendar, startDate, task.durationWorkingDays - 1);
      return { templateId: task.id, phase: task.phase, name: task.name[language], startDate, endDate, raci, sortOrder };
    });
}

const localizedOut = z.object({ en: z.string(), 'zh-CN': z.string() });
const sourceOut = z.object({ document: z.string(), section: z.string() });

export const planWarningSchema = z.object({
  ruleId: z.string(),
  severity: z.enum(['warning', 'info']),
  messageKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  figure: z
    .object({ required: z.number(), actual: z.number(), unit: z.string(), comparison: z.enum(['atLeast', 'atMost']) })
    .nullable(),
  source: sourceOut.nullable(),
  message: z.string(),
  /** The warning in both languages: the UI shows the interface language, documents theirs. */
  text: localizedOut,
  override: z
    .object({ id: z.string(), ruleId: z.string(), reason: z.string(), author: z.string(), createdAt: z.string() })
    .nullable(),
});
export type PlanWarning = z.infer<typeof planWarningSchema>;

export const onSiteBillingSchema = z.object({
  days: z.array(
    z.object({
      date: z.string(),
      persons: z.number(),
      multiplier: z.number(),
      equivalent: z.number(),
      statutory: z.boolean(),
      coverage: z.enum(['covered', 'outside']),
    }),
  ),
  totalPersonDays: z.number(),
  totalEquivalent: z.number(),
});

export const planViewSchema = z.object({
  engagementId: z.string(),
  settings: planSettingsSchema,
  catalog: z.object({
    catalogId: z.string(),
    version: z.string(),
    hash: z.string(),
    name: localizedOut,
    editionId: z.string(),
    editionName: localizedOut,
    pickItems: z.boolean(),
    maxServiceDays: z.number().nullable(),
    includedRemoteDays: z.number().nullable(),
    items: z.array(
      z.object({
        id: z.string(),
        name: localizedOut,
        phase: z.enum(['before', 'during', 'after']),
        inScope: z.boolean(),
      }),
    ),
    deliverables: z.array(z.object({ id: z.string(), name: localizedOut })),
  }),
  calendar: z.object({ calendarId: z.string(), name: localizedOut }),
  details: engagementDetailsSchema,
  contacts: z.array(contactSchema.extend({ id: z.string() })),
  resources: z.array(scopeResourceSchema.extend({ id: z.string() })),
  tasks: z.array(planTaskSchema),
  onSiteDays: z.array(onSiteDaySchema),
  overrides: z.array(
    z.object({ id: z.string(), ruleId: z.string(), reason: z.string(), author: z.string(), createdAt: z.string() }),
  ),
  warnings: z.array(planWarningSchema),
  billing: onSiteBillingSchema,
  /** The edition or picked items changed since the tasks were generated. */
  tasksStale: z.boolean(),
});
