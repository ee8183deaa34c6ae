/**
 * What every deliverable builder in the registry must do, whichever offering's engagement it is
 * given: a valid document in the requested language, every heading from the fixed title table,
 * the deviations section with every override, sign-off, front matter with only the glossary terms
 * used, and the outline's missing-data statements (never an empty heading) when data is absent.
 */
import { applyRedactions, findSecrets } from '@shared/domain/redaction';
import { acceptanceOutline, BUILDERS } from '@shared/report/builders';
import { documentProblems, documentSchema } from '@shared/report/model';
import { DOC_TEXT, fill, GLOSSARY, SECTION_TITLES } from '@shared/report/text';
import { describe, expect, it } from 'vitest';
import { allSections, blocksOf, sectionById } from '../fixtures/report-document';
import { reportInput } from '../fixtures/report-input';

const IDS = Object.keys(BUILDERS);
const VENDORS = ['huawei', 'alibaba'] as const;
const LANGUAGES = ['en', 'zh-CN'] as const;

const build = (id: string, ...args: Parameters<typeof reportInput>) => {
  const builder = BUILDERS[id];
  if (!builder) throw new Error(`no builder ${id}`);
  return builder(reportInput(...args));
};

describe('the registry', () => {
  it('has a builder for every deliverable of both shipped offerings', () => {
    const listed = VENDORS.flatMap((v) => reportInput(v).plan.catalog.deliverables.map((d) => d.id));
    expect(listed.filter((id) => !IDS.includes(id))).toEqual([]);
    expect(IDS.sort()).toEqual([...new Set(listed)].sort());
  });
});

describe.each(IDS)('%s', (id) => {
  for (const vendor of VENDORS) {
    for (const language of LANGUAGES) {
      describe(`${vendor} engagement, ${language}`, () => {
        const d = build(id, vendor, language);

        it('is a schema-valid draft in that language with no empty heading', () => {
          expect(documentSchema.safeParse(d).success).toBe(true);
          expect(documentProblems(d)).toEqual([]);
          expect([d.id, d.language, d.draft]).toEqual([id, language, true]);
        });

        it('titles every heading from the fixed title table in that language', () => {
          for (const s of allSections(d)) {
            const pair = SECTION_TITLES[s.id as keyof typeof SECTION_TITLES];
            expect(pair?.[language], s.id).toBe(s.title);
          }
        });

        it('lists every rule override with its reason, who and when, and the open warnings', () => {
          const [overrides, open] = blocksOf(sectionById(d, 'deviations'), 'table');
          expect(overrides?.rows.map((r) => r.slice(1))).toEqual([
            [
              'Customer escalated; provider agreed by email password=Sup3rSecret!',
              'Zhang San',
              '2026-10-20 17:30 (UTC+08:00)',
            ],
          ]);
          expect(open?.rows.map((r) => r[0])).toEqual(['remote:extra-days-billable']);
        });

        it('carries the customer and provider signatures, each with the attestation of its document', () => {
          const signatures = allSections(d).flatMap((s) => blocksOf(s, 'signature'));
          expect(new Set(signatures.map((b) => b.party))).toEqual(new Set(['customer', 'provider']));
          const attestations: string[] = Object.values(DOC_TEXT[language].signOff);
          for (const b of signatures) expect(attestations).toContain(b.attests);
          expect(signatures.find((b) => b.party === 'customer')?.name).toBe('Wang Fang');
        });

        it('has a glossary of only the terms the document uses, and its referenced documents', () => {
          const front = d.frontMatter.map((s) => s.id);
          expect(front).toEqual([
            'versionHistory',
            'distributionList',
            'confidentialityNotice',
            'glossary',
            'referencedDocuments',
          ]);
          const body = JSON.stringify([d.title, d.frontMatter.filter((s) => s.id !== 'glossary'), d.sections]);
          const listed = blocksOf(sectionById(d, 'glossary'), 'table')[0]?.rows.map((r) => r[0]) ?? [];
          const used = GLOSSARY.filter((g) => g.used[language].test(body)).map((g) => g.term[language]);
          expect(listed).toEqual(used);
          // The provider contact's role is "TAM"; nobody records an MTTA yet.
          expect(listed).toContain(GLOSSARY[0]?.term[language]);
          expect(listed.some((t) => t?.startsWith('MTTA'))).toBe(false);
          const catalogRow = blocksOf(sectionById(d, 'referencedDocuments'), 'table')[0]?.rows[0];
          expect(catalogRow?.slice(1)).toEqual(['1.0.0', 'aaaaaaaaaaaa']);
        });

        it('repeats header rows on every table', () => {
          for (const s of allSections(d)) for (const b of blocksOf(s, 'table')) expect(b.repeatHeader).toBe(true);
        });
      });
    }
  }

  it('gives the documented statements, never an empty heading, when nothing is recorded', () => {
    for (const vendor of VENDORS) {
      const input = reportInput(vendor, 'en', { findings: [], checklists: [], evidence: [] });
      input.plan.contacts = [];
      input.plan.tasks = [];
      input.plan.resources = [];
      input.plan.overrides = [];
      input.plan.warnings = [];
      input.plan.details.objectives = '';
      input.plan.details.slos = [];
      const builder = BUILDERS[id];
      if (!builder) throw new Error(`no builder ${id}`);
      const d = builder(input);
      expect(documentProblems(d)).toEqual([]);
      const texts = allSections(d).flatMap((s) => blocksOf(s, 'notAssessed').map((b) => b.text));
      const params = { date: '2026-10-25', period: '2026-11-10 – 2026-11-12' };
      const known = [
        fill(DOC_TEXT.en.missing.noData, params),
        fill(DOC_TEXT.en.missing.blocking, params),
        fill(DOC_TEXT.en.missing.unconfirmed, params),
        fill(DOC_TEXT.en.missing.signOffs, params),
        fill(DOC_TEXT.en.missing.notInEdition, {
          edition: input.plan.catalog.editionName.en,
          catalog: input.plan.catalog.name.en,
        }),
        DOC_TEXT.en.missing.summaryVerdict,
      ];
      // The readiness verdict names what it still waits for, in the offering's words.
      const pendingVerdict =
        /^Readiness verdict: not yet assessable \((capacity (evaluation|assessment)|performance test|stress test) not recorded(; (performance|stress) test not recorded)?\)\.$/;
      expect(texts.length).toBeGreaterThan(0);
      expect(texts.filter((t) => !known.includes(t) && !pendingVerdict.test(t))).toEqual([]);
      // "None" is the consultant's to affirm: a blank never reads as none.
      expect(texts).not.toContain(fill(DOC_TEXT.en.missing.none, params));
      expect(JSON.stringify(sectionById(d, 'deviations'))).toContain(DOC_TEXT.en.overridesNone);
    }
  });

  it('passes free text through the redact function', () => {
    const redact = (text: string) =>
      applyRedactions(
        text,
        findSecrets(text).map((h) => ({ ...h, fingerprint: 'f' })),
        {},
      );
    for (const vendor of VENDORS) {
      const builder = BUILDERS[id];
      if (!builder) throw new Error(`no builder ${id}`);
      const input = reportInput(vendor);
      const text = JSON.stringify(builder(input, { redact }));
      expect(text).not.toContain('Sup3rSecret!');
      expect(text).not.toContain('S3cr3tPass');
      expect(text).toContain('••••');
      expect(JSON.stringify(builder(input))).toContain('Sup3rSecret!');
    }
  });
});

describe('the acceptance report', () => {
  it('takes the Huawei outline when the catalog delivers the On-Duty Service Summary, the Alibaba one otherwise', () => {
    expect(acceptanceOutline(reportInput('huawei'))).toBe('huawei');
    expect(acceptanceOutline(reportInput('alibaba'))).toBe('alibaba');
    expect(build('acceptance-report', 'huawei').sections.map((s) => s.id)).toContain('signaturesSeal');
    expect(build('acceptance-report', 'alibaba').sections.map((s) => s.id)).toContain(
      'outstandingConclusionSignatures',
    );
  });
});
