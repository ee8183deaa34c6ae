import {
  JMETER_STATISTIC_WINDOW,
  loadTestAnalysisSchema,
  MAX_SERIES_BUCKETS,
  OK_COUNTS_MAX_CELLS,
  PERCENTILE_METHODS,
} from '@shared/domain/load-test';
import {
  analyseLoadTestSamples,
  chooseBucketSeconds,
  jmeterThroughput,
  type LoadTestSamples,
  okCountsBucketSeconds,
  peakSustainedTps,
  percentileJmeterDashboard,
  percentileLegacySorted,
  percentileR6,
  SAMPLE_CONTROLLER,
  SAMPLE_OK,
} from '@shared/domain/load-test-stats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/**
 * Hyndman-Fan definition 6 written from the paper, not from commons-math3: the sample quantile is
 * the piecewise-linear curve through the points (k / (n + 1), x(k)), flat beyond the first and last.
 */
function hyndmanFan6(values: readonly number[], percent: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const x = (k: number) => sorted[k] ?? Number.NaN;
  const n = sorted.length;
  const p = percent / 100;
  if (n === 1) return x(0);
  if (p <= 1 / (n + 1)) return x(0);
  if (p >= n / (n + 1)) return x(n - 1);
  for (let k = 1; k < n; k += 1) {
    const left = k / (n + 1);
    const right = (k + 1) / (n + 1);
    if (p >= left && p <= right) {
      const a = x(k - 1);
      const b = x(k);
      return a + ((p - left) / (right - left)) * (b - a);
    }
  }
  throw new Error('unreachable');
}

const latencies = fc.array(fc.integer({ min: 0, max: 60_000 }), { minLength: 1, maxLength: 400 });
const percents = fc.constantFrom(50, 90, 95, 99, 99.9, 75, 25, 1, 100);

describe('percentile methods', () => {
  it('names both methods', () => {
    expect(PERCENTILE_METHODS).toEqual(['jmeter', 'r6']);
  });

  it('legacy (R-6) matches hand-worked values on a sorted array', () => {
    const sorted = [100, 200, 300, 400];
    // p50: pos 2.5 -> 200 + 0.5 * 100
    expect(percentileLegacySorted(sorted, 50)).toBe(250);
    // p90: pos 4.5 >= n -> the maximum
    expect(percentileLegacySorted(sorted, 90)).toBe(400);
    // p10: pos 0.5 < 1 -> the minimum
    expect(percentileLegacySorted(sorted, 10)).toBe(100);
    expect(percentileLegacySorted([7], 99)).toBe(7);
    expect(percentileLegacySorted([], 50)).toBeNaN();
  });

  it('legacy (R-6) equals the Hyndman-Fan type 6 definition for any sample and percentile', () => {
    fc.assert(
      fc.property(latencies, percents, (values, percent) => {
        const sorted = Float64Array.from(values).sort();
        expect(percentileLegacySorted(sorted, percent)).toBeCloseTo(hyndmanFan6(values, percent), 9);
      }),
    );
  });

  it('r6 sorts for itself and stays between min and max, rising with the percentile', () => {
    fc.assert(
      fc.property(latencies, (values) => {
        const figures = [1, 50, 90, 95, 99, 100].map((p) => percentileR6(values, p));
        for (const [i, value] of figures.entries()) {
          expect(value).toBeGreaterThanOrEqual(Math.min(...values));
          expect(value).toBeLessThanOrEqual(Math.max(...values));
          if (i > 0) expect(value).toBeGreaterThanOrEqual(figures[i - 1] ?? Number.NaN);
        }
      }),
    );
  });

  it('jmeter uses only the latest samples of the window, in file order', () => {
    fc.assert(
      fc.property(latencies, fc.integer({ min: 1, max: 50 }), percents, (values, window, percent) => {
        const latest = values.slice(Math.max(0, values.length - window));
        expect(percentileJmeterDashboard(values, percent, window)).toBeCloseTo(hyndmanFan6(latest, percent), 9);
      }),
    );
  });

  it('jmeter equals r6 while a label has at most 20,000 samples', () => {
    const values = Array.from({ length: JMETER_STATISTIC_WINDOW }, (_, i) => (i * 7919) % 1000);
    expect(percentileJmeterDashboard(values, 95)).toBe(percentileR6(values, 95));
    const slowerTail = [...values, ...Array.from({ length: 5000 }, () => 5000)];
    expect(percentileJmeterDashboard(slowerTail, 50)).toBe(percentileR6(slowerTail.slice(5000), 50));
    expect(percentileJmeterDashboard(slowerTail, 50)).not.toBe(percentileR6(slowerTail, 50));
  });
});

describe('throughput and peak sustained TPS', () => {
  it('throughput is samples over first start to last end, as the JMeter dashboard computes it', () => {
    // 255 samples from 12:00:00.000 to an end 60.185 s later
    expect(jmeterThroughput(255, 1_000_000, 1_060_185)).toBeCloseTo(255 / 60.185, 12);
    expect(jmeterThroughput(3, 5000, 5000)).toBe(0);
  });

  it('peak sustained TPS is the best mean over consecutive whole seconds', () => {
    expect(peakSustainedTps([1, 2, 10, 10, 1], 2)).toBe(10);
    expect(peakSustainedTps([1, 2, 10, 10, 1], 3)).toBe(22 / 3);
    // A run shorter than the window is averaged over its own seconds.
    expect(peakSustainedTps([4, 6], 10)).toBe(5);
    expect(peakSustainedTps([], 10)).toBe(0);
  });

  it('peak sustained TPS equals a brute-force maximum over every window', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 1, max: 30 }),
        (perSecond, sustain) => {
          const window = Math.min(sustain, perSecond.length);
          let best = 0;
          for (let i = 0; i + window <= perSecond.length; i += 1)
            best = Math.max(best, perSecond.slice(i, i + window).reduce((a, b) => a + b, 0) / window);
          expect(peakSustainedTps(perSecond, sustain)).toBeCloseTo(best, 9);
        },
      ),
    );
  });

  it('buckets stay readable and never exceed the series limit', () => {
    expect(chooseBucketSeconds(1)).toBe(1);
    expect(chooseBucketSeconds(600)).toBe(1);
    expect(chooseBucketSeconds(601)).toBe(2);
    expect(chooseBucketSeconds(3600)).toBe(10);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 31 * 86_400 }), (span) => {
        expect(Math.ceil(span / chooseBucketSeconds(span))).toBeLessThanOrEqual(MAX_SERIES_BUCKETS);
      }),
    );
  });
});

/** Samples from [startMs, elapsedMs, ok, label, controller?] tuples. */
function samplesOf(rows: [number, number, boolean, string, boolean?][]): LoadTestSamples {
  const labels: string[] = [];
  const labelIndex = new Uint32Array(rows.length);
  rows.forEach(([, , , label], i) => {
    if (!labels.includes(label)) labels.push(label);
    labelIndex[i] = labels.indexOf(label);
  });
  return {
    count: rows.length,
    startMs: Float64Array.from(rows, ([start]) => start),
    elapsedMs: Float64Array.from(rows, ([, elapsed]) => elapsed),
    flags: Uint8Array.from(
      rows,
      ([, , ok, , controller]) => (ok ? SAMPLE_OK : 0) | (controller ? SAMPLE_CONTROLLER : 0),
    ),
    labelIndex,
    labels,
  };
}

describe('analyseLoadTestSamples', () => {
  const T0 = 1_777_000_000_000;
  const rows: [number, number, boolean, string, boolean?][] = [
    [T0, 100, true, 'Login'],
    [T0 + 200, 300, true, 'Search'],
    [T0 + 1100, 200, false, 'Login'],
    [T0 + 1500, 400, true, 'Search'],
    [T0 + 2100, 500, true, 'Search'],
    [T0 + 50, 2600, true, 'Flow', true],
  ];
  const analysis = analyseLoadTestSamples(samplesOf(rows), {
    format: 'jmeterCsv',
    percentileMethod: 'jmeter',
    sustainSeconds: 2,
  });

  it('gives figures per label, sorted by label, and a total without Transaction Controller samples', () => {
    expect(analysis.labels.map((l) => [l.label, l.samples, l.errors])).toEqual([
      ['Flow', 1, 0],
      ['Login', 2, 1],
      ['Search', 3, 0],
    ]);
    expect(analysis.overall).toMatchObject({ samples: 5, errors: 1, errorRate: 0.2, minMs: 100, maxMs: 500 });
    expect(analysis.overall.meanMs).toBe(300);
    expect(analysis.overall.p50Ms).toBe(300);
    // 5 samples from T0 to T0 + 2600 (the last end)
    expect(analysis.overall.throughput).toBeCloseTo(5 / 2.6, 12);
    // seconds 0,1,2 hold 2, 2, 1 samples: best 2-second mean is 2
    expect(analysis.overall.peakSustainedTps).toBe(2);
    expect(analysis.rows).toBe(6);
    expect(analysis.durationSeconds).toBe(2.65);
    expect(analysis.warnings.map((w) => w.code)).toEqual(['transactionControllers']);
    expect(() => loadTestAnalysisSchema.parse(analysis)).not.toThrow();
  });

  it('warns when the run is shorter than the sustain window, so its peak TPS is not read as held', () => {
    const short = analyseLoadTestSamples(samplesOf(rows), {
      format: 'jmeterCsv',
      percentileMethod: 'jmeter',
      sustainSeconds: 10,
    });
    expect(short.warnings.map((w) => w.code)).toEqual(['shortRun', 'transactionControllers']);
    expect(short.warnings[0]?.message).toContain('3 whole second(s), less than the 10-second window');
  });

  it('series: one bucket per second with throughput, errors and percentiles, busiest labels first', () => {
    const { series } = analysis;
    expect(series.startMs).toBe(T0);
    expect(series.bucketSeconds).toBe(1);
    expect(series.throughput).toEqual([2, 2, 1]);
    expect(series.errors).toEqual([0, 1, 0]);
    expect(series.p50Ms).toEqual([200, 300, 500]);
    expect(series.labels.map((l) => l.label)).toEqual(['Search', 'Login', 'Flow']);
    expect(series.labels[1]?.p95Ms).toEqual([100, 200, null]);
  });

  it('per-label series buckets match a brute-force count for random samples', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 3_000_000 }),
            fc.integer({ min: 0, max: 5000 }),
            fc.boolean(),
            fc.constantFrom('a', 'b', 'c'),
          ),
          { minLength: 1, maxLength: 300 },
        ),
        (generated) => {
          const data = generated.map(([offset, elapsed, ok, label]): [number, number, boolean, string] => [
            T0 + offset,
            elapsed,
            ok,
            label,
          ]);
          const result = analyseLoadTestSamples(samplesOf(data), {
            format: 'genericCsv',
            percentileMethod: 'r6',
            sustainSeconds: 10,
          });
          const { series } = result;
          expect(series.throughput.length).toBeLessThanOrEqual(MAX_SERIES_BUCKETS);
          const counts = new Array<number>(series.throughput.length).fill(0);
          for (const [start] of data) {
            const bucket = Math.floor((Math.floor(start / 1000) * 1000 - series.startMs) / 1000 / series.bucketSeconds);
            counts[bucket] = (counts[bucket] ?? 0) + 1;
          }
          expect(series.throughput.map((t) => Math.round(t * series.bucketSeconds))).toEqual(counts);
          expect(result.overall.p95Ms).toBeCloseTo(
            hyndmanFan6(
              data.map(([, e]) => e),
              95,
            ),
            9,
          );
          expect(() => loadTestAnalysisSchema.parse(result)).not.toThrow();
        },
      ),
      { numRuns: 50 },
    );
  });

  it('says when JMeter window differs from the whole run and names the whole-run figures', () => {
    const many: [number, number, boolean, string][] = Array.from({ length: 25_000 }, (_, i) => [
      T0 + i * 10,
      100 + (i % 97) + (i >= 20_000 ? 400 : 0),
      true,
      'Search',
    ]);
    const result = analyseLoadTestSamples(samplesOf(many), {
      format: 'jmeterCsv',
      percentileMethod: 'jmeter',
      sustainSeconds: 10,
    });
    // Computed independently (commons-math3 legacy estimator over the last 20,000 values).
    expect(result.overall).toMatchObject({ p50Ms: 164, p90Ms: 558, p95Ms: 577, p99Ms: 593 });
    expect(result.warnings[0]?.code).toBe('percentileWindow');
    expect(result.warnings[0]?.message).toContain('p95 is 572.0 ms');
    // Targets are judged over every sample: the whole run's figures travel with the windowed ones.
    expect(result.overall).toMatchObject({ p95AllMs: 572, p99AllMs: 592 });
    expect(result.labels[0]).toMatchObject({ p95Ms: 577, p95AllMs: 572, p99AllMs: 592 });
    const whole = analyseLoadTestSamples(samplesOf(many), {
      format: 'genericCsv',
      percentileMethod: 'r6',
      sustainSeconds: 10,
    });
    expect(whole.overall).toMatchObject({ p50Ms: 160, p90Ms: 548, p95Ms: 572, p99Ms: 592 });
    expect(whole.overall.peakSustainedTps).toBe(100);
  });

  it('keeps the peak sustained TPS of successful samples apart, and the seconds the run covers', () => {
    // seconds 0,1,2 hold 2, 2, 1 samples; one of second 1's failed: the best 2-second ok mean is 1.5.
    expect(analysis.overall).toMatchObject({ peakSustainedTps: 2, okPeakSustainedTps: 1.5 });
    expect(analysis.labels.find((l) => l.label === 'Login')).toMatchObject({
      peakSustainedTps: 1,
      okPeakSustainedTps: 0.5,
    });
    expect(analysis.runSeconds).toBe(3);
  });

  it('keeps successful samples per label per second for three labels or more, none for fewer', () => {
    expect(analysis.okCounts).toEqual({
      bucketSeconds: 1,
      labels: [
        { label: 'Flow', counts: [1, 0, 0] },
        { label: 'Login', counts: [1, 0, 0] },
        { label: 'Search', counts: [1, 1, 1] },
      ],
    });
    const two = analyseLoadTestSamples(samplesOf(rows.filter((r) => r[3] !== 'Flow')), {
      format: 'jmeterCsv',
      percentileMethod: 'jmeter',
      sustainSeconds: 2,
    });
    expect(two.okCounts).toBeUndefined();
  });

  it('widens the ok-count buckets only to divisors, then multiples, of the sustain window', () => {
    expect(okCountsBucketSeconds(10, 3600, 10)).toBe(1);
    // 100 labels over 2 hours: 720,000 one-second cells are too many; 5-second buckets fit.
    expect(okCountsBucketSeconds(100, 7200, 10)).toBe(5);
    expect(okCountsBucketSeconds(1000, 7200, 10)).toBe(40);
    expect(okCountsBucketSeconds(1000, 7200, 7)).toBe(42);
    for (const [labels, seconds, sustain] of [
      [3, 100, 10],
      [500, 86_400, 10],
      [50_000, 3600, 15],
    ] as const) {
      const width = okCountsBucketSeconds(labels, seconds, sustain);
      expect(width <= sustain ? sustain % width : width % sustain).toBe(0);
      expect(labels * Math.ceil(seconds / width)).toBeLessThanOrEqual(OK_COUNTS_MAX_CELLS);
    }
  });

  it('refuses samples spread over more than a month (a broken timestamp)', () => {
    expect(() =>
      analyseLoadTestSamples(
        samplesOf([
          [T0, 1, true, 'a'],
          [T0 + 40 * 86_400_000, 1, true, 'a'],
        ]),
        { format: 'genericCsv', percentileMethod: 'r6', sustainSeconds: 10 },
      ),
    ).toThrow(/span 40 days/);
  });
});
