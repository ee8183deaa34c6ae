/**
 * Capacity evaluation: per resource, the capacity it has, the load it carries, the peak it must
 * take, and the scaling that meets that peak with a safety margin. The formulas are data
 * (resources/capacity/formulas.json, validated by `capacityFormulaFileSchema`); the figures are
 * computed here, never stored, so a corrected formula re-evaluates every engagement.
 *
 * Definitions used throughout (C capacity, P predicted peak, m safety margin as a fraction):
 * - C = units × capacity per unit (scale out) or the current cap (scale up).
 * - P = forecast figure × multiplier (the engagement's peak forecast drives it), or baseline load ×
 *   multiplier (growth) when the formula has no driver, or the peak the consultant states directly.
 * - headroom = (C − P) / C: the share of capacity still free at the peak; negative when P > C.
 * - below margin ⇔ headroom < m. Required capacity R = P / (1 − m) is the smallest capacity whose
 *   headroom at P is exactly m, so a separate "utilisation ceiling" would only restate 1 − m.
 */
import { z } from 'zod';
import { type Localized, localizedSchema } from './catalog';
import type { DeliverableLanguage } from './engagement';
import { type EngagementDetails, engagementDetailsSchema, RESOURCE_TYPES } from './plan';

export type PeakForecast = EngagementDetails['peak'];

/** Catalog items that are capacity evaluation (Huawei) or assessment (Alibaba). */
export const CAPACITY_CATALOG_ITEM_IDS = ['capacity-evaluation', 'capacity-assessment'] as const;

/** Findings raised by a capacity item carry this templateId and the item's id as itemId. */
export const CAPACITY_FINDING_TEMPLATE_ID = 'capacity';

/**
 * Outside the edition when the catalog has a capacity item and none of them is in scope; a firm
 * catalog without such an item does not rule it out (the same reading the deliverables use).
 */
export function capacityOutsideEdition(items: readonly { id: string; inScope: boolean }[]): boolean {
  const matching = items.filter((item) => (CAPACITY_CATALOG_ITEM_IDS as readonly string[]).includes(item.id));
  return matching.length > 0 && matching.every((item) => !item.inScope);
}

// ---------------------------------------------------------------------------------------------
// Formulas (data)

export const PEAK_DRIVERS = ['qps', 'tps', 'concurrentUsers', 'bandwidth', 'none'] as const;
export type PeakDriver = (typeof PEAK_DRIVERS)[number];

/** Placeholders a recommendation template may use. */
const PLACEHOLDERS = ['from', 'to', 'needed', 'unitName'] as const;

const template = z.object({
  en: z.string().trim().min(1, { message: 'expected English text' }),
  'zh-CN': z.string().trim().min(1, { message: 'expected Simplified Chinese text' }),
});

function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1] ?? '')
    .filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));
}

const scaleOutSchema = z.object({
  kind: z.literal('scaleOut'),
  /** What is added when scaling out, as counted: instances, nodes, shards. */
  unitName: localizedSchema,
});
const scaleUpSchema = z
  .object({
    kind: z.literal('scaleUp'),
    /** The caps one can choose (specs, bandwidth tiers), ascending; the recommendation picks one. */
    steps: z.array(z.number().positive()).min(1).optional(),
    /** Or: caps are continuous and rounded up to a multiple of this. */
    increment: z.number().positive().optional(),
  })
  .refine((s) => (s.steps === undefined) !== (s.increment === undefined), {
    message: 'give either steps or increment',
  })
  .refine((s) => s.steps === undefined || s.steps.every((v, i, all) => i === 0 || v > (all[i - 1] ?? 0)), {
    message: 'steps must be ascending',
    path: ['steps'],
  });

const optionalLabel = localizedSchema.optional();

export const capacityFormulaSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'expected a kebab-case id' }),
    resourceType: z.enum(RESOURCE_TYPES),
    /** The formula "Add from resources in scope" picks for its resource type (one per type). */
    primary: z.boolean().default(false),
    metric: localizedSchema,
    unit: localizedSchema,
    scaling: z.discriminatedUnion('kind', [scaleOutSchema, scaleUpSchema]),
    peakDriver: z.enum(PEAK_DRIVERS),
    /** 'load': the consultant enters today's load in the unit; 'utilisation': a percentage of capacity. */
    baselineInput: z.enum(['load', 'utilisation']),
    defaultMultiplier: z.number().positive(),
    defaultMarginPct: z.number().min(0).max(95),
    /** Field labels and hints for this formula's inputs, so the form speaks its language. */
    labels: z.object({
      units: optionalLabel,
      capacityPerUnit: optionalLabel,
      currentCap: optionalLabel,
      baseline: localizedSchema,
      multiplier: localizedSchema,
    }),
    /** How the consultant usually finds the figures (spec sheet, monitoring, stress test). */
    guidance: localizedSchema,
    recommendation: z.object({
      increase: template,
      sufficient: template.optional(),
      beyond: template.optional(),
    }),
  })
  .superRefine((formula, ctx) => {
    const { scaling, labels } = formula;
    if (scaling.kind === 'scaleOut' && (!labels.units || !labels.capacityPerUnit)) {
      ctx.addIssue({
        code: 'custom',
        path: ['labels'],
        message: 'a scale-out formula labels units and capacityPerUnit',
      });
    }
    if (scaling.kind === 'scaleUp' && !labels.currentCap) {
      ctx.addIssue({ code: 'custom', path: ['labels', 'currentCap'], message: 'a scale-up formula labels currentCap' });
    }
    if (formula.peakDriver === 'bandwidth' && !['Mbps', 'Gbps'].includes(formula.unit.en)) {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: 'a bandwidth-driven formula is in Mbps or Gbps' });
    }
    for (const [name, text] of Object.entries(formula.recommendation)) {
      for (const language of ['en', 'zh-CN'] as const) {
        const value = text?.[language] ?? '';
        const unknown = unknownPlaceholders(value);
        if (unknown.length > 0) {
          ctx.addIssue({
            code: 'custom',
            path: ['recommendation', name, language],
            message: `unknown placeholder {${unknown.join('}, {')}}`,
          });
        }
        if (name === 'increase' && !value.includes('{to}')) {
          ctx.addIssue({
            code: 'custom',
            path: ['recommendation', name, language],
            message: 'the increase text must say {to}',
          });
        }
      }
    }
  });
export type CapacityFormula = z.infer<typeof capacityFormulaSchema>;

export const capacityFormulaFileSchema = z
  .object({
    id: z.literal('formulas'),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, { message: 'expected a version like 1.0.0' }),
    formulas: z.array(capacityFormulaSchema).min(1),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    const primaries = new Set<string>();
    for (const [index, formula] of file.formulas.entries()) {
      if (seen.has(formula.id)) {
        ctx.addIssue({ code: 'custom', path: ['formulas', index, 'id'], message: `duplicate id "${formula.id}"` });
      }
      seen.add(formula.id);
      if (formula.primary && primaries.has(formula.resourceType)) {
        ctx.addIssue({
          code: 'custom',
          path: ['formulas', index, 'primary'],
          message: `a second primary formula for ${formula.resourceType}`,
        });
      }
      if (formula.primary) primaries.add(formula.resourceType);
    }
  });
export type CapacityFormulaFile = z.infer<typeof capacityFormulaFileSchema>;

/** The formula "Add from resources in scope" uses for a resource type, if there is one. */
export function primaryFormula(
  formulas: readonly CapacityFormula[],
  resourceType: string,
): CapacityFormula | undefined {
  return formulas.find((f) => f.resourceType === resourceType && f.primary);
}

// ---------------------------------------------------------------------------------------------
// Items (what the consultant enters)

const positive = z
  .number({ message: 'validation.capacityPositive' })
  .positive({ message: 'validation.capacityPositive' })
  .max(1e12, { message: 'validation.capacityPositive' })
  .nullable();

/** The consultant's figures; null means not known yet (or: use the formula's default). */
export const capacityInputsSchema = z.object({
  /** Scale out: how many instances, nodes or shards there are now. */
  units: z
    .number({ message: 'validation.count' })
    .int({ message: 'validation.count' })
    .min(1, { message: 'validation.count' })
    .max(1_000_000, { message: 'validation.count' })
    .nullable(),
  /** Scale out: what one unit sustains, in the formula's unit (e.g. QPS one instance sustains). */
  capacityPerUnit: positive,
  /** Scale up: the current cap in the formula's unit (bandwidth cap, spec connection limit). */
  currentCap: positive,
  /** Today's load in the formula's unit, or a utilisation percentage (the formula says which). */
  baseline: z
    .number({ message: 'validation.number' })
    .min(0, { message: 'validation.number' })
    .max(1e12, { message: 'validation.number' })
    .nullable(),
  /** Null: the formula's default multiplier. */
  multiplier: positive,
  /** Null: the formula's default margin. */
  marginPct: z
    .number({ message: 'validation.capacityMargin' })
    .min(0, { message: 'validation.capacityMargin' })
    .max(95, { message: 'validation.capacityMargin' })
    .nullable(),
  /** A predicted peak stated directly (e.g. from a stress test), instead of forecast × multiplier. */
  peakOverride: z
    .number({ message: 'validation.number' })
    .min(0, { message: 'validation.number' })
    .max(1e12, { message: 'validation.number' })
    .nullable(),
});
export type CapacityInputs = z.infer<typeof capacityInputsSchema>;

export const EMPTY_CAPACITY_INPUTS: CapacityInputs = {
  units: null,
  capacityPerUnit: null,
  currentCap: null,
  baseline: null,
  multiplier: null,
  marginPct: null,
  peakOverride: null,
};

export const capacityItemInputSchema = z.object({
  id: z.string().uuid({ message: 'validation.id' }).optional(),
  formulaId: z.string({ message: 'validation.capacityFormula' }).min(1, { message: 'validation.capacityFormula' }),
  name: z
    .string({ message: 'validation.capacityName' })
    .trim()
    .min(1, { message: 'validation.capacityName' })
    .max(200, { message: 'validation.tooLong' }),
  scopeResourceId: z.string().uuid({ message: 'validation.id' }).nullable(),
  inputs: capacityInputsSchema,
  notes: z.string().trim().max(4000, { message: 'validation.tooLong' }),
});
export type CapacityItemInput = z.infer<typeof capacityItemInputSchema>;

/** A baseline entered as utilisation is a percentage: at most 100. */
export function baselineProblem(formula: CapacityFormula, inputs: CapacityInputs): string | null {
  return formula.baselineInput === 'utilisation' && inputs.baseline !== null && inputs.baseline > 100
    ? 'validation.capacityUtilisation'
    : null;
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** What an evaluation can lack: an input of the item, or a figure of the engagement's peak forecast. */
export const CAPACITY_MISSING = [
  /** The item's formula is not among the shipped ones (withdrawn by a later release). */
  'formula',
  'units',
  'capacityPerUnit',
  'currentCap',
  'baseline',
  'peak.qps',
  'peak.tps',
  'peak.concurrentUsers',
  'peak.bandwidth',
] as const;
export type CapacityMissing = (typeof CAPACITY_MISSING)[number];

export const RECOMMENDATION_KINDS = ['scaleOut', 'scaleUp', 'beyondSteps', 'none'] as const;

const bilingual = z.object({ en: z.string(), 'zh-CN': z.string() });

export const capacityEvaluationSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('incomplete'), missing: z.array(z.enum(CAPACITY_MISSING)).min(1) }),
  z.object({
    status: z.literal('evaluated'),
    currentCapacity: z.number(),
    /** Today's load in the unit; null when neither entered nor needed. */
    baselineLoad: z.number().nullable(),
    baselineUtilisationPct: z.number().nullable(),
    multiplier: z.number(),
    marginPct: z.number(),
    peakSource: z.enum(['forecast', 'baseline', 'override']),
    /** The forecast figure (in the formula's unit) the peak came from, when it came from one. */
    forecastFigure: z.number().nullable(),
    predictedPeak: z.number(),
    /** P / C × 100: how busy the resource is at the predicted peak. */
    peakUtilisationPct: z.number(),
    requiredCapacity: z.number(),
    /** (C − P) / C × 100. */
    headroomPct: z.number(),
    belowMargin: z.boolean(),
    recommendation: z.object({
      kind: z.enum(RECOMMENDATION_KINDS),
      fromUnits: z.number().nullable(),
      toUnits: z.number().nullable(),
      fromCap: z.number().nullable(),
      toCap: z.number().nullable(),
      text: bilingual,
    }),
  }),
]);
export type CapacityEvaluation = z.infer<typeof capacityEvaluationSchema>;
export type CapacityEvaluated = Extract<CapacityEvaluation, { status: 'evaluated' }>;

/** Rounding noise (14400.000000000002 / 1500) must not buy an extra instance. */
const EPSILON = 1e-9;
const ceilTo = (value: number, step: number) => Math.ceil(value / step - EPSILON) * step;

/** The forecast figure in the formula's unit, or null when the forecast does not give it. */
function forecastFigure(formula: CapacityFormula, peak: PeakForecast): number | null {
  switch (formula.peakDriver) {
    case 'none':
      return null;
    case 'bandwidth': {
      if (peak.bandwidth === null) return null;
      const mbps = peak.bandwidthUnit === 'Gbps' ? peak.bandwidth * 1000 : peak.bandwidth;
      return formula.unit.en === 'Gbps' ? mbps / 1000 : mbps;
    }
    default:
      return peak[formula.peakDriver];
  }
}

/**
 * Evaluates one item against its formula and the engagement's peak forecast. Missing figures give
 * `incomplete` naming each one (never NaN); a capacity of 0 cannot be entered (inputs are > 0).
 */
export function evaluateCapacity(
  item: { inputs: CapacityInputs },
  formula: CapacityFormula,
  peak: PeakForecast,
): CapacityEvaluation {
  const { inputs } = item;
  const missing: CapacityMissing[] = [];
  const scaleOut = formula.scaling.kind === 'scaleOut';
  if (scaleOut) {
    if (inputs.units === null) missing.push('units');
    if (inputs.capacityPerUnit === null) missing.push('capacityPerUnit');
  } else if (inputs.currentCap === null) {
    missing.push('currentCap');
  }
  const figure = forecastFigure(formula, peak);
  if (inputs.peakOverride === null) {
    if (formula.peakDriver === 'none') {
      if (inputs.baseline === null) missing.push('baseline');
    } else if (figure === null) {
      missing.push(`peak.${formula.peakDriver}`);
    }
  }
  if (missing.length > 0) return { status: 'incomplete', missing };

  const capacity = scaleOut ? (inputs.units ?? 0) * (inputs.capacityPerUnit ?? 0) : (inputs.currentCap ?? 0);
  const baselineLoad =
    inputs.baseline === null
      ? null
      : formula.baselineInput === 'utilisation'
        ? (inputs.baseline / 100) * capacity
        : inputs.baseline;
  const multiplier = inputs.multiplier ?? formula.defaultMultiplier;
  const marginPct = inputs.marginPct ?? formula.defaultMarginPct;
  const peakSource =
    inputs.peakOverride !== null ? 'override' : formula.peakDriver === 'none' ? 'baseline' : 'forecast';
  const predictedPeak =
    peakSource === 'override'
      ? (inputs.peakOverride ?? 0)
      : peakSource === 'baseline'
        ? (baselineLoad ?? 0) * multiplier
        : (figure ?? 0) * multiplier;
  const margin = marginPct / 100;
  const requiredCapacity = predictedPeak / (1 - margin);
  const headroom = (capacity - predictedPeak) / capacity;
  return {
    status: 'evaluated',
    currentCapacity: capacity,
    baselineLoad,
    baselineUtilisationPct: baselineLoad === null ? null : (baselineLoad / capacity) * 100,
    multiplier,
    marginPct,
    peakSource,
    forecastFigure: peakSource === 'forecast' ? figure : null,
    predictedPeak,
    peakUtilisationPct: (predictedPeak / capacity) * 100,
    requiredCapacity,
    headroomPct: headroom * 100,
    // Compared on the fractions with a tolerance, so a headroom of exactly the margin passes.
    belowMargin: headroom < margin - EPSILON,
    recommendation: recommend(formula, inputs, capacity, requiredCapacity),
  };
}

const DEFAULT_SUFFICIENT = {
  scaleOut: {
    en: 'No scaling needed: {from} {unitName} meet the peak with the margin ({needed} needed).',
    'zh-CN': '无需扩容：{from} {unitName}在保留安全余量的情况下可承载峰值（需要 {needed}）。',
  },
  scaleUp: {
    en: 'No change needed: the current {from} meets the peak with the margin (needs {needed}).',
    'zh-CN': '无需调整：当前 {from} 在保留安全余量的情况下可承载峰值（需要 {needed}）。',
  },
} as const;
const DEFAULT_BEYOND = {
  en: 'The peak needs {needed}, above the largest option ({to}): spread the load over more instances or ask the provider for a higher limit.',
  'zh-CN': '峰值需要 {needed}，超过最大可选规格（{to}）：请将负载分摊到更多实例，或向云厂商申请更高配额。',
} as const;

/**
 * Whether a text is one the formula's recommendation templates produce (whatever the figures), so
 * a re-evaluation can refresh the numbers of its own text and leave a consultant's rewrite alone.
 */
export function isFormulaRecommendation(formula: CapacityFormula, text: string): boolean {
  const defaults = formula.scaling.kind === 'scaleOut' ? DEFAULT_SUFFICIENT.scaleOut : DEFAULT_SUFFICIENT.scaleUp;
  const templates = [
    formula.recommendation.increase,
    formula.recommendation.sufficient ?? defaults,
    formula.recommendation.beyond ?? DEFAULT_BEYOND,
  ];
  const literal = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return templates.some((template) =>
    (['en', 'zh-CN'] as const).some((lang) => {
      // Each placeholder matches only what it is filled with: a figure with the formula's unit, or the unit name.
      const units = [formula.unit[lang], 'Gbps'].map(literal).join('|');
      const quantity = `[\\d,]+(?:\\.\\d+)?(?: (?:${units}))?`;
      const unitName = formula.scaling.kind === 'scaleOut' ? literal(formula.scaling.unitName[lang]) : '';
      const pattern = template[lang]
        .split(/(\{\w+\})/)
        .map((part) => (part === '{unitName}' ? unitName : /^\{\w+\}$/.test(part) ? quantity : literal(part)))
        .join('');
      return new RegExp(`^${pattern}$`).test(text);
    }),
  );
}

function fill(text: string, values: Record<(typeof PLACEHOLDERS)[number], string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? values[name as keyof typeof values] : whole,
  );
}

function recommend(
  formula: CapacityFormula,
  inputs: CapacityInputs,
  capacity: number,
  required: number,
): CapacityEvaluated['recommendation'] {
  const texts = (template: Localized, values: (lang: DeliverableLanguage) => Record<string, string>) => ({
    en: fill(template.en, { from: '', to: '', needed: '', unitName: '', ...values('en') }),
    'zh-CN': fill(template['zh-CN'], { from: '', to: '', needed: '', unitName: '', ...values('zh-CN') }),
  });
  const quantity = (value: number, lang: DeliverableLanguage) => formatQuantity(value, formula.unit, lang);
  const { scaling } = formula;
  if (scaling.kind === 'scaleOut') {
    const from = inputs.units ?? 0;
    const perUnit = inputs.capacityPerUnit ?? 1;
    const to = Math.max(1, Math.ceil(required / perUnit - EPSILON));
    const values = (lang: DeliverableLanguage) => ({
      from: formatNumber(from),
      to: formatNumber(to),
      needed: formatNumber(to),
      unitName: scaling.unitName[lang],
    });
    if (to <= from) {
      return {
        kind: 'none',
        fromUnits: from,
        toUnits: from,
        fromCap: null,
        toCap: null,
        text: texts(formula.recommendation.sufficient ?? DEFAULT_SUFFICIENT.scaleOut, values),
      };
    }
    return {
      kind: 'scaleOut',
      fromUnits: from,
      toUnits: to,
      fromCap: null,
      toCap: null,
      text: texts(formula.recommendation.increase, values),
    };
  }
  if (required <= capacity * (1 + EPSILON)) {
    return {
      kind: 'none',
      fromUnits: null,
      toUnits: null,
      fromCap: capacity,
      toCap: capacity,
      text: texts(formula.recommendation.sufficient ?? DEFAULT_SUFFICIENT.scaleUp, (lang) => ({
        from: quantity(capacity, lang),
        needed: quantity(required, lang),
      })),
    };
  }
  if (scaling.steps) {
    const step = scaling.steps.find((cap) => cap >= required * (1 - EPSILON));
    if (step === undefined) {
      const largest = scaling.steps[scaling.steps.length - 1] ?? capacity;
      return {
        kind: 'beyondSteps',
        fromUnits: null,
        toUnits: null,
        fromCap: capacity,
        toCap: null,
        text: texts(formula.recommendation.beyond ?? DEFAULT_BEYOND, (lang) => ({
          from: quantity(capacity, lang),
          to: quantity(largest, lang),
          needed: quantity(required, lang),
        })),
      };
    }
    return scaleUpTo(step);
  }
  return scaleUpTo(ceilTo(required, scaling.increment ?? 1));

  function scaleUpTo(cap: number): CapacityEvaluated['recommendation'] {
    return {
      kind: 'scaleUp',
      fromUnits: null,
      toUnits: null,
      fromCap: capacity,
      toCap: cap,
      text: texts(formula.recommendation.increase, (lang) => ({
        from: quantity(capacity, lang),
        to: quantity(cap, lang),
        needed: quantity(required, lang),
      })),
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Formatting (the same in the app, in findings and in the deliverables)

/** Grouped digits; one decimal below 100 when there is one, whole numbers above. */
export function formatNumber(value: number): string {
  const digits = Math.abs(value) < 100 && !Number.isInteger(value) ? 1 : 0;
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

/**
 * A factor such as a growth multiplier: up to three decimals, trailing zeros dropped (1.15, 1.25,
 * 2), because one decimal turns ×1.15 into ×1.2 and the figure no longer matches the inputs.
 */
export function formatFactor(value: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 3, minimumFractionDigits: 0 }).format(value);
}

/** A figure with its unit; Mbps from 1,000 up reads as Gbps, as bandwidth tiers are sold. */
export function formatQuantity(value: number, unit: Localized, lang: DeliverableLanguage): string {
  if (unit.en === 'Mbps' && value >= 1000) return `${formatNumber(value / 1000)} Gbps`;
  return `${formatNumber(value)} ${unit[lang]}`;
}

/**
 * A percentage as the deliverables write it ("12 %" in English, "12%" in Chinese). Headroom is
 * rounded down, so a headroom shown as 30 % is never one that failed a 30 % margin.
 */
export function formatPct(value: number, lang: DeliverableLanguage, round: 'down' | 'nearest' = 'nearest'): string {
  const whole = round === 'down' ? Math.floor(value + EPSILON) : Math.round(value);
  const sign = whole < 0 ? '−' : '';
  return `${sign}${Math.abs(whole)}${lang === 'en' ? ' %' : '%'}`;
}

// ---------------------------------------------------------------------------------------------
// What the service answers

export const capacityItemSchema = z.object({
  id: z.string(),
  engagementId: z.string(),
  formulaId: z.string(),
  name: z.string(),
  scopeResourceId: z.string().nullable(),
  inputs: capacityInputsSchema,
  notes: z.string(),
  sortOrder: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  /** Computed from the inputs, the formula and the engagement's peak forecast as they are now. */
  evaluation: capacityEvaluationSchema,
  /** The finding this item raised (live), whatever its status. */
  finding: z.object({ id: z.string(), title: z.string(), status: z.string(), severity: z.string() }).nullable(),
});
export type CapacityItem = z.infer<typeof capacityItemSchema>;

export const capacityListSchema = z.object({
  engagementId: z.string(),
  /** False for an edition without capacity evaluation (e.g. Basic): the screen says so and stays read-only. */
  inEdition: z.boolean(),
  /** Archived, in the trash or outside the edition: nothing can change. */
  readOnly: z.boolean(),
  /** The engagement's peak forecast the figures were computed with. */
  peak: engagementDetailsSchema.shape.peak,
  /** Resources in scope, to link an item to one and to seed items from them. */
  resources: z.array(
    z.object({ id: z.string(), resourceType: z.string(), spec: z.string(), count: z.number(), region: z.string() }),
  ),
  items: z.array(capacityItemSchema),
});
export type CapacityList = z.infer<typeof capacityListSchema>;
