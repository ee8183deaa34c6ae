/**
 * Imported load-test results (JMeter, k6, Gatling, any CSV through a column mapping): the shapes the
 * import engine answers with and the stress-test screens, findings and deliverables read.
 * The statistics themselves are in ./load-test-stats.ts (pure, shared by the worker, tests and bench).
 */
import { z } from 'zod';

export const LOAD_TEST_FORMATS = ['jmeterCsv', 'jmeterXml', 'k6Csv', 'gatlingLog', 'genericCsv'] as const;
export const loadTestFormatSchema = z.enum(LOAD_TEST_FORMATS);
export type LoadTestFormat = z.infer<typeof loadTestFormatSchema>;

/**
 * How percentiles are estimated. Both use commons-math3 `Percentile` with its default estimation
 * (EstimationType.LEGACY, which is Hyndman-Fan R-6: position p·(n+1) on the ascending sample,
 * linear interpolation between neighbours, clamped to min and max), as JMeter does.
 * - 'jmeter': what JMeter's HTML dashboard prints for a JTL: the estimator over the LAST 20,000
 *   samples of each label (and of the Total row) in file order, because the dashboard keeps its
 *   percentile values in a rolling window (`jmeter.reportgenerator.statistic_window`, default
 *   20000). Mean, min and max are over every sample. Used for JMeter CSV and XML files.
 * - 'r6': the same estimator over every sample. Used for k6, Gatling and generic CSV files.
 */
export const PERCENTILE_METHODS = ['jmeter', 'r6'] as const;
export const percentileMethodSchema = z.enum(PERCENTILE_METHODS);
export type PercentileMethod = z.infer<typeof percentileMethodSchema>;

/** JMeter's default `jmeter.reportgenerator.statistic_window`: percentiles over this many latest samples. */
export const JMETER_STATISTIC_WINDOW = 20_000;

/** Default length of the window over which peak sustained TPS is averaged. */
export const DEFAULT_SUSTAIN_SECONDS = 10;
/** The series never has more buckets than this, so a chart stays readable and the payload small. */
export const MAX_SERIES_BUCKETS = 600;
/** The series carries per-label lines for this many of the busiest labels. */
export const SERIES_BUSIEST_LABELS = 10;

/** The generic CSV mapping step: which column holds what, for files no known tool wrote. */
export const columnMappingSchema = z.object({
  /** Column name holding the sample's start time. */
  timestamp: z.string().min(1),
  /** Epoch milliseconds, epoch seconds, or an ISO-8601 / date-time text. */
  timestampUnit: z.enum(['ms', 's', 'iso']),
  /** Column naming the request/transaction; null = one label for every row. */
  label: z.string().min(1).nullable(),
  /** Column holding the response time. */
  elapsed: z.string().min(1),
  elapsedUnit: z.enum(['ms', 's', 'us']),
  /** Column telling success; null = every row succeeded. */
  success: z.string().min(1).nullable(),
  /**
   * Values (case-insensitive) counted as success. Default: true, ok, success, pass, passed, 1, and
   * any HTTP status 200-399.
   */
  successValues: z.array(z.string()).optional(),
});
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

const nonNegative = z.number().nonnegative();

export const latencyFiguresSchema = z.object({
  samples: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  /** 0..1 */
  errorRate: z.number().min(0).max(1),
  minMs: nonNegative,
  meanMs: nonNegative,
  maxMs: nonNegative,
  p50Ms: nonNegative,
  p90Ms: nonNegative,
  p95Ms: nonNegative,
  p99Ms: nonNegative,
  /** Samples per second over the span first start .. last end (start + elapsed): JMeter's definition. */
  throughput: nonNegative,
  /** Highest mean samples/s over any `sustainSeconds` consecutive whole seconds of the run. */
  peakSustainedTps: nonNegative,
  /**
   * The same over successful samples only: what a throughput target is judged on (a request that
   * failed fast is not throughput). Absent in analyses stored before it was kept.
   */
  okPeakSustainedTps: nonNegative.optional(),
  /**
   * p95 and p99 over every sample. The 'jmeter' method's p95Ms/p99Ms cover only the latest 20,000
   * samples (the end of the run, often the ramp-down), as the dashboard prints them; targets are
   * judged on these. Absent in analyses stored before they were kept.
   */
  p95AllMs: nonNegative.optional(),
  p99AllMs: nonNegative.optional(),
});
export type LatencyFigures = z.infer<typeof latencyFiguresSchema>;

export const labelFiguresSchema = latencyFiguresSchema.extend({ label: z.string() });
export type LabelFigures = z.infer<typeof labelFiguresSchema>;

const bucketValues = z.array(z.number());
const bucketPercentiles = z.array(z.number().nullable());

export const loadTestSeriesSchema = z.object({
  /** Epoch ms of the first bucket's start (the run's first whole second). */
  startMs: z.number(),
  /** Chosen so there are at most MAX_SERIES_BUCKETS buckets. */
  bucketSeconds: z.number().int().min(1),
  /** Samples per second in each bucket, all labels (by sample start time). */
  throughput: bucketValues,
  /** Failed samples per second in each bucket. */
  errors: bucketValues,
  /** null = no samples in the bucket. */
  p50Ms: bucketPercentiles,
  p95Ms: bucketPercentiles,
  p99Ms: bucketPercentiles,
  /** The SERIES_BUSIEST_LABELS labels with the most samples. */
  labels: z.array(z.object({ label: z.string(), throughput: bucketValues, p95Ms: bucketPercentiles })),
});
export type LoadTestSeries = z.infer<typeof loadTestSeriesSchema>;

/**
 * Successful samples per label in buckets of `bucketSeconds` (by start time, from the run's first
 * whole second), so a scenario that takes several labels but not all can be judged on their
 * combined peak sustained TPS. `bucketSeconds` divides `sustainSeconds` or is a multiple of it, so
 * whole windows of buckets are real sustain windows and the combined peak is a lower bound, exact
 * when `bucketSeconds` is 1 (the finest the size cap allows; see OK_COUNTS_MAX_CELLS).
 */
export const okCountsSchema = z.object({
  bucketSeconds: z.number().int().min(1),
  labels: z.array(z.object({ label: z.string(), counts: z.array(z.number().int().nonnegative()) })),
});
export type OkCounts = z.infer<typeof okCountsSchema>;
/** labels × buckets kept in `okCounts` at most (about 1 MB of JSON); beyond it the buckets widen. */
export const OK_COUNTS_MAX_CELLS = 200_000;

export const loadTestWarningSchema = z.object({
  code: z.string(),
  message: z.string(),
  line: z.number().int().positive().optional(),
});
export type LoadTestWarning = z.infer<typeof loadTestWarningSchema>;

export const loadTestAnalysisSchema = z.object({
  format: loadTestFormatSchema,
  percentileMethod: percentileMethodSchema,
  sustainSeconds: z.number().int().min(1),
  /** Samples counted (top-level samples; JMeter sub-samples and k6's non-duration metrics are not rows). */
  rows: z.number().int().nonnegative(),
  /** Epoch ms: first sample start, last sample end. */
  startMs: z.number(),
  endMs: z.number(),
  durationSeconds: nonNegative,
  overall: latencyFiguresSchema,
  /** Sorted by label. */
  labels: z.array(labelFiguresSchema),
  series: loadTestSeriesSchema,
  warnings: z.array(loadTestWarningSchema),
  /**
   * Whole seconds from the first sample's start second to the last's: a run shorter than
   * `sustainSeconds` cannot show a held rate. Absent in analyses stored before it was kept.
   */
  runSeconds: z.number().int().nonnegative().optional(),
  /** Present when the run has three labels or more; see okCountsSchema. */
  okCounts: okCountsSchema.optional(),
});
export type LoadTestAnalysis = z.infer<typeof loadTestAnalysisSchema>;

export const loadTestPreviewSchema = z.object({
  /** null = not recognised; the user picks generic CSV and a mapping. */
  format: loadTestFormatSchema.nullable(),
  /** For CSV-like files; null for XML and unknown. */
  delimiter: z.string().nullable(),
  headers: z.array(z.string()),
  /** The first 20 data rows, as text. */
  rows: z.array(z.array(z.string())),
  suggestedMapping: columnMappingSchema.nullable(),
});
export type LoadTestPreview = z.infer<typeof loadTestPreviewSchema>;

export const analyseLoadTestOptionsSchema = z.object({
  format: loadTestFormatSchema,
  mapping: columnMappingSchema.optional(),
  sustainSeconds: z.number().int().min(1).max(3600).optional(),
});
export type AnalyseLoadTestOptions = z.infer<typeof analyseLoadTestOptionsSchema>;
