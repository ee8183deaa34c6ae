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

/** Which scenario each imported label counts for: label -> scenario id (absent: counts for none). */
export const labelScenariosSchema = z.record(z.string(), z.string());
export type LabelScenarios = z.infer<typeof labelScenariosSchema>;

// ---------------------------------------------------------------------------------------------
// Label mapping

const normalise = (name: string) => name.normalize('NFKC').trim().toLocaleLowerCase().replace(/\s+/g, ' ');

/**
 * Suggests a scenario for each label: the scenario with the same name (case and spacing aside),
 * else the one whose name contains the label or is contained in it — the longest such name, so
 * "Checkout payment" beats "Checkout" for the label "Checkout payment - submit". Labels that match
 * nothing are left out (they count for no scenario until the consultant maps them).
 */
export function autoMatchLabels(
  labels: readonly string[],
  scenarios: readonly { id: string; name: string }[],
): LabelScenarios {
  const named = scenarios
    .map((s) => ({ id: s.id, name: normalise(s.name) }))
    .filter((s) => s.name !== '')
    .sort((a, b) => b.name.length - a.name.length || a.id.localeCompare(b.id));
  const out: LabelScenarios = {};
  for (const label of labels) {
    const key = normalise(label);
    if (key === '') continue;
    const match = named.find((s) => s.name === key) ?? named.find((s) => key.includes(s.name) || s.name.includes(key));
    if (match) out[label] = match.id;
  }
  return out;
}

/** The mapping kept when a run is re-matched: the consultant's choices, then suggestions for labels still unmapped. */
export function completeLabelMapping(
  current: LabelScenarios,
  labels: readonly string[],
  scenarios: readonly { id: string; name: string }[],
): LabelScenarios {
  const live = new Set(scenarios.map((s) => s.id));
  const kept = Object.fromEntries(
    Object.entries(current).filter(([label, id]) => live.has(id) && labels.includes(label)),
  );
  const unmapped = labels.filter((label) => !(label in kept));
  return { ...autoMatchLabels(unmapped, scenarios), ...kept };
}

// ---------------------------------------------------------------------------------------------
// Verdicts

export const STRESS_CRITERIA = ['throughput', 'p95', 'p99', 'errorRate'] as const;
export type StressCriterion = (typeof STRESS_CRITERIA)[number];
export const STRESS_VERDICT_STATUSES = ['passed', 'missed', 'noData'] as const;
export type StressVerdictStatus = (typeof STRESS_VERDICT_STATUSES)[number];

export const stressCheckSchema = z.object({
  criterion: z.enum(STRESS_CRITERIA),
  /** TPS for throughput, ms for latencies, percent for the error rate. */
  target: z.number(),
  achieved: z.number(),
  met: z.boolean(),
  /**
   * The achieved figure is a bound, not exact: several (not all) labels were combined, so the peak
   * sustained TPS is the sum of each label's peak (their peaks may fall in different seconds) and a
   * percentile is the worst label's.
   */
  bound: z.boolean(),
});
export type StressCheck = z.infer<typeof stressCheckSchema>;

export const stressVerdictSchema = z.object({
  status: z.enum(STRESS_VERDICT_STATUSES),
  checks: z.array(stressCheckSchema),
  /** Labels whose figures were combined. */
  labels: z.array(z.string()),
  samples: z.number().int(),
});
export type StressVerdict = z.infer<typeof stressVerdictSchema>;

type ScenarioTargets = Pick<StressScenarioFields, 'targetTps' | 'targetP95Ms' | 'targetP99Ms' | 'maxErrorRatePct'>;

/**
 * Judges a scenario against the figures of the labels mapped to it.
 *
 * How several labels combine:
 * - samples and errors add up, so the error rate is exact (errors / samples over all of them);
 * - throughput is compared as peak sustained TPS (the highest mean over `sustainSeconds` whole
 *   seconds), because a target is a rate the system must hold, not the average over a run that
 *   includes ramp-up. For one label it is that label's figure; for several it is the sum of their
 *   peaks, an upper bound (each label may peak in a different second), so the check says `bound`;
 * - percentiles cannot be averaged or added: the p99 of two labels is not the mean of their p99s.
 *   The combined percentile always lies between the labels' own, so the worst label's is an upper
 *   bound: "every transaction of the scenario meets the latency target", the stricter reading the
 *   stress-test report states per transaction anyway. The check says `bound`.
 * - when the scenario takes every label of the run, pass `overall`: the run's own figures over all
 *   samples are exact for every criterion.
 */
export function scenarioVerdict(
  scenario: ScenarioTargets,
  labelFigures: readonly LabelFigures[],
  overall?: LatencyFigures,
): StressVerdict {
  const labels = labelFigures.map((l) => l.label);
  const samples = labelFigures.reduce((sum, l) => sum + l.samples, 0);
  if (labelFigures.length === 0 || samples === 0) return { status: 'noData', checks: [], labels, samples };
  const exact = overall !== undefined || labelFigures.length === 1;
  const single = labelFigures[0];
  const figure = (pick: (f: LatencyFigures) => number, combine: (values: number[]) => number) =>
    overall ? pick(overall) : single && labelFigures.length === 1 ? pick(single) : combine(labelFigures.map(pick));
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const worst = (values: number[]) => Math.max(...values);
  const errors = overall ? overall.errors : labelFigures.reduce((total, l) => total + l.errors, 0);
  const counted = overall ? overall.samples : samples;
  const checks: StressCheck[] = [];
  if (scenario.targetTps !== null) {
    const achieved = figure((f) => f.peakSustainedTps, sum);
    checks.push({
      criterion: 'throughput',
      target: scenario.targetTps,
      achieved,
      met: achieved >= scenario.targetTps,
      bound: !exact,
    });
  }
  if (scenario.targetP95Ms !== null) {
    const achieved = figure((f) => f.p95Ms, worst);
    checks.push({
      criterion: 'p95',
      target: scenario.targetP95Ms,
      achieved,
      met: achieved <= scenario.targetP95Ms,
      bound: !exact,
    });
  }
  if (scenario.targetP99Ms !== null) {
    const achieved = figure((f) => f.p99Ms, worst);
    checks.push({
      criterion: 'p99',
      target: scenario.targetP99Ms,
      achieved,
      met: achieved <= scenario.targetP99Ms,
      bound: !exact,
    });
  }
  if (scenario.maxErrorRatePct !== null) {
    const achieved = counted > 0 ? (errors / counted) * 100 : 0;
    checks.push({
      criterion: 'errorRate',
      target: scenario.maxErrorRatePct,
      achieved,
      met: achieved <= scenario.maxErrorRatePct,
      bound: false,
    });
  }
  if (checks.length === 0) return { status: 'noData', checks, labels, samples };
  return { status: checks.every((c) => c.met) ? 'passed' : 'missed', checks, labels, samples };
}

/** The verdict of one scenario on one run: its mapped labels' figures, or the overall ones when it maps all. */
export function runScenarioVerdict(
  scenario: ScenarioTargets & { id: string },
  analysis: Pick<LoadTestAnalysis, 'labels' | 'overall'>,
  labelScenarios: LabelScenarios,
): StressVerdict {
  const mapped = analysis.labels.filter((l) => labelScenarios[l.label] === scenario.id);
  const all = mapped.length > 0 && mapped.length === analysis.labels.length;
  return scenarioVerdict(scenario, mapped, all ? analysis.overall : undefined);
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

/** "1,850 TPS sustained vs 2,400 target" — one check in words, for titles and tables. */
export function describeCheck(check: StressCheck, language: DeliverableLanguage): string {
  const n = (value: number, digits = 0) => formatNumber(value, language, digits);
  const approx = check.bound ? (language === 'en' ? '≤ ' : '≤') : '';
  if (language === 'zh-CN') {
    switch (check.criterion) {
      case 'throughput':
        return `持续峰值 ${check.bound ? '≤' : ''}${n(check.achieved, 1)} TPS，目标 ${n(check.target, 1)} TPS`;
      case 'p95':
        return `P95 ${approx}${n(check.achieved)} 毫秒，目标 ${n(check.target)} 毫秒`;
      case 'p99':
        return `P99 ${approx}${n(check.achieved)} 毫秒，目标 ${n(check.target)} 毫秒`;
      case 'errorRate':
        return `错误率 ${n(check.achieved, 2)}%，上限 ${n(check.target, 2)}%`;
    }
  }
  switch (check.criterion) {
    case 'throughput':
      return `${check.bound ? 'at most ' : ''}${n(check.achieved, 1)} TPS sustained vs ${n(check.target, 1)} target`;
    case 'p95':
      return `p95 ${approx}${n(check.achieved)} ms vs ${n(check.target)} ms`;
    case 'p99':
      return `p99 ${approx}${n(check.achieved)} ms vs ${n(check.target)} ms`;
    case 'errorRate':
      return `error rate ${n(check.achieved, 2)} % vs ${n(check.target, 2)} % allowed`;
  }
}

export type MissedTargetFinding = {
  severity: 'critical' | 'high';
  title: string;
  description: string;
  recommendation: string;
};

/** The text of the finding a missed scenario raises (or updates). */
export function missedTargetFinding(
  scenarioName: string,
  verdict: StressVerdict,
  run: { name: string; startedAt: string },
  language: DeliverableLanguage,
): MissedTargetFinding {
  const missed = verdict.checks.filter((c) => !c.met);
  const listed = missed.map((c) => describeCheck(c, language));
  const all = verdict.checks.map(
    (c) => `- ${describeCheck(c, language)}${c.met ? '' : language === 'en' ? ' (missed)' : '（未达标）'}`,
  );
  const samples = formatNumber(verdict.samples, language, 0);
  const day = run.startedAt.slice(0, 10);
  if (language === 'zh-CN') {
    return {
      severity: missedSeverity(verdict.checks),
      title: `压测目标未达成：${scenarioName} — ${listed.join('；')}`.slice(0, 200),
      description: [
        `场景"${scenarioName}"在压测"${run.name}"（${day}，${samples} 个样本，事务：${verdict.labels.join('、')}）中未达到目标：`,
        ...all,
        '吞吐量按持续峰值 TPS 比较；百分位按该场景各事务中最差者计（多个事务合并时为上限）。',
      ].join('\n'),
      recommendation:
        '定位瓶颈（应用线程池、数据库连接与慢 SQL、缓存命中率、带宽与负载均衡上限），扩容或优化后按同一场景重新压测，直至持续峰值 TPS 和 P95/P99 满足目标；若活动前无法达成，请客户书面确认接受风险并准备限流与降级预案。',
    };
  }
  return {
    severity: missedSeverity(verdict.checks),
    title: `Stress target missed: ${scenarioName} — ${listed.join('; ')}`.slice(0, 200),
    description: [
      `Scenario "${scenarioName}" missed its targets in run "${run.name}" (${day}, ${samples} samples, transactions: ${verdict.labels.join(', ')}):`,
      ...all,
      'Throughput is compared as peak sustained TPS; a percentile over several transactions is the worst transaction (an upper bound).',
    ].join('\n'),
    recommendation:
      'Find the bottleneck (application thread pools, database connections and slow queries, cache hit rate, bandwidth and load-balancer limits), scale out or optimise, and re-run the same scenario until the peak sustained TPS and p95/p99 meet the targets. If that cannot happen before the event, have the customer accept the risk in writing and prepare rate-limiting and degradation plans.',
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
