/**
 * Capacity evaluation in words and tables, in the engagement's language: the finding a resource
 * below its margin raises, and the rows the deliverables' capacity sections print (H1 §8, A1 §4,
 * A2 §5). Pure, so the documents and the service say exactly the same numbers.
 */
import {
  type CapacityEvaluated,
  type CapacityEvaluation,
  type CapacityFormula,
  type CapacityInputs,
  type CapacityMissing,
  evaluateCapacity,
  formatFactor,
  formatNumber,
  formatPct,
  formatQuantity,
  isFormulaRecommendation,
  type PeakForecast,
} from './capacity';
import type { Localized } from './catalog';
import type { DeliverableLanguage } from './engagement';
import type { Severity } from './finding';

type Lang = DeliverableLanguage;

const L = (en: string, zh: string): Localized => ({ en, 'zh-CN': zh });

/** Names of what an incomplete evaluation lacks, for the documents (the app has its own i18n). */
export const MISSING_LABELS: Record<CapacityMissing, Localized> = {
  formula: L('a formula', '评估公式'),
  units: L('number of units', '数量'),
  capacityPerUnit: L('capacity per unit', '单位容量'),
  currentCap: L('current cap', '当前上限'),
  baseline: L('baseline load', '基线负载'),
  'peak.qps': L('peak QPS forecast', '预测峰值 QPS'),
  'peak.tps': L('peak TPS forecast', '预测峰值 TPS'),
  'peak.concurrentUsers': L('peak concurrent users forecast', '预测峰值并发用户数'),
  'peak.bandwidth': L('peak bandwidth forecast', '预测峰值带宽'),
};

const list = (parts: string[], lang: Lang) => parts.join(lang === 'en' ? ', ' : '、');

/** "12,000 QPS (8 instances × 1,500 QPS)", "12,000 QPS（8 台实例 × 1,500 QPS）" or "1 Gbps". */
export function capacityText(
  formula: CapacityFormula,
  inputs: CapacityInputs,
  evaluation: CapacityEvaluated,
  lang: Lang,
): string {
  const total = formatQuantity(evaluation.currentCapacity, formula.unit, lang);
  if (formula.scaling.kind !== 'scaleOut') return total;
  const per = formatQuantity(inputs.capacityPerUnit ?? 0, formula.unit, lang);
  const units = `${formatNumber(inputs.units ?? 0)} ${formula.scaling.unitName[lang]}`;
  // Chinese takes full-width brackets with no space before them: "12,000 QPS（8 台实例 × 1,500 QPS）".
  return lang === 'en' ? `${total} (${units} × ${per})` : `${total}（${units} × ${per}）`;
}

/** Where the predicted peak came from: "12,000 QPS forecast × 1.2", "today's 40 vCPU × 2", "stated". */
export function peakText(formula: CapacityFormula, evaluation: CapacityEvaluated, lang: Lang): string {
  const peak = formatQuantity(evaluation.predictedPeak, formula.unit, lang);
  const times = formatFactor(evaluation.multiplier);
  if (evaluation.peakSource === 'override') return lang === 'en' ? `${peak} (stated)` : `${peak}（直接给定）`;
  if (evaluation.peakSource === 'forecast') {
    const figure = formatQuantity(evaluation.forecastFigure ?? 0, formula.unit, lang);
    return lang === 'en' ? `${peak} (forecast ${figure} × ${times})` : `${peak}（预测 ${figure} × ${times}）`;
  }
  const base = formatQuantity(evaluation.baselineLoad ?? 0, formula.unit, lang);
  return lang === 'en' ? `${peak} (today ${base} × ${times})` : `${peak}（当前 ${base} × ${times}）`;
}

export function headroomText(evaluation: CapacityEvaluated, lang: Lang): string {
  const headroom = formatPct(evaluation.headroomPct, lang, 'down');
  const margin = formatPct(evaluation.marginPct, lang);
  if (evaluation.belowMargin) {
    return lang === 'en' ? `${headroom} (below the ${margin} margin)` : `${headroom}（低于 ${margin} 安全余量）`;
  }
  return lang === 'en' ? `${headroom} (margin ${margin} met)` : `${headroom}（满足 ${margin} 安全余量）`;
}

export function incompleteText(missing: readonly CapacityMissing[], lang: Lang): string {
  const names = list(
    missing.map((m) => MISSING_LABELS[m][lang]),
    lang,
  );
  return lang === 'en' ? `Not evaluated: missing ${names}` : `未评估：缺少${names}`;
}

/** A finding's severity: the peak does not fit at all (high), or it fits without the margin (medium). */
export function capacitySeverity(evaluation: CapacityEvaluated): Severity {
  return evaluation.headroomPct < 0 ? 'high' : 'medium';
}

const TITLE_BELOW = L('Capacity below margin: ', '容量低于安全余量：');
const TITLE_MET = L('Capacity margin now met: ', '容量已满足安全余量：');

/**
 * The finding a resource below its margin raises: the numbers in the title, the scaling as the fix.
 * When the item has since recovered, the same finding's own text says so instead of keeping stale
 * numbers: a "margin met" title and, after the figures, the day it was re-evaluated (`reEvaluatedOn`,
 * a date in the event's zone) with the headroom that now meets the margin.
 */
export function capacityFindingText(
  item: { name: string; inputs: CapacityInputs },
  formula: CapacityFormula,
  evaluation: CapacityEvaluated,
  lang: Lang,
  reEvaluatedOn: string | null = null,
): { title: string; description: string; recommendation: string } {
  const metric = formula.metric[lang];
  const headroom = formatPct(evaluation.headroomPct, lang, 'down');
  const margin = formatPct(evaluation.marginPct, lang);
  const capacity = capacityText(formula, item.inputs, evaluation, lang);
  const peak = peakText(formula, evaluation, lang);
  const required = formatQuantity(evaluation.requiredCapacity, formula.unit, lang);
  const utilisation = formatPct(evaluation.peakUtilisationPct, lang);
  const met = !evaluation.belowMargin;
  const title =
    lang === 'en'
      ? `${met ? TITLE_MET.en : TITLE_BELOW.en}${item.name} ${metric} (headroom ${headroom}, margin ${margin})`
      : `${met ? TITLE_MET['zh-CN'] : TITLE_BELOW['zh-CN']}${item.name} ${metric}（余量 ${headroom}，要求 ${margin}）`;
  const figures =
    lang === 'en'
      ? `Current capacity ${capacity}; predicted peak ${peak}, ${utilisation} of capacity. ` +
        `Meeting the peak with a ${margin} safety margin needs ${required}; the headroom at the peak is ${headroom}.`
      : `当前容量 ${capacity}；预测峰值 ${peak}，占容量的 ${utilisation}。` +
        `在保留 ${margin} 安全余量的情况下需要 ${required}；峰值时余量为 ${headroom}。`;
  const recovered =
    met && reEvaluatedOn !== null
      ? lang === 'en'
        ? ` Re-evaluated on ${reEvaluatedOn}: headroom ${headroom}, margin ${margin} met.`
        : `${reEvaluatedOn} 重新评估：余量 ${headroom}，已满足 ${margin} 安全余量。`
      : '';
  return { title, description: `${figures}${recovered}`, recommendation: evaluation.recommendation.text[lang] };
}

const TITLE_PREFIXES = [TITLE_BELOW.en, TITLE_BELOW['zh-CN'], TITLE_MET.en, TITLE_MET['zh-CN']];
const DESCRIPTION_PREFIXES = ['Current capacity ', '当前容量 '];
const RE_EVALUATED = / Re-evaluated on (\d{4}-\d{2}-\d{2}): |。(\d{4}-\d{2}-\d{2}) 重新评估：/;

/**
 * The day a recovered item's finding says it was re-evaluated, or null when its description has
 * no such line: a later re-evaluation with the same figures keeps that day rather than moving it.
 */
export function capacityReEvaluatedOn(description: string): string | null {
  const found = RE_EVALUATED.exec(description);
  return found?.[1] ?? found?.[2] ?? null;
}

/**
 * Which parts of a raised finding are still the app's own text (in either language), so a
 * re-evaluation refreshes their numbers and leaves what the consultant rewrote as they wrote it.
 */
export function capacityFindingOwnText(
  finding: { title: string; description: string; recommendation: string },
  formula: CapacityFormula,
): { title: boolean; description: boolean; recommendation: boolean } {
  return {
    title: TITLE_PREFIXES.some((prefix) => finding.title.startsWith(prefix)),
    description: DESCRIPTION_PREFIXES.some((prefix) => finding.description.startsWith(prefix)),
    recommendation: isFormulaRecommendation(formula, finding.recommendation),
  };
}

// ---------------------------------------------------------------------------------------------
// Report table

export const CAPACITY_COLUMNS = [
  'resource',
  'metric',
  'capacity',
  'baselineUtilisation',
  'predictedPeak',
  'required',
  'headroom',
  'recommendation',
] as const;
export type CapacityColumn = (typeof CAPACITY_COLUMNS)[number];

const COLUMN_TITLES: Record<CapacityColumn, Localized> = {
  resource: L('Resource', '资源'),
  metric: L('Metric', '指标'),
  capacity: L('Current capacity', '当前容量'),
  baselineUtilisation: L('Baseline utilisation', '基线利用率'),
  predictedPeak: L('Predicted peak', '预测峰值'),
  required: L('Required (with margin)', '所需容量（含余量）'),
  headroom: L('Headroom at peak', '峰值余量'),
  recommendation: L('Scaling recommendation', '扩容建议'),
};

/** Relative widths a document can give the columns. */
const COLUMN_WEIGHTS: Record<CapacityColumn, number> = {
  resource: 3,
  metric: 2,
  capacity: 3,
  baselineUtilisation: 2,
  predictedPeak: 3,
  required: 2,
  headroom: 2,
  recommendation: 4,
};

export type CapacityReportRow = {
  itemId: string;
  /** The figures as computed, or the incomplete state naming what is missing. */
  evaluation: CapacityEvaluation;
  /** True when the row is below its margin: a document may mark it. */
  belowMargin: boolean;
  cells: Record<CapacityColumn, string>;
};

export type CapacityReportTable = {
  columns: { key: CapacityColumn; title: string; weight: number }[];
  rows: CapacityReportRow[];
  /** How many rows are below their margin, and how many could not be evaluated. */
  belowMargin: number;
  incomplete: number;
};

/**
 * The capacity table of a deliverable, in `lang`: one row per item, in the order given (the
 * service lists them in the consultant's order). An item whose formula is unknown (withdrawn by a
 * later release) prints as not evaluated rather than disappearing.
 */
export function capacityReportTable(
  items: readonly { id: string; name: string; formulaId: string; inputs: CapacityInputs }[],
  formulas: readonly CapacityFormula[],
  peak: PeakForecast,
  lang: Lang,
): CapacityReportTable {
  const byId = new Map(formulas.map((f) => [f.id, f]));
  const dash = '—';
  const rows = items.map((item): CapacityReportRow => {
    const formula = byId.get(item.formulaId);
    const evaluation: CapacityEvaluation = formula
      ? evaluateCapacity(item, formula, peak)
      : { status: 'incomplete', missing: ['formula'] };
    if (!formula || evaluation.status === 'incomplete') {
      return {
        itemId: item.id,
        evaluation,
        belowMargin: false,
        cells: {
          resource: item.name,
          metric: formula?.metric[lang] ?? dash,
          capacity: dash,
          baselineUtilisation: dash,
          predictedPeak: dash,
          required: dash,
          headroom: dash,
          recommendation: incompleteText(evaluation.status === 'incomplete' ? evaluation.missing : ['formula'], lang),
        },
      };
    }
    return {
      itemId: item.id,
      evaluation,
      belowMargin: evaluation.belowMargin,
      cells: {
        resource: item.name,
        metric: formula.metric[lang],
        capacity: capacityText(formula, item.inputs, evaluation, lang),
        baselineUtilisation:
          evaluation.baselineUtilisationPct === null ? dash : formatPct(evaluation.baselineUtilisationPct, lang),
        predictedPeak: peakText(formula, evaluation, lang),
        required: formatQuantity(evaluation.requiredCapacity, formula.unit, lang),
        headroom: headroomText(evaluation, lang),
        recommendation: evaluation.recommendation.text[lang],
      },
    };
  });
  return {
    columns: CAPACITY_COLUMNS.map((key) => ({ key, title: COLUMN_TITLES[key][lang], weight: COLUMN_WEIGHTS[key] })),
    rows,
    belowMargin: rows.filter((r) => r.belowMargin).length,
    incomplete: rows.filter((r) => r.evaluation.status === 'incomplete').length,
  };
}
