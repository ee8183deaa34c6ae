import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyRedactions, findSecrets } from '../../shared/domain/redaction';
import { buildAlibabaWorkPlan } from '../../shared/report/builders/alibaba-work-plan';
import { buildHuaweiAssuranceSolution } from '../../shared/report/builders/huawei-assurance-solution';
import {
  type Block,
  type BlockOf,
  type Document,
  documentProblems,
  documentSchema,
  type Section,
  walkSections,
} from '../../shared/report/model';
import { DOC_TEXT, DOCUMENT_TITLES, fill, SECTION_TITLES } from '../../shared/report/text';
import { reportInput } from '../fixtures/report-input';

const LANGUAGES = ['en', 'zh-CN'] as const;
const BUILDERS = [
  ['huawei', buildHuaweiAssuranceSolution],
  ['alibaba', buildAlibabaWorkPlan],
] as const;

const all = (d: Document) => walkSections([...d.frontMatter, ...d.sections]);
const find = (d: Document, id: string): Section => {
  const s = all(d).find((x) => x.id === id);
  if (!s) throw new Error(`no section ${id}`);
  return s;
};
const blocksOf = <K extends Block['kind']>(s: Section, kind: K) =>
  [s, ...walkSections(s.subsections)].flatMap((x) => x.blocks).filter((b): b is BlockOf<K> => b.kind === kind);
const outline = (sections: readonly Section[]): string[] =>
  sections.flatMap((s) => [`${s.number} ${s.title}`, ...outline(s.subsections)]);
/** Every string in the document, for "does it contain" checks. */
const allText = (d: Document) => JSON.stringify(d);

/** The section titles as DELIVERABLES.md prints them ("EN / 中文" pairs in the outline tables). */
const deliverablesMd = readFileSync(resolve(import.meta.dirname, '../../../shared/DELIVERABLES.md'), 'utf8');

describe.each(BUILDERS)('%s builder', (vendor, build) => {
  for (const language of LANGUAGES) {
    describe(language, () => {
      const d = build(reportInput(vendor, language));

      it('is schema-valid, a draft, and no section is empty', () => {
        expect(documentSchema.safeParse(d).success).toBe(true);
        expect(d.draft).toBe(true);
        expect(d.language).toBe(language);
        expect(documentProblems(d)).toEqual([]);
        for (const s of all(d)) expect(s.blocks.length + s.subsections.length).toBeGreaterThan(0);
      });

      it('has the translated title and the deviations and sign-off sections', () => {
        const id = vendor === 'huawei' ? 'assurance-solution' : 'work-plan';
        expect(d.title).toBe(DOCUMENT_TITLES[id][language]);
        expect(find(d, 'deviations').title).toBe(SECTION_TITLES.deviations[language]);
        expect(blocksOf(find(d, 'signOff'), 'signature').map((b) => b.party)).toEqual(['customer', 'provider']);
      });

      it('lists every override (rule, reason, who, when) and the warnings still open', () => {
        const tables = blocksOf(find(d, 'deviations'), 'table');
        const overrides = tables[0];
        expect(overrides?.rows).toHaveLength(1);
        expect(overrides?.rows[0]?.[0]).toContain('lead-time:application');
        expect(overrides?.rows[0]?.slice(1)).toEqual([
          'Customer escalated; provider agreed by email password=Sup3rSecret!',
          'Zhang San',
          '2026-10-20 17:30 (UTC+08:00)',
        ]);
        const open = tables[1];
        expect(open?.rows.map((r) => r[0])).toEqual(['remote:extra-days-billable']);
      });

      it('prints the RACI table, the counting rule and on-site billing with multipliers', () => {
        const text = allText(d);
        expect(text).toContain('A/R');
        const schedule = find(d, vendor === 'huawei' ? 'scheduleMilestones' : 'schedule');
        const notes = blocksOf(schedule, 'paragraph').map((p) => p.runs.map((r) => r.text).join(''));
        expect(notes.some((n) => n.includes(language === 'en' ? 'working days after the start date' : '工作日'))).toBe(
          true,
        );
        expect(schedule.blocks.some((b) => b.kind === 'table' && b.rows.some((r) => r.includes('2026-11-10')))).toBe(
          true,
        );
        expect(text).toContain('×3');
        const raci = find(d, vendor === 'huawei' ? 'raci' : 'responsibilitiesRaci');
        expect(blocksOf(raci, 'table')[0]?.rows[0]?.slice(2)).toEqual(['C', 'A/R']);
      });

      it('repeats header rows on every table', () => {
        for (const s of all(d)) for (const b of blocksOf(s, 'table')) expect(b.repeatHeader).toBe(true);
      });
    });
  }

  it('the redact function reaches findings, overrides and objectives', () => {
    const redact = (text: string) =>
      applyRedactions(
        text,
        findSecrets(text).map((h) => ({ ...h, fingerprint: 'f' })),
        {},
      );
    const input = reportInput(vendor);
    input.plan.details.objectives = 'Keep AccessKey LTAI5tQx9vR2mN8kP3wZ7yHb out of the logs.';
    const d = build(input, { redact });
    const text = allText(d);
    expect(text).not.toContain('S3cr3tPass');
    expect(text).not.toContain('Sup3rSecret!');
    expect(text).not.toContain('LTAI5tQx9vR2mN8kP3wZ7yHb');
    expect(text).toContain('••••');
    // Identity by default.
    expect(allText(build(input))).toContain('Sup3rSecret!');
  });

  it('missing data gives the documented statement, never an empty heading', () => {
    const input = reportInput(vendor, 'en', { findings: [], checklists: [], evidence: [] });
    input.plan.contacts = [];
    input.plan.tasks = [];
    input.plan.details.objectives = '';
    const d = build(input);
    expect(documentProblems(d)).toEqual([]);
    const statement = fill(DOC_TEXT.en.missing.blocking, { date: '2026-10-25' });
    const contacts = find(d, vendor === 'huawei' ? 'contacts' : 'organisationContacts');
    expect(blocksOf(contacts, 'notAssessed')[0]).toEqual({
      kind: 'notAssessed',
      reason: 'blocking',
      text: statement,
      blocksSigning: true,
    });
    const raci = find(d, vendor === 'huawei' ? 'raci' : 'responsibilitiesRaci');
    expect(blocksOf(raci, 'notAssessed')[0]?.text).toBe(statement);
  });
});

describe('Huawei Key Event Assurance Solution', () => {
  const d = buildHuaweiAssuranceSolution(reportInput('huawei'));

  it('follows the outline of DELIVERABLES.md §4 H1, then deviations and sign-off', () => {
    expect(outline(d.sections)).toMatchInlineSnapshot(`
      [
        "1 Executive summary",
        "2 Background and objectives",
        "3 Scope and service items",
        "4 Organisation and responsibilities",
        "4.1 Contacts",
        "4.2 Responsibilities (RACI)",
        "5 Schedule and milestones",
        "6 Risk inspection",
        "7 Security evaluation",
        "8 Capacity evaluation",
        "9 Performance test",
        "10 Recommendations and rectification plan",
        "11 On-duty arrangement",
        "12 Emergency plans",
        "13 Appendices",
        "13.1 Resource inventory",
        "13.2 Checklist answers",
        "13.3 Evidence",
        "14 Deviations",
        "15 Sign-off",
      ]
    `);
  });

  it('zh-CN titles are the 中文 names of DELIVERABLES.md', () => {
    const zh = buildHuaweiAssuranceSolution(reportInput('huawei', 'zh-CN'));
    expect(deliverablesMd).toContain(`### H1 Key Event Assurance Solution / ${zh.title}`);
    for (const s of zh.sections) {
      if (['organisation', 'appendices', 'deviations', 'signOff'].includes(s.id) || s.subsections.length === 0) {
        const en = SECTION_TITLES[s.id as keyof typeof SECTION_TITLES].en;
        expect(deliverablesMd).toContain(`${en} / ${s.title}`);
      }
    }
  });

  it('capacity evaluation in scope but unrecorded: no data; performance test outside the edition: NS', () => {
    const capacity = blocksOf(find(d, 'capacityEvaluation'), 'notAssessed')[0];
    expect(capacity).toMatchObject({ reason: 'noData', text: 'Not yet assessed: no data recorded as of 2026-10-25.' });
    const perf = blocksOf(find(d, 'performanceTest'), 'notAssessed')[0];
    expect(perf).toMatchObject({
      reason: 'notInEdition',
      text: 'Not included in the Basic edition of the Huawei Cloud Key Event On-Duty Service catalog.',
    });
    expect(blocksOf(find(d, 'securityEvaluation'), 'notAssessed')[0]?.reason).toBe('notInEdition');
    expect(blocksOf(find(d, 'onDutyArrangement'), 'notAssessed')[0]).toMatchObject({ blocksSigning: true });
    expect(blocksOf(find(d, 'emergencyPlans'), 'notAssessed')[0]?.reason).toBe('noData');
  });

  it('executive summary: verdict not yet assessable, severity counts, top risks', () => {
    const s = find(d, 'executiveSummary');
    // The fixture's edition has the capacity evaluation but not the performance test.
    expect(blocksOf(s, 'notAssessed')[0]?.text).toBe(
      'Readiness verdict: not yet assessable (capacity evaluation not recorded).',
    );
    const summary = blocksOf(s, 'findings')[0]?.summary;
    expect(summary?.map((x) => [x.severity, x.count])).toEqual([
      ['critical', 1],
      ['high', 1],
      ['medium', 0],
      ['low', 1],
      ['info', 0],
    ]);
    expect(JSON.stringify(s)).toContain('F-001 [Critical] RDS primary has no standby');
  });

  it('findings carry stable F-nnn ids, evidence images and accepted risks', () => {
    const items = blocksOf(find(d, 'riskInspection'), 'findings')[0]?.items ?? [];
    expect(items.map((i) => i.ref)).toEqual(['F-001', 'F-002', 'F-003']);
    expect(items[0]?.evidence[0]?.ref).toEqual({ sha256: 'b'.repeat(64), variant: 'document' });
    const rect = JSON.stringify(find(d, 'recommendations'));
    expect(rect).toContain('Accepted by Wang Fang on 2026-10-22');
    const images = blocksOf(find(d, 'evidence'), 'image');
    expect(images[0]?.caption).toBe('Evidence for F-001: RDS console: no standby instance');
  });

  it('the lead-time check reports the override', () => {
    expect(JSON.stringify(find(d, 'scheduleMilestones'))).toContain(
      'Overridden: Applied 7 working days before the event; 10 are required.',
    );
  });
});

describe('Alibaba Cloud Hypercare Service Work Plan', () => {
  const d = buildAlibabaWorkPlan(reportInput('alibaba'));

  it('follows the outline of DELIVERABLES.md §5 A3, then deviations and sign-off', () => {
    expect(outline(d.sections)).toMatchInlineSnapshot(`
      [
        "1 Project overview",
        "2 Organisation, contacts, escalation",
        "3 Responsibilities (RACI)",
        "4 Schedule",
        "5 Customer prerequisites",
        "6 Required technical content",
        "6.1 Pre-event assessment of specifications and performance",
        "6.2 Analysis and optimization suggestions (applications, databases)",
        "6.3 Disaster recovery solutions",
        "6.4 Anti-DDoS instance IPs",
        "6.5 Security-event reports and solutions",
        "7 Risks, assumptions, change control",
        "8 Deviations",
        "9 Sign-off",
      ]
    `);
  });

  it('zh-CN titles are the 中文 names of DELIVERABLES.md', () => {
    const zh = buildAlibabaWorkPlan(reportInput('alibaba', 'zh-CN'));
    expect(deliverablesMd).toContain(`### A3 Work Plan / ${zh.title}`);
    for (const s of zh.sections) {
      if (s.id === 'requiredTechnicalContent' || s.subsections.length === 0) {
        const en = SECTION_TITLES[s.id as keyof typeof SECTION_TITLES].en;
        expect(deliverablesMd).toContain(`${en} / ${s.title}`);
      }
    }
  });

  it('required technical content: specs NB, DR NB, Anti-DDoS IPs no data', () => {
    expect(blocksOf(find(d, 'preEventAssessment'), 'notAssessed')[0]?.reason).toBe('blocking');
    expect(blocksOf(find(d, 'disasterRecovery'), 'notAssessed')[0]?.reason).toBe('blocking');
    expect(blocksOf(find(d, 'antiDdosIps'), 'notAssessed')[0]?.reason).toBe('noData');
    expect(blocksOf(find(d, 'analysisOptimization'), 'table')[0]?.rows.map((r) => r[0])).toEqual([
      'F-001',
      'F-002',
      'F-003',
    ]);
  });

  it('prints the service duration against the edition cap and the reservation prerequisite', () => {
    const text = allText(d);
    expect(text).toContain('3 service days (edition maximum 10).');
    expect(text).toContain(DOC_TEXT.en.prerequisitesReservation);
  });
});
