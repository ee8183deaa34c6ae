/**
 * Checkpoints of the on-duty period: planned checks (T-24h, T-1h, window start, the peak, T+1h,
 * window end, or any the consultant names) with the metrics to record at each — QPS, TPS, p99
 * latency, error rate, CPU and memory utilisation of named resources, or custom metrics with a
 * unit — and the values observed, each with when it was observed. The pure functions place the
 * quick-add templates relative to the event window and compare the observed peak with the plan's.
 */
import { z } from 'zod';

/** Quick-add checkpoints, placed relative to the event window (the peak at a time the consultant sets). */
export const CHECKPOINT_TEMPLATES = ['tMinus24h', 'tMinus1h', 'windowStart', 'peak', 'tPlus1h', 'windowEnd'] as const;
export type CheckpointTemplate = (typeof CHECKPOINT_TEMPLATES)[number];

export const METRIC_KINDS = ['qps', 'tps', 'p99', 'errorRate', 'cpu', 'memory', 'custom'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

/** The unit each standard metric is recorded in; a custom metric states its own. */
export const METRIC_UNITS: Record<Exclude<MetricKind, 'custom'>, string> = {
  qps: 'QPS',
  tps: 'TPS',
  p99: 'ms',
  errorRate: '%',
  cpu: '%',
  memory: '%',
};

/** The metrics a quick-added checkpoint starts with; utilisation needs a named resource, so it is added by hand. */
export const DEFAULT_CHECKPOINT_METRICS: readonly MetricKind[] = ['qps', 'tps', 'p99', 'errorRate'];

const HOUR_MS = 3_600_000;

const optionalText = (max: number) =>
  z.string({ message: 'validation.tooLong' }).trim().max(max, { message: 'validation.tooLong' }).default('');
const instant = (key: string) => z.string({ message: key }).datetime({ message: key });

export const checkpointMetricSchema = z
  .object({
    id: z.string().uuid({ message: 'validation.id' }).optional(),
    kind: z.enum(METRIC_KINDS, { message: 'validation.metricKind' }),
    /** The resource whose CPU or memory is meant (required for those), or what a custom metric measures. */
    resource: optionalText(200),
    /** A custom metric's name and unit. */
    name: optionalText(200),
    unit: optionalText(40),
    value: z
      .number({ message: 'validation.metricValue' })
      .finite({ message: 'validation.metricValue' })
      .nullable()
      .default(null),
    /** When the value was observed, ISO-8601 UTC; set with the value. */
    observedAt: instant('validation.instant').nullable().default(null),
  })
  .superRefine((metric, ctx) => {
    if ((metric.kind === 'cpu' || metric.kind === 'memory') && metric.resource === '') {
      ctx.addIssue({ code: 'custom', path: ['resource'], message: 'validation.metricResource' });
    }
    if (metric.kind === 'custom' && metric.name === '') {
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'validation.metricName' });
    }
    if (metric.kind === 'custom' && metric.unit === '') {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: 'validation.metricUnit' });
    }
    if (metric.value !== null && (metric.kind === 'errorRate' || metric.kind === 'cpu' || metric.kind === 'memory')) {
      if (metric.value < 0 || metric.value > 100) {
        ctx.addIssue({ code: 'custom', path: ['value'], message: 'validation.percent' });
      }
    } else if (metric.value !== null && metric.value < 0 && metric.kind !== 'custom') {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'validation.number' });
    }
  });
export type CheckpointMetricInput = z.input<typeof checkpointMetricSchema>;
export type CheckpointMetric = z.output<typeof checkpointMetricSchema> & { id: string };

export const checkpointInputSchema = z.object({
  name: z
    .string({ message: 'validation.checkpointName' })
    .trim()
    .min(1, { message: 'validation.checkpointName' })
    .max(200, { message: 'validation.tooLong' }),
  plannedAt: instant('validation.checkpointPlannedAt'),
  metrics: z.array(checkpointMetricSchema).max(50, { message: 'validation.tooMany' }).default([]),
  notes: optionalText(4000),
});
export type CheckpointInput = z.input<typeof checkpointInputSchema>;

export const checkpointSchema = z.object({
  id: z.string(),
  engagementId: z.string(),
  name: z.string(),
  plannedAt: z.string(),
  /** The quick-add template it came from, if any (one of each per engagement). */
  template: z.enum(CHECKPOINT_TEMPLATES).nullable(),
  metrics: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(METRIC_KINDS),
      resource: z.string(),
      name: z.string(),
      unit: z.string(),
      value: z.number().nullable(),
      observedAt: z.string().nullable(),
    }),
  ),
  notes: z.string(),
  /** When its observations were recorded last (null: not yet). */
  recordedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;
export type StoredMetric = Checkpoint['metrics'][number];

/** Where a quick-add template falls, UTC; the peak needs the time the consultant sets. */
export function templatePlannedAt(
  template: CheckpointTemplate,
  window: { eventStartUtc: string; eventEndUtc: string },
  peakAtUtc: string | null,
): string | null {
  const start = Date.parse(window.eventStartUtc);
  const end = Date.parse(window.eventEndUtc);
  const at: Record<CheckpointTemplate, number | null> = {
    tMinus24h: start - 24 * HOUR_MS,
    tMinus1h: start - HOUR_MS,
    windowStart: start,
    peak: peakAtUtc === null ? null : Date.parse(peakAtUtc),
    tPlus1h: start + HOUR_MS,
    windowEnd: end,
  };
  const value = at[template];
  return value === null ? null : new Date(value).toISOString();
}

/** English and Chinese names of the quick-add checkpoints, as the checkpoint is named in its engagement's language. */
export const TEMPLATE_NAMES: Record<CheckpointTemplate, { en: string; 'zh-CN': string }> = {
  tMinus24h: { en: 'T-24h', 'zh-CN': 'T-24 小时' },
  tMinus1h: { en: 'T-1h', 'zh-CN': 'T-1 小时' },
  windowStart: { en: 'Window start', 'zh-CN': '保障窗口开始' },
  peak: { en: 'Peak', 'zh-CN': '业务峰值' },
  tPlus1h: { en: 'T+1h', 'zh-CN': 'T+1 小时' },
  windowEnd: { en: 'Window end', 'zh-CN': '保障窗口结束' },
};

const METRIC_NAMES: Record<Exclude<MetricKind, 'custom'>, { en: string; 'zh-CN': string }> = {
  qps: { en: 'QPS', 'zh-CN': 'QPS' },
  tps: { en: 'TPS', 'zh-CN': 'TPS' },
  p99: { en: 'p99 latency', 'zh-CN': 'p99 时延' },
  errorRate: { en: 'Error rate', 'zh-CN': '错误率' },
  cpu: { en: 'CPU', 'zh-CN': 'CPU 利用率' },
  memory: { en: 'Memory', 'zh-CN': '内存利用率' },
};

/**
 * How a metric reads in a line or table cell, in the document's language: "QPS", "CPU (order-db)",
 * "Queue depth (mq-01)"; a custom metric keeps the name the consultant gave it.
 */
export function metricLabel(
  metric: Pick<StoredMetric, 'kind' | 'resource' | 'name' | 'unit'>,
  language: 'en' | 'zh-CN' = 'en',
): string {
  const label = metric.kind === 'custom' ? metric.name : METRIC_NAMES[metric.kind][language];
  const withResource = metric.kind === 'cpu' || metric.kind === 'memory' || metric.kind === 'custom';
  return withResource && metric.resource !== '' ? `${label} (${metric.resource})` : label;
}

export function metricUnit(metric: Pick<StoredMetric, 'kind' | 'unit'>): string {
  return metric.kind === 'custom' ? metric.unit : METRIC_UNITS[metric.kind];
}

/** A value with its unit: "12,000 QPS", "180 ms", "0.2 %". */
export function metricValueText(metric: Pick<StoredMetric, 'kind' | 'unit' | 'value'>): string {
  if (metric.value === null) return '—';
  const unit = metricUnit(metric);
  const number = metric.value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return unit === '' ? number : `${number} ${unit}`;
}

/**
 * The index of the first metric whose observed value or time a save changes (a removed metric
 * that held a value counts), or null when the observations stay as they were.
 */
export function changedObservation(
  before: readonly { id: string; value: number | null; observedAt: string | null }[],
  after: readonly { id?: string | undefined; value: number | null; observedAt: string | null }[],
): number | null {
  const previous = new Map(before.map((m) => [m.id, m]));
  const index = after.findIndex((m) => {
    const was = m.id === undefined ? undefined : previous.get(m.id);
    return (was?.value ?? null) !== m.value || (was?.observedAt ?? null) !== m.observedAt;
  });
  if (index >= 0) return index;
  const kept = new Set(after.map((m) => m.id));
  return before.some((m) => !kept.has(m.id) && m.value !== null) ? after.length : null;
}

/** The line a recorded checkpoint adds to the war-room log: "Checkpoint T-1h: QPS 12,000 QPS, p99 latency 180 ms". */
export function checkpointLogText(
  checkpoint: Pick<Checkpoint, 'name' | 'metrics' | 'notes'>,
  language: 'en' | 'zh-CN' = 'en',
): string {
  const zh = language === 'zh-CN';
  const observed = checkpoint.metrics
    .filter((m) => m.value !== null)
    .map((m) => `${metricLabel(m, language)} ${metricValueText(m)}`);
  const parts = [observed.length > 0 ? observed.join(zh ? '，' : ', ') : zh ? '未记录数值' : 'no values recorded'];
  if (checkpoint.notes !== '') parts.push(checkpoint.notes);
  return zh ? `检查点 ${checkpoint.name}：${parts.join('。')}` : `Checkpoint ${checkpoint.name}: ${parts.join('. ')}`;
}

// ---------------------------------------------------------------------------------------------
// Observed against predicted peak

export type PeakComparison = {
  metric: 'qps' | 'tps';
  /** The highest value observed at any checkpoint, with when and where; null when none. */
  observed: number | null;
  observedAt: string | null;
  checkpointName: string | null;
  /** The plan's prediction (engagementDetailsSchema.peak); null when not predicted. */
  predicted: number | null;
  /** observed ÷ predicted (1.2 = 20 % above the prediction); null when either is missing or predicted is 0. */
  ratio: number | null;
};

/** Observed peak QPS and TPS against the plan's predicted peak. */
export function observedVsPredicted(
  checkpoints: readonly Pick<Checkpoint, 'name' | 'metrics'>[],
  predicted: { qps: number | null; tps: number | null },
): PeakComparison[] {
  return (['qps', 'tps'] as const).map((metric) => {
    let best: { value: number; at: string | null; name: string } | null = null;
    for (const checkpoint of checkpoints) {
      for (const m of checkpoint.metrics) {
        if (m.kind !== metric || m.value === null) continue;
        if (best === null || m.value > best.value) best = { value: m.value, at: m.observedAt, name: checkpoint.name };
      }
    }
    const target = predicted[metric];
    return {
      metric,
      observed: best?.value ?? null,
      observedAt: best?.at ?? null,
      checkpointName: best?.name ?? null,
      predicted: target,
      ratio: best !== null && target !== null && target > 0 ? best.value / target : null,
    };
  });
}

/** Checkpoints in time order, for the timeline (planned time, then name). */
export function compareCheckpoints(
  a: Pick<Checkpoint, 'plannedAt' | 'name'>,
  b: Pick<Checkpoint, 'plannedAt' | 'name'>,
) {
  return a.plannedAt.localeCompare(b.plannedAt) || a.name.localeCompare(b.name);
}
