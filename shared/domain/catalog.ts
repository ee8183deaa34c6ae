/**
 * A service catalog: one provider's offering (editions, service items, rules, deliverables, RACI,
 * plan template) as versioned data under resources/catalogs/. Every rule carries its source so a
 * warning can cite it. Validated at load, at import and in a test.
 */
import { z } from 'zod';

export const localizedSchema = z.object({
  en: z.string().trim().min(1, { message: 'expected English text' }),
  'zh-CN': z.string().trim().min(1, { message: 'expected Simplified Chinese text' }),
});
export type Localized = z.infer<typeof localizedSchema>;

/** Where in the provider's own document a rule or item comes from, e.g. SOW "3. Prerequisites". */
export const sourceSchema = z.object({
  document: z.string().trim().min(1),
  section: z.string().trim().min(1),
});
export type Source = z.infer<typeof sourceSchema>;

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'expected a lowercase id (letters, digits, hyphens)' });
const positiveInt = z
  .number({ message: 'expected a positive integer' })
  .int({ message: 'expected a positive integer' })
  .positive({ message: 'expected a positive integer' });
const nonNegativeInt = z
  .number({ message: 'expected a whole number ≥ 0' })
  .int({ message: 'expected a whole number ≥ 0' })
  .min(0, { message: 'expected a whole number ≥ 0' });

/** RACI letters of one party for one task, e.g. `A/S/C/I` or `R/I` (S = Support, assists R). */
export const raciLettersSchema = z
  .string()
  .regex(/^[RASCI](\/[RASCI])*$/, { message: 'expected RACI letters separated by "/", e.g. A/S/C/I' })
  .refine((letters) => new Set(letters.split('/')).size === letters.split('/').length, {
    message: 'a letter appears twice',
  });

export const SERVICE_PHASES = ['before', 'during', 'after'] as const;

export const serviceItemSchema = z.object({
  id,
  phase: z.enum(SERVICE_PHASES),
  name: localizedSchema,
  description: localizedSchema,
  /** The RACI template of the task this item is: customer and provider letters. */
  raci: z.object({ customer: raciLettersSchema, provider: raciLettersSchema }),
  /** Deliverables this item feeds (ids in `deliverables`). */
  deliverableIds: z.array(id),
  source: sourceSchema,
});
export type ServiceItem = z.infer<typeof serviceItemSchema>;

export const editionSchema = z.object({
  id,
  name: localizedSchema,
  /** Items in scope; empty when `pickItems` lets the consultant choose (Custom edition). */
  itemIds: z.array(id),
  pickItems: z.boolean(),
  /** Longest service duration the edition allows, in days; null when the offering sets none. */
  maxServiceDays: positiveInt.nullable(),
  /** Days of remote assurance included in the price; null when not stated. */
  includedRemoteDays: nonNegativeInt.nullable(),
  source: sourceSchema,
});
export type Edition = z.infer<typeof editionSchema>;

export const LEAD_TIME_UNITS = ['workingDays', 'businessDays', 'months'] as const;
export const leadTimeRuleSchema = z.object({
  id,
  unit: z.enum(LEAD_TIME_UNITS),
  amount: positiveInt,
  /** What the lead time is counted to: the event's start, or placing the order. */
  anchor: z.enum(['eventStart', 'order']),
  /** `largeResources`: applies only when the engagement says large resources are needed. */
  when: z.enum(['always', 'largeResources']),
  description: localizedSchema,
  source: sourceSchema,
});
export type LeadTimeRule = z.infer<typeof leadTimeRuleSchema>;

export const onSiteTermsSchema = z.object({
  /** How on-site work is charged: per person-day on top of the price, or not offered at extra cost. */
  billing: z.enum(['perPersonDay', 'extra']),
  /** Fee multiplier for on-site days on national (statutory) holidays; 1 when none. */
  holidayMultiplier: z.number({ message: 'expected a number ≥ 1' }).min(1, { message: 'expected a number ≥ 1' }),
  /** On-site person-days may not exceed the service duration. */
  capByServiceDuration: z.boolean(),
  /** The provider's wording of the terms, shown beside the figures (the figures are what rules check). */
  description: localizedSchema.optional(),
  source: sourceSchema,
});

export const remoteTermsSchema = z.object({
  /** Days beyond the edition's included remote days are billed extra. */
  extraDaysBillable: z.boolean(),
  /** The provider's wording, e.g. who provides the remote service. */
  description: localizedSchema.optional(),
  source: sourceSchema,
});

export const deliverableSchema = z.object({
  id,
  name: localizedSchema,
  /** Editions that deliver it; empty means every edition. */
  editionIds: z.array(id),
  /** What the document must contain when the provider's acceptance criteria say so. */
  contents: z.array(localizedSchema).optional(),
  source: sourceSchema,
});
export type Deliverable = z.infer<typeof deliverableSchema>;

export const acceptanceMilestoneSchema = z.object({
  id,
  name: localizedSchema,
  deliverableIds: z.array(id),
  completion: localizedSchema,
  source: sourceSchema,
});

export const PLAN_PHASES = [
  'survey',
  'solution',
  'inspection',
  'optimization',
  'stressTest',
  'onDuty',
  'summary',
  'acceptance',
] as const;
export type PlanPhase = (typeof PLAN_PHASES)[number];

/**
 * A task of the generated plan, placed in working days from an anchor: N (the application date),
 * the event's start or its end. A task is in the plan when any of its items is in scope (or it
 * names none).
 */
export const planTaskTemplateSchema = z.object({
  id,
  phase: z.enum(PLAN_PHASES),
  name: localizedSchema,
  itemIds: z.array(id),
  anchor: z.enum(['application', 'eventStart', 'eventEnd']),
  /** Working days from the anchor to the task's start; negative is before the anchor. */
  offsetWorkingDays: z.number().int({ message: 'expected a whole number' }),
  /** Working days the task lasts; 0 for a milestone. */
  durationWorkingDays: nonNegativeInt,
  /** RACI of the task when it differs from its items' (or it has none). */
  raci: z.object({ customer: raciLettersSchema, provider: raciLettersSchema }).optional(),
});
export type PlanTaskTemplate = z.infer<typeof planTaskTemplateSchema>;

const catalogShape = z.object({
  schemaVersion: z.literal(1, { message: 'expected schemaVersion 1' }),
  id,
  version: z.string().regex(/^\d+\.\d+(\.\d+)?$/, { message: 'expected a version such as 1.0 or 2.1.3' }),
  name: localizedSchema,
  provider: localizedSchema,
  /** The provider's document the catalog transcribes. */
  reference: z.object({ title: z.string().trim().min(1), updated: z.string().optional() }),
  editions: z.array(editionSchema).min(1, { message: 'expected at least one edition' }),
  items: z.array(serviceItemSchema).min(1, { message: 'expected at least one service item' }),
  leadTimes: z.array(leadTimeRuleSchema),
  onSite: onSiteTermsSchema,
  remote: remoteTermsSchema,
  deliverables: z.array(deliverableSchema),
  acceptanceMilestones: z.array(acceptanceMilestoneSchema),
  inclusions: z.array(localizedSchema),
  exclusions: z.array(localizedSchema),
  planTemplate: z.array(planTaskTemplateSchema).min(1, { message: 'expected at least one plan task' }),
});

function duplicates(values: string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

/** A catalog whose references all resolve: edition items, deliverables and plan tasks. */
export const catalogSchema = catalogShape.superRefine((catalog, ctx) => {
  const itemIds = new Set(catalog.items.map((i) => i.id));
  const deliverableIds = new Set(catalog.deliverables.map((d) => d.id));
  const editionIds = new Set(catalog.editions.map((e) => e.id));
  const unique = (path: string, values: string[]) => {
    for (const dup of new Set(duplicates(values))) {
      ctx.addIssue({ code: 'custom', path: [path], message: `id "${dup}" is used twice` });
    }
  };
  unique(
    'items',
    catalog.items.map((i) => i.id),
  );
  unique(
    'editions',
    catalog.editions.map((e) => e.id),
  );
  unique(
    'deliverables',
    catalog.deliverables.map((d) => d.id),
  );
  unique(
    'planTemplate',
    catalog.planTemplate.map((t) => t.id),
  );
  unique(
    'leadTimes',
    catalog.leadTimes.map((r) => r.id),
  );
  catalog.editions.forEach((edition, e) => {
    edition.itemIds.forEach((itemId, i) => {
      if (!itemIds.has(itemId)) {
        ctx.addIssue({ code: 'custom', path: ['editions', e, 'itemIds', i], message: `no service item "${itemId}"` });
      }
    });
    if (!edition.pickItems && edition.itemIds.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['editions', e, 'itemIds'], message: 'expected items, or pickItems: true' });
    }
  });
  catalog.items.forEach((item, i) => {
    item.deliverableIds.forEach((d, k) => {
      if (!deliverableIds.has(d)) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'deliverableIds', k], message: `no deliverable "${d}"` });
      }
    });
  });
  catalog.deliverables.forEach((deliverable, d) => {
    deliverable.editionIds.forEach((editionId, k) => {
      if (!editionIds.has(editionId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['deliverables', d, 'editionIds', k],
          message: `no edition "${editionId}"`,
        });
      }
    });
  });
  catalog.acceptanceMilestones.forEach((milestone, m) => {
    milestone.deliverableIds.forEach((d, k) => {
      if (!deliverableIds.has(d)) {
        ctx.addIssue({
          code: 'custom',
          path: ['acceptanceMilestones', m, 'deliverableIds', k],
          message: `no deliverable "${d}"`,
        });
      }
    });
  });
  catalog.planTemplate.forEach((task, t) => {
    task.itemIds.forEach((itemId, k) => {
      if (!itemIds.has(itemId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['planTemplate', t, 'itemIds', k],
          message: `no service item "${itemId}"`,
        });
      }
    });
  });
});
export type Catalog = z.infer<typeof catalogSchema>;

/**
 * Formats zod issues as `path: message` lines, with array indexes in brackets, e.g.
 * `editions[2].maxServiceDays: expected a positive integer`.
 */
export function describeCatalogIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.reduce<string>(
      (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)),
      '',
    );
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

/** Items in scope for an edition: its list, or the consultant's pick for a pick-items edition. */
export function itemsInScope(
  catalog: Catalog,
  editionId: string,
  pickedItemIds: readonly string[] = [],
): ServiceItem[] {
  const edition = catalog.editions.find((e) => e.id === editionId);
  if (!edition) return [];
  const ids = new Set(edition.pickItems ? pickedItemIds : edition.itemIds);
  return catalog.items.filter((item) => ids.has(item.id));
}

export const CATALOG_ORIGINS = ['builtin', 'firm'] as const;
export type CatalogOrigin = (typeof CATALOG_ORIGINS)[number];

/** A catalog as the list shows it; `origin: 'firm'` also when a firm catalog replaces a shipped one. */
export const catalogSummarySchema = z.object({
  catalogId: z.string(),
  version: z.string(),
  hash: z.string(),
  origin: z.enum(CATALOG_ORIGINS),
  name: localizedSchema,
  provider: localizedSchema,
  editions: z.array(z.object({ id: z.string(), name: localizedSchema })),
});
export type CatalogSummary = z.infer<typeof catalogSummarySchema>;

/** A catalog with the hash of its content and where it comes from. */
export const loadedCatalogSchema = z.object({
  catalog: catalogSchema,
  hash: z.string(),
  origin: z.enum(CATALOG_ORIGINS),
});

/** A catalog or edition id as typed by a person: lowercase letters, digits and hyphens. */
export const catalogIdSchema = id;
