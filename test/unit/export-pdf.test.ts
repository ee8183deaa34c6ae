import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import type { RenderWarning } from '../../electron/core/export/common';
import { renderPdf } from '../../electron/core/export/pdf';
import { BUILDERS } from '../../shared/report/builders';
import type { Block, BlockOf, Document, FindingItem } from '../../shared/report/model';
import { walkSections } from '../../shared/report/model';
import {
  assets,
  exportDir,
  pdfFonts,
  pdfPages,
  pdfText,
  photo,
  pixels,
  rasterise,
  squash,
  vendorOf,
} from '../fixtures/export-tools';
import { reportInput } from '../fixtures/report-input';

// Layout and poppler runs take seconds each on a busy 2-core machine.
vi.setConfig({ testTimeout: 60_000 });

const LANGUAGES = ['en', 'zh-CN'] as const;
const dir = exportDir('pdf');
/** The fixture's evidence image (finding F-001). */
const EVIDENCE = 'b'.repeat(64);
const LOGO = 'c'.repeat(64);

const build = (id: string, language: 'en' | 'zh-CN' = 'en'): Document => {
  const builder = BUILDERS[id];
  if (!builder) throw new Error(`no builder ${id}`);
  return builder(reportInput(vendorOf(id), language));
};
const huawei = (language: 'en' | 'zh-CN' = 'en') => build('assurance-solution', language);

async function write(name: string, document: Document, options: Parameters<typeof renderPdf>[2] = {}, a?: object) {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(
    file,
    await renderPdf(document, (a as Awaited<ReturnType<typeof assets>>) ?? (await assets()), options),
  );
  return file;
}

/** The document with its body replaced by these sections (numbered 1, 2…). */
function withBody(document: Document, sections: Omit<Document['sections'][number], 'number' | 'subsections'>[]) {
  return {
    ...document,
    sections: sections.map((s, i) => ({ ...s, number: String(i + 1), subsections: [] })),
  } satisfies Document;
}

function finding(n: number, description: string): FindingItem {
  return {
    ref: `F-${String(n).padStart(3, '0')}`,
    severity: (['critical', 'high', 'medium', 'low', 'info'] as const)[n % 5] ?? 'medium',
    severityLabel: 'Medium',
    title: `Orphan check ${n}`,
    description,
    recommendation: `Recommendation ${n}`,
    affectedResources: [`ecs-${n}`],
    owner: 'Li Wei',
    dueDate: '2026-11-01',
    status: 'open',
    statusLabel: 'Open',
    disposition: '',
    evidence: [],
  };
}
const findingsBlock = (items: FindingItem[]): BlockOf<'findings'> => ({
  kind: 'findings',
  summary: [{ severity: 'medium', label: 'Medium', count: items.length }],
  items,
  labels: { summary: 'Findings by severity', description: 'Description', recommendation: 'Recommendation' },
});

describe.each(Object.keys(BUILDERS))('PDF of %s', (id) => {
  for (const language of LANGUAGES) {
    it(`${language}: holds the title, every section title and the watermark; every font embedded`, async () => {
      const document = build(id, language);
      const file = await write(`${id}-${language}`, document);
      const text = squash(pdfText(file));
      expect(text).toContain(squash(document.title));
      expect(text).toContain(squash(document.number));
      for (const s of walkSections([...document.frontMatter, ...document.sections])) {
        expect(text).toContain(squash(s.title));
      }
      expect(text).toContain('DRAFT');
      if (language === 'zh-CN') expect(text).toContain('草稿');
      expect(pdfPages(file)).toBeGreaterThan(1);
      // Every font is embedded (no standard-14 fallback, so no missing glyph on another machine).
      const fonts = pdfFonts(file).split('\n').slice(2).filter(Boolean);
      expect(fonts.length).toBeGreaterThan(0);
      for (const line of fonts) expect(line).toMatch(/\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/);
    });
  }

  it('has no watermark once signed', async () => {
    const file = await write(`${id}-signed`, { ...build(id), draft: false });
    expect(pdfText(file)).not.toContain('DRAFT');
  });
});

describe('PDF images', () => {
  it('turns an image that does not decode into a captioned placeholder and a warning', async () => {
    const warnings: RenderWarning[] = [];
    const file = await write(
      'undecodable',
      huawei(),
      { onWarning: (w) => warnings.push(w) },
      await assets({ broken: new Set([EVIDENCE]) }),
    );
    const text = pdfText(file);
    expect(text).toContain('[Image not available]');
    expect(text).toContain('RDS console: no standby instance');
    expect(warnings.map((w) => [w.code, w.sha256])).toContainEqual(['imageUndecodable', EVIDENCE]);
  });

  it('turns a missing image into a captioned placeholder and a warning', async () => {
    const warnings: RenderWarning[] = [];
    const file = await write(
      'missing',
      huawei(),
      { onWarning: (w) => warnings.push(w) },
      await assets({ missing: new Set([EVIDENCE]) }),
    );
    expect(pdfText(file)).toContain('[Image not available]');
    expect(warnings.map((w) => w.code)).toEqual(['imageMissing']);
  });

  it('numbers figure captions', async () => {
    const text = pdfText(await write('figures', huawei()));
    expect(text).toMatch(/Figure 1 — .*RDS console: no standby instance/);
  });
});

describe('PDF theme and logo', () => {
  const GREEN = '#0B7A3E';
  const near = (data: Buffer, rgb: [number, number, number], tolerance = 40) => {
    let count = 0;
    for (let i = 0; i + 2 < data.length; i += 3) {
      if (
        Math.abs((data[i] ?? 0) - rgb[0]) +
          Math.abs((data[i + 1] ?? 0) - rgb[1]) +
          Math.abs((data[i + 2] ?? 0) - rgb[2]) <
        tolerance
      )
        count++;
    }
    return count;
  };

  it('draws headings, rules and table heads in the theme colour, and refuses a colour that is not #RRGGBB', async () => {
    const themed = await write('theme', huawei(), { theme: { primaryColor: GREEN } });
    const plain = await write('theme-default', huawei());
    const [themedCover] = rasterise(themed, 50, 1, 1, join(dir, 'theme'));
    const [plainCover] = rasterise(plain, 50, 1, 1, join(dir, 'theme-default'));
    const green: [number, number, number] = [0x0b, 0x7a, 0x3e];
    expect(near((await pixels(themedCover ?? '')).data, green)).toBeGreaterThan(40);
    expect(near((await pixels(plainCover ?? '')).data, green)).toBe(0);
    await expect(renderPdf(huawei(), await assets(), { theme: { primaryColor: 'green' } })).rejects.toThrow(
      /theme\.primaryColor/,
    );
  });

  it('shows the firm logo on the cover, and leaves out a logo that does not decode with a warning', async () => {
    const base = huawei();
    const document: Document = {
      ...base,
      cover: { ...base.cover, firm: { name: 'Example Consulting', logo: { sha256: LOGO, variant: 'document' } } },
    };
    const magenta: [number, number, number] = [255, 0, 255];
    const logo = new Uint8Array(
      await sharp({ create: { width: 400, height: 120, channels: 3, background: '#ff00ff' } })
        .png()
        .toBuffer(),
    );
    const good = await write('logo', document, {}, await assets({ data: logo }));
    const [goodCover] = rasterise(good, 50, 1, 1, join(dir, 'logo'));
    expect(near((await pixels(goodCover ?? '')).data, magenta)).toBeGreaterThan(100);

    const warnings: RenderWarning[] = [];
    const bad = await write(
      'logo-bad',
      document,
      { onWarning: (w) => warnings.push(w) },
      await assets({ data: logo, broken: new Set([LOGO]) }),
    );
    const [badCover] = rasterise(bad, 50, 1, 1, join(dir, 'logo-bad'));
    expect(near((await pixels(badCover ?? '')).data, magenta)).toBe(0);
    expect(warnings.map((w) => [w.code, w.sha256])).toEqual([['logoUndecodable', LOGO]]);
    expect(pdfText(bad)).toContain('Example Consulting');
  });
});

describe('PDF watermark', () => {
  it('is drawn over filled content: a black full-width image shows the watermark through it', async () => {
    const black = await photo(1600, 1600, '#000000');
    const document = withBody(huawei(), [
      {
        id: 'dark',
        title: 'Dark image',
        blocks: [{ kind: 'image', ref: { sha256: EVIDENCE, variant: 'document' }, caption: 'Black', width: 'full' }],
      },
    ]);
    const draft = await write('wm-draft', document, {}, await assets({ data: black }));
    const signed = await write('wm-signed', { ...document, draft: false }, {}, await assets({ data: black }));
    const last = pdfPages(draft);
    const [d] = rasterise(draft, 40, last, last, join(dir, 'wm-draft'));
    const [s] = rasterise(signed, 40, last, last, join(dir, 'wm-signed'));
    const a = await pixels(d ?? '');
    const b = await pixels(s ?? '');
    // Pixels black in the signed page (inside the image) that the draft tints red: the watermark.
    let tinted = 0;
    let black0 = 0;
    for (let i = 0; i + 2 < b.data.length; i += 3) {
      const isBlack = (b.data[i] ?? 255) < 8 && (b.data[i + 1] ?? 255) < 8 && (b.data[i + 2] ?? 255) < 8;
      if (!isBlack) continue;
      black0++;
      if ((a.data[i] ?? 0) > 20 && (a.data[i] ?? 0) > (a.data[i + 1] ?? 0) + 10) tinted++;
    }
    expect(black0).toBeGreaterThan(10_000);
    expect(tinted).toBeGreaterThan(300);
  });
});

describe('PDF page breaks and long text', () => {
  it('never leaves a finding title at the foot of a page: its description starts on the same page', async () => {
    const words = (n: number, count: number) =>
      [`Start${n}`, ...Array.from({ length: count }, (_, i) => `word${i}`)].join(' ');
    // Lengths from a few lines to more than a page, so titles land at every height of a page.
    const items = Array.from({ length: 16 }, (_, i) =>
      finding(i + 1, words(i + 1, [8, 60, 150, 420, 30, 700][i % 6] ?? 10)),
    );
    const file = await write(
      'orphans',
      withBody(huawei(), [{ id: 'f', title: 'Findings', blocks: [findingsBlock(items)] }]),
    );
    const pages = Array.from({ length: pdfPages(file) }, (_, p) => pdfText(file, 'raw', [p + 1, p + 1]));
    const pageOf = (token: RegExp) => pages.findIndex((text) => token.test(text)) + 1;
    for (let n = 1; n <= items.length; n++) {
      const titlePage = pageOf(new RegExp(`Orphan check ${n}\\b`));
      expect(titlePage, `F-${n}`).toBeGreaterThan(0);
      expect(pageOf(new RegExp(`Start${n}\\b`)), `F-${n}`).toBe(titlePage);
    }
  });

  it('keeps a bold lead-in paragraph and a heading with what follows them', async () => {
    const filler = (n: number) => Array.from({ length: 12 + ((n * 37) % 90) }, (_, i) => `f${i}`).join(' ');
    const blocks: Block[] = Array.from({ length: 30 }, (_, i): Block[] => [
      { kind: 'paragraph', style: 'normal', runs: [{ text: filler(i) }] },
      { kind: 'paragraph', style: 'normal', runs: [{ text: `Lead ${i}`, bold: true }] },
      { kind: 'list', ordered: false, items: [[{ text: `Item ${i} one` }], [{ text: `Item ${i} two` }]] },
    ]).flat();
    const sections = Array.from({ length: 3 }, (_, k) => ({ id: `s${k}`, title: `Section ${k}`, blocks }));
    const file = await write('lead-ins', withBody(huawei(), sections));
    const pages = Array.from({ length: pdfPages(file) }, (_, p) => pdfText(file, 'raw', [p + 1, p + 1]));
    const pagesOf = (token: RegExp) => pages.flatMap((text, p) => (token.test(text) ? [p + 1] : []));
    for (let i = 0; i < 30; i++)
      expect(pagesOf(new RegExp(`^Lead ${i}$`, 'm')), `Lead ${i}`).toEqual(pagesOf(new RegExp(`Item ${i} one`)));
  });

  it('splits a 20,000-character paragraph, a 300-row table and a 5,000-character finding across pages, losing nothing', async () => {
    const paragraph = Array.from({ length: 2858 }, (_, i) => `p${String(i).padStart(5, '0')}`).join(' ');
    const description = Array.from({ length: 834 }, (_, i) => `d${String(i).padStart(4, '0')}`).join(' ');
    expect(paragraph.length).toBeGreaterThanOrEqual(20_000);
    expect(description.length).toBeGreaterThanOrEqual(5_000);
    const rows = Array.from({ length: 300 }, (_, i) => [`r${String(i).padStart(3, '0')}`, `host-${i}`, `${i * 7}`]);
    const document = withBody(huawei(), [
      {
        id: 'long',
        title: 'Long paragraph',
        blocks: [{ kind: 'paragraph', style: 'normal', runs: [{ text: paragraph }] }],
      },
      {
        id: 'rows',
        title: 'Long table',
        blocks: [
          {
            kind: 'table',
            caption: 'Three hundred rows',
            columns: [
              { header: 'Row', width: 1, align: 'left' },
              { header: 'Host', width: 2, align: 'left' },
              { header: 'Value', width: 1, align: 'right' },
            ],
            rows,
            repeatHeader: true,
          },
        ],
      },
      { id: 'finding', title: 'Long finding', blocks: [findingsBlock([finding(1, description)])] },
    ]);
    const file = await write('long', document);
    const text = pdfText(file);
    const found = (pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[0]);
    expect(found(/\bp\d{5}\b/g)).toEqual(paragraph.split(' '));
    expect(found(/\bd\d{4}\b/g)).toEqual(description.split(' '));
    expect(found(/\br\d{3}\b/g)).toEqual(rows.map((r) => r[0]));
    expect(pdfPages(file)).toBeGreaterThan(12);
    // Nothing is drawn past the bottom margin (an unbreakable block taller than a page would be).
    const boxes = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const bottoms = [...boxes.matchAll(/yMax="([\d.]+)">([^<]*)</g)]
      .filter((m) => /^[prd]\d{3,5}$/.test(m[2] ?? ''))
      .map((m) => Number(m[1]));
    expect(bottoms.length).toBeGreaterThan(3000);
    expect(Math.max(...bottoms)).toBeLessThan(841.89 - 50);
  });
});

it('puts CJK text in an English document in the CJK font, verbatim', async () => {
  const base = huawei();
  const file = await write('mixed', { ...base, cover: { ...base.cover, customer: '华为云 客户 A' } });
  expect(pdfText(file, 'layout')).toContain('华为云 客户 A');
});
