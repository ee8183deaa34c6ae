/**
 * Stress tests of an engagement: the test plan (annex S of the deliverables), its scenarios with
 * targets, and the verdict of a scenario against an imported run's figures. Pure: the store, the
 * screens and the document builders all judge a scenario with the same function.
 */
import { z } from 'zod';
import type { DeliverableLanguage } from './engagement';
import {
  columnMappingSchema,
  type LabelFigures,
  type LatencyFigures,
  type LoadTestAnalysis,
  loadTestAnalysisSchema,
  loadTestFormatSchema,
} from './load-test';
import { peakSustainedTps } from './load-test-stats';
import { dateInZone } from './plan';

/** Catalog items that sell stress testing (Huawei's performance test, Alibaba's on-demand stress testing). */
export const STRESS_TEST_ITEM_IDS = ['performance-test', 'on-demand-stress-testing'] as const;
/** The largest part of a results file one `stress.uploadChunk` carries: 4 MiB (about 5.6 MB of base64). */
export const STRESS_UPLOAD_CHUNK_MAX_BYTES = 4 * 1024 * 1024;
/** `findings.templateId` of a finding raised by a missed target; `itemId` is the scenario's id. */
export const STRESS_FINDING_TEMPLATE_ID = 'stress-test';

const text = (max: number) => z.string({ message: 'validation.tooLong' }).max(max, { message: 'validation.tooLong' });

/** The test plan: what the report's annex S prints around the figures, all consultant text. */
export const stressPlanSchema = z.object({
  /** S1 Objectives. */
  objectives: text(10_000),
  /** S1 Pass criteria that apply to every scenario unless it says otherwise (e.g. "error rate ≤ 0.1 %"). */
  passCriteria: text(10_000),
  /** S2 Environment (where the load ran, against what). */
  environment: text(10_000),
  /** S2 Tools (JMeter 5.6 on 4 load generators, CPTS, PTS…). */
  tools: text(10_000),
  /** S2 How the test environment differs from production. */
  productionParity: text(10_000),
  /** S3 Data set (accounts, catalogue size, cache warm-up). */
  dataSet: text(10_000),
  /** S5 Bottlenecks found. */
  bottlenecks: text(10_000),
  /** S6 Conclusions and recommended specifications. */
  conclusions: text(10_000),
});
export type StressPlan = z.infer<typeof stressPlanSchema>;
export const STRESS_PLAN_FIELDS = Object.keys(stressPlanSchema.shape) as (keyof StressPlan)[];
export const EMPTY_STRESS_PLAN: StressPlan = {
  objectives: '',
  passCriteria: '',
  environment: '',
  tools: '',
  productionParity: '',
  dataSet: '',
  bottlenecks: '',
  conclusions: '',
};

const positive = (message: string) =>
  z.number({ message }).positive({ message }).max(1e9, { message }).finite({ message }).nullable();
const wholeCount = z
  .number({ message: 'validation.count' })
  .int({ message: 'validation.count' })
  .min(1, { message: 'validation.count' })
  .max(100_000_000, { message: 'validation.count' })
  .nullable();
const minutes = z
  .number({ message: 'validation.minutes' })
  .min(0, { message: 'validation.minutes' })
  .max(100_000, { message: 'validation.minutes' })
  .nullable();

/** A scenario's targets and load model, as the consultant edits them. */
export const stressScenarioFieldsSchema = z.object({
  name: z
    .string({ message: 'validation.scenarioName' })
    .trim()
    .min(1, { message: 'validation.scenarioName' })
    .max(200, { message: 'validation.tooLong' }),
  /** Transactions (or queries) per second the scenario must sustain. */
  targetTps: positive('validation.positiveNumber'),
  targetP95Ms: positive('validation.positiveNumber'),
  targetP99Ms: positive('validation.positiveNumber'),
  /** Highest error rate allowed, in percent (0 = no error allowed). */
  maxErrorRatePct: z
    .number({ message: 'validation.percent' })
    .min(0, { message: 'validation.percent' })
    .max(100, { message: 'validation.percent' })
    .nullable(),
  /** Concurrent users or threads. */
  concurrency: wholeCount,
  durationMin: minutes,
  rampUpMin: minutes,
  dataSet: text(2000),
  notes: text(4000),
});
export type StressScenarioFields = z.infer<typeof stressScenarioFieldsSchema>;

/** A scenario without a target can neither pass nor miss: at least one is required. */
export const stressScenarioInputSchema = stressScenarioFieldsSchema.superRefine((scenario, ctx) => {
  if (
    scenario.targetTps === null &&
    scenario.targetP95Ms === null &&
    scenario.targetP99Ms === null &&
    scenario.maxErrorRatePct === null
  ) {
    ctx.addIssue({ code: 'custom', path: ['targetTps'], message: 'validation.stressTargetRequired' });
  }
});

export const EMPTY_STRESS_SCENARIO: StressScenarioFields = {
  name: '',
  targetTps: null,
  targetP95Ms: null,
  targetP99Ms: null,
  maxErrorRatePct: null,
  concurrency: null,
  durationMin: null,
  rampUpMin: null,
  dataSet: '',
  notes: '',
};

export const stressScenarioSchema = stressScenarioFieldsSchema.extend({
  id: z.string(),
  sortOrder: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type StressScenario = z.infer<typeof stressScenarioSchema>;

/** Stands for a "__proto__" key while zod checks a record: zod assigns each key, which loses that one. */
const PROTO_KEY = '\u0000__proto__';

function escapeProtoKey(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || !Object.hasOwn(input, '__proto__')) return input;
  return Object.fromEntries(
    Object.entries(input).map(([key, value]) => [key === '__proto__' ? PROTO_KEY : key, value]),
  );
}

function restoreProtoKey<V>(record: Record<string, V>): Record<string, V> {
  if (!Object.hasOwn(record, PROTO_KEY)) return record;
  // fromEntries defines "__proto__" as an own key, where an assignment would set the prototype.
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key === PROTO_KEY ? '__proto__' : key, value]),
  );
}

/**
 * A record keyed by load-test labels, which are free text from the results file. zod's own record
 * drops a key named "__proto__", so a label of that name would lose its scenario without a word;
 * this one checks keys and values the same way and keeps it.
 */
export function labelRecord<V extends z.ZodType>(key: z.ZodString, value: V) {
  const record = z.record(key, value);
  return z
    .preprocess<unknown, typeof record, z.input<typeof record>>(escapeProtoKey, record)
    .transform(restoreProtoKey);
}

/** Which scenario each imported label counts for: label -> scenario id (absent: counts for none). */
export const labelScenariosSchema = labelRecord(z.string(), z.string());
export type LabelScenarios = z.infer<typeof labelScenariosSchema>;

// ---------------------------------------------------------------------------------------------
// Label mapping

const normalise = (name: string) => name.normalize('NFKC').trim().toLocaleLowerCase().replace(/\s+/g, ' ');
const words = (normalised: string) => normalised.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
/** A partial match must be at least this long, so "a", "1" or "db" name no scenario by themselves. */
const MIN_PARTIAL_MATCH = 3;

/** Whether `inner`'s words appear together, in order, among `outer`'s. */
function containsWords(outer: readonly string[], inner: readonly string[]): boolean {
  if (inner.length === 0 || inner.length > outer.length) return false;
  for (let at = 0; at + inner.length <= outer.length; at += 1) {
    if (inner.every((word, k) => outer[at + k] === word)) return true;
  }
  return false;
}

/**
 * Suggests a scenario for each label: the scenario with the same name (case and spacing aside),
 * else one whose name's words appear whole in the label's, or the label's in the name's, the
 * shorter side being at least MIN_PARTIAL_MATCH characters — the longest such name, so
 * "Checkout payment" beats "Checkout" for "Checkout payment - submit". Substrings do not count:
 * "api" does not match "Rapid checkout". Labels that match nothing are left out (they count for no
 * scenario until the consultant maps them).
 */
export function autoMatchLabels(
  labels: readonly string[],
  scenarios: readonly { id: string; name: string }[],
): LabelScenarios {
  const named = scenarios
    .map((s) => {
      const name = normalise(s.name);
      return { id: s.id, name, words: words(name) };
    })
    .filter((s) => s.name !== '')
    .sort((a, b) => b.name.length - a.name.length || a.id.localeCompare(b.id));
  const entries: [string, string][] = [];
  for (const label of labels) {
    const key = normalise(label);
    if (key === '') continue;
    const keyWords = words(key);
    const match =
      named.find((s) => s.name === key) ??
      named.find((s) =>
        s.name.length <= key.length
          ? s.name.length >= MIN_PARTIAL_MATCH && containsWords(keyWords, s.words)
          : key.length >= MIN_PARTIAL_MATCH && containsWords(s.words, keyWords),
      );
    if (match) entries.push([label, match.id]);
  }
  // fromEntries defines own properties: a label named "__proto__" is a label like any other.
  return Object.fromEntries(entries);
}

/** The mapping kept when a run is re-matched: the consultant's choices, then suggestions for labels still unmapped. */
export function completeLabelMapping(
  current: LabelScenarios,
  labels: readonly string[],
  scenarios: readonly { id: string; name: string }[],
): LabelScenarios {
  const live = new Set(scenarios.map((s) => s.id));
  const present = new Set(labels);
  const kept = Object.entries(current).filter(([label, id]) => live.has(id) && present.has(label));
  const keptLabels = new Set(kept.map(([label]) => label));
  const unmapped = labels.filter((label) => !keptLabels.has(label));
  return Object.fromEntries([...Object.entries(autoMatchLabels(unmapped, scenarios)), ...kept]);
}

/** The scenario a label counts for, if any (own properties only: "constructor" is a label too). */
export function scenarioOfLabel(labelScenarios: LabelScenarios, label: string): string | undefined {
  return Object.hasOwn(labelScenarios, label) ? labelScenarios[label] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Verdicts

export const STRESS_CRITERIA = ['throughput', 'p95', 'p99', 'errorRate'] as const;
export type StressCriterion = (typeof STRESS_CRITERIA)[number];
export const STRESS_VERDICT_STATUSES = ['passed', 'missed', 'noData'] as const;
export type StressVerdictStatus = (typeof STRESS_VERDICT_STATUSES)[number];
/**
 * The error rate a scenario without its own limit is held to, in percent: without one, a run whose
 * requests all fail fast would pass its latency targets.
 */
export const DEFAULT_MAX_ERROR_RATE_PCT = 1;

export const stressCheckSchema = z.object({
  criterion: z.enum(STRESS_CRITERIA),
  /** TPS for throughput, ms for latencies, percent for the error rate. */
  target: z.number(),
  achieved: z.number(),
  met: z.boolean(),
  /**
   * The achieved figure is a bound, not exact (several, not all, labels combined): for throughput a
   * LOWER bound (met only when even it reaches the target), for a percentile an UPPER bound (the
   * worst label's; met only when even it is within the target). Either way a pass is certain and a
   * miss may not be. See `boundSign`.
   */
  bound: z.boolean(),
  /** The target is DEFAULT_MAX_ERROR_RATE_PCT because the scenario sets none. */
  assumed: z.boolean().optional(),
  /**
   * Throughput only: the run covers fewer whole seconds than the sustain window, so it cannot show
   * a rate held that long; the check is not met whatever the figure.
   */
  shortRun: z.object({ runSeconds: z.number(), sustainSeconds: z.number() }).optional(),
});
export type StressCheck = z.infer<typeof stressCheckSchema>;

/** "≥" before a throughput bound, "≤" before a percentile bound, nothing for an exact figure. */
export function boundSign(check: Pick<StressCheck, 'criterion' | 'bound'>): '' | '≥' | '≤' {
  if (!check.bound) return '';
  return check.criterion === 'throughput' ? '≥' : '≤';
}

export const stressVerdictSchema = z.object({
  status: z.enum(STRESS_VERDICT_STATUSES),
  checks: z.array(stressCheckSchema),
  /** Labels whose figures were combined. */
  labels: z.array(z.string()),
  samples: z.number().int(),
});
export type StressVerdict = z.infer<typeof stressVerdictSchema>;

type ScenarioTargets = Pick<StressScenarioFields, 'targetTps' | 'targetP95Ms' | 'targetP99Ms' | 'maxErrorRatePct'>;

/** What the run says beyond the labels' figures; every part optional (older analyses lack some). */
export type VerdictContext = {
  /** The run's own figures, when the scenario takes every label: exact for every criterion. */
  overall?: LatencyFigures;
  /** Successful samples of the mapped labels added up per bucket (see okCountsSchema). */
  okCounts?: { bucketSeconds: number; counts: readonly number[] };
  sustainSeconds?: number;
  /** Whole seconds the run covers; fewer than sustainSeconds cannot demonstrate a throughput. */
  runSeconds?: number;
};

type Figure = { value: number; exact: boolean };

/**
 * Peak sustained TPS of successful samples. An analysis stored before that was kept has only the
 * peak over every sample; every error may have fallen in its window, so the figure less the errors
 * spread over the window is a lower bound (exact when nothing failed).
 */
function okPeakOf(f: LatencyFigures, context: VerdictContext): Figure {
  if (f.okPeakSustainedTps !== undefined) return { value: f.okPeakSustainedTps, exact: true };
  const window = Math.max(1, Math.min(context.sustainSeconds ?? 1, context.runSeconds ?? 1));
  return { value: Math.max(0, f.peakSustainedTps - f.errors / window), exact: f.errors === 0 };
}

/** Combined peak sustained TPS from bucket counts: a lower bound, exact for one-second buckets. */
function peakOfCounts(okCounts: NonNullable<VerdictContext['okCounts']>, sustainSeconds: number): Figure {
  const { bucketSeconds, counts } = okCounts;
  // Buckets divide the window or are a multiple of it: whole windows of buckets are real windows.
  const window = Math.max(1, Math.floor(sustainSeconds / bucketSeconds));
  return { value: peakSustainedTps(counts, window) / bucketSeconds, exact: bucketSeconds === 1 };
}

/**
 * Judges a scenario against the figures of the labels mapped to it.
 *
 * - Throughput is peak sustained TPS of SUCCESSFUL samples (the highest mean over `sustainSeconds`
 *   whole seconds): a target is a rate the system must hold, and a request that failed fast is not
 *   throughput. A run shorter than the window cannot show such a rate: the check is not met
 *   (`shortRun`). One label, or all of them (`overall`), give it exactly. Several labels' peaks may
 *   fall in different seconds, so their sum would be an upper bound and is never used: the figure
 *   is their combined per-second counts (`okCounts`; exact in one-second buckets, else a lower
 *   bound) or, without those, the largest single label's peak — a lower bound, marked `bound`.
 * - Percentiles are over every sample (the 'jmeter' method's windowed figures are for the tables).
 *   They cannot be combined: the combined percentile lies between the labels' own, so the worst
 *   label's is an upper bound, marked `bound` ("every label of the scenario meets the target").
 * - Errors add up, so the error rate is exact. A scenario without a limit is held to
 *   DEFAULT_MAX_ERROR_RATE_PCT (`assumed`).
 */
export function scenarioVerdict(
  scenario: ScenarioTargets,
  labelFigures: readonly LabelFigures[],
  context: VerdictContext = {},
): StressVerdict {
  const labels = labelFigures.map((l) => l.label);
  const samples = labelFigures.reduce((sum, l) => sum + l.samples, 0);
  if (labelFigures.length === 0 || samples === 0) return { status: 'noData', checks: [], labels, samples };
  const { overall } = context;
  const single = labelFigures.length === 1 ? labelFigures[0] : undefined;
  const exactFigures = overall ?? single;
  const checks: StressCheck[] = [];
  if (scenario.targetTps !== null) {
    let figure: Figure;
    if (exactFigures) figure = okPeakOf(exactFigures, context);
    else {
      const largest = Math.max(...labelFigures.map((l) => okPeakOf(l, context).value));
      const combined =
        context.okCounts && context.sustainSeconds ? peakOfCounts(context.okCounts, context.sustainSeconds) : undefined;
      figure =
        combined && combined.value >= largest
          ? combined
          : { value: Math.max(largest, combined?.value ?? 0), exact: false };
    }
    const { runSeconds, sustainSeconds } = context;
    const short = runSeconds !== undefined && sustainSeconds !== undefined && runSeconds < sustainSeconds;
    checks.push({
      criterion: 'throughput',
      target: scenario.targetTps,
      achieved: figure.value,
      met: !short && figure.value >= scenario.targetTps,
      bound: !figure.exact,
      ...(short ? { shortRun: { runSeconds, sustainSeconds } } : {}),
    });
  }
  const percentile = (criterion: 'p95' | 'p99', target: number | null) => {
    if (target === null) return;
    const pick = (f: LatencyFigures) => (criterion === 'p95' ? (f.p95AllMs ?? f.p95Ms) : (f.p99AllMs ?? f.p99Ms));
    const achieved = exactFigures ? pick(exactFigures) : Math.max(...labelFigures.map(pick));
    checks.push({ criterion, target, achieved, met: achieved <= target, bound: !exactFigures });
  };
  percentile('p95', scenario.targetP95Ms);
  percentile('p99', scenario.targetP99Ms);
  const errors = overall ? overall.errors : labelFigures.reduce((total, l) => total + l.errors, 0);
  const counted = overall ? overall.samples : samples;
  const achieved = counted > 0 ? (errors / counted) * 100 : 0;
  const limit = scenario.maxErrorRatePct ?? DEFAULT_MAX_ERROR_RATE_PCT;
  checks.push({
    criterion: 'errorRate',
    target: limit,
    achieved,
    met: achieved <= limit,
    bound: false,
    ...(scenario.maxErrorRatePct === null ? { assumed: true } : {}),
  });
  return { status: checks.every((c) => c.met) ? 'passed' : 'missed', checks, labels, samples };
}

/** The verdict of one scenario on one run: its mapped labels' figures, or the overall ones when it maps all. */
export function runScenarioVerdict(
  scenario: ScenarioTargets & { id: string },
  analysis: Pick<LoadTestAnalysis, 'labels' | 'overall'> &
    Partial<Pick<LoadTestAnalysis, 'sustainSeconds' | 'runSeconds' | 'okCounts' | 'series'>>,
  labelScenarios: LabelScenarios,
): StressVerdict {
  const mapped = analysis.labels.filter((l) => scenarioOfLabel(labelScenarios, l.label) === scenario.id);
  const all = mapped.length > 0 && mapped.length === analysis.labels.length;
  const sustainSeconds = analysis.sustainSeconds;
  // An analysis stored before runSeconds was kept: its series has ⌈seconds / bucketSeconds⌉
  // buckets, so the run covers at least this many seconds (exactly, in one-second buckets).
  const buckets = analysis.series?.throughput.length ?? 0;
  const runSeconds =
    analysis.runSeconds ??
    (analysis.series && buckets > 0 ? (buckets - 1) * analysis.series.bucketSeconds + 1 : undefined);
  let okCounts: VerdictContext['okCounts'];
  const names = new Set(mapped.map((l) => l.label));
  const kept = analysis.okCounts?.labels.filter((l) => names.has(l.label)) ?? [];
  if (analysis.okCounts && !all && kept.length === mapped.length) {
    const counts = new Array<number>(Math.max(0, ...kept.map((l) => l.counts.length))).fill(0);
    for (const l of kept) {
      l.counts.forEach((c, i) => {
        counts[i] = (counts[i] ?? 0) + c;
      });
    }
    okCounts = { bucketSeconds: analysis.okCounts.bucketSeconds, counts };
  }
  return scenarioVerdict(scenario, mapped, {
    ...(all ? { overall: analysis.overall } : {}),
    ...(okCounts ? { okCounts } : {}),
    ...(sustainSeconds !== undefined ? { sustainSeconds } : {}),
    ...(runSeconds !== undefined ? { runSeconds } : {}),
  });
}

/** Whether any label of the run counts for the scenario. */
export function runCountsFor(scenarioId: string, labelScenarios: LabelScenarios): boolean {
  return Object.values(labelScenarios).includes(scenarioId);
}

/**
 * How far a missed check is from its target: critical when throughput is under half the target,
 * a latency over twice it, or errors over twice the allowed rate (any error when none is allowed
 * counts as high, not critical); high otherwise.
 */
export function missedSeverity(checks: readonly StressCheck[]): 'critical' | 'high' {
  const critical = checks.some((c) => {
    if (c.met) return false;
    if (c.criterion === 'throughput') return c.achieved < c.target * 0.5;
    if (c.criterion === 'errorRate') return c.target > 0 && c.achieved > c.target * 2;
    return c.achieved > c.target * 2;
  });
  return critical ? 'critical' : 'high';
}

// ---------------------------------------------------------------------------------------------
// The finding a missed target raises, in the engagement's language

const LOCALES: Record<DeliverableLanguage, string> = { en: 'en-US', 'zh-CN': 'zh-CN' };

function formatNumber(value: number, language: DeliverableLanguage, digits: number): string {
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: digits }).format(value);
}

/** Digits the finding prints per criterion: TPS to 0.1, milliseconds whole, percentages to 0.01. */
const DIGITS: Record<StressCriterion, number> = { throughput: 1, p95: 0, p99: 0, errorRate: 2 };

/**
 * The achieved figure rounded against the consultant, so a miss never reads as a tie: throughput
 * down, latency and error rate up (p95 500.4 ms prints 501 against a 500 target, 0.004 % prints
 * 0.01 % against 0 %). The nudge absorbs binary noise (0.1 + 0.2) so exact figures stay put.
 */
export function achievedRounded(check: Pick<StressCheck, 'criterion' | 'achieved'>): number {
  const scale = 10 ** DIGITS[check.criterion];
  const scaled = check.achieved * scale;
  const nudge = 1e-9 * Math.max(1, Math.abs(scaled));
  return (check.criterion === 'throughput' ? Math.floor(scaled + nudge) : Math.ceil(scaled - nudge)) / scale;
}

/** "1,850 TPS sustained vs 2,400 target" — one check in words, for titles and tables. */
export function describeCheck(check: StressCheck, language: DeliverableLanguage): string {
  const digits = DIGITS[check.criterion];
  const achieved = formatNumber(achievedRounded(check), language, digits);
  const target = formatNumber(check.target, language, digits === 0 ? 0 : Math.max(digits, 2));
  const sign = boundSign(check);
  const seconds = (value: number) => formatNumber(value, language, 0);
  if (language === 'zh-CN') {
    const bounded = sign ? `${sign}${achieved}` : achieved;
    switch (check.criterion) {
      case 'throughput':
        if (check.shortRun)
          return `吞吐量未能证明：压测仅覆盖 ${seconds(check.shortRun.runSeconds)} 秒，短于 ${seconds(check.shortRun.sustainSeconds)} 秒的持续窗口（期间 ${bounded} TPS，目标 ${target} TPS）`;
        return `持续峰值 ${bounded} TPS，目标 ${target} TPS`;
      case 'p95':
        return `P95 ${bounded} 毫秒，目标 ${target} 毫秒`;
      case 'p99':
        return `P99 ${bounded} 毫秒，目标 ${target} 毫秒`;
      case 'errorRate':
        return `错误率 ${achieved}%，上限 ${target}%${check.assumed ? '（未设上限，按默认值）' : ''}`;
    }
  }
  switch (check.criterion) {
    case 'throughput': {
      const held = `${sign ? 'at least ' : ''}${achieved} TPS`;
      if (check.shortRun)
        return `throughput not demonstrated: the run covers ${seconds(check.shortRun.runSeconds)} s, less than the ${seconds(check.shortRun.sustainSeconds)}-s sustain window (${held} over it vs ${target} target)`;
      return `${held} sustained vs ${target} target`;
    }
    case 'p95':
      return `p95 ${sign ? `${sign} ` : ''}${achieved} ms vs ${target} ms`;
    case 'p99':
      return `p99 ${sign ? `${sign} ` : ''}${achieved} ms vs ${target} ms`;
    case 'errorRate':
      return `error rate ${achieved} % vs ${target} % allowed${check.assumed ? ' (default: no limit set)' : ''}`;
  }
}

export type MissedTargetFinding = {
  severity: 'critical' | 'high';
  title: string;
  description: string;
  recommendation: string;
};

const TITLE_PREFIX: Record<DeliverableLanguage, string> = { en: 'Stress target missed: ', 'zh-CN': '压测目标未达成：' };
/** How the app's own descriptions begin, in every wording it has written (older ones included). */
const DESCRIPTION_PREFIXES = ['Scenario "', '场景“', '场景"'];
const RECOMMENDATION: Record<DeliverableLanguage, string> = {
  en: 'Find the bottleneck (application thread pools, database connections and slow queries, cache hit rate, bandwidth and load-balancer limits), scale out or optimise, and re-run the same scenario until the peak sustained TPS and p95/p99 meet the targets. If that cannot happen before the event, have the customer accept the risk in writing and prepare rate-limiting and degradation plans.',
  'zh-CN':
    '定位瓶颈（应用线程池、数据库连接与慢 SQL、缓存命中率、带宽与负载均衡上限），扩容或优化后按同一场景重新压测，直至持续峰值 TPS 和 P95/P99 满足目标；若活动前无法达成，请客户书面确认接受风险并准备限流与降级预案。',
};

/**
 * Which fields of a stress finding still hold the app's own text (so a re-run may refresh them)
 * rather than the consultant's rewrite (kept as written).
 */
export function stressFindingOwnText(finding: { title: string; description: string; recommendation: string }): {
  title: boolean;
  description: boolean;
  recommendation: boolean;
} {
  return {
    title: Object.values(TITLE_PREFIX).some((prefix) => finding.title.startsWith(prefix)),
    description: DESCRIPTION_PREFIXES.some((prefix) => finding.description.startsWith(prefix)),
    recommendation: Object.values(RECOMMENDATION).includes(finding.recommendation),
  };
}

/** The text of the finding a missed scenario raises (or updates); the run's date is in the event's zone. */
export function missedTargetFinding(
  scenarioName: string,
  verdict: StressVerdict,
  run: { name: string; startedAt: string },
  language: DeliverableLanguage,
  timeZone: string,
): MissedTargetFinding {
  const missed = verdict.checks.filter((c) => !c.met);
  const listed = missed.map((c) => describeCheck(c, language));
  const samples = formatNumber(verdict.samples, language, 0);
  const day = dateInZone(run.startedAt, timeZone);
  if (language === 'zh-CN') {
    const all = verdict.checks.map((c) => `- ${describeCheck(c, language)}${c.met ? '' : '（未达标）'}`);
    return {
      severity: missedSeverity(verdict.checks),
      title: `${TITLE_PREFIX['zh-CN']}${scenarioName}——${listed.join('；')}`.slice(0, 200),
      description: [
        `场景“${scenarioName}”在压测“${run.name}”（${day}，${samples} 个样本，标签：${verdict.labels.join('、')}）中未达到目标：`,
        ...all,
        '吞吐量按成功样本的持续峰值 TPS 比较；百分位按全部样本计算，多个标签合并时取最差标签的值（上限）。',
      ].join('\n'),
      recommendation: RECOMMENDATION['zh-CN'],
    };
  }
  const all = verdict.checks.map((c) => `- ${describeCheck(c, language)}${c.met ? '' : ' (missed)'}`);
  return {
    severity: missedSeverity(verdict.checks),
    title: `${TITLE_PREFIX.en}${scenarioName} — ${listed.join('; ')}`.slice(0, 200),
    description: [
      `Scenario "${scenarioName}" missed its targets in run "${run.name}" (${day}, ${samples} samples, labels: ${verdict.labels.join(', ')}):`,
      ...all,
      "Throughput is compared as peak sustained TPS of successful samples; percentiles are over every sample, and over several labels the worst label's (an upper bound).",
    ].join('\n'),
    recommendation: RECOMMENDATION.en,
  };
}

// ---------------------------------------------------------------------------------------------
// Runs and the screen's view

export const stressRunSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  fileName: z.string(),
  fileBytes: z.number().int(),
  fileSha256: z.string(),
  format: loadTestFormatSchema,
  /** When the run itself happened (first sample), ISO-8601 UTC. */
  startedAt: z.string(),
  durationSeconds: z.number(),
  rows: z.number().int(),
  labelCount: z.number().int(),
  labelScenarios: labelScenariosSchema,
  notes: z.string(),
  createdAt: z.string(),
  updatedBy: z.string(),
});
export type StressRunSummary = z.infer<typeof stressRunSummarySchema>;

export const stressRunSchema = stressRunSummarySchema.extend({
  mapping: columnMappingSchema.nullable(),
  analysis: loadTestAnalysisSchema,
});
export type StressRun = z.infer<typeof stressRunSchema>;

/** A scenario's standing: the run that counts for it (see `countingRun`), its verdict, the finding it raised. */
export const stressScenarioResultSchema = z.object({
  scenarioId: z.string(),
  runId: z.string().nullable(),
  verdict: stressVerdictSchema,
  findingId: z.string().nullable(),
});
export type StressScenarioResult = z.infer<typeof stressScenarioResultSchema>;

export const stressViewSchema = z.object({
  engagementId: z.string(),
  /** False when the edition (or the consultant's pick) leaves stress testing out. */
  inScope: z.boolean(),
  plan: stressPlanSchema,
  scenarios: z.array(stressScenarioSchema),
  /** Newest run first. */
  runs: z.array(stressRunSummarySchema),
  results: z.array(stressScenarioResultSchema),
});
export type StressView = z.infer<typeof stressViewSchema>;

/**
 * The run that counts for a scenario: the latest (by when it ran, then by import) that has at
 * least one label mapped to the scenario. An older run stays on record but no longer judges it.
 */
export function countingRun<R extends Pick<StressRunSummary, 'startedAt' | 'createdAt' | 'labelScenarios'>>(
  scenarioId: string,
  runs: readonly R[],
): R | undefined {
  return runs
    .filter((run) => runCountsFor(scenarioId, run.labelScenarios))
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.createdAt.localeCompare(a.createdAt))[0];
}
