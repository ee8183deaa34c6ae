/**
 * Document charts drawn in the export worker: the chart's echarts option rendered server-side to
 * SVG, then to PNG by resvg with the fonts bundled with the app (never the system's, so a chart
 * looks the same on every laptop and Chinese titles never turn into boxes). Both renderers embed the
 * PNG like a photo; the key is the hash of the chart's data, so an unchanged chart is drawn once.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { type ChartColours, documentChartOption } from '../../../shared/report/chart-option';
import type { ChartSpec, Document, Section } from '../../../shared/report/model';
import { unpackedPath } from '../asar';
import type { ExportAssets } from './assets';
import type { DecodedImage, Palette, RenderWarning } from './common';
import { resolveImages } from './common';

echarts.use([LineChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, SVGRenderer]);

/** The chart's size in CSS pixels as laid out, and the scale it is rasterised at for print. */
export const CHART_WIDTH = 760;
export const CHART_HEIGHT = 340;
const PRINT_SCALE = 2;

let fontFiles: string[] | undefined;
function chartFonts(): string[] {
  if (fontFiles) return fontFiles;
  const require = createRequire(import.meta.url);
  // resvg opens the files itself, outside Electron's fs: in a packaged app, from app.asar.unpacked.
  fontFiles = [
    require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'),
    require.resolve('pdfmake/fonts/Roboto/Roboto-Medium.ttf'),
    require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
    require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
  ].map((path) => unpackedPath(path));
  return fontFiles;
}

/** A chart's colours from the document's palette ('RRGGBB' there, '#RRGGBB' for echarts). */
export function chartColours(palette: Palette): ChartColours {
  return { primary: `#${palette.primary}`, text: '#1A2330', muted: `#${palette.muted}`, grid: `#${palette.border}` };
}

/** The key a chart's picture is found by: sha256 of its data and colours, hex. */
export function chartKey(spec: ChartSpec, colours: ChartColours): string {
  return createHash('sha256')
    .update(JSON.stringify([spec, colours]))
    .digest('hex');
}

/** The chart as SVG text, as echarts draws it (tests read the text in it). */
export function chartSvg(spec: ChartSpec, colours: ChartColours): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT });
  try {
    chart.setOption(documentChartOption(spec, colours, CHART_WIDTH));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export function chartPng(spec: ChartSpec, colours: ChartColours): DecodedImage {
  const resvg = new Resvg(chartSvg(spec, colours), {
    font: { loadSystemFonts: false, fontFiles: chartFonts(), defaultFontFamily: 'Roboto' },
    fitTo: { mode: 'zoom', value: PRINT_SCALE },
    background: '#FFFFFF',
  });
  const png = resvg.render();
  return { data: new Uint8Array(png.asPng()), width: png.width, height: png.height, type: 'png' };
}

/** Every chart block of the document. */
export function chartBlocks(document: Document): ChartSpec[] {
  const out: ChartSpec[] = [];
  const walk = (sections: readonly Section[]) => {
    for (const s of sections) {
      for (const b of s.blocks) if (b.kind === 'chart') out.push(b.chart);
      walk(s.subsections);
    }
  };
  walk(document.frontMatter);
  walk(document.sections);
  return out;
}

const drawn = new Map<string, DecodedImage>();
const DRAWN_KEPT = 64;

/**
 * Pictures of every chart in the document by `chartKey`. A chart that fails to draw maps to null
 * and is reported; the renderers print the captioned placeholder they print for a missing photo.
 */
export function drawCharts(
  document: Document,
  colours: ChartColours,
  onWarning: (warning: RenderWarning) => void,
): Map<string, DecodedImage | null> {
  const out = new Map<string, DecodedImage | null>();
  for (const spec of chartBlocks(document)) {
    const key = chartKey(spec, colours);
    if (out.has(key)) continue;
    const known = drawn.get(key);
    if (known) {
      out.set(key, known);
      continue;
    }
    try {
      const png = chartPng(spec, colours);
      if (drawn.size >= DRAWN_KEPT) drawn.clear();
      drawn.set(key, png);
      out.set(key, png);
    } catch (error) {
      onWarning({
        code: 'chartUndrawable',
        sha256: key,
        message: `Chart "${spec.title}" could not be drawn (${error instanceof Error ? error.message : String(error)}); left out.`,
      });
      out.set(key, null);
    }
  }
  return out;
}

/**
 * Every picture the document shows by key: photos, logo and seals by their sha256 (see
 * `resolveImages`) and charts by `chartKey`, drawn in the document's colours.
 */
export async function documentPictures(
  document: Document,
  assets: ExportAssets,
  palette: Palette,
  onWarning: (warning: RenderWarning) => void = () => {},
): Promise<Map<string, DecodedImage | null>> {
  const pictures = await resolveImages(document, assets, onWarning);
  for (const [key, png] of drawCharts(document, chartColours(palette), onWarning)) pictures.set(key, png);
  return pictures;
}
