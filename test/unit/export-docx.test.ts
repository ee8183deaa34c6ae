import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ExportAssets } from '../../electron/core/export/assets';
import { SEVERITY_COLOURS } from '../../electron/core/export/common';
import { renderDocx } from '../../electron/core/export/docx';
import { buildAlibabaWorkPlan } from '../../shared/report/builders/alibaba-work-plan';
import { buildHuaweiAssuranceSolution } from '../../shared/report/builders/huawei-assurance-solution';
import { type Document, walkSections } from '../../shared/report/model';
import { reportInput } from '../fixtures/report-input';

const BUILDERS = [
  ['huawei', buildHuaweiAssuranceSolution],
  ['alibaba', buildAlibabaWorkPlan],
] as const;

/** A 1×1 PNG, returned for every image. */
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);
const withImages: ExportAssets = { image: async () => ({ data: PNG, width: 800, height: 600, type: 'png' }) };
const noImages: ExportAssets = { image: async () => null };

async function parts(document: Document, assets: ExportAssets) {
  const bytes = await renderDocx(document, assets);
  const zip = unzipSync(bytes);
  const read = (name: string) => strFromU8(zip[name] ?? new Uint8Array());
  const headers = Object.keys(zip)
    .filter((n) => /^word\/header\d*\.xml$/.test(n))
    .map(read)
    .join('\n');
  const footers = Object.keys(zip)
    .filter((n) => /^word\/footer\d*\.xml$/.test(n))
    .map(read)
    .join('\n');
  return { bytes, zip, xml: read('word/document.xml'), headers, footers };
}

/** Text as Word stores it (XML-escaped). */
const escaped = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

describe.each(BUILDERS)('DOCX of the %s document', (vendor, build) => {
  for (const language of ['en', 'zh-CN'] as const) {
    describe(language, () => {
      const document = build(reportInput(vendor, language));

      it('is a DOCX whose body holds every numbered section title, the TOC field and repeated header rows', async () => {
        const { bytes, zip, xml } = await parts(document, withImages);
        expect(bytes[0]).toBe(0x50); // PK
        expect(Object.keys(zip)).toContain('word/document.xml');
        for (const s of walkSections([...document.frontMatter, ...document.sections])) {
          expect(xml).toContain(escaped(s.number ? `${s.number}\u2002${s.title}` : s.title));
        }
        expect(xml).toContain(escaped(document.title));
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
        const signed = await parts({ ...document, draft: false }, noImages);
        expect(signed.headers).not.toContain('v:textpath');
      });

      it('sets the East Asian font on runs', async () => {
        const { xml } = await parts(document, noImages);
        expect(xml).toMatch(/w:eastAsia="[^"]+"/);
      });
    });
  }
});

describe('DOCX details', () => {
  it('writes Chinese text verbatim for zh-CN', async () => {
    const document = buildAlibabaWorkPlan(reportInput('alibaba', 'zh-CN'));
    const { xml } = await parts(document, noImages);
    expect(xml).toContain('护航服务工作计划');
    expect(xml).toContain('项目概述');
    expect(xml).toMatch(/w:eastAsia="Microsoft YaHei"/);
  });

  it('embeds images the assets supply and captions a placeholder for those they do not', async () => {
    const document = buildHuaweiAssuranceSolution(reportInput('huawei', 'en'));
    const withMedia = await parts(document, withImages);
    const withoutMedia = await parts(document, noImages);
    const media = (zip: Record<string, Uint8Array>) => Object.keys(zip).filter((n) => n.startsWith('word/media/'));
    expect(media(withMedia.zip).length).toBeGreaterThan(0);
    expect(media(withoutMedia.zip)).toEqual([]);
    expect(withoutMedia.xml).toContain('[Image not available]');
  });

  it('colours the severity matrix and lists every finding', async () => {
    const document = buildHuaweiAssuranceSolution(reportInput('huawei', 'en'));
    const { xml } = await parts(document, noImages);
    expect(xml).toContain(`w:fill="${SEVERITY_COLOURS.critical.fill}"`); // critical
    expect(xml).toContain(`w:fill="${SEVERITY_COLOURS.info.fill}"`); // info
    const items = walkSections(document.sections)
      .flatMap((s) => s.blocks)
      .flatMap((b) => (b.kind === 'findings' ? b.items : []));
    expect(items.length).toBeGreaterThan(0);
    for (const f of items) expect(xml).toContain(escaped(f.title));
  });
});
