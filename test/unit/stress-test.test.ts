import type { LabelFigures, LatencyFigures, LoadTestSeries } from '@shared/domain/load-test';
import { loadTestAnalysisSchema } from '@shared/domain/load-test';
import { analyseLoadTestSamples, SAMPLE_OK } from '@shared/domain/load-test-stats';
import {
  autoMatchLabels,
  boundSign,
  completeLabelMapping,
  countingRun,
  describeCheck,
  EMPTY_STRESS_SCENARIO,
  missedSeverity,
  missedTargetFinding,
  runScenarioVerdict,
  scenarioVerdict,
  stressScenarioInputSchema,
} from '@shared/domain/stress-test';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { describe, expect, it } from 'vitest';
import { bucketLabels, latencyChartOption, throughputChartOption } from '../../shared/charts/load-test-charts';

function figures(overrides: Partial<LatencyFigures> = {}): LatencyFigures {
  return {
    samples: 1000,
    errors: 0,
    errorRate: 0,
    minMs: 10,
    meanMs: 200,
    maxMs: 2000,
    p50Ms: 180,
    p90Ms: 400,
    p95Ms: 500,
    p99Ms: 900,
    throughput: 90,
    peakSustainedTps: 100,
    okPeakSustainedTps: overrides.peakSustainedTps ?? 100,
    ...overrides,
  };
}
const label = (name: string, overrides: Partial<LatencyFigures> = {}): LabelFigures => ({
  label: name,
  ...figures(overrides),
});
const targets = (overrides: Partial<typeof EMPTY_STRESS_SCENARIO> = {}) => ({ ...EMPTY_STRESS_SCENARIO, ...overrides });

describe('scenarioVerdict', () => {
  it('passes a scenario whose one label meets every target, comparing peak sustained TPS', () => {
    const verdict = scenarioVerdict(
      targets({ targetTps: 100, targetP95Ms: 500, targetP99Ms: 900, maxErrorRatePct: 1 }),
      [label('Checkout', { throughput: 60, errors: 5 })],
    );
    expect(verdict.status).toBe('passed');
    expect(verdict.checks.map((c) => [c.criterion, c.achieved, c.met, c.bound])).toEqual([
      ['throughput', 100, true, false],
      ['p95', 500, true, false],
      ['p99', 900, true, false],
      ['errorRate', 0.5, true, false],
    ]);
  });

  it('holds a scenario without an error limit to the default 1 %, so failing fast does not pass latency', () => {
    const verdict = scenarioVerdict(targets({ targetP95Ms: 500 }), [
      label('Checkout', { samples: 1000, errors: 1000, errorRate: 1, p95Ms: 3, okPeakSustainedTps: 0 }),
    ]);
    expect(verdict.status).toBe('missed');
    expect(verdict.checks).toEqual([
      { criterion: 'p95', target: 500, achieved: 3, met: true, bound: false },
      { criterion: 'errorRate', target: 1, achieved: 100, met: false, bound: false, assumed: true },
    ]);
  });

  it('misses when any target is missed and names only the criteria that have a target', () => {
    const verdict = scenarioVerdict(targets({ targetTps: 2400, targetP99Ms: 800 }), [
      label('Checkout', { peakSustainedTps: 1850, p99Ms: 1240 }),
    ]);
    expect(verdict.status).toBe('missed');
    expect(verdict.checks).toEqual([
      { criterion: 'throughput', target: 2400, achieved: 1850, met: false, bound: false },
      { criterion: 'p99', target: 800, achieved: 1240, met: false, bound: false },
      { criterion: 'errorRate', target: 1, achieved: 0, met: true, bound: false, assumed: true },
    ]);
  });

  it('has no data without labels or samples', () => {
    expect(scenarioVerdict(targets({ targetTps: 1 }), []).status).toBe('noData');
    expect(scenarioVerdict(targets({ targetTps: 1 }), [label('a', { samples: 0 })]).status).toBe('noData');
  });

  it('never sums label peaks: several labels without combined counts give the largest one, a lower bound', () => {
    const verdict = scenarioVerdict(targets({ targetTps: 150, targetP95Ms: 600, maxErrorRatePct: 1 }), [
      label('cart', { peakSustainedTps: 80, p95Ms: 300, samples: 900, errors: 9 }),
      label('pay', { peakSustainedTps: 60, p95Ms: 700, samples: 100, errors: 11 }),
    ]);
    const byCriterion = Object.fromEntries(verdict.checks.map((c) => [c.criterion, c]));
    expect(byCriterion.throughput).toMatchObject({ achieved: 80, met: false, bound: true });
    expect(byCriterion.p95).toMatchObject({ achieved: 700, met: false, bound: true });
    // 20 errors of 1,000 samples: not the mean of 1 % and 11 %.
    expect(byCriterion.errorRate).toMatchObject({ achieved: 2, met: false, bound: false });
    expect(verdict.samples).toBe(1000);
  });

  it('uses the run overall figures, exact, when the scenario takes every label', () => {
    const analysis = {
      labels: [label('a', { p99Ms: 300, peakSustainedTps: 50 }), label('b', { p99Ms: 2000, peakSustainedTps: 60 })],
      overall: figures({ p99Ms: 1000, peakSustainedTps: 95, samples: 2000 }),
    };
    const verdict = runScenarioVerdict({ ...targets({ targetTps: 100, targetP99Ms: 1200 }), id: 's1' }, analysis, {
      a: 's1',
      b: 's1',
    });
    expect(verdict.checks).toEqual([
      { criterion: 'throughput', target: 100, achieved: 95, met: false, bound: false },
      { criterion: 'p99', target: 1200, achieved: 1000, met: true, bound: false },
      { criterion: 'errorRate', target: 1, achieved: 0, met: true, bound: false, assumed: true },
    ]);
    const partial = runScenarioVerdict({ ...targets({ targetP99Ms: 1200 }), id: 's1' }, analysis, { a: 's1' });
    expect(partial).toMatchObject({ status: 'passed', labels: ['a'] });
  });

  it('rates a miss critical below half the throughput target or above twice a latency target', () => {
    const check = (criterion: 'throughput' | 'p99' | 'errorRate', target: number, achieved: number) => ({
      criterion,
      target,
      achieved,
      met: false,
      bound: false,
    });
    expect(missedSeverity([check('throughput', 2400, 1850)])).toBe('high');
    expect(missedSeverity([check('throughput', 2400, 1100)])).toBe('critical');
    expect(missedSeverity([check('p99', 800, 1700)])).toBe('critical');
    expect(missedSeverity([check('errorRate', 0, 5)])).toBe('high');
  });
});

/** A run built sample by sample: [second, label, elapsed ms, ok] rows, one second = 1,000 ms from T0. */
function run(rows: readonly [number, string, number, boolean][], sustainSeconds = 10, jmeterWindow?: number) {
  const labels = [...new Set(rows.map((r) => r[1]))];
  const T0 = Date.parse('2026-05-04T12:00:00.000Z');
  const n = rows.length;
  const samples = {
    count: n,
    startMs: new Float64Array(n),
    elapsedMs: new Float64Array(n),
    flags: new Uint8Array(n),
    labelIndex: new Uint32Array(n),
    labels,
  };
  rows.forEach(([second, name, elapsed, ok], i) => {
    samples.startMs[i] = T0 + second * 1000 + (i % 1000) / 10;
    samples.elapsedMs[i] = elapsed;
    samples.flags[i] = ok ? SAMPLE_OK : 0;
    samples.labelIndex[i] = labels.indexOf(name);
  });
  return analyseLoadTestSamples(samples, {
    format: 'jmeterCsv',
    percentileMethod: 'jmeter',
    sustainSeconds,
    ...(jmeterWindow ? { jmeterWindow } : {}),
  });
}
/** `perSecond` samples of `name` in each second of [from, to). */
const steady = (name: string, from: number, to: number, perSecond: number, elapsed = 100, ok = true) =>
  Array.from({ length: (to - from) * perSecond }, (_, i): [number, string, number, boolean] => [
    from + Math.floor(i / perSecond),
    name,
    elapsed,
    ok,
  ]);

describe('verdicts on imported runs', () => {
  const scenario = (overrides: Partial<typeof EMPTY_STRESS_SCENARIO>) => ({ ...targets(overrides), id: 's1' });

  it('does not pass a TPS target on the sum of label peaks that fall in different seconds', () => {
    // Order submit runs 10 TPS in s 0-9, Order pay 10 TPS in s 10-19: the combined peak is 10, not 20.
    const analysis = run([
      ...steady('Order submit', 0, 10, 10),
      ...steady('Order pay', 10, 20, 10),
      ...steady('Browse', 0, 20, 1),
    ]);
    const mapping = { 'Order submit': 's1', 'Order pay': 's1' };
    const exact = runScenarioVerdict(scenario({ targetTps: 15 }), analysis, mapping);
    expect(exact.status).toBe('missed');
    expect(exact.checks[0]).toMatchObject({ criterion: 'throughput', achieved: 10, met: false, bound: false });
    // Without the combined counts (a run stored before they were kept) the largest label's peak, marked a bound.
    const { okCounts: _dropped, ...older } = analysis;
    const bounded = runScenarioVerdict(scenario({ targetTps: 15 }), older, mapping);
    expect(bounded.checks[0]).toMatchObject({ achieved: 10, met: false, bound: true });
    // Both in the same seconds: the combined counts show 20.
    const together = run([
      ...steady('Order submit', 0, 20, 10),
      ...steady('Order pay', 0, 20, 10),
      ...steady('Browse', 0, 20, 1),
    ]);
    expect(runScenarioVerdict(scenario({ targetTps: 15 }), together, mapping).checks[0]).toMatchObject({
      achieved: 20,
      met: true,
      bound: false,
    });
  });

  it('counts only successful samples as throughput', () => {
    const analysis = run([...steady('Checkout', 0, 20, 30, 5, false), ...steady('Checkout', 0, 20, 10)]);
    const verdict = runScenarioVerdict(scenario({ targetTps: 30, targetP95Ms: 500, maxErrorRatePct: 100 }), analysis, {
      Checkout: 's1',
    });
    expect(verdict.checks[0]).toMatchObject({ criterion: 'throughput', achieved: 10, met: false });
    expect(analysis.labels[0]?.peakSustainedTps).toBe(40);
  });

  it('cannot demonstrate a throughput on a run shorter than the sustain window', () => {
    const analysis = run(steady('Checkout', 0, 4, 50));
    const verdict = runScenarioVerdict(scenario({ targetTps: 30 }), analysis, { Checkout: 's1' });
    expect(verdict.status).toBe('missed');
    expect(verdict.checks[0]).toMatchObject({
      achieved: 50,
      met: false,
      shortRun: { runSeconds: 4, sustainSeconds: 10 },
    });
  });

  it('judges percentiles over every sample, not the dashboard window at the end of the run', () => {
    // Slow for the first 900 samples, fast in the last 100 (the ramp-down the window of 100 keeps).
    const analysis = run([...steady('Checkout', 0, 9, 100, 2000), ...steady('Checkout', 9, 10, 100, 50)], 10, 100);
    const figures = analysis.labels[0];
    expect(figures?.p95Ms).toBe(50);
    expect(figures?.p95AllMs).toBe(2000);
    const verdict = runScenarioVerdict(scenario({ targetP95Ms: 500 }), analysis, { Checkout: 's1' });
    expect(verdict.checks[0]).toMatchObject({ criterion: 'p95', achieved: 2000, met: false });
  });

  it('still judges an analysis stored before the judged figures were kept, never passing on errors', () => {
    const analysis = run([...steady('Checkout', 0, 20, 10), ...steady('Checkout', 0, 20, 2, 100, false)]);
    const stored = JSON.parse(JSON.stringify(analysis));
    delete stored.runSeconds;
    for (const f of [stored.overall, ...stored.labels]) {
      delete f.okPeakSustainedTps;
      delete f.p95AllMs;
      delete f.p99AllMs;
    }
    const older = loadTestAnalysisSchema.parse(stored);
    const verdict = runScenarioVerdict(scenario({ targetTps: 12, maxErrorRatePct: 50 }), older, { Checkout: 's1' });
    // 12 samples/s over the peak window, of which at most 40 errors / 10 s failed: at least 8.
    expect(verdict.checks[0]).toMatchObject({ achieved: 8, met: false, bound: true });
  });
});

describe('scenario input', () => {
  it('requires at least one target and names the field', () => {
    const result = stressScenarioInputSchema.safeParse({ ...EMPTY_STRESS_SCENARIO, name: 'Browse' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['targetTps'], message: 'validation.stressTargetRequired' });
  });

  it('refuses an error rate above 100 % with the percent message', () => {
    const result = stressScenarioInputSchema.safeParse({ ...EMPTY_STRESS_SCENARIO, name: 'x', maxErrorRatePct: 120 });
    expect(result.error?.issues[0]?.message).toBe('validation.percent');
  });
});

describe('label mapping', () => {
  const scenarios = [
    { id: 's-checkout', name: 'Checkout' },
    { id: 's-pay', name: 'Checkout payment' },
    { id: 's-browse', name: 'Browse catalogue' },
  ];

  it('matches equal names regardless of case and spacing, then containment preferring the longest name', () => {
    expect(
      autoMatchLabels(
        ['checkout', 'Checkout payment - submit', 'GET /browse catalogue', '  BROWSE  catalogue ', 'login'],
        scenarios,
      ),
    ).toEqual({
      checkout: 's-checkout',
      'Checkout payment - submit': 's-pay',
      'GET /browse catalogue': 's-browse',
      '  BROWSE  catalogue ': 's-browse',
    });
  });

  it('matches a short label contained in a scenario name', () => {
    expect(autoMatchLabels(['Browse'], scenarios)).toEqual({ Browse: 's-browse' });
  });

  it('matches only whole words of at least three characters, never a substring', () => {
    const named = [
      { id: 's-order', name: 'Order api v1' },
      { id: 's-rapid', name: 'Rapid checkout' },
    ];
    expect(autoMatchLabels(['a', '1', 'pi', 'v1', 'check', 'api', 'Rapid', 'GET /order api v1 list'], named)).toEqual({
      api: 's-order',
      Rapid: 's-rapid',
      'GET /order api v1 list': 's-order',
    });
    expect(autoMatchLabels(['v1'], [{ id: 's-v1', name: 'V1' }])).toEqual({ v1: 's-v1' });
  });

  it('maps labels named like object properties', () => {
    const named = [
      { id: 's-c', name: 'constructor' },
      { id: 's-p', name: '__proto__' },
      { id: 's-t', name: 'toString' },
    ];
    const mapping = completeLabelMapping({}, ['constructor', '__proto__', 'toString', 'hasOwnProperty'], named);
    expect(Object.entries(mapping)).toEqual([
      ['constructor', 's-c'],
      ['__proto__', 's-p'],
      ['toString', 's-t'],
    ]);
    const verdict = runScenarioVerdict(
      { ...targets({ targetP95Ms: 500 }), id: 's-x' },
      { labels: [label('constructor')], overall: figures() },
      {},
    );
    expect(verdict.status).toBe('noData');
  });

  it('keeps the consultant mapping and only suggests for labels still unmapped', () => {
    const mapping = completeLabelMapping(
      { checkout: 's-browse', gone: 's-pay' },
      ['checkout', 'Checkout payment'],
      scenarios,
    );
    expect(mapping).toEqual({ checkout: 's-browse', 'Checkout payment': 's-pay' });
  });

  it('counts the latest run that maps a label to the scenario', () => {
    const runs: { id: string; startedAt: string; createdAt: string; labelScenarios: Record<string, string> }[] = [
      { id: 'old', startedAt: '2026-05-01T00:00:00.000Z', createdAt: '1', labelScenarios: { a: 's1' } },
      { id: 'new', startedAt: '2026-05-03T00:00:00.000Z', createdAt: '2', labelScenarios: { a: 's2' } },
      { id: 'mid', startedAt: '2026-05-02T00:00:00.000Z', createdAt: '3', labelScenarios: { b: 's1' } },
    ];
    expect(countingRun('s1', runs)?.id).toBe('mid');
    expect(countingRun('s2', runs)?.id).toBe('new');
    expect(countingRun('s3', runs)).toBeUndefined();
  });
});

describe('missed-target finding text', () => {
  const verdict = scenarioVerdict(targets({ targetTps: 2400, targetP99Ms: 800, targetP95Ms: 900 }), [
    label('Checkout', { peakSustainedTps: 1850, p99Ms: 1240, p95Ms: 700, samples: 120000 }),
  ]);
  const run = { name: 'Peak rehearsal 2', startedAt: '2026-05-04T12:00:00.000Z' };

  it('states target against achieved for each missed criterion in the title', () => {
    const finding = missedTargetFinding('Checkout', verdict, run, 'en', 'UTC');
    expect(finding.title).toBe(
      'Stress target missed: Checkout — 1,850 TPS sustained vs 2,400 target; p99 1,240 ms vs 800 ms',
    );
    expect(finding.severity).toBe('high');
    expect(finding.description).toContain('Peak rehearsal 2');
    expect(finding.description).toContain('120,000 samples');
    expect(finding.description).toContain('p95 700 ms vs 900 ms');
  });

  it('is written in Chinese for a Chinese engagement', () => {
    const finding = missedTargetFinding('下单', verdict, run, 'zh-CN', 'Asia/Shanghai');
    expect(finding.title).toBe(
      '压测目标未达成：下单——持续峰值 1,850 TPS，目标 2,400 TPS；P99 1,240 毫秒，目标 800 毫秒',
    );
    expect(finding.recommendation).toMatch(/重新压测/);
  });

  it('uses Chinese punctuation and calls labels 标签, as the report does', () => {
    const { description } = missedTargetFinding('下单', verdict, run, 'zh-CN', 'Asia/Shanghai');
    expect(description.split('\n')[0]).toBe(
      '场景“下单”在压测“Peak rehearsal 2”（2026-05-04，120,000 个样本，标签：Checkout）中未达到目标：',
    );
    expect(description).toContain('- P99 1,240 毫秒，目标 800 毫秒（未达标）');
    expect(description).not.toMatch(/事务|[":(),]\s|\s%/u);
    const errors = describeCheck(
      { criterion: 'errorRate', target: 1, achieved: 1.5, met: false, bound: false, assumed: true },
      'zh-CN',
    );
    expect(errors).toBe('错误率 1.5%，上限 1%（未设上限，按默认值）');
  });

  it('dates the run in the event time zone, not UTC', () => {
    const lateRun = { name: 'Night run', startedAt: '2026-05-04T20:00:00.000Z' };
    expect(missedTargetFinding('Checkout', verdict, lateRun, 'en', 'Asia/Shanghai').description).toContain(
      '(2026-05-05, ',
    );
    expect(missedTargetFinding('Checkout', verdict, lateRun, 'en', 'UTC').description).toContain('(2026-05-04, ');
  });

  it('rounds the achieved figure against the consultant so a miss never reads as a tie', () => {
    const check = (criterion: 'throughput' | 'p95' | 'errorRate', target: number, achieved: number) =>
      describeCheck({ criterion, target, achieved, met: false, bound: false }, 'en');
    expect(check('p95', 500, 500.4)).toBe('p95 501 ms vs 500 ms');
    expect(check('errorRate', 0, 0.004)).toBe('error rate 0.01 % vs 0 % allowed');
    expect(check('throughput', 30, 29.99)).toBe('29.9 TPS sustained vs 30 target');
    // Exact figures are not pushed over by binary noise.
    expect(check('throughput', 30, 0.1 + 0.2)).toBe('0.3 TPS sustained vs 30 target');
    expect(check('p95', 500, 500)).toBe('p95 500 ms vs 500 ms');
  });

  it('says a throughput of a run shorter than the sustain window is not demonstrated', () => {
    const text = describeCheck(
      {
        criterion: 'throughput',
        target: 30,
        achieved: 40,
        met: false,
        bound: false,
        shortRun: { runSeconds: 4, sustainSeconds: 10 },
      },
      'en',
    );
    expect(text).toBe(
      'throughput not demonstrated: the run covers 4 s, less than the 10-s sustain window (40 TPS over it vs 30 target)',
    );
  });

  it('marks a combined figure as a bound: at most for a percentile, at least for throughput', () => {
    expect(describeCheck({ criterion: 'p95', target: 500, achieved: 700, met: false, bound: true }, 'en')).toBe(
      'p95 ≤ 700 ms vs 500 ms',
    );
    const tps = { criterion: 'throughput', target: 15, achieved: 10, met: false, bound: true } as const;
    expect(describeCheck(tps, 'en')).toBe('at least 10 TPS sustained vs 15 target');
    expect(describeCheck(tps, 'zh-CN')).toBe('持续峰值 ≥10 TPS，目标 15 TPS');
    expect(boundSign(tps)).toBe('≥');
  });
});

describe('load-test chart options', () => {
  const series: LoadTestSeries = {
    // 2026-05-04 23:59:58 in Shanghai.
    startMs: Date.parse('2026-05-04T15:59:58.000Z'),
    bucketSeconds: 1,
    throughput: [10, 12.345, 11, 9],
    errors: [0, 1, 0, 0],
    p50Ms: [100, 110, null, 90],
    p95Ms: [200, 210, null, 190],
    p99Ms: [300, 310, null, 290],
    labels: Array.from({ length: 7 }, (_, i) => ({
      label: `label ${i}`,
      throughput: [1, 2, 3, 4],
      p95Ms: [1, null, 3, 4],
    })),
  };
  const settings = { title: 'Throughput', timeZone: 'Asia/Shanghai', locale: 'en' };

  it('formats bucket times in the event zone, with the date when the run crosses midnight there', () => {
    expect(bucketLabels(series, 'Asia/Shanghai', 'en')).toEqual([
      '05/04, 23:59:58',
      '05/04, 23:59:59',
      '05/05, 00:00:00',
      '05/05, 00:00:01',
    ]);
    expect(bucketLabels(series, 'UTC', 'en')).toEqual(['15:59:58', '15:59:59', '16:00:00', '16:00:01']);
  });

  it('draws requests, errors and the five busiest labels, with tooltip and zoom on screen', () => {
    const option = throughputChartOption(series, settings, { requests: 'Requests/s', errors: 'Errors/s', axis: '/s' });
    const lines = Array.isArray(option.series) ? option.series : [];
    expect(lines.map((s) => s.name)).toEqual([
      'Requests/s',
      'Errors/s',
      'label 0',
      'label 1',
      'label 2',
      'label 3',
      'label 4',
    ]);
    expect(lines.every((s) => s.type === 'line')).toBe(true);
    expect(lines[0]?.data).toEqual([10, 12.35, 11, 9]);
    expect(option.title).toMatchObject({ text: 'Throughput' });
    expect(option.xAxis).toMatchObject({ type: 'category' });
    expect(option.animation).toBe(true);
    expect(option.tooltip).toBeDefined();
    expect(option.dataZoom).toBeDefined();
  });

  it('is plain data for documents: no animation, tooltip, zoom or functions', () => {
    const option = latencyChartOption(
      series,
      { ...settings, title: 'Latency', document: true, targets: [{ name: 'p99 target', value: 250 }] },
      { p50: 'p50', p95: 'p95', p99: 'p99', axis: 'ms' },
    );
    expect(option.animation).toBe(false);
    expect(option.tooltip).toBeUndefined();
    expect(option.dataZoom).toBeUndefined();
    const lines = Array.isArray(option.series) ? option.series : [];
    expect(lines.map((s) => s.name)).toEqual(['p50', 'p95', 'p99']);
    expect(lines[0]?.data).toEqual([100, 110, null, 90]);
    expect(JSON.parse(JSON.stringify(option))).toEqual(option);
  });

  it('renders server-side to SVG with the titles, legend and time labels in it', () => {
    echarts.use([LineChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, SVGRenderer]);
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 960, height: 420 });
    try {
      chart.setOption(
        throughputChartOption(
          series,
          { ...settings, title: '吞吐量趋势', document: true, targets: [{ name: 'target 30 TPS', value: 30 }] },
          { requests: '请求数/秒', errors: '错误数/秒', axis: '每秒' },
        ),
      );
      const svg = chart.renderToSVGString();
      expect(svg).toMatch(/^<svg/);
      for (const text of ['吞吐量趋势', '请求数/秒', 'label 4', '23:59:58', 'target 30 TPS'])
        expect(svg).toContain(text);
    } finally {
      chart.dispose();
    }
  });
});
