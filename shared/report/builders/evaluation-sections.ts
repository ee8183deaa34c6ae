/**
 * What the capacity evaluation and the stress test put into the deliverables: the capacity table
 * (H1 §8, A1 §4, A2 §5, A3 6.1), the stress-test report's parts S1–S7 (A2 annex S and the
 * standalone report), the compact performance test of H1 §9, and the readiness verdict that needs
 * both. Figures come from the same pure functions the screens use, so a document and the app
 * never disagree about a number.
 */

import { bucketLabels } from '../../charts/load-test-charts';
import { CAPACITY_FINDING_TEMPLATE_ID, formatNumber } from '../../domain/capacity';
import { capacityReportTable } from '../../domain/capacity-report';
import type { LabelFigures, LatencyFigures } from '../../domain/load-test';
import {
  boundSign,
  STRESS_FINDING_TEMPLATE_ID,
  type StressCheck,
  type StressScenarioResult,
} from '../../domain/stress-test';
import { type EvaluationStrings, evaluationText, punctuation } from '../evaluation-text';
import type { StressInput } from '../input';
import { type Block, keyValue, list, table, text } from '../model';
import { fill } from '../text';
import { type Ctx, instantText, missing, openFindings, outsideEdition, part } from './common';
import { scopedOptimization } from './optimization-sections';

export const CAPACITY_ITEMS = ['capacity-evaluation', 'capacity-assessment'] as const;
export const STRESS_ITEMS = ['performance-test', 'on-demand-stress-testing'] as const;

const ev = (ctx: Ctx): EvaluationStrings => evaluationText(ctx.lang);

/** Whether the catalog names any of these items and the edition leaves every one out. */
function allOutside(ctx: Ctx, ids: readonly string[]): boolean {
  const named = ids.filter((id) => ctx.input.plan.catalog.items.some((i) => i.id === id));
  return named.length > 0 && named.every((id) => outsideEdition(ctx, id));
}

export const capacityOutside = (ctx: Ctx) => allOutside(ctx, CAPACITY_ITEMS);
export const stressOutside = (ctx: Ctx) => allOutside(ctx, STRESS_ITEMS);

const refsOf = (ctx: Ctx, ids: readonly (string | null | undefined)[]) =>
  ids.flatMap((id) => (id ? [ctx.refs.get(id)] : [])).filter((r): r is string => r !== undefined);

// ---------------------------------------------------------------------------------------------
// Capacity

/** The plan's peak forecast in words: "12,000 QPS, 3,000 TPS, 2 Gbps"; empty when none is given. */
function peakSummary(ctx: Ctx): string {
  const { peak } = ctx.input.plan.details;
  const p = ev(ctx).capacity.peakParts;
  const parts = [
    peak.qps === null ? null : fill(p.qps, { value: formatNumber(peak.qps) }),
    peak.tps === null ? null : fill(p.tps, { value: formatNumber(peak.tps) }),
    peak.concurrentUsers === null ? null : fill(p.users, { value: formatNumber(peak.concurrentUsers) }),
    peak.bandwidth === null
      ? null
      : fill(p.bandwidth, { value: formatNumber(peak.bandwidth), unit: peak.bandwidthUnit }),
  ].filter((x): x is string => x !== null);
  return parts.join(ctx.lang === 'en' ? ', ' : '，');
}

/**
 * Capacity at the predicted peak, per resource: NS outside the edition, the missing-data statement
 * (ND, or NB when `required`) with nothing recorded, otherwise the basis, the method, the table and
 * which resources fall below their margin with the findings they raised.
 */
export function capacityBlocks(ctx: Ctx, required = false): Block[] {
  if (capacityOutside(ctx)) return [missing(ctx, 'notInEdition')];
  const capacity = ctx.input.capacity;
  if (!capacity || capacity.items.length === 0) return [missing(ctx, required ? 'blocking' : 'noData')];
  const t = ev(ctx).capacity;
  const report = capacityReportTable(
    capacity.items.map((i) => ({ ...i, name: ctx.r(i.name) })),
    capacity.formulas,
    ctx.input.plan.details.peak,
    ctx.lang,
  );
  const peak = peakSummary(ctx);
  const blocks: Block[] = [text(peak === '' ? t.noPeak : fill(t.basis, { peak })), text(t.method, 'note')];
  blocks.push(
    table(
      report.columns.map((c) => [c.title, c.weight]),
      report.rows.map((row) => {
        const ref = refsOf(ctx, [capacity.findingIds[row.itemId]])[0];
        const cells = report.columns.map((c) => row.cells[c.key]);
        // The finding a row raised is named beside its headroom, so a reader can follow it.
        const headroom = report.columns.findIndex((c) => c.key === 'headroom');
        if (ref && headroom >= 0) cells[headroom] = `${cells[headroom]} — ${ref}`;
        return cells;
      }),
      t.caption,
    ),
  );
  const evaluated = report.rows.length - report.incomplete;
  if (evaluated > 0) {
    blocks.push(
      text(
        report.belowMargin === 0
          ? fill(t.summaryNone, { total: evaluated })
          : fill(t.summary, { below: report.belowMargin, total: evaluated }),
      ),
    );
    const refs = refsOf(
      ctx,
      report.rows.filter((r) => r.belowMargin).map((r) => capacity.findingIds[r.itemId]),
    );
    if (refs.length > 0) blocks.push(text(fill(t.belowFinding, { refs: refs.join(punctuation(ctx.lang).list) })));
  }
  if (report.incomplete > 0) blocks.push(text(fill(t.incomplete, { count: report.incomplete }), 'note'));
  return blocks;
}

/** How many evaluated resources are below their margin; null when nothing is evaluated. */
export function capacityBelowMargin(ctx: Ctx): number | null {
  const capacity = ctx.input.capacity;
  if (!capacity || capacity.items.length === 0) return null;
  const report = capacityReportTable(capacity.items, capacity.formulas, ctx.input.plan.details.peak, ctx.lang);
  return report.rows.length === report.incomplete ? null : report.belowMargin;
}

// ---------------------------------------------------------------------------------------------
// Stress test

type Run = StressInput['runs'][number];

const ms = (value: number) => `${formatNumber(Math.round(value))} ms`;
const tps = (value: number) => formatNumber(Math.round(value * 10) / 10);
/** A percentage in the document's style: "2.5 %" in English, "2.5%" in Chinese; two decimals below 1. */
function pct(ctx: Ctx, value: number): string {
  const digits = value < 1 && value > 0 ? value.toFixed(2) : formatNumber(value);
  return `${digits}${punctuation(ctx.lang).percent}`;
}
/*
 * An achieved figure beside its target is rounded against the system under test (latency and
 * errors up, throughput down), so a miss never prints as a tie: p95 500.4 ms reads 501 ms.
 */
const msAgainst = (value: number) => `${formatNumber(Math.ceil(value - 1e-9))} ms`;
const tpsAgainst = (value: number) => formatNumber(Math.floor(value * 10 + 1e-9) / 10);
function pctAgainst(ctx: Ctx, value: number): string {
  const rounded = value === 0 ? 0 : value < 1 ? Math.ceil(value * 100 - 1e-9) / 100 : Math.ceil(value * 10 - 1e-9) / 10;
  const digits = rounded > 0 && rounded < 1 ? rounded.toFixed(2) : formatNumber(rounded);
  return `${digits}${punctuation(ctx.lang).percent}`;
}

function stressInput(ctx: Ctx): StressInput | null {
  const stress = ctx.input.stress;
  if (!stress) return null;
  const planned = Object.values(stress.plan).some((v) => v.trim() !== '');
  return planned || stress.scenarios.length > 0 || stress.runs.length > 0 ? stress : null;
}

/** The scenario verdict table: each criterion's target against what the counting run achieved. */
function verdictBlocks(ctx: Ctx, stress: StressInput): Block[] {
  const t = ev(ctx);
  const c = t.columns;
  const p = punctuation(ctx.lang);
  const byScenario = new Map(stress.results.map((r) => [r.scenarioId, r]));
  const runName = new Map(stress.runs.map((r) => [r.id, r.name]));
  const cell = (result: StressScenarioResult | undefined, criterion: StressCheck['criterion']) => {
    const check = result?.verdict.checks.find((x) => x.criterion === criterion);
    if (!check) return '—';
    if (check.shortRun) return fill(t.stress.notDemonstrated, { target: tps(check.target) });
    const value =
      criterion === 'throughput'
        ? `${tpsAgainst(check.achieved)} / ${tps(check.target)}`
        : criterion === 'errorRate'
          ? `${pctAgainst(ctx, check.achieved)} / ${pct(ctx, check.target)}${check.assumed ? '*' : ''}`
          : `${msAgainst(check.achieved)} / ${ms(check.target)}`;
    const sign = boundSign(check);
    return `${sign === '' ? '' : `${sign} `}${value}`;
  };
  return [
    text(t.stress.cellsRead, 'note'),
    table(
      [
        [c.scenario, 3],
        [c.run, 2],
        [c.achievedTps, 2, 'right'],
        [c.p95, 2, 'right'],
        [c.p99, 2, 'right'],
        [c.errorRate, 2, 'right'],
        [c.result, 3],
      ],
      stress.scenarios.map((s) => {
        const result = byScenario.get(s.id);
        const ref = refsOf(ctx, [result?.findingId])[0];
        const missed = (result?.verdict.checks ?? []).filter((x) => !x.met).map((x) => t.stress.criteria[x.criterion]);
        const verdict = t.stress.verdictStatus[result?.verdict.status ?? 'noData'];
        // A missed scenario names what it missed, so the table reads without symbols or colour.
        const status = missed.length > 0 ? `${verdict}${p.colon}${missed.join(p.list)}` : verdict;
        return [
          ctx.r(s.name),
          result?.runId ? ctx.r(runName.get(result.runId) ?? '') : '—',
          cell(result, 'throughput'),
          cell(result, 'p95'),
          cell(result, 'p99'),
          cell(result, 'errorRate'),
          ref ? `${status}${p.open}${ref}${p.close}` : status,
        ];
      }),
      t.stress.verdicts,
    ),
  ];
}

function figuresRow(ctx: Ctx, label: string, f: LatencyFigures): string[] {
  return [
    label,
    formatNumber(f.samples),
    pct(ctx, f.errorRate * 100),
    ms(f.p50Ms),
    ms(f.p90Ms),
    ms(f.p95Ms),
    ms(f.p99Ms),
    tps(f.throughput),
    tps(f.peakSustainedTps),
  ];
}

/** A run's facts, per-label figures and its two charts, in the event's zone. */
function runBlocks(ctx: Ctx, run: Run, targets: readonly number[]): Block[] {
  const analysis = run.analysis;
  if (!analysis) return [];
  const t = ev(ctx);
  const s = t.stress;
  const c = t.columns;
  const f = s.runFacts;
  const name = ctx.r(run.name);
  const duration =
    analysis.durationSeconds >= 120
      ? fill(s.minutes, { value: formatNumber(Math.round(analysis.durationSeconds / 6) / 10) })
      : fill(s.seconds, { value: formatNumber(Math.round(analysis.durationSeconds)) });
  const labels: LabelFigures[] = analysis.labels;
  const categories = bucketLabels(analysis.series, ctx.input.engagement.timeZone, ctx.lang);
  const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return [
    part(fill(s.run, { name })),
    keyValue([
      [f.file, ctx.r(run.fileName)],
      [f.format, s.formats[run.format]],
      [f.started, instantText(ctx, run.startedAt)],
      [f.duration, duration],
      [f.samples, formatNumber(analysis.overall.samples)],
      [
        f.errors,
        `${formatNumber(analysis.overall.errors)}${punctuation(ctx.lang).open}${pct(ctx, analysis.overall.errorRate * 100)}${punctuation(ctx.lang).close}`,
      ],
      [f.throughput, `${tps(analysis.overall.throughput)} TPS`],
      [f.peak, `${tps(analysis.overall.peakSustainedTps)} TPS`],
    ]),
    ...(analysis.warnings.some((w) => w.code === 'shortRun')
      ? [
          text(
            fill(s.shortRun, {
              seconds: formatNumber(Math.round(analysis.durationSeconds * 10) / 10),
              window: analysis.sustainSeconds,
            }),
            'note',
          ),
        ]
      : []),
    table(
      [
        [c.label, 4],
        [c.samples, 2, 'right'],
        [c.errorRate, 2, 'right'],
        [c.p50, 2, 'right'],
        [c.p90, 2, 'right'],
        [c.p95, 2, 'right'],
        [c.p99, 2, 'right'],
        [c.throughput, 2, 'right'],
        [c.peakTps, 2, 'right'],
      ],
      [
        ...labels.map((l) => figuresRow(ctx, ctx.r(l.label), l)),
        ...(labels.length > 1 ? [figuresRow(ctx, s.overall, analysis.overall)] : []),
      ],
      fill(s.labelsCaption, { name }),
    ),
    {
      kind: 'chart',
      caption: fill(s.throughputChart, { name }),
      chart: {
        title: '',
        categories,
        yAxis: s.requestsPerSecond,
        secondaryAxis: s.errorsPerSecond,
        series: [
          { name: s.requestsPerSecond, values: analysis.series.throughput.map(round1) },
          ...analysis.series.labels
            .slice(0, 5)
            .filter(() => analysis.series.labels.length > 1)
            .map((l) => ({ name: ctx.r(l.label), values: l.throughput.map(round1) })),
          { name: s.errorsPerSecond, values: analysis.series.errors.map(round1), secondary: true },
        ],
        marks: targets.map((value) => ({ name: fill(s.target, { value: formatNumber(value) }), value })),
      },
    },
    {
      kind: 'chart',
      caption: fill(s.latencyChart, { name }),
      chart: {
        title: '',
        categories,
        yAxis: s.milliseconds,
        series: [
          { name: 'p50', values: analysis.series.p50Ms.map(round1) },
          { name: 'p95', values: analysis.series.p95Ms.map(round1) },
          { name: 'p99', values: analysis.series.p99Ms.map(round1) },
        ],
      },
    },
  ];
}

/** Runs that judge a scenario, newest first; the newest run when none does. */
function reportedRuns(stress: StressInput): Run[] {
  const judging = new Set(stress.results.map((r) => r.runId).filter((id): id is string => id !== null));
  const runs = stress.runs.filter((r) => judging.has(r.id) && r.analysis !== null);
  if (runs.length > 0) return runs;
  const newest = stress.runs.find((r) => r.analysis !== null);
  return newest ? [newest] : [];
}

/** Throughput targets of the scenarios a run judges, for the chart's reference lines. */
function runTargets(stress: StressInput, run: Run): number[] {
  const judged = new Set(stress.results.filter((r) => r.runId === run.id).map((r) => r.scenarioId));
  return stress.scenarios
    .filter((s) => judged.has(s.id) && s.targetTps !== null)
    .map((s) => s.targetTps)
    .filter((v): v is number => v !== null)
    .slice(0, 3);
}

function missedRefs(ctx: Ctx, stress: StressInput): string[] {
  return refsOf(
    ctx,
    stress.results.filter((r) => r.verdict.status === 'missed').map((r) => r.findingId),
  );
}

/** S1 Objectives and pass criteria, with each scenario's targets. */
export function stressObjectivesBlocks(ctx: Ctx): Block[] {
  const stress = stressInput(ctx);
  if (!stress) return [missing(ctx, 'blocking')];
  const t = ev(ctx);
  const c = t.columns;
  const blocks: Block[] = [];
  if (stress.plan.objectives.trim() !== '') blocks.push(text(ctx.r(stress.plan.objectives)));
  if (stress.plan.passCriteria.trim() !== '') {
    blocks.push(part(t.stress.passCriteria), text(ctx.r(stress.plan.passCriteria)));
  }
  blocks.push(part(t.stress.scenarioTargets));
  blocks.push(
    stress.scenarios.length === 0
      ? text(t.stress.noScenarios, 'note')
      : table(
          [
            [c.scenario, 4],
            [c.targetTps, 2, 'right'],
            [c.targetP95, 2, 'right'],
            [c.targetP99, 2, 'right'],
            [c.maxErrors, 2, 'right'],
          ],
          stress.scenarios.map((s) => [
            ctx.r(s.name),
            s.targetTps === null ? '—' : tps(s.targetTps),
            s.targetP95Ms === null ? '—' : ms(s.targetP95Ms),
            s.targetP99Ms === null ? '—' : ms(s.targetP99Ms),
            s.maxErrorRatePct === null ? '—' : pct(ctx, s.maxErrorRatePct),
          ]),
        ),
  );
  return blocks;
}

/** S2 Environment, tools and parity with production. */
export function stressEnvironmentBlocks(ctx: Ctx): Block[] {
  const plan = stressInput(ctx)?.plan;
  const s = ev(ctx).stress;
  const rows: [string, string][] = plan
    ? (
        [
          [s.environment, plan.environment],
          [s.tools, plan.tools],
          [s.parity, plan.productionParity],
        ] as const
      )
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => [k, ctx.r(v)])
    : [];
  return rows.length === 0 ? [missing(ctx, 'blocking')] : [keyValue(rows)];
}

/** S3 Scenarios and load model. */
export function stressScenarioBlocks(ctx: Ctx): Block[] {
  const stress = stressInput(ctx);
  if (!stress || stress.scenarios.length === 0) return [missing(ctx, 'blocking')];
  const t = ev(ctx);
  const c = t.columns;
  const minutes = (v: number | null) => (v === null ? '—' : fill(t.stress.minutes, { value: formatNumber(v) }));
  const blocks: Block[] = [
    table(
      [
        [c.scenario, 3],
        [c.concurrency, 2, 'right'],
        [c.duration, 2, 'right'],
        [c.rampUp, 2, 'right'],
        [c.dataSet, 4],
      ],
      stress.scenarios.map((s) => [
        ctx.r(s.name),
        s.concurrency === null ? '—' : formatNumber(s.concurrency),
        minutes(s.durationMin),
        minutes(s.rampUpMin),
        ctx.r(s.dataSet) || '—',
      ]),
      t.stress.loadModel,
    ),
  ];
  if (stress.plan.dataSet.trim() !== '') blocks.push(part(t.stress.dataSet), text(ctx.r(stress.plan.dataSet)));
  return blocks;
}

/** S4 Results: verdict per scenario, then each reported run's figures and charts. */
export function stressResultBlocks(ctx: Ctx): Block[] {
  const stress = stressInput(ctx);
  if (!stress || stress.runs.length === 0) return [missing(ctx, 'blocking')];
  const t = ev(ctx).stress;
  const runs = reportedRuns(stress);
  const first = runs[0]?.analysis;
  const blocks: Block[] = [];
  if (stress.scenarios.length > 0) blocks.push(...verdictBlocks(ctx, stress));
  if (first) {
    blocks.push(
      text(fill(t.achievedNote, { seconds: first.sustainSeconds, method: t.methods[first.percentileMethod] }), 'note'),
    );
  }
  for (const run of runs) blocks.push(...runBlocks(ctx, run, runTargets(stress, run)));
  return blocks;
}

/** S5 Bottlenecks: the consultant's analysis and the bottlenecks the optimization plans record. */
export function stressBottleneckBlocks(ctx: Ctx): Block[] {
  const stress = stressInput(ctx);
  const t = ev(ctx);
  const c = t.columns;
  const blocks: Block[] = [];
  if (stress && stress.plan.bottlenecks.trim() !== '') blocks.push(text(ctx.r(stress.plan.bottlenecks)));
  const bottlenecks = scopedOptimization(ctx).filter((o) => o.kind === 'bottleneck');
  if (bottlenecks.length > 0) {
    blocks.push(
      table(
        [
          [c.resource, 3],
          [c.symptom, 4],
          [c.proposal, 4],
          [c.owner, 2],
          [c.status, 2],
        ],
        bottlenecks.map((b) => [
          ctx.r(b.fields.resource),
          ctx.r(b.fields.symptom) || '—',
          ctx.r(b.fields.proposal),
          ctx.r(b.owner) || ctx.t.none,
          t.optimization.statuses[b.status],
        ]),
        t.stress.bottlenecksFromPlans,
      ),
    );
  }
  // Nothing of the test recorded: the annex's part is required (NB); a test without a bottleneck
  // written up is no data yet (ND), since "none found" is the consultant's to say.
  return blocks.length > 0 ? blocks : [missing(ctx, stress ? 'noData' : 'blocking')];
}

/** S6 Conclusions and recommended specifications; the findings missed targets raised. */
export function stressConclusionBlocks(ctx: Ctx): Block[] {
  const stress = stressInput(ctx);
  if (!stress) return [missing(ctx, 'blocking')];
  const t = ev(ctx).stress;
  const blocks: Block[] = [];
  if (stress.plan.conclusions.trim() !== '') blocks.push(text(ctx.r(stress.plan.conclusions)));
  const refs = missedRefs(ctx, stress);
  const judged = stress.results.filter((r) => r.verdict.status !== 'noData');
  if (refs.length > 0) blocks.push(text(fill(t.missedFindings, { refs: refs.join(punctuation(ctx.lang).list) })));
  else if (judged.length > 0 && judged.every((r) => r.verdict.status === 'passed')) blocks.push(text(t.allPassed));
  return blocks.length > 0 ? blocks : [missing(ctx, 'blocking')];
}

/** S7 Raw data: every imported file by name, format, rows, size and SHA-256. */
export function stressRawDataBlocks(ctx: Ctx): Block[] {
  const stress = stressInput(ctx);
  if (!stress || stress.runs.length === 0) return [missing(ctx, 'blocking')];
  const t = ev(ctx);
  const c = t.columns;
  const mb = (bytes: number) =>
    bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return [
    table(
      [
        [c.run, 3],
        [c.file, 3],
        [c.format, 2],
        [c.rows, 2, 'right'],
        [c.size, 2, 'right'],
        [c.sha256, 4],
      ],
      stress.runs.map((r) => [
        ctx.r(r.name),
        ctx.r(r.fileName),
        t.stress.formats[r.format],
        formatNumber(r.rows),
        mb(r.fileBytes),
        r.fileSha256,
      ]),
      t.stress.rawDataCaption,
    ),
    text(t.stress.rawDataNote, 'note'),
  ];
}

/**
 * H1 §9 Performance test, compact: targets against achieved per scenario, the figures and charts
 * of the runs that judged them, bottlenecks and conclusions.
 */
export function performanceTestBlocks(ctx: Ctx): Block[] {
  if (stressOutside(ctx)) return [missing(ctx, 'notInEdition')];
  const stress = stressInput(ctx);
  if (!stress) return [missing(ctx, 'noData')];
  const t = ev(ctx).stress;
  const blocks: Block[] = [];
  if (stress.runs.length === 0) {
    blocks.push(...stressObjectivesBlocks(ctx), text(t.noRuns, 'note'));
    return blocks;
  }
  blocks.push(...stressResultBlocks(ctx));
  const bottlenecks = stressBottleneckBlocks(ctx).filter((b) => b.kind !== 'notAssessed');
  if (bottlenecks.length > 0) blocks.push(part(t.bottlenecks), ...bottlenecks);
  blocks.push(...stressConclusionBlocks(ctx).filter((b) => b.kind !== 'notAssessed'));
  return blocks;
}

/** How many scenarios missed their targets; null when no scenario has results. */
export function stressMissed(ctx: Ctx): number | null {
  const stress = ctx.input.stress;
  if (!stress) return null;
  const judged = stress.results.filter((r) => r.verdict.status !== 'noData');
  return judged.length === 0 ? null : judged.filter((r) => r.verdict.status === 'missed').length;
}

// ---------------------------------------------------------------------------------------------
// Readiness verdict

/**
 * Go, conditional go or no-go from the open findings, the capacity margins and the stress
 * targets; not assessable while a piece the document rests on (and the edition includes) is not
 * recorded. Open critical findings mean no-go; high findings, resources below margin and missed
 * targets make the go conditional on closing them or the customer accepting the risk. A Go names
 * only the checks that were made, and a finding a capacity or stress check raised is counted
 * under that check, not again as a finding.
 */
export function readinessVerdict(
  ctx: Ctx,
  needs: { capacity: boolean; stress: boolean },
): { text: string; assessable: boolean } {
  const v = ev(ctx).verdict;
  const checksCapacity = needs.capacity && !capacityOutside(ctx);
  const checksStress = needs.stress && !stressOutside(ctx);
  const capacity = checksCapacity ? capacityBelowMargin(ctx) : 0;
  const stress = checksStress ? stressMissed(ctx) : 0;
  const sep = ctx.lang === 'en' ? '; ' : '；';
  // Each offering's own word for the piece: Huawei evaluates capacity and runs a performance test,
  // Alibaba assesses capacity and stress-tests.
  const named = (id: string) => ctx.input.plan.catalog.items.some((i) => i.id === id);
  const pending = [
    ...(capacity === null
      ? [named('capacity-assessment') ? v.pending.capacityAssessment : v.pending.capacityEvaluation]
      : []),
    ...(stress === null ? [named('on-demand-stress-testing') ? v.pending.stressTest : v.pending.performanceTest] : []),
  ];
  if (pending.length > 0) return { text: fill(v.notAssessable, { missing: pending.join(sep) }), assessable: false };
  const open = openFindings(ctx.input.findings);
  const critical = open.filter((f) => f.severity === 'critical').length;
  const countedElsewhere = new Set([
    ...(checksCapacity ? [CAPACITY_FINDING_TEMPLATE_ID] : []),
    ...(checksStress ? [STRESS_FINDING_TEMPLATE_ID] : []),
  ]);
  const high = open.filter((f) => f.severity === 'high' && !countedElsewhere.has(f.templateId ?? '')).length;
  if (critical > 0) {
    return { text: fill(v.noGo, { reasons: fill(v.reasons.critical, { count: critical }) }), assessable: true };
  }
  const reasons = [
    ...(high > 0 ? [fill(v.reasons.high, { count: high })] : []),
    ...(capacity && capacity > 0 ? [fill(v.reasons.capacity, { count: capacity })] : []),
    ...(stress && stress > 0 ? [fill(v.reasons.stress, { count: stress })] : []),
  ];
  if (reasons.length > 0) return { text: fill(v.conditional, { reasons: reasons.join(sep) }), assessable: true };
  const facts = [
    v.facts.findings,
    ...(checksCapacity ? [v.facts.capacity] : []),
    ...(checksStress ? [v.facts.stress] : []),
  ];
  return { text: fill(v.go, { facts: facts.join(sep) }), assessable: true };
}

// ---------------------------------------------------------------------------------------------
// Summaries for the later documents (H2 §3, A4 §3 and §8, A5 §3)

/** How many resources were evaluated and which fell below margin, with their recommendations. */
export function capacitySummaryBlocks(ctx: Ctx, itemId: string): Block[] {
  if (outsideEdition(ctx, itemId)) return [missing(ctx, 'notInEdition')];
  const capacity = ctx.input.capacity;
  if (!capacity || capacity.items.length === 0) return [missing(ctx, 'noData')];
  const t = ev(ctx).capacity;
  const report = capacityReportTable(capacity.items, capacity.formulas, ctx.input.plan.details.peak, ctx.lang);
  const evaluated = report.rows.length - report.incomplete;
  const blocks: Block[] = [
    text(
      report.belowMargin === 0
        ? fill(t.summaryNone, { total: evaluated })
        : fill(t.summary, { below: report.belowMargin, total: evaluated }),
    ),
  ];
  const below = report.rows.filter((r) => r.belowMargin);
  if (below.length > 0) {
    blocks.push(
      list(
        below.map((r) => {
          const ref = refsOf(ctx, [capacity.findingIds[r.itemId]])[0];
          const p = punctuation(ctx.lang);
          return `${ctx.r(r.cells.resource)}${p.open}${r.cells.metric}${p.close}${p.colon}${r.cells.recommendation}${ref ? ` — ${ref}` : ''}`;
        }),
      ),
    );
  }
  if (report.incomplete > 0) blocks.push(text(fill(t.incomplete, { count: report.incomplete }), 'note'));
  return blocks;
}

/** Each scenario's result against its targets, and the conclusions. */
export function stressSummaryBlocks(ctx: Ctx, itemId: string): Block[] {
  if (outsideEdition(ctx, itemId)) return [missing(ctx, 'notInEdition')];
  const stress = stressInput(ctx);
  if (!stress || stress.runs.length === 0 || stress.scenarios.length === 0) return [missing(ctx, 'noData')];
  return [...verdictBlocks(ctx, stress), ...stressConclusionBlocks(ctx).filter((b) => b.kind !== 'notAssessed')];
}
