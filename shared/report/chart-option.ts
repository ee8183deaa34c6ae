/**
 * The echarts option that draws a document chart (`ChartSpec`): plain data, no formatter functions,
 * so the export worker renders it server-side exactly as a test sees it. Colours follow the
 * document's theme; the first series takes the primary colour, the rest a fixed, print-safe set.
 */
import type { ChartSpec } from './model';

/** Print-safe series colours after the primary one (colour-blind-friendly order). */
const SERIES_COLOURS = ['#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#0072B2', '#999999'];

export const CHART_FONT_FAMILY = 'Roboto, Noto Sans SC, sans-serif';

export type ChartColours = { primary: string; text: string; muted: string; grid: string };

/** How wide a label may be before echarts skips some: about one label per 90 px of axis. */
function labelInterval(categories: number, width: number): number {
  const fit = Math.max(2, Math.floor(width / 90));
  return categories <= fit ? 0 : Math.ceil(categories / fit) - 1;
}

/** The next round figure at or above `value` (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten). */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((s) => s * power >= value) ?? 10;
  return step * power;
}

export function documentChartOption(spec: ChartSpec, colours: ChartColours, width: number) {
  // A target line above every value would fall outside echarts' automatic range and vanish.
  const highestMark = Math.max(0, ...(spec.marks ?? []).map((m) => m.value));
  const secondary = spec.series.some((s) => s.secondary);
  const palette = [colours.primary, ...SERIES_COLOURS];
  const textStyle = { fontFamily: CHART_FONT_FAMILY, color: colours.text };
  return {
    animation: false,
    backgroundColor: '#FFFFFF',
    color: palette,
    textStyle,
    // A document's caption names the chart; a title is drawn only when one is given.
    ...(spec.title === ''
      ? {}
      : {
          title: { text: spec.title, left: 8, top: 4, textStyle: { ...textStyle, fontSize: 15, fontWeight: 'bold' } },
        }),
    legend: {
      type: 'plain',
      bottom: 4,
      left: 'center',
      itemWidth: 18,
      itemHeight: 8,
      textStyle: { ...textStyle, fontSize: 12 },
    },
    grid: { left: 64, right: secondary ? 64 : 24, top: spec.title === '' ? 36 : 64, bottom: 60 },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: spec.categories,
      axisLabel: {
        ...textStyle,
        color: colours.muted,
        fontSize: 12,
        interval: labelInterval(spec.categories.length, width),
      },
      axisLine: { lineStyle: { color: colours.grid } },
      axisTick: { show: false },
    },
    yAxis: [
      {
        type: 'value',
        name: spec.yAxis,
        ...(highestMark > 0
          ? { max: ({ max }: { max: number }) => niceCeiling(Math.max(max, highestMark * 1.05)) }
          : {}),
        nameTextStyle: { ...textStyle, color: colours.muted, fontSize: 12, align: 'left' },
        axisLabel: { ...textStyle, color: colours.muted, fontSize: 12 },
        splitLine: { lineStyle: { color: colours.grid, type: 'dashed' } },
      },
      ...(secondary
        ? [
            {
              type: 'value',
              name: spec.secondaryAxis ?? '',
              nameTextStyle: { ...textStyle, color: colours.muted, fontSize: 12, align: 'right' },
              axisLabel: { ...textStyle, color: colours.muted, fontSize: 12 },
              splitLine: { show: false },
            },
          ]
        : []),
    ],
    series: spec.series.map((s, i) => ({
      type: 'line',
      name: s.name,
      data: s.values,
      yAxisIndex: s.secondary ? 1 : 0,
      showSymbol: spec.categories.length <= 1,
      connectNulls: false,
      lineStyle: { width: i === 0 ? 2 : 1.5 },
      ...(i === 0 && spec.marks && spec.marks.length > 0
        ? {
            markLine: {
              silent: true,
              symbol: 'none',
              label: { ...textStyle, fontSize: 12, formatter: '{b}', position: 'insideEndTop' },
              lineStyle: { color: '#B42318', type: 'dashed', width: 1.5 },
              data: spec.marks.map((m) => ({ name: m.name, yAxis: m.value })),
            },
          }
        : {}),
    })),
  };
}
