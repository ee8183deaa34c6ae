/**
 * Every deliverable in the builders registry, in en and zh-CN, rendered to PDF and DOCX from the
 * fixture engagement (findings, a rule override, evidence images) and checked with the tools a
 * reader's machine uses: poppler (text, fonts, pages), qpdf (structure) and LibreOffice (the DOCX
 * opens and lays out). All DOCX files convert in one LibreOffice run.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { renderDocx } from '../../electron/core/export/docx';
import { renderPdf } from '../../electron/core/export/pdf';
import { BUILDERS } from '../../shared/report/builders';
import { type Block, type Document, walkSections } from '../../shared/report/model';
import {
  assets,
  docxParts,
  docxText,
  exportDir,
  pdfFonts,
  pdfPages,
  pdfText,
  pixels,
  qpdfCheck,
  rasterise,
  sofficeToPdf,
  squash,
  vendorOf,
} from '../fixtures/export-tools';
import { reportInput } from '../fixtures/report-input';

vi.setConfig({ testTimeout: 120_000 });

const LANGUAGES = ['en', 'zh-CN'] as const;
type Language = (typeof LANGUAGES)[number];
const CASES = Object.keys(BUILDERS).flatMap((id) => LANGUAGES.map((language) => [id, language] as const));
const dir = exportDir('deliverables');

type Rendered = { document: Document; pdf: string; docx: string; xml: string; styles: string; office?: string };
const rendered = new Map<string, Rendered>();
const key = (id: string, language: Language) => `${id}-${language}`;
const get = (id: string, language: Language): Rendered => {
  const r = rendered.get(key(id, language));
  if (!r) throw new Error(`${key(id, language)} was not rendered`);
  return r;
};

/** A long document for the DOCX side of "long text splits cleanly" (LibreOffice lays it out). */
const LONG = {
  paragraph: Array.from({ length: 2858 }, (_, i) => `p${String(i).padStart(5, '0')}`).join(' '),
  description: Array.from({ length: 834 }, (_, i) => `d${String(i).padStart(4, '0')}`).join(' '),
  rows: Array.from({ length: 300 }, (_, i) => [`r${String(i).padStart(3, '0')}`, `host-${i}`, `${i * 7}`]),
};
function longDocument(base: Document): Document {
  const finding = {
    ref: 'F-001',
    severity: 'high' as const,
    severityLabel: 'High',
    title: 'Long finding',
    description: LONG.description,
    recommendation: 'Recommendation',
    affectedResources: [],
    owner: 'Li Wei',
    dueDate: null,
    status: 'open' as const,
    statusLabel: 'Open',
    disposition: '',
    evidence: [],
  };
  const section = (n: number, id: string, blocks: Block[]) => ({
    id,
    number: String(n),
    title: id,
    blocks,
    subsections: [],
  });
  return {
    ...base,
    sections: [
      section(1, 'paragraph', [{ kind: 'paragraph', style: 'normal', runs: [{ text: LONG.paragraph }] }]),
      section(2, 'table', [
        {
          kind: 'table',
          columns: [
            { header: 'Row', width: 1, align: 'left' },
            { header: 'Host', width: 2, align: 'left' },
            { header: 'Value', width: 1, align: 'right' },
          ],
          rows: LONG.rows,
          repeatHeader: true,
        },
      ]),
      section(3, 'finding', [
        { kind: 'findings', summary: [{ severity: 'high', label: 'High', count: 1 }], items: [finding], labels: {} },
      ]),
    ],
  };
}
let longOffice = '';

beforeAll(async () => {
  const images = await assets();
  for (const [id, language] of CASES) {
    const builder = BUILDERS[id];
    if (!builder) throw new Error(`no builder ${id}`);
    const document = builder(reportInput(vendorOf(id), language));
    const pdf = join(dir, `${key(id, language)}.pdf`);
    const docx = join(dir, `${key(id, language)}.docx`);
    writeFileSync(pdf, await renderPdf(document, images));
    const bytes = await renderDocx(document, images);
    writeFileSync(docx, bytes);
    const parts = docxParts(bytes);
    rendered.set(key(id, language), { document, pdf, docx, xml: parts.document, styles: parts.styles });
  }
  const long = join(dir, 'long.docx');
  writeFileSync(long, await renderDocx(longDocument(get('assurance-solution', 'en').document), images));
  const office = sofficeToPdf([...[...rendered.values()].map((r) => r.docx), long], join(dir, 'office'));
  for (const r of rendered.values()) r.office = office.get(r.docx);
  longOffice = office.get(long) ?? '';
}, 900_000);

// ---------------------------------------------------------------------------------------------
// What must reach the page

const blocksOf = (d: Document) => walkSections([...d.frontMatter, ...d.sections]).flatMap((s) => s.blocks);
const findingTitles = (d: Document) =>
  blocksOf(d).flatMap((b) => (b.kind === 'findings' ? b.items.map((f) => f.title) : []));

/** Every table cell and key-value value of the document, line by line, and the document control. */
function cellTexts(d: Document): string[] {
  const values = [
    ...d.control.map((r) => r.value),
    ...blocksOf(d).flatMap((b) =>
      b.kind === 'table'
        ? [...b.columns.map((c) => c.header), ...b.rows.flat()]
        : b.kind === 'keyValue'
          ? b.rows.flatMap((r) => [r.key, r.value])
          : [],
    ),
  ];
  return [...new Set(values.flatMap((v) => v.split('\n')).filter((v) => v.trim() !== ''))];
}

/** Rows that state the engagement's key figures (peak QPS, service days, billed person-days). */
const KEY_FIGURES = {
  peakQps: /peak QPS|峰值\s*QPS/i,
  serviceDays: /^service days$|服务天数/i,
  billedPersonDays: /billed.*person-days|计费.*人天/i,
} as const;
function keyFigures(d: Document): { figure: keyof typeof KEY_FIGURES; value: string }[] {
  const rows = blocksOf(d).flatMap((b) =>
    b.kind === 'keyValue'
      ? b.rows.map((r) => [r.key, r.value] as const)
      : b.kind === 'table'
        ? b.rows.flatMap((r) => (r.length >= 2 ? [[r[0] ?? '', r.slice(1).join(' ')] as const] : []))
        : [],
  );
  return rows.flatMap(([k, value]) =>
    (Object.keys(KEY_FIGURES) as (keyof typeof KEY_FIGURES)[])
      .filter((figure) => KEY_FIGURES[figure].test(k))
      .map((figure) => ({ figure, value })),
  );
}

describe.each(CASES)('%s (%s)', (id, language) => {
  it('PDF: pdftotext holds every finding title, table cell, key-value and key figure', () => {
    const { document, pdf } = get(id, language);
    const text = squash(pdfText(pdf));
    for (const title of findingTitles(document)) expect(text, title).toContain(squash(title));
    for (const value of cellTexts(document)) expect(text, value).toContain(squash(value));
    for (const { value } of keyFigures(document)) expect(text, value).toContain(squash(value));
  });

  it('DOCX: word/document.xml holds every finding title, table cell, key-value and key figure', () => {
    const { document, xml } = get(id, language);
    const text = docxText(xml);
    for (const title of findingTitles(document)) expect(text, title).toContain(title);
    for (const value of cellTexts(document)) expect(text, value).toContain(value);
    for (const { value } of keyFigures(document)) expect(text, value).toContain(value);
  });

  it('PDF: qpdf --check passes and the first pages render to images with ink on them', async () => {
    const { pdf } = get(id, language);
    expect(qpdfCheck(pdf)).toContain('No syntax or stream encoding errors found');
    const last = Math.min(3, pdfPages(pdf));
    for (const png of rasterise(pdf, 30, 1, last, join(dir, `${key(id, language)}-page`))) {
      const { data } = await pixels(png);
      const dark = data.filter((v) => v < 160).length;
      expect(dark, png).toBeGreaterThan(200);
    }
  });

  it('DOCX: LibreOffice opens and lays it out, with every finding title on its pages', () => {
    const { document, office } = get(id, language);
    expect(office).toBeDefined();
    const file = office ?? '';
    expect(pdfPages(file)).toBeGreaterThan(2);
    const text = squash(pdfText(file));
    expect(text).toContain(squash(document.title));
    for (const title of findingTitles(document)) expect(text, title).toContain(squash(title));
  });

  it('numbers the same table and figure captions in both formats', () => {
    const { pdf, xml } = get(id, language);
    // A caption starts its line: "Table 3 — Contacts", "表 3  联系人" (pdftotext keeps one of the two spaces).
    const pattern = language === 'en' ? /^(?:Table|Figure) \d+(?= — )/ : /^(?:表|图) \d+(?=\s)/;
    const captions = (text: string) => text.split('\n').flatMap((line) => pattern.exec(line.trim())?.[0] ?? []);
    const inDocx = captions(docxText(xml));
    expect(inDocx.length).toBeGreaterThan(0);
    expect(captions(pdfText(pdf))).toEqual(inDocx);
  });

  if (language === 'zh-CN') {
    it('Chinese: the PDF embeds a subset of the CJK font and pdftotext gives the Chinese verbatim; the DOCX names an East Asian font', () => {
      const { document, pdf, xml, styles } = get(id, language);
      expect(pdfFonts(pdf)).toMatch(/^[A-Z]{6}\+NotoSansSC\S*\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/m);
      const text = pdfText(pdf);
      expect(text).toContain(document.title);
      for (const s of walkSections(document.sections)) expect(squash(text)).toContain(squash(s.title));
      expect(styles).toMatch(/<w:rFonts [^>]*w:eastAsia="Microsoft YaHei"/);
      expect(xml).toContain(document.title);
    });
  }
});

it('the key figures (peak QPS, service days, billed person-days) appear in the deliverables', () => {
  const found = new Set([...rendered.values()].flatMap((r) => keyFigures(r.document).map((k) => k.figure)));
  expect([...found].sort()).toEqual(Object.keys(KEY_FIGURES).sort());
});

it('a DOCX with a 20,000-character paragraph, a 300-row table and a 5,000-character finding lays out in LibreOffice without losing text', () => {
  const text = pdfText(longOffice);
  const found = (pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[0]);
  expect(found(/\bp\d{5}\b/g)).toEqual(LONG.paragraph.split(' '));
  expect(found(/\bd\d{4}\b/g)).toEqual(LONG.description.split(' '));
  // The header row repeats on every page; each body row appears once.
  expect(found(/\br\d{3}\b/g)).toEqual(LONG.rows.map((r) => r[0]));
  expect(pdfPages(longOffice)).toBeGreaterThan(10);
});
