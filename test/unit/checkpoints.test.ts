import {
  type Checkpoint,
  checkpointMetricSchema,
  metricLabel,
  observedVsPredicted,
  templatePlannedAt,
} from '@shared/domain/checkpoints';
import { describe, expect, it } from 'vitest';

const metric = (
  kind: Checkpoint['metrics'][number]['kind'],
  value: number | null,
  observedAt: string | null = null,
) => ({
  id: `${kind}-${value}`,
  kind,
  resource: '',
  name: '',
  unit: '',
  value,
  observedAt,
});

describe('observed against predicted peak', () => {
  const checkpoints = [
    { name: 'T-1h', metrics: [metric('qps', 30000, '2026-11-10T15:00:00.000Z'), metric('tps', 900)] },
    { name: 'Peak', metrics: [metric('qps', 54000, '2026-11-10T16:01:00.000Z'), metric('tps', null)] },
    { name: 'T+1h', metrics: [metric('qps', 41000), metric('p99', 900)] },
  ];

  it.each([
    ['above the prediction', { qps: 45000, tps: 1000 }, 1.2, 0.9],
    ['no prediction', { qps: null, tps: null }, null, null],
    ['a prediction of zero gives no ratio', { qps: 0, tps: 1000 }, null, 0.9],
  ])('%s', (_case, predicted, qpsRatio, tpsRatio) => {
    const [qps, tps] = observedVsPredicted(checkpoints, predicted);
    expect(qps).toMatchObject({
      metric: 'qps',
      observed: 54000,
      observedAt: '2026-11-10T16:01:00.000Z',
      checkpointName: 'Peak',
      predicted: predicted.qps,
    });
    expect(qps?.ratio ?? null).toBe(qpsRatio);
    expect(tps).toMatchObject({ metric: 'tps', observed: 900, checkpointName: 'T-1h' });
    expect(tps?.ratio ?? null).toBe(tpsRatio);
  });

  it('says nothing was observed when no checkpoint recorded the metric', () => {
    expect(observedVsPredicted([], { qps: 1000, tps: null })[0]).toEqual({
      metric: 'qps',
      observed: null,
      observedAt: null,
      checkpointName: null,
      predicted: 1000,
      ratio: null,
    });
  });
});

describe('quick-add checkpoints', () => {
  const window = { eventStartUtc: '2026-11-10T12:00:00.000Z', eventEndUtc: '2026-11-11T18:00:00.000Z' };
  it.each([
    ['tMinus24h', '2026-11-09T12:00:00.000Z'],
    ['tMinus1h', '2026-11-10T11:00:00.000Z'],
    ['windowStart', '2026-11-10T12:00:00.000Z'],
    ['tPlus1h', '2026-11-10T13:00:00.000Z'],
    ['windowEnd', '2026-11-11T18:00:00.000Z'],
  ] as const)('places %s at %s', (template, expected) => {
    expect(templatePlannedAt(template, window, null)).toBe(expected);
  });

  it('places the peak only at the time the consultant set', () => {
    expect(templatePlannedAt('peak', window, null)).toBeNull();
    expect(templatePlannedAt('peak', window, '2026-11-10T16:00:00.000Z')).toBe('2026-11-10T16:00:00.000Z');
  });
});

describe('checkpoint metrics', () => {
  it.each([
    [{ kind: 'p99', resource: '', name: '', unit: '' }, 'en', 'p99 latency'],
    [{ kind: 'cpu', resource: 'order-db', name: '', unit: '' }, 'zh-CN', 'CPU 利用率 (order-db)'],
    [{ kind: 'custom', resource: '', name: 'Queue depth', unit: 'msgs' }, 'zh-CN', 'Queue depth'],
  ] as const)('labels %o in %s as %s', (metric, language, label) => {
    expect(metricLabel(metric, language)).toBe(label);
  });

  it.each([
    [{ kind: 'cpu' }, 'resource', 'validation.metricResource'],
    [{ kind: 'custom', unit: 'msgs' }, 'name', 'validation.metricName'],
    [{ kind: 'custom', name: 'Queue depth' }, 'unit', 'validation.metricUnit'],
    [{ kind: 'errorRate', value: 120 }, 'value', 'validation.percent'],
    [{ kind: 'qps', value: -1 }, 'value', 'validation.number'],
  ])('refuses %o naming %s', (input, field, key) => {
    const parsed = checkpointMetricSchema.safeParse(input);
    expect(parsed.error?.issues[0]).toMatchObject({ path: [field], message: key });
  });

  it('takes a custom metric with a negative value (a delta)', () => {
    expect(checkpointMetricSchema.safeParse({ kind: 'custom', name: 'Delta', unit: 'ms', value: -5 }).success).toBe(
      true,
    );
  });
});
