import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { chartKey, chartPng, chartSvg, documentPictures } from '../../electron/core/export/charts';
import { palette } from '../../electron/core/export/common';
import { renderDocx } from '../../electron/core/export/docx';
import { renderPdf } from '../../electron/core/export/pdf';
import { BUILDERS } from '../../shared/report/builders';
import { niceCeiling } from '../../shared/report/chart-option';
import type { ChartSpec, Document } from '../../shared/report/model';
import { assets, docxParts, docxText, exportDir, pdfText, squash } from '../fixtures/export-tools';
import { reportInput } from '../fixtures/report-input';

vi.setConfig({ testTimeout: 60_000 });

const colours = { primary: '#1F4E79', text: '#1A2330', muted: '#5F6B7A', grid: '#D5DCE5' };

const spec = (title = '吞吐量随时间变化'): ChartSpec => ({
  title,
  categories: Array.from({ length: 60 }, (_, i) => `20:${String(i).padStart(2, '0')}`),
  yAxis: 'requests/s',
  secondaryAxis: 'errors/s',
  series: [
    { name: 'Requests/s', values: Array.from({ length: 60 }, (_, i) => (i === 30 ? null : 1_000 + i * 10)) },
    { name: '错误/s', values: Array.from({ length: 60 }, (_, i) => i % 7), secondary: true },
  ],
  marks: [{ name: 'Target 2,400 TPS', value: 2_400 }],
});

/** The engagement's assurance solution with one chart block appended to its first section. */
function withChart(language: 'en' | 'zh-CN'): Document {
  const builder = BUILDERS['assurance-solution'];
  if (!builder) throw new Error('no builder');
  const document = builder(reportInput('huawei', language));
  const [first, ...rest] = document.sections;
  if (!first) throw new Error('no sections');
  return {
    ...document,
    sections: [
      { ...first, blocks: [...first.blocks, { kind: 'chart', chart: spec(), caption: 'Checkout throughput' }] },
      ...rest,
    ],
  };
}

describe('document charts', () => {
  it('draws the series, axis names and a Chinese title as text in the SVG', () => {
    const svg = chartSvg(spec(), colours);
    expect(svg).toContain('吞吐量随时间变化');
    expect(svg).toContain('错误/s');
    expect(svg).toContain('Target 2,400 TPS');
    expect(svg).toContain('requests/s');
  });

  it('rasterises at twice the laid-out size with ink on the page, with bundled fonts only', async () => {
    const png = chartPng(spec(), colours);
    expect([png.width, png.height]).toEqual([1520, 680]);
    const { data, info } = await sharp(png.data).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    let dark = 0;
    for (let i = 0; i < data.length; i += info.channels) if ((data[i] ?? 255) < 128) dark++;
    // Text and lines: a blank or font-less picture would have (almost) no dark pixels.
    expect(dark).toBeGreaterThan(2_000);
  });

  it('rounds the axis up to a figure a reader can take in, so a target above every value stays on the chart', () => {
    expect([niceCeiling(1_590), niceCeiling(2_520), niceCeiling(2_400), niceCeiling(0.7), niceCeiling(0)]).toEqual([
      2_000, 3_000, 2_500, 0.8, 1,
    ]);
  });

  it('keys a chart by its data and colours, so a changed figure is drawn again', () => {
    const changed = spec();
    changed.series[0]?.values.splice(0, 1, 9_999);
    expect(chartKey(spec(), colours)).toBe(chartKey(spec(), colours));
    expect(chartKey(changed, colours)).not.toBe(chartKey(spec(), colours));
    expect(chartKey(spec(), { ...colours, primary: '#000000' })).not.toBe(chartKey(spec(), colours));
  });

  it('gives every chart of a document a picture beside the photos', async () => {
    const pictures = await documentPictures(withChart('en'), await assets(), palette(undefined));
    const charts = [...pictures.entries()].filter(([, p]) => p?.width === 1520);
    expect(charts).toHaveLength(1);
  });

  it('prints the chart as a numbered figure in the PDF and the DOCX', async () => {
    const dir = exportDir('charts');
    const document = withChart('en');
    const pdf = join(dir, 'chart.pdf');
    writeFileSync(pdf, await renderPdf(document, await assets()));
    expect(squash(pdfText(pdf))).toMatch(/Figure\d+—Checkoutthroughput/);
    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' });
    expect(images).toMatch(/\s1520\s+680\s/);

    const docx = docxParts(await renderDocx(document, await assets()));
    expect(docxText(docx.document)).toMatch(/Figure \d+ — Checkout throughput/);
    expect(docx.media.filter((n) => n.endsWith('.png')).length).toBeGreaterThanOrEqual(1);
  });
});
