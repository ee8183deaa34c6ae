/**
 * Optimization plans of an engagement: monitoring and alerting, traffic protection, database and
 * resource-bottleneck optimization, process optimization, disaster recovery, emergency plans and
 * the drills that rehearse them. Every entry is a recommendation with an owner, a due date and a
 * status; the per-kind fields are a discriminated union on `kind`. Shipped templates of common
 * entries (resources/optimization/<kind>.json) carry both languages and are validated here.
 *
 * The pure functions at the end give each deliverable section what it prints (annex M, traffic
 * protection, DR, emergency playbook, ranked recommendations), so builders never read the store.
 */
import { z } from 'zod';
import { isIsoDate } from './calendar';

export const OPTIMIZATION_KINDS = [
  'monitoring',
  'trafficProtection',
  'database',
  'bottleneck',
  'process',
  'disasterRecovery',
  'emergency',
  'drill',
] as const;
export type OptimizationKind = (typeof OPTIMIZATION_KINDS)[number];

/**
 * proposed → agreed (the customer accepted it) → inProgress → done; declined is the customer's
 * decision not to do it, which needs the reason in the notes (the documents name it as a risk).
 */
export const OPTIMIZATION_STATUSES = ['proposed', 'agreed', 'inProgress', 'done', 'declined'] as const;
export type OptimizationStatus = (typeof OPTIMIZATION_STATUSES)[number];
/** Statuses still waiting for work: these can be overdue. */
export const OPEN_OPTIMIZATION_STATUSES: readonly OptimizationStatus[] = ['proposed', 'agreed', 'inProgress'];

export const OPTIMIZATION_PRIORITIES = ['high', 'medium', 'low'] as const;
export type OptimizationPriority = (typeof OPTIMIZATION_PRIORITIES)[number];

export const MONITORING_LAYERS = ['business', 'application', 'resource'] as const;
export const PROTECTION_MECHANISMS = [
  'rateLimit',
  'degradation',
  'circuitBreaking',
  'queueing',
  'antiDdos',
  'waf',
  'bandwidth',
] as const;
export const DATABASE_AREAS = ['slowQuery', 'connections', 'spec', 'readWriteSplit', 'index', 'other'] as const;
export const PROCESS_AREAS = ['changeFreeze', 'releaseWindow', 'escalation', 'onCall', 'other'] as const;
export const DRILL_RESULTS = ['passed', 'partial', 'failed', 'notRun'] as const;
export type DrillResult = (typeof DRILL_RESULTS)[number];

// ---------------------------------------------------------------------------------------------
// Fields

/** Optional text: empty when left out. */
const optionalText = (max: number) =>
  z.string({ message: 'validation.tooLong' }).trim().max(max, { message: 'validation.tooLong' }).default('');
/** Text the entry is not usable without; the key names what to enter. */
const requiredText = (max: number, key: string) =>
  z.string({ message: key }).trim().min(1, { message: key }).max(max, { message: 'validation.tooLong' });
const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { message: 'validation.optimizationChoice' });

const SHORT = 300;
const LONG = 4000;

/** An IPv4 or IPv6 address as the Anti-DDoS console lists it (no port, no mask). */
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-f:]+$/i;
export function isIpAddress(value: string): boolean {
  return IPV4.test(value) || (value.includes(':') && IPV6.test(value) && value.length <= 39);
}

export const monitoringFieldsSchema = z.object({
  layer: choice(MONITORING_LAYERS),
  metric: requiredText(SHORT, 'validation.monitoringMetric'),
  threshold: requiredText(SHORT, 'validation.monitoringThreshold'),
  /** How long the condition must hold, e.g. "3 consecutive minutes". */
  window: optionalText(SHORT),
  channel: requiredText(SHORT, 'validation.monitoringChannel'),
  escalation: optionalText(LONG),
  dashboard: optionalText(SHORT),
});

export const trafficProtectionFieldsSchema = z.object({
  mechanism: choice(PROTECTION_MECHANISMS),
  target: requiredText(SHORT, 'validation.protectionTarget'),
  setting: requiredText(LONG, 'validation.protectionSetting'),
  trigger: optionalText(LONG),
  /** Anti-DDoS instance IPs, which the Alibaba Work Plan and Service Design must list ([AL] §7.2). */
  addresses: z
    .array(z.string().trim().refine(isIpAddress, { message: 'validation.ipAddress' }))
    .max(100, { message: 'validation.tooMany' })
    .default([]),
});

export const databaseFieldsSchema = z.object({
  area: choice(DATABASE_AREAS),
  instance: optionalText(SHORT),
  current: optionalText(LONG),
  proposal: requiredText(LONG, 'validation.optimizationProposal'),
});

export const bottleneckFieldsSchema = z.object({
  resource: requiredText(SHORT, 'validation.bottleneckResource'),
  symptom: optionalText(LONG),
  proposal: requiredText(LONG, 'validation.optimizationProposal'),
});

export const processFieldsSchema = z.object({
  area: choice(PROCESS_AREAS),
  /** When it applies, e.g. "from 72 h before the event until 24 h after it". */
  period: optionalText(SHORT),
  proposal: requiredText(LONG, 'validation.optimizationProposal'),
});

export const disasterRecoveryFieldsSchema = z.object({
  design: requiredText(LONG, 'validation.drDesign'),
  rto: optionalText(SHORT),
  rpo: optionalText(SHORT),
  switchover: optionalText(LONG),
});

export const emergencyFieldsSchema = z.object({
  scenario: requiredText(SHORT, 'validation.emergencyScenario'),
  trigger: requiredText(LONG, 'validation.emergencyTrigger'),
  action: requiredText(LONG, 'validation.emergencyAction'),
  rollback: optionalText(LONG),
});

export const drillFieldsSchema = z.object({
  /** The emergency plan of this engagement the drill rehearses, if it rehearses one. */
  emergencyId: z.string().uuid({ message: 'validation.id' }).nullable().default(null),
  scenario: requiredText(SHORT, 'validation.drillScenario'),
  /** The day it was (or is to be) held. */
  date: z
    .string({ message: 'validation.date' })
    .refine(isIsoDate, { message: 'validation.date' })
    .nullable()
    .default(null),
  result: choice(DRILL_RESULTS).default('notRun'),
  findings: optionalText(LONG),
});

export const OPTIMIZATION_FIELD_SCHEMAS = {
  monitoring: monitoringFieldsSchema,
  trafficProtection: trafficProtectionFieldsSchema,
  database: databaseFieldsSchema,
  bottleneck: bottleneckFieldsSchema,
  process: processFieldsSchema,
  disasterRecovery: disasterRecoveryFieldsSchema,
  emergency: emergencyFieldsSchema,
  drill: drillFieldsSchema,
} as const satisfies Record<OptimizationKind, z.ZodObject>;

export type OptimizationFields<K extends OptimizationKind = OptimizationKind> = z.output<
  (typeof OPTIMIZATION_FIELD_SCHEMAS)[K]
>;

/** Fields whose value is one of a fixed list: the same in both languages of a template. */
export const CHOICE_FIELDS = {
  monitoring: { layer: MONITORING_LAYERS },
  trafficProtection: { mechanism: PROTECTION_MECHANISMS },
  database: { area: DATABASE_AREAS },
  bottleneck: {},
  process: { area: PROCESS_AREAS },
  disasterRecovery: {},
  emergency: {},
  drill: { result: DRILL_RESULTS },
} as const satisfies Record<OptimizationKind, Record<string, readonly string[]>>;

/** The fields each kind shows as table columns, on screen and in the documents, in order. */
export const OPTIMIZATION_COLUMNS = {
  monitoring: ['layer', 'metric', 'threshold', 'channel'],
  trafficProtection: ['mechanism', 'target', 'setting'],
  database: ['area', 'current', 'proposal'],
  bottleneck: ['resource', 'symptom', 'proposal'],
  process: ['area', 'proposal'],
  disasterRecovery: ['design', 'rto', 'rpo'],
  emergency: ['trigger', 'action', 'rollback'],
  drill: ['scenario', 'date', 'result'],
} as const satisfies { [K in OptimizationKind]: readonly (keyof OptimizationFields<K>)[] };

// ---------------------------------------------------------------------------------------------
// An entry

const commonFields = {
  title: requiredText(200, 'validation.optimizationTitle'),
  owner: optionalText(120),
  dueDate: z.string({ message: 'validation.date' }).refine(isIsoDate, { message: 'validation.date' }).nullable(),
  status: z.enum(OPTIMIZATION_STATUSES, { message: 'validation.status' }),
  priority: z.enum(OPTIMIZATION_PRIORITIES, { message: 'validation.optimizationChoice' }).default('medium'),
  notes: optionalText(LONG),
};

const variant = <K extends OptimizationKind>(kind: K) =>
  z.object({ kind: z.literal(kind), ...commonFields, fields: OPTIMIZATION_FIELD_SCHEMAS[kind] });

const VARIANTS = {
  monitoring: variant('monitoring'),
  trafficProtection: variant('trafficProtection'),
  database: variant('database'),
  bottleneck: variant('bottleneck'),
  process: variant('process'),
  disasterRecovery: variant('disasterRecovery'),
  emergency: variant('emergency'),
  drill: variant('drill'),
};

/** A declined recommendation is a decision: the notes must say why. */
export function declineReasonMissing(status: OptimizationStatus, notes: string | undefined): boolean {
  return status === 'declined' && (notes ?? '').trim() === '';
}

/** An entry as the consultant edits it (and as a template fills it in). */
export const optimizationInputSchema = z
  .discriminatedUnion(
    'kind',
    [
      VARIANTS.monitoring,
      VARIANTS.trafficProtection,
      VARIANTS.database,
      VARIANTS.bottleneck,
      VARIANTS.process,
      VARIANTS.disasterRecovery,
      VARIANTS.emergency,
      VARIANTS.drill,
    ],
    { message: 'validation.optimizationKind' },
  )
  .superRefine((entry, ctx) => {
    if (declineReasonMissing(entry.status, entry.notes)) {
      ctx.addIssue({ code: 'custom', path: ['notes'], message: 'validation.declineReason' });
    }
  });
export type OptimizationInput = z.output<typeof optimizationInputSchema>;
export type OptimizationInputOf<K extends OptimizationKind> = Extract<OptimizationInput, { kind: K }>;

const stored = {
  id: z.string(),
  engagementId: z.string(),
  /** The shipped template it was added from, if any. */
  templateId: z.string().nullable(),
  sortOrder: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  /**
   * A recommendation's R-nnn as the service numbers it: over every entry ever created in the
   * engagement, removed ones included, so removing one never renumbers the rest between documents.
   */
  ref: z
    .string()
    .regex(/^R-\d{3,}$/)
    .optional(),
};

export const optimizationItemSchema = z.discriminatedUnion('kind', [
  VARIANTS.monitoring.extend(stored),
  VARIANTS.trafficProtection.extend(stored),
  VARIANTS.database.extend(stored),
  VARIANTS.bottleneck.extend(stored),
  VARIANTS.process.extend(stored),
  VARIANTS.disasterRecovery.extend(stored),
  VARIANTS.emergency.extend(stored),
  VARIANTS.drill.extend(stored),
]);
export type OptimizationItem = z.output<typeof optimizationItemSchema>;
export type OptimizationItemOf<K extends OptimizationKind> = Extract<OptimizationItem, { kind: K }>;

const BLANK = { title: '', owner: '', dueDate: null, status: 'proposed', priority: 'medium', notes: '' } as const;

const EMPTY: { [K in OptimizationKind]: () => OptimizationInputOf<K> } = {
  monitoring: () => ({
    kind: 'monitoring',
    ...BLANK,
    fields: { layer: 'business', metric: '', threshold: '', window: '', channel: '', escalation: '', dashboard: '' },
  }),
  trafficProtection: () => ({
    kind: 'trafficProtection',
    ...BLANK,
    fields: { mechanism: 'rateLimit', target: '', setting: '', trigger: '', addresses: [] },
  }),
  database: () => ({
    kind: 'database',
    ...BLANK,
    fields: { area: 'slowQuery', instance: '', current: '', proposal: '' },
  }),
  bottleneck: () => ({ kind: 'bottleneck', ...BLANK, fields: { resource: '', symptom: '', proposal: '' } }),
  process: () => ({ kind: 'process', ...BLANK, fields: { area: 'changeFreeze', period: '', proposal: '' } }),
  disasterRecovery: () => ({
    kind: 'disasterRecovery',
    ...BLANK,
    fields: { design: '', rto: '', rpo: '', switchover: '' },
  }),
  emergency: () => ({ kind: 'emergency', ...BLANK, fields: { scenario: '', trigger: '', action: '', rollback: '' } }),
  drill: () => ({
    kind: 'drill',
    ...BLANK,
    fields: { emergencyId: null, scenario: '', date: null, result: 'notRun', findings: '' },
  }),
};

/** A blank entry of a kind, for the add form: choices preset, text empty. */
export function emptyOptimization<K extends OptimizationKind>(kind: K): OptimizationInputOf<K> {
  return EMPTY[kind]();
}

// ---------------------------------------------------------------------------------------------
// Templates

const TEMPLATE_LANGUAGES = ['en', 'zh-CN'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

/** One language of a template entry as written in the file: kind, owner, due and status are not templated. */
const templateTextSchema = z.object({
  title: z.string(),
  priority: z.enum(OPTIMIZATION_PRIORITIES).optional(),
  notes: z.string().optional(),
  fields: z.record(z.string(), z.unknown()),
});
type TemplateText = z.infer<typeof templateTextSchema>;

/** The entry a template text makes: proposed, unassigned, no due date. */
function templateDraft(kind: OptimizationKind, text: TemplateText) {
  return optimizationInputSchema.safeParse({
    kind,
    title: text.title,
    owner: '',
    dueDate: null,
    status: 'proposed',
    priority: text.priority ?? 'medium',
    notes: text.notes ?? '',
    fields: text.fields,
  });
}

const templateIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'a lower-case id of letters, digits and -' });

/**
 * resources/optimization/<kind>.json: the common entries of one kind, each in English and
 * Simplified Chinese. Both languages must make a valid entry and agree on every choice field.
 */
export const optimizationTemplateFileSchema = z
  .object({
    id: z.enum(OPTIMIZATION_KINDS),
    version: z.string().regex(/^\d+\.\d+$/, { message: 'a version like 1.0' }),
    entries: z.array(z.object({ id: templateIdSchema, en: templateTextSchema, 'zh-CN': templateTextSchema })).min(1),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    for (const [index, entry] of file.entries.entries()) {
      if (seen.has(entry.id))
        ctx.addIssue({ code: 'custom', path: ['entries', index, 'id'], message: 'a duplicate id' });
      seen.add(entry.id);
      for (const language of TEMPLATE_LANGUAGES) {
        const draft = templateDraft(file.id, entry[language]);
        if (!draft.success) {
          for (const issue of draft.error.issues) {
            ctx.addIssue({ code: 'custom', path: ['entries', index, language, ...issue.path], message: issue.message });
          }
        }
      }
      const choices: Record<string, readonly string[]> = CHOICE_FIELDS[file.id];
      for (const field of Object.keys(choices)) {
        if (entry.en.fields[field] !== entry['zh-CN'].fields[field]) {
          ctx.addIssue({
            code: 'custom',
            path: ['entries', index, 'zh-CN', 'fields', field],
            message: `must be the same as in English (${String(entry.en.fields[field])})`,
          });
        }
      }
      if (entry.en.priority !== entry['zh-CN'].priority) {
        ctx.addIssue({
          code: 'custom',
          path: ['entries', index, 'zh-CN', 'priority'],
          message: 'must be the same as in English',
        });
      }
    }
  });
export type OptimizationTemplateFile = z.infer<typeof optimizationTemplateFileSchema>;

/** A shipped template entry, ready to copy in either language. */
export const optimizationTemplateSchema = z.object({
  id: z.string(),
  kind: z.enum(OPTIMIZATION_KINDS),
  en: optimizationInputSchema,
  'zh-CN': optimizationInputSchema,
});
export type OptimizationTemplate = z.output<typeof optimizationTemplateSchema>;

/** The entries of a validated template file as complete drafts in both languages. */
export function templatesOfFile(file: OptimizationTemplateFile): OptimizationTemplate[] {
  return file.entries.map((entry) => {
    const draft = (language: TemplateLanguage) => {
      const parsed = templateDraft(file.id, entry[language]);
      // The file schema ran the same parse; a failure here means it was not used to load the file.
      if (!parsed.success) throw new Error(`template ${entry.id} (${language}) is invalid`);
      return parsed.data;
    };
    return { id: entry.id, kind: file.id, en: draft('en'), 'zh-CN': draft('zh-CN') };
  });
}

/** Text a template picker searches: title and every text field, in the language shown. */
export function templateSearchText(template: OptimizationTemplate, language: TemplateLanguage): string {
  const draft = template[language];
  const values = Object.values(draft.fields).flatMap((v) => (Array.isArray(v) ? v : [v]));
  return [draft.title, draft.notes, ...values.filter((v): v is string => typeof v === 'string')]
    .join('\n')
    .toLocaleLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Rules the screen and the documents share

/** A value for every kind, spelled out so the type needs no cast. */
export function perKind<V>(value: (kind: OptimizationKind) => V): Record<OptimizationKind, V> {
  return {
    monitoring: value('monitoring'),
    trafficProtection: value('trafficProtection'),
    database: value('database'),
    bottleneck: value('bottleneck'),
    process: value('process'),
    disasterRecovery: value('disasterRecovery'),
    emergency: value('emergency'),
    drill: value('drill'),
  };
}

const KIND_RANK = perKind((kind) => OPTIMIZATION_KINDS.indexOf(kind));
const PRIORITY_RANK: Record<OptimizationPriority, number> = { high: 0, medium: 1, low: 2 };

type Ordered = Pick<OptimizationItem, 'kind' | 'sortOrder' | 'createdAt' | 'id'>;

/** The consultant's order: kind, then the order set in the list, then creation. */
export function compareOptimizationItems(a: Ordered, b: Ordered): number {
  return (
    KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
    a.sortOrder - b.sortOrder ||
    a.createdAt.localeCompare(b.createdAt) ||
    a.id.localeCompare(b.id)
  );
}

/** Every kind with its entries in the consultant's order; kinds without entries are empty lists. */
export function optimizationByKind<T extends OptimizationItem>(
  items: readonly T[],
): { [K in OptimizationKind]: Extract<T, { kind: K }>[] } {
  const sorted = [...items].sort(compareOptimizationItems);
  const pick = <K extends OptimizationKind>(kind: K) =>
    sorted.filter((item): item is Extract<T, { kind: K }> => item.kind === kind);
  return {
    monitoring: pick('monitoring'),
    trafficProtection: pick('trafficProtection'),
    database: pick('database'),
    bottleneck: pick('bottleneck'),
    process: pick('process'),
    disasterRecovery: pick('disasterRecovery'),
    emergency: pick('emergency'),
    drill: pick('drill'),
  };
}

export function isOpenStatus(status: OptimizationStatus): boolean {
  return OPEN_OPTIMIZATION_STATUSES.includes(status);
}

/** Past its due date (an ISO date, `today` in the event's zone) and not done or declined. */
export function overdue(item: Pick<OptimizationItem, 'dueDate' | 'status'>, today: string): boolean {
  return item.dueDate !== null && item.dueDate < today && isOpenStatus(item.status);
}

/** Open entries nobody owns or nobody has dated: the preflight names them. */
export function unassigned(item: Pick<OptimizationItem, 'owner' | 'dueDate' | 'status'>): boolean {
  return isOpenStatus(item.status) && (item.owner.trim() === '' || item.dueDate === null);
}

/** The kinds that are recommendations (R-nnn); emergency plans and drills are plans, not changes. */
export const RECOMMENDATION_KINDS = [
  'monitoring',
  'trafficProtection',
  'database',
  'bottleneck',
  'process',
  'disasterRecovery',
] as const satisfies readonly OptimizationKind[];
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];
export function isRecommendation(item: Pick<OptimizationItem, 'kind'>): boolean {
  const kinds: readonly OptimizationKind[] = RECOMMENDATION_KINDS;
  return kinds.includes(item.kind);
}

/** The R-nnn of the nth recommendation. */
export function recommendationRef(n: number): string {
  return `R-${String(n).padStart(3, '0')}`;
}

/**
 * Each recommendation's R-nnn. The service gives every listed entry its `ref`, numbered over all
 * the engagement's entries including removed ones, so an ID never shifts between documents; an
 * entry without one (a fixture) is numbered after the highest given, by creation time then id.
 */
export function recommendationRefs(items: readonly OptimizationItem[]): Map<string, string> {
  const ordered = items
    .filter(isRecommendation)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const refs = new Map<string, string>();
  let highest = 0;
  for (const item of ordered) {
    if (item.ref === undefined) continue;
    refs.set(item.id, item.ref);
    highest = Math.max(highest, Number(item.ref.slice(2)));
  }
  for (const item of ordered) {
    if (item.ref !== undefined) continue;
    highest += 1;
    refs.set(item.id, recommendationRef(highest));
  }
  return refs;
}

const STATUS_RANK: Record<OptimizationStatus, number> = { inProgress: 0, agreed: 0, proposed: 0, done: 1, declined: 2 };

/**
 * Recommendations ranked for "Analysis and optimization suggestions" / "Recommendations and
 * rectification plan": open ones first (overdue, then by priority, then the nearest due date),
 * then done, then declined (the customer's accepted risks).
 */
export function rankedRecommendations(
  items: readonly OptimizationItem[],
  today: string,
): Extract<OptimizationItem, { kind: RecommendationKind }>[] {
  const due = (item: OptimizationItem) => item.dueDate ?? '9999-12-31';
  return items
    .filter((item): item is Extract<OptimizationItem, { kind: RecommendationKind }> => isRecommendation(item))
    .sort(
      (a, b) =>
        STATUS_RANK[a.status] - STATUS_RANK[b.status] ||
        Number(overdue(b, today)) - Number(overdue(a, today)) ||
        PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
        due(a).localeCompare(due(b)) ||
        compareOptimizationItems(a, b),
    );
}

/** How many entries there are per status, for a summary line. */
export function statusCounts(items: readonly Pick<OptimizationItem, 'status'>[]): Record<OptimizationStatus, number> {
  const counts: Record<OptimizationStatus, number> = { proposed: 0, agreed: 0, inProgress: 0, done: 0, declined: 0 };
  for (const item of items) counts[item.status] += 1;
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Edition scope

/**
 * The catalog service items each kind belongs to (Alibaba Hypercare ids). A kind whose items the
 * catalog does not define at all (Huawei, whose solution carries recommendations and emergency
 * plans in every edition) is in scope; one whose items the catalog defines is in scope only when
 * the edition includes one of them — the same rule the documents' "not in the edition" line uses.
 */
export const KIND_CATALOG_ITEMS: Record<OptimizationKind, readonly string[]> = {
  monitoring: ['monitoring-optimization'],
  trafficProtection: ['traffic-protection-planning'],
  database: ['database-optimization'],
  bottleneck: ['resource-bottleneck-optimization'],
  process: ['process-optimization'],
  disasterRecovery: [],
  emergency: [],
  drill: [],
};

/** Whether each kind is in the engagement's edition, from the plan's catalog items (`plan.get`). */
export function optimizationScope(
  catalogItems: readonly { id: string; inScope: boolean }[],
): Record<OptimizationKind, boolean> {
  const inScope = (kind: OptimizationKind) => {
    const items = catalogItems.filter((item) => KIND_CATALOG_ITEMS[kind].includes(item.id));
    return items.length === 0 || items.some((item) => item.inScope);
  };
  return perKind(inScope);
}

// ---------------------------------------------------------------------------------------------
// What each document section prints

/**
 * Annex M (Optimization Plan for the Monitoring System): M2 metrics by layer, M3 alert rules, M4
 * dashboards (each with the metrics on it), M5 notification and escalation, M6 every change with
 * owner, due and status. M1 (gaps) is the monitoring findings plus entries still open.
 */
export function monitoringPlan(items: readonly OptimizationItem[]) {
  const monitoring = optimizationByKind(items).monitoring;
  const byLayer = {
    business: monitoring.filter((m) => m.fields.layer === 'business'),
    application: monitoring.filter((m) => m.fields.layer === 'application'),
    resource: monitoring.filter((m) => m.fields.layer === 'resource'),
  };
  const dashboards = new Map<string, OptimizationItemOf<'monitoring'>[]>();
  for (const item of monitoring) {
    const name = item.fields.dashboard.trim();
    if (name !== '') dashboards.set(name, [...(dashboards.get(name) ?? []), item]);
  }
  return {
    byLayer,
    alertRules: monitoring.map((m) => ({
      id: m.id,
      metric: m.fields.metric,
      threshold: m.fields.threshold,
      window: m.fields.window,
      layer: m.fields.layer,
    })),
    dashboards: [...dashboards].map(([name, entries]) => ({ name, metrics: entries.map((e) => e.fields.metric) })),
    notification: monitoring.map((m) => ({
      id: m.id,
      metric: m.fields.metric,
      channel: m.fields.channel,
      escalation: m.fields.escalation,
      owner: m.owner,
    })),
    changes: monitoring,
    open: monitoring.filter((m) => isOpenStatus(m.status)),
  };
}

/** A2 §6: traffic protection grouped by mechanism, and the Anti-DDoS instance IPs ([AL] §7.2). */
export function trafficProtectionPlan(items: readonly OptimizationItem[]) {
  const entries = optimizationByKind(items).trafficProtection;
  const on = (mechanism: (typeof PROTECTION_MECHANISMS)[number]) =>
    entries.filter((e) => e.fields.mechanism === mechanism);
  const byMechanism = {
    rateLimit: on('rateLimit'),
    degradation: on('degradation'),
    circuitBreaking: on('circuitBreaking'),
    queueing: on('queueing'),
    antiDdos: on('antiDdos'),
    waf: on('waf'),
    bandwidth: on('bandwidth'),
  };
  return { entries, byMechanism, antiDdosAddresses: antiDdosAddresses(items) };
}

/** The Anti-DDoS instance IPs recorded, each once, in entry order; empty means none recorded (not "none"). */
export function antiDdosAddresses(items: readonly OptimizationItem[]): string[] {
  const out = new Set<string>();
  for (const entry of optimizationByKind(items).trafficProtection) {
    if (entry.fields.mechanism === 'antiDdos') for (const address of entry.fields.addresses) out.add(address);
  }
  return [...out];
}

/** A2 §8: database optimization and resource bottlenecks. */
export function databaseAndBottlenecks(items: readonly OptimizationItem[]) {
  const byKind = optimizationByKind(items);
  return { database: byKind.database, bottlenecks: byKind.bottleneck };
}

/** The last drill of a plan: the latest date (undated last), then the latest change. */
function latestDrill(drills: readonly OptimizationItemOf<'drill'>[]): OptimizationItemOf<'drill'> | null {
  const sorted = [...drills].sort(
    (a, b) => (b.fields.date ?? '').localeCompare(a.fields.date ?? '') || b.updatedAt.localeCompare(a.updatedAt),
  );
  return sorted[0] ?? null;
}

/**
 * H1 §12 and A2 §12: each emergency plan as scenario → trigger → action → owner → rollback, with
 * the drills that rehearsed it and the latest result ("not rehearsed" when none).
 */
export function emergencyPlaybook(items: readonly OptimizationItem[]) {
  const byKind = optimizationByKind(items);
  return byKind.emergency.map((plan) => {
    const drills = byKind.drill.filter((d) => d.fields.emergencyId === plan.id);
    return {
      id: plan.id,
      title: plan.title,
      scenario: plan.fields.scenario,
      trigger: plan.fields.trigger,
      action: plan.fields.action,
      owner: plan.owner,
      rollback: plan.fields.rollback,
      status: plan.status,
      drills,
      lastDrill: latestDrill(drills),
    };
  });
}

/** Drills with the title of the plan each rehearsed (null when it names none or the plan was removed). */
export function drillResults(items: readonly OptimizationItem[]) {
  const byKind = optimizationByKind(items);
  const plans = new Map(byKind.emergency.map((p) => [p.id, p.title]));
  return byKind.drill.map((drill) => ({
    drill,
    planTitle: drill.fields.emergencyId ? (plans.get(drill.fields.emergencyId) ?? null) : null,
  }));
}
