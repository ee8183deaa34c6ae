import { Box, useComputedColorScheme, useMantineTheme } from '@mantine/core';
import { LIGHT_PALETTE, type LoadTestChartPalette } from '@shared/charts/load-test-charts';
import type { EChartsOption } from 'echarts';
import { LineChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';

// Only what the app draws is registered, so the bundle carries no other chart type.
echarts.use([
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  TitleComponent,
  MarkLineComponent,
  SVGRenderer,
]);

/** Chart colours that read on the current colour scheme (the documents always use the light ones). */
export function useChartPalette(): LoadTestChartPalette {
  const scheme = useComputedColorScheme('light');
  const theme = useMantineTheme();
  return useMemo(
    () =>
      scheme === 'dark'
        ? {
            ...LIGHT_PALETTE,
            text: theme.colors.dark[0],
            muted: theme.colors.dark[2],
            grid: theme.colors.dark[4],
            background: null,
            series: ['#4DABF7', '#FFB84D', '#38D9A9', '#F783AC', '#99E9F2', '#FF8A4C', '#ADB5BD', '#FFE066'],
            errors: '#FF6B6B',
            target: theme.colors.dark[2],
          }
        : { ...LIGHT_PALETTE, background: null },
    [scheme, theme],
  );
}

/**
 * An echarts option drawn as SVG (no canvas, nothing evaluated: fine under `script-src 'self'`),
 * resized with its container. The option is the same object the deliverables render.
 */
export function EChart({ option, label, height = 320 }: { option: EChartsOption; label: string; height?: number }) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const instance = echarts.init(element, null, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <Box ref={host} role="img" aria-label={label} h={height} w="100%" />;
}
