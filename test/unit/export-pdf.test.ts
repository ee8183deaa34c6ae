import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { ExportAssets } from '../../electron/core/export/assets';
import { renderPdf } from '../../electron/core/export/pdf';
import { buildAlibabaWorkPlan } from '../../shared/report/builders/alibaba-work-plan';
import { buildHuaweiAssuranceSolution } from '../../shared/report/builders/huawei-assurance-solution';
import { type Document, walkSections } from '../../shared/report/model';
import { reportInput } from '../fixtures/report-input';

const LANGUAGES = ['en', 'zh-CN'] as const;
const BUILDERS = [
  ['huawei', buildHuaweiAssuranceSolution],
  ['alibaba', buildAlibabaWorkPlan],
] as const;

/** A real PNG for every image but the ones listed as missing (rendered as a captioned placeholder). */
async function fakeAssets(missing: ReadonlySet<string> = new Set()): Promise<ExportAssets> {
  const data = new Uint8Array(
    await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#4f7cac' } })
      .png()
      .toBuffer(),
  );
  return {
    image: async ({ sha256 }) => (missing.has(sha256) ? null : { data, width: 1600, height: 900, type: 'png' }),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'vigil-pdf-'));
const pdftotext = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const pages = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
/** pdftotext breaks long lines and spaces out layout: compare without whitespace. */
const squash = (s: string) => s.replace(/\s+/g, '');

describe.each(BUILDERS)('PDF of the %s document', (vendor, build) => {
  for (const language of LANGUAGES) {
    it(`${language}: holds the title, every section title and the watermark; more than one page`, async () => {
      const document: Document = build(reportInput(vendor, language));
      const bytes = await renderPdf(document, await fakeAssets());
      expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      const file = join(dir, `${vendor}-${language}.pdf`);
      writeFileSync(file, bytes);
      const text = squash(pdftotext(file));
      expect(text).toContain(squash(document.title));
      expect(text).toContain(squash(document.number));
      for (const s of walkSections([...document.frontMatter, ...document.sections])) {
        expect(text).toContain(squash(s.title));
      }
      expect(text).toContain('DRAFT');
      if (language === 'zh-CN') expect(text).toContain('草稿');
      expect(pages(file)).toBeGreaterThan(1);
      // Every font is embedded (no standard-14 fallback, so no missing glyph on another machine).
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
      expect(fonts.length).toBeGreaterThan(0);
      for (const line of fonts) expect(line).toMatch(/\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/);
    });
  }

  it('has no watermark once signed, and a missing image becomes a captioned placeholder', async () => {
    const document: Document = { ...build(reportInput(vendor, 'en')), draft: false };
    const bytes = await renderPdf(document, await fakeAssets());
    const file = join(dir, `${vendor}-final.pdf`);
    writeFileSync(file, bytes);
    expect(pdftotext(file)).not.toContain('DRAFT');
  });
});

it('puts CJK text in an English document in the CJK font, verbatim', async () => {
  const base = buildHuaweiAssuranceSolution(reportInput('huawei', 'en'));
  const document: Document = { ...base, cover: { ...base.cover, customer: '华为云 客户 A' } };
  const file = join(dir, 'mixed.pdf');
  writeFileSync(file, await renderPdf(document, await fakeAssets()));
  expect(pdftotext(file)).toContain('华为云 客户 A');
});
