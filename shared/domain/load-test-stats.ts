/**
 * Statistics over imported load-test samples: percentiles (JMeter's method), throughput, peak
 * sustained TPS and the series over time. Pure and allocation-conscious: the samples arrive as
 * typed arrays (a million rows is 21 MB), grouping is done by counting sort, and every sort is a
 * numeric typed-array sort. Used by the import worker, the unit tests and the bench.
 */
import {
  JMETER_STATISTIC_WINDOW,
  type LabelFigures,
  type LatencyFigures,
  type LoadTestAnalysis,
  type LoadTestFormat,
  type LoadTestSeries,
  type LoadTestWarning,
  MAX_SERIES_BUCKETS,
  OK_COUNTS_MAX_CELLS,
  type OkCounts,
  type PercentileMethod,
  SERIES_BUSIEST_LABELS,
} from './load-test';

/** Flag bits per sample. */
export const SAMPLE_OK = 1;
/** A JMeter Transaction Controller's parent sample: listed under its label, left out of the Total. */
export const SAMPLE_CONTROLLER = 2;

/**
 * Samples as parsed, in file order. The arrays may be longer than `count` (they grow by doubling);
 * only the first `count` entries are samples.
 */
export type LoadTestSamples = {
  count: number;
  /** Epoch ms the sample started. */
  startMs: Float64Array;
  elapsedMs: Float64Array;
  /** SAMPLE_OK | SAMPLE_CONTROLLER bits. */
  flags: Uint8Array;
  /** Index into `labels`. */
  labelIndex: Uint32Array;
  labels: readonly string[];
};

/** A load test longer than this is not a load test: a timestamp is wrong (and the per-second histogram would be huge). */
export const MAX_RUN_SECONDS = 31 * 24 * 3600;

const PERCENTS = [50, 90, 95, 99] as const;

/**
 * commons-math3 `Percentile.evaluate` with EstimationType.LEGACY (its default, and JMeter's) on an
 * ascending array: position pos = p·(n+1) with p = percent/100; below 1 gives the minimum, at or
 * beyond n the maximum, otherwise x[⌊pos⌋] + frac(pos)·(x[⌊pos⌋+1] − x[⌊pos⌋]) with 1-based x.
 * This is Hyndman-Fan R-6. NaN for an empty array.
 */
export function percentileLegacySorted(sorted: ArrayLike<number>, percent: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  if (n === 1) return sorted[0] ?? Number.NaN;
  const p = percent / 100;
  const pos = p === 0 ? 0 : p === 1 ? n : p * (n + 1);
  if (pos < 1) return sorted[0] ?? Number.NaN;
  if (pos >= n) return sorted[n - 1] ?? Number.NaN;
  const whole = Math.floor(pos);
  const lower = sorted[whole - 1] ?? Number.NaN;
  const upper = sorted[whole] ?? Number.NaN;
  return lower + (pos - whole) * (upper - lower);
}

/** The 'r6' method: the legacy estimator over every value (sorts a copy). */
export function percentileR6(values: ArrayLike<number>, percent: number): number {
  return percentileLegacySorted(Float64Array.from(values).sort(), percent);
}

/**
 * The 'jmeter' method: what JMeter's dashboard prints for values added in this order. Its
 * DescriptiveStatistics keeps a rolling window of the latest `window` values, so only those count.
 */
export function percentileJmeterDashboard(
  valuesInFileOrder: ArrayLike<number>,
  percent: number,
  window: number = JMETER_STATISTIC_WINDOW,
): number {
  const from = Math.max(0, valuesInFileOrder.length - window);
  const kept = new Float64Array(valuesInFileOrder.length - from);
  for (let i = from; i < valuesInFileOrder.length; i += 1) kept[i - from] = valuesInFileOrder[i] ?? Number.NaN;
  return percentileLegacySorted(kept.sort(), percent);
}

/**
 * JMeter's dashboard throughput: samples / (last end − first start) in seconds, where a sample's
 * end is its start + elapsed. 0 when the span is empty (JMeter would print Infinity).
 */
export function jmeterThroughput(samples: number, firstStartMs: number, lastEndMs: number): number {
  const spanMs = lastEndMs - firstStartMs;
  return spanMs > 0 ? (samples * 1000) / spanMs : 0;
}

/**
 * Highest mean samples/s over any `sustainSeconds` consecutive whole seconds, from counts per
 * second. A run shorter than the window is averaged over all its seconds.
 */
export function peakSustainedTps(perSecond: ArrayLike<number>, sustainSeconds: number): number {
  const n = perSecond.length;
  if (n === 0) return 0;
  const window = Math.max(1, Math.min(Math.floor(sustainSeconds), n));
  let sum = 0;
  for (let i = 0; i < window; i += 1) sum += perSecond[i] ?? 0;
  let best = sum;
  for (let i = window; i < n; i += 1) {
    sum += (perSecond[i] ?? 0) - (perSecond[i - window] ?? 0);
    if (sum > best) best = sum;
  }
  return best / window;
}

const NICE_BUCKET_SECONDS = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600];

/** The smallest readable bucket width that keeps the series within MAX_SERIES_BUCKETS buckets. */
export function chooseBucketSeconds(spanSeconds: number): number {
  const needed = Math.max(1, Math.ceil(spanSeconds / MAX_SERIES_BUCKETS));
  return NICE_BUCKET_SECONDS.find((s) => s >= needed) ?? Math.ceil(needed / 3600) * 3600;
}

export type AnalyseSamplesOptions = {
  format: LoadTestFormat;
  percentileMethod: PercentileMethod;
  sustainSeconds: number;
  /** Percentile window of the 'jmeter' method; JMeter's default unless a test says otherwise. */
  jmeterWindow?: number;
};

function bump(counts: Uint32Array, at: number, by: number): void {
  counts[at] = (counts[at] ?? 0) + by;
}

/** Row indices grouped by key (stable: file order within a key), with each key's range. */
function groupBy(keys: ArrayLike<number>, rows: number, keyCount: number, include?: (row: number) => boolean) {
  const offsets = new Uint32Array(keyCount + 1);
  for (let i = 0; i < rows; i += 1) if (!include || include(i)) bump(offsets, (keys[i] ?? 0) + 1, 1);
  for (let k = 0; k < keyCount; k += 1) bump(offsets, k + 1, offsets[k] ?? 0);
  const next = offsets.slice(0, keyCount);
  const order = new Uint32Array(offsets[keyCount] ?? 0);
  for (let i = 0; i < rows; i += 1) {
    if (include && !include(i)) continue;
    const key = keys[i] ?? 0;
    order[next[key] ?? 0] = i;
    next[key] = (next[key] ?? 0) + 1;
  }
  return { offsets, order };
}

type Percentiles = { p50Ms: number; p90Ms: number; p95Ms: number; p99Ms: number };

/** Percentiles of elapsed over rows order[from..to), the last `window` of them; `scratch` is reused. */
function percentilesOf(
  elapsed: Float64Array,
  order: Uint32Array,
  from: number,
  to: number,
  window: number,
  scratch: Float64Array,
): Percentiles {
  const start = Math.max(from, to - window);
  const kept = scratch.subarray(0, to - start);
  for (let k = start; k < to; k += 1) kept[k - start] = elapsed[order[k] ?? 0] ?? 0;
  kept.sort();
  const [p50Ms, p90Ms, p95Ms, p99Ms] = PERCENTS.map((p) => percentileLegacySorted(kept, p));
  return { p50Ms: p50Ms ?? 0, p90Ms: p90Ms ?? 0, p95Ms: p95Ms ?? 0, p99Ms: p99Ms ?? 0 };
}

/**
 * Peak sustained TPS of rows order[from..to) (only those `include` accepts), using a shared
 * per-second histogram left zeroed.
 */
function peakOf(
  secondOf: Int32Array,
  order: Uint32Array,
  from: number,
  to: number,
  histogram: Uint32Array,
  sustainSeconds: number,
  include?: (row: number) => boolean,
): number {
  if (to <= from) return 0;
  let low = Number.MAX_SAFE_INTEGER;
  let high = -1;
  for (let k = from; k < to; k += 1) {
    if (include && !include(order[k] ?? 0)) continue;
    const second = secondOf[order[k] ?? 0] ?? 0;
    histogram[second] = (histogram[second] ?? 0) + 1;
    if (second < low) low = second;
    if (second > high) high = second;
  }
  if (high < 0) return 0;
  const window = Math.max(1, Math.min(sustainSeconds, histogram.length));
  // Every window that holds one of these samples lies within [low − window + 1, high + window − 1].
  const begin = Math.max(0, Math.min(low - window + 1, histogram.length - window));
  const end = Math.min(histogram.length, Math.max(high + window, begin + window));
  const peak = peakSustainedTps(histogram.subarray(begin, end), window);
  for (let k = from; k < to; k += 1) histogram[secondOf[order[k] ?? 0] ?? 0] = 0;
  return peak;
}

type Totals = { samples: number; errors: number; sum: number; min: number; max: number; first: number; last: number };

/** What targets are judged on, beside the dashboard's figures: see latencyFiguresSchema. */
type Judged = { okPeak: number; p95AllMs: number; p99AllMs: number };

function figures(totals: Totals, percentiles: Percentiles, peak: number, judged: Judged): LatencyFigures {
  if (totals.samples === 0)
    return {
      samples: 0,
      errors: 0,
      errorRate: 0,
      minMs: 0,
      meanMs: 0,
      maxMs: 0,
      p50Ms: 0,
      p90Ms: 0,
      p95Ms: 0,
      p99Ms: 0,
      throughput: 0,
      peakSustainedTps: 0,
      okPeakSustainedTps: 0,
      p95AllMs: 0,
      p99AllMs: 0,
    };
  return {
    samples: totals.samples,
    errors: totals.errors,
    errorRate: totals.errors / totals.samples,
    minMs: totals.min,
    meanMs: totals.sum / totals.samples,
    maxMs: totals.max,
    ...percentiles,
    throughput: jmeterThroughput(totals.samples, totals.first, totals.last),
    peakSustainedTps: peak,
    okPeakSustainedTps: judged.okPeak,
    p95AllMs: judged.p95AllMs,
    p99AllMs: judged.p99AllMs,
  };
}

/** p50/p95/p99 per bucket of the rows order[from..to), each row's bucket in bucketOf. */
function bucketPercentiles(
  elapsed: Float64Array,
  bucketOf: Uint32Array,
  order: Uint32Array,
  from: number,
  to: number,
  buckets: number,
  wanted: readonly number[],
): { counts: Uint32Array; values: (number | null)[][] } {
  const counts = new Uint32Array(buckets);
  for (let k = from; k < to; k += 1) bump(counts, bucketOf[order[k] ?? 0] ?? 0, 1);
  const offsets = new Uint32Array(buckets + 1);
  for (let b = 0; b < buckets; b += 1) offsets[b + 1] = (offsets[b] ?? 0) + (counts[b] ?? 0);
  const next = offsets.slice(0, buckets);
  const grouped = new Float64Array(to - from);
  for (let k = from; k < to; k += 1) {
    const row = order[k] ?? 0;
    const b = bucketOf[row] ?? 0;
    grouped[next[b] ?? 0] = elapsed[row] ?? 0;
    next[b] = (next[b] ?? 0) + 1;
  }
  const values = wanted.map(() => new Array<number | null>(buckets).fill(null));
  for (let b = 0; b < buckets; b += 1) {
    const segment = grouped.subarray(offsets[b] ?? 0, offsets[b + 1] ?? 0);
    if (segment.length === 0) continue;
    segment.sort();
    wanted.forEach((p, w) => {
      const line = values[w];
      if (line) line[b] = percentileLegacySorted(segment, p);
    });
  }
  return { counts, values };
}

/**
 * Everything the stress-test screens and documents show, from the parsed samples. The Total
 * ('overall') leaves out Transaction Controller samples as JMeter's dashboard does; each label's
 * figures include all of its samples.
 */
export function analyseLoadTestSamples(samples: LoadTestSamples, options: AnalyseSamplesOptions): LoadTestAnalysis {
  const { count: n, startMs, elapsedMs, flags, labelIndex, labels } = samples;
  const labelCount = labels.length;
  const window = options.percentileMethod === 'jmeter' ? (options.jmeterWindow ?? JMETER_STATISTIC_WINDOW) : n;
  const sustainSeconds = Math.max(1, Math.floor(options.sustainSeconds));
  const warnings: LoadTestWarning[] = [];

  const perLabel: Totals[] = labels.map(() => ({
    samples: 0,
    errors: 0,
    sum: 0,
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
    first: Number.POSITIVE_INFINITY,
    last: Number.NEGATIVE_INFINITY,
  }));
  const total: Totals = {
    samples: 0,
    errors: 0,
    sum: 0,
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
    first: Number.POSITIVE_INFINITY,
    last: Number.NEGATIVE_INFINITY,
  };
  let runStart = Number.POSITIVE_INFINITY;
  let runEnd = Number.NEGATIVE_INFINITY;
  let lastStart = Number.NEGATIVE_INFINITY;
  let controllers = 0;
  const add = (totals: Totals, start: number, elapsed: number, ok: boolean) => {
    totals.samples += 1;
    if (!ok) totals.errors += 1;
    totals.sum += elapsed;
    if (elapsed < totals.min) totals.min = elapsed;
    if (elapsed > totals.max) totals.max = elapsed;
    if (start < totals.first) totals.first = start;
    if (start + elapsed > totals.last) totals.last = start + elapsed;
  };
  for (let i = 0; i < n; i += 1) {
    const start = startMs[i] ?? 0;
    const elapsed = elapsedMs[i] ?? 0;
    const flag = flags[i] ?? 0;
    const ok = (flag & SAMPLE_OK) !== 0;
    const label = perLabel[labelIndex[i] ?? 0];
    if (label) add(label, start, elapsed, ok);
    if (flag & SAMPLE_CONTROLLER) controllers += 1;
    else add(total, start, elapsed, ok);
    if (start < runStart) runStart = start;
    if (start + elapsed > runEnd) runEnd = start + elapsed;
    if (start > lastStart) lastStart = start;
  }
  if (n === 0) {
    runStart = 0;
    runEnd = 0;
    lastStart = 0;
  }

  // Whole seconds of the run, by start time: for peak sustained TPS and the series.
  const firstSecond = Math.floor(runStart / 1000);
  const seconds = Math.floor(lastStart / 1000) - firstSecond + 1;
  if (seconds > MAX_RUN_SECONDS)
    throw new RangeError(
      `the samples span ${Math.round(seconds / 86400)} days (first start ${new Date(runStart).toISOString()}, last ${new Date(lastStart).toISOString()}); a timestamp is wrong`,
    );
  const secondOf = new Int32Array(n);
  for (let i = 0; i < n; i += 1) secondOf[i] = Math.floor((startMs[i] ?? 0) / 1000) - firstSecond;
  const histogram = new Uint32Array(Math.max(1, seconds));

  const isTotalRow = (row: number) => ((flags[row] ?? 0) & SAMPLE_CONTROLLER) === 0;
  const byLabel = groupBy(labelIndex, n, labelCount);
  const totalRows = groupBy(new Uint8Array(n), n, 1, controllers > 0 ? isTotalRow : undefined);
  let widest = total.samples;
  for (const totals of perLabel) widest = Math.max(widest, totals.samples);
  const scratch = new Float64Array(Math.min(widest, window));
  // Targets are judged over every sample; only the 'jmeter' window makes that a second pass.
  const wholeScratch = widest > window ? new Float64Array(widest) : scratch;
  const isOk = (row: number) => ((flags[row] ?? 0) & SAMPLE_OK) !== 0;

  const figuresOf = (totals: Totals, order: Uint32Array, from: number, to: number) => {
    const windowed = percentilesOf(elapsedMs, order, from, to, window, scratch);
    const whole = to - from > window ? percentilesOf(elapsedMs, order, from, to, to - from, wholeScratch) : windowed;
    return figures(totals, windowed, peakOf(secondOf, order, from, to, histogram, sustainSeconds), {
      okPeak: peakOf(secondOf, order, from, to, histogram, sustainSeconds, isOk),
      p95AllMs: whole.p95Ms,
      p99AllMs: whole.p99Ms,
    });
  };
  const labelFigures: LabelFigures[] = labels.map((label, l) => ({
    label,
    ...figuresOf(perLabel[l] ?? total, byLabel.order, byLabel.offsets[l] ?? 0, byLabel.offsets[l + 1] ?? 0),
  }));
  labelFigures.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const overall = figuresOf(total, totalRows.order, 0, total.samples);

  if (options.percentileMethod === 'jmeter' && widest > window) {
    const over = perLabel.filter((t) => t.samples > window).length;
    warnings.push({
      code: 'percentileWindow',
      message: `As JMeter's dashboard does (jmeter.reportgenerator.statistic_window = ${window.toLocaleString('en')}), the tables' percentiles are computed over the latest ${window.toLocaleString('en')} samples of each label and of the total, in file order (${over} label(s) have more). Targets are judged over every sample: over all ${total.samples.toLocaleString('en')} samples the total's p95 is ${(overall.p95AllMs ?? 0).toFixed(1)} ms and p99 ${(overall.p99AllMs ?? 0).toFixed(1)} ms.`,
    });
  }
  if (seconds < sustainSeconds && total.samples > 0) {
    // A target is a rate the system must hold; a run this short cannot show one.
    warnings.push({
      code: 'shortRun',
      message: `The run covers ${seconds.toLocaleString('en')} whole second(s), less than the ${sustainSeconds}-second window: its peak sustained TPS is the mean over those seconds, not a rate held for ${sustainSeconds} s.`,
    });
  }
  if (controllers > 0)
    warnings.push({
      code: 'transactionControllers',
      message: `${controllers.toLocaleString('en')} Transaction Controller sample(s) are listed under their own labels and left out of the total, as JMeter's dashboard does.`,
    });

  return {
    format: options.format,
    percentileMethod: options.percentileMethod,
    sustainSeconds,
    rows: n,
    startMs: runStart,
    endMs: runEnd,
    durationSeconds: Math.max(0, runEnd - runStart) / 1000,
    overall,
    labels: labelFigures,
    series: buildSeries(samples, secondOf, seconds, firstSecond, totalRows, byLabel, perLabel),
    warnings,
    runSeconds: total.samples > 0 ? seconds : 0,
    // One or two labels need none: a scenario then takes one label or all of them, both exact.
    ...(labelCount >= 3 && labelCount <= OK_COUNTS_MAX_CELLS
      ? { okCounts: okCountsOf(samples, secondOf, seconds, sustainSeconds) }
      : {}),
  };
}

/**
 * The bucket width of `okCounts`: the finest that keeps labels × buckets within
 * OK_COUNTS_MAX_CELLS, among the divisors of the sustain window and then its multiples, so whole
 * windows of buckets are real sustain windows (their mean never exceeds the true peak). Needs
 * labelCount ≤ OK_COUNTS_MAX_CELLS (one bucket over the whole run then fits).
 */
export function okCountsBucketSeconds(labelCount: number, seconds: number, sustainSeconds: number): number {
  const fits = (width: number) => labelCount * Math.ceil(Math.max(1, seconds) / width) <= OK_COUNTS_MAX_CELLS;
  for (let width = 1; width <= sustainSeconds; width += 1)
    if (sustainSeconds % width === 0 && fits(width)) return width;
  const multiple = Math.ceil((labelCount * Math.max(1, seconds)) / (OK_COUNTS_MAX_CELLS * sustainSeconds));
  for (let k = Math.max(2, multiple); ; k += 1) if (fits(k * sustainSeconds)) return k * sustainSeconds;
}

/** Successful samples per label (sorted by label, as `labels`) per bucket of okCountsBucketSeconds. */
function okCountsOf(samples: LoadTestSamples, secondOf: Int32Array, seconds: number, sustainSeconds: number): OkCounts {
  const labelCount = samples.labels.length;
  const bucketSeconds = okCountsBucketSeconds(labelCount, seconds, sustainSeconds);
  const buckets = Math.max(1, Math.ceil(Math.max(1, seconds) / bucketSeconds));
  const cells = new Uint32Array(labelCount * buckets);
  for (let i = 0; i < samples.count; i += 1) {
    if (((samples.flags[i] ?? 0) & SAMPLE_OK) === 0) continue;
    bump(cells, (samples.labelIndex[i] ?? 0) * buckets + Math.floor((secondOf[i] ?? 0) / bucketSeconds), 1);
  }
  const labels = samples.labels.map((label, l) => ({
    label,
    counts: Array.from(cells.subarray(l * buckets, (l + 1) * buckets)),
  }));
  labels.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return { bucketSeconds, labels };
}

function buildSeries(
  samples: LoadTestSamples,
  secondOf: Int32Array,
  seconds: number,
  firstSecond: number,
  totalRows: { offsets: Uint32Array; order: Uint32Array },
  byLabel: { offsets: Uint32Array; order: Uint32Array },
  perLabel: Totals[],
): LoadTestSeries {
  const n = samples.count;
  const bucketSeconds = chooseBucketSeconds(Math.max(1, seconds));
  const buckets = Math.max(1, Math.ceil(Math.max(1, seconds) / bucketSeconds));
  const bucketOf = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) bucketOf[i] = Math.floor((secondOf[i] ?? 0) / bucketSeconds);
  const perSecond = (count: number) => count / bucketSeconds;

  const totalCount = totalRows.offsets[1] ?? 0;
  const overall = bucketPercentiles(samples.elapsedMs, bucketOf, totalRows.order, 0, totalCount, buckets, [50, 95, 99]);
  const errors = new Uint32Array(buckets);
  for (let k = 0; k < totalCount; k += 1) {
    const row = totalRows.order[k] ?? 0;
    if (((samples.flags[row] ?? 0) & SAMPLE_OK) === 0) bump(errors, bucketOf[row] ?? 0, 1);
  }

  const busiest = perLabel
    .map((totals, l) => ({ l, samples: totals.samples, label: samples.labels[l] ?? '' }))
    .sort((a, b) => b.samples - a.samples || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
    .slice(0, SERIES_BUSIEST_LABELS);
  const labels = busiest.map(({ l, label }) => {
    const line = bucketPercentiles(
      samples.elapsedMs,
      bucketOf,
      byLabel.order,
      byLabel.offsets[l] ?? 0,
      byLabel.offsets[l + 1] ?? 0,
      buckets,
      [95],
    );
    return { label, throughput: Array.from(line.counts, perSecond), p95Ms: line.values[0] ?? [] };
  });

  return {
    startMs: firstSecond * 1000,
    bucketSeconds,
    throughput: Array.from(overall.counts, perSecond),
    errors: Array.from(errors, perSecond),
    p50Ms: overall.values[0] ?? [],
    p95Ms: overall.values[1] ?? [],
    p99Ms: overall.values[2] ?? [],
    labels,
  };
}
