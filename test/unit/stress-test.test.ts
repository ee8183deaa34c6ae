import type { LabelFigures, LatencyFigures, LoadTestSeries } from '@shared/domain/load-test';
import {
  autoMatchLabels,
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

  it('misses when any target is missed and names only the criteria that have a target', () => {
    const verdict = scenarioVerdict(targets({ targetTps: 2400, targetP99Ms: 800 }), [
      label('Checkout', { peakSustainedTps: 1850, p99Ms: 1240 }),
    ]);
    expect(verdict.status).toBe('missed');
    expect(verdict.checks).toEqual([
      { criterion: 'throughput', target: 2400, achieved: 1850, met: false, bound: false },
      { criterion: 'p99', target: 800, achieved: 1240, met: false, bound: false },
    ]);
  });

  it('has no data without labels or samples', () => {
    expect(scenarioVerdict(targets({ targetTps: 1 }), []).status).toBe('noData');
    expect(scenarioVerdict(targets({ targetTps: 1 }), [label('a', { samples: 0 })]).status).toBe('noData');
  });

  it('sums throughput, takes the worst percentile and pools errors over several labels, marking bounds', () => {
    const verdict = scenarioVerdict(targets({ targetTps: 150, targetP95Ms: 600, maxErrorRatePct: 1 }), [
      label('cart', { peakSustainedTps: 80, p95Ms: 300, samples: 900, errors: 9 }),
      label('pay', { peakSustainedTps: 60, p95Ms: 700, samples: 100, errors: 11 }),
    ]);
    const byCriterion = Object.fromEntries(verdict.checks.map((c) => [c.criterion, c]));
    expect(byCriterion.throughput).toMatchObject({ achieved: 140, met: false, bound: true });
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
    const finding = missedTargetFinding('Checkout', verdict, run, 'en');
    expect(finding.title).toBe(
      'Stress target missed: Checkout — 1,850 TPS sustained vs 2,400 target; p99 1,240 ms vs 800 ms',
    );
    expect(finding.severity).toBe('high');
    expect(finding.description).toContain('Peak rehearsal 2');
    expect(finding.description).toContain('120,000 samples');
    expect(finding.description).toContain('p95 700 ms vs 900 ms');
  });

  it('is written in Chinese for a Chinese engagement', () => {
    const finding = missedTargetFinding('下单', verdict, run, 'zh-CN');
    expect(finding.title).toBe(
      '压测目标未达成：下单 — 持续峰值 1,850 TPS，目标 2,400 TPS；P99 1,240 毫秒，目标 800 毫秒',
    );
    expect(finding.recommendation).toMatch(/重新压测/);
  });

  it('marks a combined figure as a bound', () => {
    expect(describeCheck({ criterion: 'p95', target: 500, achieved: 700, met: false, bound: true }, 'en')).toBe(
      'p95 ≤ 700 ms vs 500 ms',
    );
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
