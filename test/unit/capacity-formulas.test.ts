import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  baselineProblem,
  type CapacityEvaluated,
  type CapacityEvaluation,
  type CapacityFormula,
  type CapacityInputs,
  capacityFormulaFileSchema,
  capacityOutsideEdition,
  EMPTY_CAPACITY_INPUTS,
  evaluateCapacity,
  formatFactor,
  formatNumber,
  formatPct,
  formatQuantity,
  isFormulaRecommendation,
  type PeakForecast,
  primaryFormula,
} from '@shared/domain/capacity';
import {
  capacityFindingOwnText,
  capacityFindingText,
  capacityReEvaluatedOn,
  capacityReportTable,
  peakText,
} from '@shared/domain/capacity-report';
import { describe, expect, it } from 'vitest';

const FILE = join(resolve(import.meta.dirname, '..', '..', 'resources'), 'capacity', 'formulas.json');
const shipped = capacityFormulaFileSchema.parse(JSON.parse(readFileSync(FILE, 'utf8')));

function formula(id: string): CapacityFormula {
  const found = shipped.formulas.find((f) => f.id === id);
  if (!found) throw new Error(`no formula ${id}`);
  return found;
}

const NO_PEAK: PeakForecast = { qps: null, tps: null, concurrentUsers: null, bandwidth: null, bandwidthUnit: 'Mbps' };
const peak = (figures: Partial<PeakForecast>): PeakForecast => ({ ...NO_PEAK, ...figures });
const inputs = (figures: Partial<CapacityInputs>): CapacityInputs => ({ ...EMPTY_CAPACITY_INPUTS, ...figures });

function evaluated(evaluation: CapacityEvaluation): CapacityEvaluated {
  if (evaluation.status !== 'evaluated') throw new Error(`incomplete: ${evaluation.missing.join(', ')}`);
  return evaluation;
}

/** Every number of an evaluation, to check none is NaN or infinite. */
function numbersOf(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersOf);
  return [];
}

describe('the shipped capacity formulas', () => {
  it('validate against the schema and are named for their file', () => {
    const raw = JSON.parse(readFileSync(FILE, 'utf8'));
    expect(capacityFormulaFileSchema.safeParse(raw).success).toBe(true);
    expect(raw.id).toBe('formulas');
  });

  it('cover every kind of resource the issue names, each with one primary formula', () => {
    const types = [
      'compute',
      'loadBalancer',
      'database',
      'cache',
      'messageQueue',
      'cdn',
      'objectStorage',
      'network',
      'antiDdosWaf',
      'autoScaling',
    ];
    for (const type of types) expect(primaryFormula(shipped.formulas, type), type).toBeDefined();
    const ids = shipped.formulas.map((f) => f.id);
    for (const id of [
      'compute-qps',
      'compute-vcpu',
      'lb-qps',
      'lb-new-connections',
      'lb-bandwidth',
      'database-qps',
      'database-tps',
      'database-connections',
      'database-iops',
      'database-storage',
      'cache-qps',
      'cache-memory',
      'cache-connections',
      'message-queue-tps',
      'cdn-bandwidth',
      'object-storage-requests',
      'network-public-bandwidth',
      'network-nat-connections',
      'anti-ddos-protection-bandwidth',
      'waf-qps',
      'auto-scaling-max-size',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('each evaluate a full set of inputs to finite figures and a filled recommendation in both languages', () => {
    const forecast = peak({ qps: 12_000, tps: 3_000, concurrentUsers: 50_000, bandwidth: 2, bandwidthUnit: 'Gbps' });
    for (const f of shipped.formulas) {
      const result = evaluated(
        evaluateCapacity(
          { inputs: inputs({ units: 4, capacityPerUnit: 1_000, currentCap: 1_000, baseline: 50 }) },
          f,
          forecast,
        ),
      );
      expect(numbersOf(result).every(Number.isFinite), f.id).toBe(true);
      for (const text of Object.values(result.recommendation.text)) {
        expect(text, f.id).not.toMatch(/\{\w+\}/);
        expect(text.trim(), f.id).not.toBe('');
      }
    }
  });

  it('each recognise their own recommendations (increase, no change, beyond the steps) in both languages', () => {
    const forecast = peak({ qps: 12_000, tps: 3_000, concurrentUsers: 50_000, bandwidth: 2, bandwidthUnit: 'Gbps' });
    for (const f of shipped.formulas) {
      for (const size of [0.5, 1_000, 1e9]) {
        const result = evaluated(
          evaluateCapacity(
            { inputs: inputs({ units: 3, capacityPerUnit: size, currentCap: size, baseline: 50_000 }) },
            f,
            forecast,
          ),
        );
        for (const text of Object.values(result.recommendation.text)) {
          expect(isFormulaRecommendation(f, text), `${f.id}: ${text}`).toBe(true);
        }
      }
    }
  });
});

describe('evaluateCapacity', () => {
  it('scales out: 8 instances × 1,500 QPS against a 12,000 QPS peak × 1.2 with a 30 % margin needs 14 instances', () => {
    const result = evaluated(
      evaluateCapacity(
        { inputs: inputs({ units: 8, capacityPerUnit: 1_500, baseline: 6_000, multiplier: 1.2, marginPct: 30 }) },
        formula('compute-qps'),
        peak({ qps: 12_000 }),
      ),
    );
    expect(result.currentCapacity).toBe(12_000);
    expect(result.baselineLoad).toBe(6_000);
    expect(result.baselineUtilisationPct).toBe(50);
    expect(result.peakSource).toBe('forecast');
    expect(result.forecastFigure).toBe(12_000);
    expect(result.predictedPeak).toBeCloseTo(14_400, 6);
    expect(result.requiredCapacity).toBeCloseTo(14_400 / 0.7, 6);
    expect(result.headroomPct).toBeCloseTo(-20, 6);
    expect(result.peakUtilisationPct).toBeCloseTo(120, 6);
    expect(result.belowMargin).toBe(true);
    expect(result.recommendation).toMatchObject({ kind: 'scaleOut', fromUnits: 8, toUnits: 14 });
    expect(result.recommendation.text.en).toBe('Scale out from 8 to 14 instances.');
    expect(result.recommendation.text['zh-CN']).toBe('将实例从 8 台扩容至 14 台。');
  });

  it('scales out on utilisation: 10 × 8 vCPU at 40 % doubling at the peak needs 12 instances', () => {
    const result = evaluated(
      evaluateCapacity(
        { inputs: inputs({ units: 10, capacityPerUnit: 8, baseline: 40 }) },
        formula('compute-vcpu'),
        NO_PEAK,
      ),
    );
    expect(result.currentCapacity).toBe(80);
    expect(result.baselineLoad).toBeCloseTo(32, 9);
    expect(result.peakSource).toBe('baseline');
    expect(result.multiplier).toBe(2);
    expect(result.predictedPeak).toBeCloseTo(64, 9);
    // (80 − 64) / 80 = 20 %, short of the 30 % default margin; 64 / 0.7 = 91.4 vCPU = 11.4 instances.
    expect(result.headroomPct).toBeCloseTo(20, 9);
    expect(result.belowMargin).toBe(true);
    expect(result.recommendation).toMatchObject({ kind: 'scaleOut', fromUnits: 10, toUnits: 12 });
  });

  it('scales up to the next step: 1 Gbps of public bandwidth against a 1.2 Gbps forecast becomes 2 Gbps', () => {
    const result = evaluated(
      evaluateCapacity(
        { inputs: inputs({ currentCap: 1_000, baseline: 400 }) },
        formula('network-public-bandwidth'),
        peak({ bandwidth: 1.2, bandwidthUnit: 'Gbps' }),
      ),
    );
    expect(result.forecastFigure).toBeCloseTo(1_200, 9);
    expect(result.predictedPeak).toBeCloseTo(1_200, 9);
    expect(result.headroomPct).toBeCloseTo(-20, 9);
    expect(result.recommendation).toMatchObject({ kind: 'scaleUp', fromCap: 1_000, toCap: 2_000 });
    expect(result.recommendation.text.en).toBe('Raise the public bandwidth from 1 Gbps to 2 Gbps.');
    expect(result.recommendation.text['zh-CN']).toBe('将公网带宽从 1 Gbps 提升至 2 Gbps。');
  });

  it('scales up in increments: 500 GB with 450 GB used growing 1.2× and a 20 % margin becomes 700 GB', () => {
    const result = evaluated(
      evaluateCapacity({ inputs: inputs({ currentCap: 500, baseline: 450 }) }, formula('database-storage'), NO_PEAK),
    );
    expect(result.predictedPeak).toBeCloseTo(540, 9);
    expect(result.requiredCapacity).toBeCloseTo(675, 9);
    expect(result.headroomPct).toBeCloseTo(-8, 9);
    expect(result.recommendation).toMatchObject({ kind: 'scaleUp', fromCap: 500, toCap: 700 });
    expect(result.recommendation.text.en).toBe('Expand storage from 500 GB to 700 GB.');
  });

  it('recommends no change when the capacity meets the peak with the margin', () => {
    const result = evaluated(
      evaluateCapacity(
        { inputs: inputs({ units: 4, capacityPerUnit: 100_000 }) },
        formula('cache-qps'),
        peak({ qps: 12_000 }),
      ),
    );
    expect(result.predictedPeak).toBe(24_000);
    expect(result.headroomPct).toBeCloseTo(94, 9);
    expect(result.belowMargin).toBe(false);
    expect(result.recommendation).toMatchObject({ kind: 'none', fromUnits: 4, toUnits: 4 });
    expect(result.recommendation.text.en).toBe('No scaling needed: 4 shards meet the peak with the margin (1 needed).');
  });

  it('passes a headroom of exactly the margin', () => {
    const result = evaluated(
      evaluateCapacity({ inputs: inputs({ currentCap: 10_000 }) }, formula('lb-qps'), peak({ qps: 7_000 })),
    );
    expect(result.headroomPct).toBeCloseTo(30, 9);
    expect(result.belowMargin).toBe(false);
    expect(result.recommendation.kind).toBe('none');
  });

  it('says when the need is beyond the largest step', () => {
    const result = evaluated(
      evaluateCapacity(
        { inputs: inputs({ currentCap: 20, baseline: 600 }) },
        formula('anti-ddos-protection-bandwidth'),
        NO_PEAK,
      ),
    );
    expect(result.predictedPeak).toBe(1_200);
    expect(result.recommendation).toMatchObject({ kind: 'beyondSteps', fromCap: 20, toCap: null });
    expect(result.recommendation.text.en).toContain('above the largest option (1,000 Gbps)');
  });

  it('converts the forecast bandwidth to the formula unit', () => {
    const inMbps = evaluated(
      evaluateCapacity(
        { inputs: inputs({ currentCap: 5_000 }) },
        formula('cdn-bandwidth'),
        peak({ bandwidth: 3, bandwidthUnit: 'Gbps' }),
      ),
    );
    expect(inMbps.predictedPeak).toBe(3_000);
    const already = evaluated(
      evaluateCapacity(
        { inputs: inputs({ currentCap: 5_000 }) },
        formula('cdn-bandwidth'),
        peak({ bandwidth: 800, bandwidthUnit: 'Mbps' }),
      ),
    );
    expect(already.predictedPeak).toBe(800);
  });

  it('uses a stated peak instead of the forecast, even when the forecast is missing', () => {
    const result = evaluated(
      evaluateCapacity(
        { inputs: inputs({ currentCap: 8_000, peakOverride: 6_000, marginPct: 20 }) },
        formula('database-connections'),
        NO_PEAK,
      ),
    );
    expect(result.peakSource).toBe('override');
    expect(result.predictedPeak).toBe(6_000);
    expect(result.headroomPct).toBeCloseTo(25, 9);
    expect(result.belowMargin).toBe(false);
  });

  it('names every missing input instead of computing NaN', () => {
    expect(evaluateCapacity({ inputs: inputs({}) }, formula('compute-qps'), NO_PEAK)).toEqual({
      status: 'incomplete',
      missing: ['units', 'capacityPerUnit', 'peak.qps'],
    });
    expect(evaluateCapacity({ inputs: inputs({}) }, formula('database-iops'), NO_PEAK)).toEqual({
      status: 'incomplete',
      missing: ['currentCap', 'baseline'],
    });
    expect(evaluateCapacity({ inputs: inputs({ currentCap: 100 }) }, formula('message-queue-tps'), NO_PEAK)).toEqual({
      status: 'incomplete',
      missing: ['peak.tps'],
    });
    expect(
      evaluateCapacity({ inputs: inputs({ currentCap: 100 }) }, formula('network-nat-connections'), NO_PEAK),
    ).toEqual({ status: 'incomplete', missing: ['peak.concurrentUsers'] });
  });

  it('refuses a utilisation baseline above 100 %', () => {
    expect(baselineProblem(formula('compute-vcpu'), inputs({ baseline: 120 }))).toBe('validation.capacityUtilisation');
    expect(baselineProblem(formula('compute-qps'), inputs({ baseline: 120 }))).toBeNull();
  });
});

describe('capacity formatting', () => {
  it('rounds headroom down so a failed margin never reads as met', () => {
    expect(formatPct(29.7, 'en', 'down')).toBe('29 %');
    expect(formatPct(29.7, 'zh-CN')).toBe('30%');
    expect(formatPct(-20, 'en', 'down')).toBe('−20 %');
  });

  it('prints a factor with up to three decimals and no trailing zeros, other figures as before', () => {
    expect([1.15, 1.25, 2, 1.2, 1.2346, 1_500].map(formatFactor)).toEqual([
      '1.15',
      '1.25',
      '2',
      '1.2',
      '1.235',
      '1,500',
    ]);
    expect(formatNumber(1.15)).toBe('1.2');
    const growth = evaluated(
      evaluateCapacity(
        { inputs: inputs({ units: 8, capacityPerUnit: 1_500, multiplier: 1.15, marginPct: 30 }) },
        formula('compute-qps'),
        peak({ qps: 12_000 }),
      ),
    );
    expect(peakText(formula('compute-qps'), growth, 'en')).toBe('13,800 QPS (forecast 12,000 QPS × 1.15)');
    expect(peakText(formula('compute-qps'), growth, 'zh-CN')).toBe('13,800 QPS（预测 12,000 QPS × 1.15）');
  });

  it('writes bandwidth from 1,000 Mbps as Gbps', () => {
    const mbps = { en: 'Mbps', 'zh-CN': 'Mbps' };
    expect(formatQuantity(500, mbps, 'en')).toBe('500 Mbps');
    expect(formatQuantity(2_500, mbps, 'en')).toBe('2.5 Gbps');
    expect(formatQuantity(20_571.4, { en: 'QPS', 'zh-CN': 'QPS' }, 'en')).toBe('20,571 QPS');
  });
});

describe('the capacity formula file schema', () => {
  const base = shipped.formulas[0];
  const withFormula = (patch: Record<string, unknown>) => ({
    id: 'formulas',
    version: '1.0.0',
    formulas: [{ ...base, ...patch }],
  });
  const problems = (file: unknown) => {
    const parsed = capacityFormulaFileSchema.safeParse(file);
    return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('refuses a template with an unknown placeholder or without the target', () => {
    expect(
      problems(withFormula({ recommendation: { increase: { en: 'Go to {target}', 'zh-CN': '扩容至 {to}' } } })),
    ).toEqual(expect.arrayContaining(['formulas.0.recommendation.increase.en: unknown placeholder {target}']));
    expect(problems(withFormula({ recommendation: { increase: { en: 'More', 'zh-CN': '扩容至 {to}' } } }))).toEqual([
      'formulas.0.recommendation.increase.en: the increase text must say {to}',
    ]);
  });

  it('refuses duplicate ids, two primaries for a type, and a scale-up with both steps and an increment', () => {
    const twice = { id: 'formulas', version: '1.0.0', formulas: [base, base] };
    expect(problems(twice).some((p) => p.includes('duplicate id'))).toBe(true);
    expect(problems(twice).some((p) => p.includes('second primary'))).toBe(true);
    const both = withFormula({
      scaling: { kind: 'scaleUp', steps: [1, 2], increment: 1 },
      labels: { ...base?.labels, currentCap: { en: 'Cap', 'zh-CN': '上限' } },
    });
    expect(problems(both)).toEqual(['formulas.0.scaling: give either steps or increment']);
  });
});

describe('capacity in the edition', () => {
  it('is outside an edition whose catalog has the item out of scope, and never ruled out by a catalog without it', () => {
    expect(capacityOutsideEdition([{ id: 'capacity-evaluation', inScope: false }])).toBe(true);
    expect(capacityOutsideEdition([{ id: 'capacity-assessment', inScope: true }])).toBe(false);
    expect(capacityOutsideEdition([{ id: 'risk-inspection', inScope: true }])).toBe(false);
  });
});

describe('capacity text for findings and documents', () => {
  const item = {
    id: 'item-1',
    name: 'Order service',
    formulaId: 'compute-qps',
    inputs: inputs({ units: 8, capacityPerUnit: 1_500, baseline: 6_000, multiplier: 1.2, marginPct: 30 }),
  };
  const forecast = peak({ qps: 12_000 });

  it('puts the numbers in the finding, in the engagement language', () => {
    const evaluation = evaluated(evaluateCapacity(item, formula('compute-qps'), forecast));
    const en = capacityFindingText(item, formula('compute-qps'), evaluation, 'en');
    expect(en.title).toBe('Capacity below margin: Order service Requests per second (headroom −20 %, margin 30 %)');
    expect(en.description).toContain('Current capacity 12,000 QPS (8 instances × 1,500 QPS)');
    expect(en.description).toContain('predicted peak 14,400 QPS (forecast 12,000 QPS × 1.2)');
    expect(en.description).toContain('needs 20,571 QPS');
    expect(en.recommendation).toBe('Scale out from 8 to 14 instances.');
    const zh = capacityFindingText(item, formula('compute-qps'), evaluation, 'zh-CN');
    expect(zh.title).toBe('容量低于安全余量：Order service 每秒请求数（余量 −20%，要求 30%）');
    expect(zh.recommendation).toBe('将实例从 8 台扩容至 14 台。');
  });

  it('tells the app text of a finding from what the consultant rewrote', () => {
    const f = formula('compute-qps');
    const evaluation = evaluated(evaluateCapacity(item, f, forecast));
    for (const lang of ['en', 'zh-CN'] as const) {
      expect(capacityFindingOwnText(capacityFindingText(item, f, evaluation, lang), f)).toEqual({
        title: true,
        description: true,
        recommendation: true,
      });
    }
    const met = evaluated(evaluateCapacity({ ...item, inputs: { ...item.inputs, units: 20 } }, f, forecast));
    for (const lang of ['en', 'zh-CN'] as const) {
      const recovered = capacityFindingText(item, f, met, lang, '2026-06-01');
      expect(capacityFindingOwnText(recovered, f)).toEqual({ title: true, description: true, recommendation: true });
      expect(capacityReEvaluatedOn(recovered.description)).toBe('2026-06-01');
      expect(capacityReEvaluatedOn(capacityFindingText(item, f, evaluation, lang).description)).toBeNull();
    }
    expect(
      capacityFindingOwnText(
        {
          title: 'Order service cannot take the peak',
          description: 'See the capacity sheet.',
          recommendation: 'Scale out from 8 to 14 instances and move reports to a replica.',
        },
        f,
      ),
    ).toEqual({ title: false, description: false, recommendation: false });
    expect(
      capacityFindingOwnText(
        {
          title: '',
          description: '',
          recommendation: 'No scaling needed: 4 instances meet the peak with the margin (3 needed).',
        },
        f,
      ).recommendation,
    ).toBe(true);
  });

  it('gives the deliverables one row per item, incomplete ones saying what is missing', () => {
    const incomplete = { id: 'item-2', name: 'Orders DB', formulaId: 'database-iops', inputs: inputs({}) };
    const withdrawn = { id: 'item-3', name: 'Legacy', formulaId: 'no-such-formula', inputs: inputs({}) };
    const table = capacityReportTable([item, incomplete, withdrawn], shipped.formulas, forecast, 'en');
    expect(table.columns.map((c) => c.title)).toEqual([
      'Resource',
      'Metric',
      'Current capacity',
      'Baseline utilisation',
      'Predicted peak',
      'Required (with margin)',
      'Headroom at peak',
      'Scaling recommendation',
    ]);
    expect(table.rows[0]?.cells).toEqual({
      resource: 'Order service',
      metric: 'Requests per second',
      capacity: '12,000 QPS (8 instances × 1,500 QPS)',
      baselineUtilisation: '50 %',
      predictedPeak: '14,400 QPS (forecast 12,000 QPS × 1.2)',
      required: '20,571 QPS',
      headroom: '−20 % (below the 30 % margin)',
      recommendation: 'Scale out from 8 to 14 instances.',
    });
    expect(table.rows[1]?.cells.recommendation).toBe('Not evaluated: missing current cap, baseline load');
    expect(table.rows[2]?.cells.recommendation).toBe('Not evaluated: missing a formula');
    expect(table).toMatchObject({ belowMargin: 1, incomplete: 2 });
    const zh = capacityReportTable([item], shipped.formulas, forecast, 'zh-CN');
    expect(zh.columns[0]?.title).toBe('资源');
    expect(zh.rows[0]?.cells.headroom).toBe('−20%（低于 30% 安全余量）');
  });

  it('writes a Chinese row and finding with Chinese punctuation and no space before %', () => {
    const zh = capacityReportTable([item], shipped.formulas, forecast, 'zh-CN');
    expect(zh.rows[0]?.cells).toEqual({
      resource: 'Order service',
      metric: '每秒请求数',
      capacity: '12,000 QPS（8 台实例 × 1,500 QPS）',
      baselineUtilisation: '50%',
      predictedPeak: '14,400 QPS（预测 12,000 QPS × 1.2）',
      required: '20,571 QPS',
      headroom: '−20%（低于 30% 安全余量）',
      recommendation: '将实例从 8 台扩容至 14 台。',
    });
    const incomplete = { id: 'item-2', name: 'Orders DB', formulaId: 'database-iops', inputs: inputs({}) };
    expect(capacityReportTable([incomplete], shipped.formulas, forecast, 'zh-CN').rows[0]?.cells.recommendation).toBe(
      '未评估：缺少当前上限、基线负载',
    );
    const evaluation = evaluated(evaluateCapacity(item, formula('compute-qps'), forecast));
    const finding = capacityFindingText(item, formula('compute-qps'), evaluation, 'zh-CN');
    expect(finding.description).toBe(
      '当前容量 12,000 QPS（8 台实例 × 1,500 QPS）；预测峰值 14,400 QPS（预测 12,000 QPS × 1.2），占容量的 120%。' +
        '在保留 30% 安全余量的情况下需要 20,571 QPS；峰值时余量为 −20%。',
    );
    // Every Chinese cell and finding field: no ASCII brackets, colons, commas between words, or " %".
    const texts = [...Object.values(zh.rows[0]?.cells ?? {}), finding.title, finding.description];
    for (const text of texts) expect(text).not.toMatch(/[():;]|, | %/);
  });
});
