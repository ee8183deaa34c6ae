import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import type { ExportAssets } from '../../electron/core/export/assets';
import {
  contrast,
  fitTable,
  palette,
  type RenderWarning,
  SEVERITY_COLOURS,
  textEm,
} from '../../electron/core/export/common';
import { renderDocx } from '../../electron/core/export/docx';
import { BUILDERS } from '../../shared/report/builders';
import { type BlockOf, type Document, type FindingItem, walkSections } from '../../shared/report/model';
import { assets, docxParts, docxText, vendorOf, xmlEscaped } from '../fixtures/export-tools';
import { reportInput } from '../fixtures/report-input';

// Rendering a DOCX lays its pages out to number the contents: seconds on a busy 2-core machine.
vi.setConfig({ testTimeout: 60_000 });

const EVIDENCE = 'b'.repeat(64);
const LOGO = 'c'.repeat(64);
const noImages: ExportAssets = { image: async () => null };

const build = (id: string, language: 'en' | 'zh-CN' = 'en'): Document => {
  const builder = BUILDERS[id];
  if (!builder) throw new Error(`no builder ${id}`);
  return builder(reportInput(vendorOf(id), language));
};
const huawei = (language: 'en' | 'zh-CN' = 'en') => build('assurance-solution', language);

async function parts(document: Document, a?: ExportAssets, options: Parameters<typeof renderDocx>[2] = {}) {
  const bytes = await renderDocx(document, a ?? (await assets()), options);
  return { bytes, ...docxParts(bytes) };
}

describe.each(Object.keys(BUILDERS))('DOCX of %s', (id) => {
  for (const language of ['en', 'zh-CN'] as const) {
    describe(language, () => {
      const document = build(id, language);

      it('is a DOCX whose body holds every numbered section title, the TOC field and repeated header rows', async () => {
        const { bytes, names, document: xml } = await parts(document);
        expect(bytes[0]).toBe(0x50); // PK
        expect(names).toContain('word/document.xml');
        for (const s of walkSections([...document.frontMatter, ...document.sections])) {
          expect(xml).toContain(xmlEscaped(s.number ? `${s.number}\u2002${s.title}` : s.title));
        }
        expect(xml).toContain(xmlEscaped(document.title));
        expect(xml).toContain(document.number);
        expect(xml).toContain('<w:tblHeader');
        expect(xml).toMatch(/TOC \\\\?[a-z]/);
        expect(xml).toContain('w:pStyle w:val="Heading1"');
      });

      it('carries the draft watermark and document number in the header, page X of Y in the footer', async () => {
        const { headers, footers } = await parts(document, noImages);
        expect(document.draft).toBe(true);
        expect(headers).toContain(language === 'zh-CN' ? '草稿' : 'DRAFT');
        expect(headers).toContain('v:textpath');
        expect(headers).toContain(document.number);
        expect(footers).toContain('PAGE');
        expect(footers).toContain('NUMPAGES');
        expect(footers).toContain(language === 'zh-CN' ? '第 ' : 'Page ');
        expect(footers).toContain(language === 'zh-CN' ? ' 页，共 ' : ' of ');
        const signed = await parts({ ...document, draft: false }, noImages);
        expect(signed.headers).not.toContain('v:textpath');
      });

      it('sets the East Asian font on runs and in the default style', async () => {
        const { document: xml, styles } = await parts(document, noImages);
        expect(xml).toMatch(/w:eastAsia="Microsoft YaHei"/);
        expect(styles).toMatch(/w:eastAsia="Microsoft YaHei"/);
      });
    });
  }
});

describe('DOCX details', () => {
  it('writes Chinese text verbatim for zh-CN', async () => {
    const document = build('work-plan', 'zh-CN');
    const { document: xml } = await parts(document, noImages);
    expect(xml).toContain('护航服务工作计划');
    expect(xml).toContain('项目概述');
  });

  it('embeds images the assets supply and numbers their captions', async () => {
    const { media, document: xml } = await parts(huawei());
    expect(media.length).toBeGreaterThan(0);
    expect(docxText(xml)).toMatch(/Figure 1 — .*RDS console: no standby instance/);
  });

  it('turns a missing or undecodable image into a captioned placeholder and a warning', async () => {
    for (const [a, code] of [
      [await assets({ missing: new Set([EVIDENCE]) }), 'imageMissing'],
      [await assets({ broken: new Set([EVIDENCE]) }), 'imageUndecodable'],
    ] as const) {
      const warnings: RenderWarning[] = [];
      const { media, document: xml } = await parts(huawei(), a, { onWarning: (w) => warnings.push(w) });
      expect(media).toEqual([]);
      expect(xml).toContain('[Image not available]');
      expect(xml).toContain('RDS console: no standby instance');
      expect(warnings.map((w) => [w.code, w.sha256])).toEqual([[code, EVIDENCE]]);
    }
  });

  it('colours the severity matrix and lists every finding', async () => {
    const document = huawei();
    const { document: xml } = await parts(document, noImages);
    expect(xml).toContain(`w:fill="${SEVERITY_COLOURS.critical.fill}"`);
    expect(xml).toContain(`w:fill="${SEVERITY_COLOURS.info.fill}"`);
    const items = walkSections(document.sections)
      .flatMap((s) => s.blocks)
      .flatMap((b) => (b.kind === 'findings' ? b.items : []));
    expect(items.length).toBeGreaterThan(0);
    for (const f of items) expect(xml).toContain(xmlEscaped(f.title));
  });

  it('uses the theme colour for headings and a tint of it for table heads; refuses a colour that is not #RRGGBB', async () => {
    const themed = await parts(huawei(), noImages, { theme: { primaryColor: '#0b7a3e' } });
    expect(themed.styles).toContain('w:color w:val="0B7A3E"');
    expect(themed.document).toContain('w:color w:val="0B7A3E"');
    // The table head fill: 16 % of the colour on white.
    expect(themed.document).toContain('w:fill="D8EAE0"');
    const plain = await parts(huawei(), noImages);
    expect(plain.styles).not.toContain('0B7A3E');
    await expect(renderDocx(huawei(), noImages, { theme: { primaryColor: '#12345' } })).rejects.toThrow(
      /theme\.primaryColor/,
    );
  });

  it('keeps a too-light theme colour readable: headings and table-head text reach 4.5:1 contrast', () => {
    for (const primaryColor of ['#FFE600', '#A0E8FF', '#1F3A5F', '#000000']) {
      const p = palette({ primaryColor });
      expect(contrast(p.primary, 'FFFFFF'), primaryColor).toBeGreaterThanOrEqual(4.5);
      expect(contrast(p.headerText, p.headerFill), primaryColor).toBeGreaterThanOrEqual(4.5);
    }
    // A colour that already reads well is used as given.
    expect(palette({ primaryColor: '#1f3a5f' }).primary).toBe('1F3A5F');
  });

  it('puts the firm logo on the cover, and leaves out a logo that does not decode with a warning', async () => {
    const base = huawei();
    const document: Document = {
      ...base,
      cover: { ...base.cover, firm: { name: 'Example Consulting', logo: { sha256: LOGO, variant: 'document' } } },
    };
    const logo = new Uint8Array(
      await sharp({ create: { width: 400, height: 120, channels: 3, background: '#ff00ff' } })
        .png()
        .toBuffer(),
    );
    const good = await parts(document, await assets({ data: logo }));
    const cover = good.document.slice(0, good.document.indexOf('>Example Consulting</w:t>'));
    expect(cover).toContain('<w:drawing>');
    expect(cover).toContain('descr="Example Consulting"');

    const warnings: RenderWarning[] = [];
    const bad = await parts(document, await assets({ data: logo, broken: new Set([LOGO]) }), {
      onWarning: (w) => warnings.push(w),
    });
    const badCover = bad.document.slice(0, bad.document.indexOf('>Example Consulting</w:t>'));
    expect(badCover).not.toContain('<w:drawing>');
    expect(warnings.map((w) => [w.code, w.sha256])).toEqual([['logoUndecodable', LOGO]]);
  });

  it('keeps a short all-bold lead-in paragraph with what it introduces, and no other paragraph', async () => {
    const base = huawei();
    const document: Document = {
      ...base,
      sections: [
        {
          id: 'lead',
          number: '1',
          title: 'Lead-ins',
          blocks: [
            { kind: 'paragraph', style: 'normal', runs: [{ text: 'Earlier deliverables', bold: true }] },
            { kind: 'list', ordered: false, items: [[{ text: 'Work plan' }]] },
            { kind: 'paragraph', style: 'normal', runs: [{ text: 'Plain words that end here.' }] },
          ],
          subsections: [],
        },
      ],
    };
    const { document: xml } = await parts(document, noImages);
    const paragraphOf = (text: string) => xml.split('<w:p>').find((p) => p.includes(`>${text}</w:t>`)) ?? '';
    expect(paragraphOf('Earlier deliverables')).toContain('<w:keepNext/>');
    expect(paragraphOf('Plain words that end here.')).not.toContain('<w:keepNext/>');
  });

  it('lets a row longer than a page split while short rows stay whole', async () => {
    const description = Array.from({ length: 834 }, (_, i) => `d${String(i).padStart(4, '0')}`).join(' ');
    const item: FindingItem = {
      ref: 'F-001',
      severity: 'high',
      severityLabel: 'High',
      title: 'Long finding',
      description,
      recommendation: 'Short recommendation',
      affectedResources: [],
      owner: 'Li Wei',
      dueDate: null,
      status: 'open',
      statusLabel: 'Open',
      disposition: '',
      evidence: [],
    };
    const block: BlockOf<'findings'> = {
      kind: 'findings',
      summary: [{ severity: 'high', label: 'High', count: 1 }],
      items: [item],
      labels: {},
    };
    const base = huawei();
    const document: Document = {
      ...base,
      sections: [{ id: 'f', number: '1', title: 'Findings', blocks: [block], subsections: [] }],
    };
    const { document: xml } = await parts(document, noImages);
    const rows = xml.split('<w:tr>').slice(1);
    const long = rows.find((r) => r.includes('d0833'));
    const short = rows.find((r) => r.includes('Short recommendation'));
    expect(long).toBeDefined();
    expect(long).not.toContain('<w:cantSplit/>');
    expect(short).toContain('<w:cantSplit/>');
    expect(docxText(xml)).toContain(description);
  });

  it('fits every column to its longest header word, shrinking the header font only when the words cannot fit', () => {
    const columns = ['Party', 'Name', 'Role', 'Email', 'Phone', 'Project manager'].map((header) => ({
      header,
      width: header === 'Project manager' ? 0.5 : 1.5,
    }));
    const rows = [['Customer', 'Wang Fang', 'IT Director', 'wang.fang@acme.example', '+86 138 0000 0000', 'Yes']];
    const options = { total: 9412, bodySize: 190, headerSize: 190, minHeaderSize: 130, padding: 240, integer: true };
    const { widths, headerSize } = fitTable(columns, rows, options);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(9412);
    expect(headerSize).toBe(190);
    columns.forEach((c, i) => {
      for (const word of c.header.split(' ')) expect(widths[i] ?? 0).toBeGreaterThanOrEqual(textEm(word, true) * 190);
    });
    // Eleven long headers cannot all fit at 9.5 pt: the header size steps down.
    const many = Array.from({ length: 11 }, (_, i) => ({ header: `Responsibility${i}`, width: 1 }));
    expect(fitTable(many, [], options).headerSize).toBeLessThan(190);
  });
});
