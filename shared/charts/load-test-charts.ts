/**
 * The two charts of an imported load-test run — throughput and latency over time — as echarts
 * options. Pure data: no DOM, no functions in the option (it may cross a worker boundary and is
 * rendered server-side to SVG for the deliverables with the same function the screen uses).
 *
 * The x axis is a category axis of pre-formatted bucket times rather than echarts' time axis:
 * the time axis formats in the machine's local zone, while the run must read in the event's zone,
 * and the buckets are evenly spaced anyway, so categories lose nothing.
 */
import type { EChartsOption, LineSeriesOption } from 'echarts';
import type { LoadTestSeries } from '../domain/load-test';

export type LoadTestChartPalette = {
  text: string;
  muted: string;
  grid: string;
  /** null: transparent (the screen's own background shows). */
  background: string | null;
  /** Line colours, the first for the main series. */
  series: readonly string[];
  errors: string;
  target: string;
};

/** Colour-blind-friendly, print-safe; the screen passes its own for dark mode. */
export const LIGHT_PALETTE: LoadTestChartPalette = {
  text: '#1A2330',
  muted: '#5C6773',
  grid: '#D9DEE4',
  background: '#FFFFFF',
  series: ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#999999', '#F0E442'],
  errors: '#C92A2A',
  target: '#868E96',
};

export type LoadTestChartSettings = {
  /** Already translated: the chart knows no language. */
  title: string;
  /** IANA zone the times are shown in (the event's). */
  timeZone: string;
  /** BCP 47 locale for the time labels, e.g. 'en' or 'zh-CN'. */
  locale: string;
  /** For a document: no animation, tooltip or zoom, a white background. */
  document?: boolean;
  palette?: LoadTestChartPalette;
  /** Horizontal reference lines (targets), already named. */
  targets?: readonly { name: string; value: number }[];
};

export type ThroughputChartText = { requests: string; errors: string; axis: string };
export type LatencyChartText = { p50: string; p95: string; p99: string; axis: string };

/** Start time of each bucket in the event's zone; with the date when the run crosses midnight there. */
export function bucketLabels(series: LoadTestSeries, timeZone: string, locale: string): string[] {
  const count = series.throughput.length;
  const stepMs = series.bucketSeconds * 1000;
  const day = new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const first = day.format(new Date(series.startMs));
  const last = day.format(new Date(series.startMs + Math.max(0, count - 1) * stepMs));
  const format = new Intl.DateTimeFormat(locale, {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    ...(series.bucketSeconds < 60 ? { second: '2-digit' } : {}),
    ...(first !== last ? { month: '2-digit', day: '2-digit' } : {}),
  });
  return Array.from({ length: count }, (_, i) => format.format(new Date(series.startMs + i * stepMs)));
}

const round = (value: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};
const rounded = (values: readonly number[], digits: number) => values.map((v) => round(v, digits));
const roundedOrNull = (values: readonly (number | null)[]) => values.map((v) => (v === null ? null : round(v, 1)));

/**
 * The value axis' top when a target lies above every value: echarts does not stretch the axis for
 * a mark line, and a missed throughput target above the curve is the line a reader needs to see.
 */
function axisTop(settings: LoadTestChartSettings, values: readonly (number | null)[][]): number | undefined {
  const target = Math.max(0, ...(settings.targets ?? []).map((t) => t.value));
  const data = Math.max(0, ...values.flatMap((v) => v.map((x) => x ?? 0)));
  return target > data ? Math.ceil(target * 1.1) : undefined;
}

function frame(
  settings: LoadTestChartSettings,
  categories: string[],
  axisName: string,
  legend: string[],
  top: number | undefined,
) {
  const palette = settings.palette ?? LIGHT_PALETTE;
  const textStyle = { color: palette.text, fontFamily: 'Roboto, Noto Sans SC, sans-serif' };
  const interactive = !settings.document;
  const option: EChartsOption = {
    animation: interactive,
    backgroundColor: settings.document ? (palette.background ?? '#FFFFFF') : (palette.background ?? 'transparent'),
    color: [...palette.series],
    textStyle,
    title: { text: settings.title, left: 8, top: 4, textStyle: { ...textStyle, fontSize: 14, fontWeight: 'bold' } },
    legend: {
      // A page shows every label; the screen scrolls when they do not fit.
      type: interactive ? 'scroll' : 'plain',
      data: legend,
      bottom: interactive ? 36 : 4,
      left: 'center',
      itemWidth: 18,
      itemHeight: 8,
      textStyle: { ...textStyle, fontSize: 11 },
      pageTextStyle: { color: palette.muted },
    },
    grid: { left: 64, right: 24, top: 48, bottom: interactive ? 84 : 56 },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: categories,
      axisLabel: { color: palette.muted, fontSize: 10, hideOverlap: true },
      axisLine: { lineStyle: { color: palette.grid } },
      axisTick: { show: false },
    },
    yAxis: {
      type: 'value',
      name: axisName,
      ...(top !== undefined ? { max: top } : {}),
      nameTextStyle: { color: palette.muted, fontSize: 10, align: 'left' },
      axisLabel: { color: palette.muted, fontSize: 10 },
      splitLine: { lineStyle: { color: palette.grid, type: 'dashed' } },
    },
    ...(interactive
      ? {
          tooltip: { trigger: 'axis', confine: true },
          dataZoom: [
            { type: 'inside', xAxisIndex: 0 },
            { type: 'slider', xAxisIndex: 0, height: 18, bottom: 8 },
          ],
        }
      : {}),
  };
  return { option, palette };
}

function targetMarks(
  settings: LoadTestChartSettings,
  palette: LoadTestChartPalette,
): Pick<LineSeriesOption, 'markLine'> {
  const targets = settings.targets ?? [];
  if (targets.length === 0) return {};
  return {
    markLine: {
      silent: true,
      symbol: 'none',
      lineStyle: { color: palette.target, type: 'dashed', width: 1 },
      label: { formatter: '{b}', color: palette.muted, fontSize: 10, position: 'insideEndTop' },
      data: targets.map((t) => ({ name: t.name, yAxis: t.value })),
    },
  };
}

/**
 * Requests and errors per second over the run, with a thinner line for each of the busiest
 * labels (at most `busiestLabels`, from the series' ten).
 */
export function throughputChartOption(
  series: LoadTestSeries,
  settings: LoadTestChartSettings,
  text: ThroughputChartText,
  busiestLabels = 5,
): EChartsOption {
  const labels = series.labels.slice(0, busiestLabels);
  const { option, palette } = frame(
    settings,
    bucketLabels(series, settings.timeZone, settings.locale),
    text.axis,
    [text.requests, text.errors, ...labels.map((l) => l.label)],
    axisTop(settings, [series.throughput, series.errors, ...labels.map((l) => l.throughput)]),
  );
  const lines: LineSeriesOption[] = [
    {
      type: 'line',
      name: text.requests,
      data: rounded(series.throughput, 2),
      showSymbol: false,
      lineStyle: { width: 2 },
      color: palette.series[0],
      ...targetMarks(settings, palette),
    },
    {
      type: 'line',
      name: text.errors,
      data: rounded(series.errors, 2),
      showSymbol: false,
      lineStyle: { width: 1.5 },
      color: palette.errors,
      areaStyle: { opacity: 0.15 },
    },
    ...labels.map(
      (l, i): LineSeriesOption => ({
        type: 'line',
        name: l.label,
        data: rounded(l.throughput, 2),
        showSymbol: false,
        lineStyle: { width: 1 },
        color: palette.series[(i + 1) % palette.series.length],
      }),
    ),
  ];
  return { ...option, series: lines };
}

/** p50, p95 and p99 response time per bucket; an empty bucket is a gap, not a zero. */
export function latencyChartOption(
  series: LoadTestSeries,
  settings: LoadTestChartSettings,
  text: LatencyChartText,
): EChartsOption {
  const { option, palette } = frame(
    settings,
    bucketLabels(series, settings.timeZone, settings.locale),
    text.axis,
    [text.p50, text.p95, text.p99],
    axisTop(settings, [series.p50Ms, series.p95Ms, series.p99Ms]),
  );
  const line = (name: string, values: readonly (number | null)[], colour: string | undefined, width: number) =>
    ({
      type: 'line',
      name,
      data: roundedOrNull(values),
      showSymbol: false,
      connectNulls: false,
      lineStyle: { width },
      color: colour,
    }) satisfies LineSeriesOption;
  return {
    ...option,
    series: [
      { ...line(text.p50, series.p50Ms, palette.series[2], 1.5), ...targetMarks(settings, palette) },
      line(text.p95, series.p95Ms, palette.series[1], 1.5),
      line(text.p99, series.p99Ms, palette.series[5], 2),
    ],
  };
}
