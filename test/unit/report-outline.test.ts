/**
 * Structural snapshots: the heading outline (number and title, nested) of every deliverable in the
 * registry, in English and Chinese, built from the engagement of the offering that delivers it.
 * A change to a document's structure shows up here as a reviewed diff; bytes of DOCX or PDF do not.
 */
import { BUILDERS } from '@shared/report/builders';
import { describe, expect, it } from 'vitest';
import { expectInOutline, outline } from '../fixtures/report-document';
import { reportInput } from '../fixtures/report-input';

const CASES = (['huawei', 'alibaba'] as const).flatMap((vendor) =>
  reportInput(vendor).plan.catalog.deliverables.map((d) => [vendor, d.id] as const),
);

describe.each(CASES)('%s %s', (vendor, id) => {
  for (const language of ['en', 'zh-CN'] as const) {
    it(`has the committed outline in ${language}`, async () => {
      const builder = BUILDERS[id];
      if (!builder) throw new Error(`no builder for ${id}`);
      await expect(outline(builder(reportInput(vendor, language)))).toMatchFileSnapshot(
        `./__outlines__/${vendor}-${id}.${language}.txt`,
      );
    });
  }
});

it('covers every builder in the registry', () => {
  expect(new Set(CASES.map(([, id]) => id))).toEqual(new Set(Object.keys(BUILDERS)));
});

it('names every document as DELIVERABLES.md does in Chinese', () => {
  for (const [vendor, id] of CASES) {
    const title = BUILDERS[id]?.(reportInput(vendor, 'zh-CN')).title;
    expectInOutline(` / ${title}`);
  }
});
