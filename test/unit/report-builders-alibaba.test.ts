/**
 * Alibaba A1 Pre-event Assessment, A2 Service Design with annexes S and M (and the two standalone
 * reports), A4 Service Summary and A5 Acceptance Report (DELIVERABLES.md §5) from today's data.
 */
import { buildAlibabaAcceptanceReport } from '@shared/report/builders/alibaba-acceptance-report';
import { buildAlibabaMonitoringPlan, buildAlibabaStressTestingReport } from '@shared/report/builders/alibaba-annexes';
import { buildAlibabaPreEventAssessment } from '@shared/report/builders/alibaba-pre-event-assessment';
import { buildAlibabaServiceDesign } from '@shared/report/builders/alibaba-service-design';
import { buildAlibabaServiceSummary } from '@shared/report/builders/alibaba-service-summary';
import { buildHuaweiOnDutySummary } from '@shared/report/builders/huawei-on-duty-summary';
import type { ReportInput } from '@shared/report/input';
import type { Document } from '@shared/report/model';
import { DOC_TEXT, fill, SECTION_TITLES } from '@shared/report/text';
import { describe, expect, it } from 'vitest';
import {
  allSections,
  blockingCount,
  blocksOf,
  expectInOutline,
  paragraphs,
  sectionById,
  statements,
} from '../fixtures/report-document';
import { finding, reportInput } from '../fixtures/report-input';

const NB = ['blocking', true];
const ND = ['noData', false];
const NS = ['notInEdition', false];
const UNCONFIRMED = fill(DOC_TEXT.en.missing.unconfirmed, { date: '2026-10-25', period: '2026-11-10 – 2026-11-12' });
const NOT_IN_STANDARD = 'Not included in the Standard edition of the Alibaba Cloud Hypercare Service catalog.';

/**
 * Sub-parts whose titles the outline gives in running text rather than as an "EN / 中文" pair: the
 * appendices' parts, the five §7.2 items (A3 6.1–6.5, A4 8.1–8.5) and annex S4 "Results: …".
 */
const SUB_PARTS = new Set([
  'resourceInventory',
  'checklistSummary',
  'evidence',
  'preEventAssessment',
  'analysisOptimization',
  'disasterRecovery',
  'antiDdosIps',
  'securityEventReports',
  'stressResults',
]);

function expectOutlineTitlesInChinese(zh: Document) {
  for (const s of allSections(zh)) {
    if (SUB_PARTS.has(s.id)) continue;
    const en = SECTION_TITLES[s.id as keyof typeof SECTION_TITLES].en;
    expectInOutline(`${en} / ${s.title}`);
  }
}

/** The fixture with these catalog items in or out of the edition. */
function withItems(scope: Record<string, boolean>, overrides: Partial<ReportInput> = {}): ReportInput {
  const input = reportInput('alibaba', 'en', overrides);
  input.plan.catalog.items = input.plan.catalog.items.map((i) => ({ ...i, inScope: scope[i.id] ?? i.inScope }));
  return input;
}

const ids = (d: Document) => d.sections.map((s) => `${s.number} ${s.id}`);

describe('A1 Pre-event Assessment Report', () => {
  const d = buildAlibabaPreEventAssessment(reportInput('alibaba'));

  it('follows the outline of §5 A1, then appendices, deviations and sign-off', () => {
    expect(ids(d)).toEqual([
      '1 executiveSummary',
      '2 businessEventProfile',
      '3 architectureOverview',
      '4 specPerformanceAssessment',
      '5 preliminaryRisks',
      '6 successCriteria',
      '7 appendices',
      '8 deviations',
      '9 signOff',
    ]);
    const zh = buildAlibabaPreEventAssessment(reportInput('alibaba', 'zh-CN'));
    expectInOutline(`### A1 Pre-event Assessment Report / ${zh.title}`);
    expectOutlineTitlesInChinese(zh);
  });

  it('opens with the verdict pending the capacity assessment, the severity counts and the key gaps', () => {
    const summary = sectionById(d, 'executiveSummary');
    expect(blocksOf(summary, 'notAssessed')[0]?.text).toBe(
      'Readiness verdict: not yet assessable (capacity assessment not recorded).',
    );
    expect(blocksOf(summary, 'findings')[0]?.summary.map((s) => s.count)).toEqual([1, 1, 0, 1, 0]);
    expect(JSON.stringify(summary)).toContain('F-001 [Critical] RDS primary has no standby');
  });

  it('states the objectives as metrics, the resources in scope, the ranked risks and the SLOs', () => {
    const profile = sectionById(d, 'businessEventProfile');
    expect(paragraphs(profile)).toContain('Checkout stays available at 99.95% during the peak hour.');
    expect(JSON.stringify(profile)).toContain('"Predicted peak QPS","value":"120000"');
    expect(blocksOf(sectionById(d, 'architectureOverview'), 'table')[0]?.rows[0]).toEqual([
      'compute',
      'ecs.g7.2xlarge',
      '40',
      'cn-shanghai',
    ]);
    expect(blocksOf(sectionById(d, 'preliminaryRisks'), 'findings')[0]?.items.map((i) => i.ref)).toEqual([
      'F-001',
      'F-002',
      'F-003',
    ]);
    const success = sectionById(d, 'successCriteria');
    expect(blocksOf(success, 'table')[0]?.rows).toEqual([['Checkout P99 latency', '≤ 800 ms']]);
    expect(paragraphs(success)).toContain(DOC_TEXT.en.prerequisitesReservation);
  });

  it('blocks on the specification assessment, and on objectives, peak, resources and SLOs when missing', () => {
    expect(statements(sectionById(d, 'specPerformanceAssessment'))).toEqual([NB]);
    expect(blockingCount(d)).toBe(1);
    const empty = reportInput('alibaba');
    empty.plan.details.objectives = '';
    empty.plan.details.slos = [];
    empty.plan.details.peak = { qps: null, tps: null, concurrentUsers: null, bandwidth: null, bandwidthUnit: 'Gbps' };
    empty.plan.resources = [];
    const bare = buildAlibabaPreEventAssessment(empty);
    expect(statements(sectionById(bare, 'businessEventProfile'))).toEqual([NB, NB]);
    expect(statements(sectionById(bare, 'architectureOverview'))).toEqual([NB, ND]);
    expect(statements(sectionById(bare, 'successCriteria'))).toEqual([NB]);
    expect(blockingCount(bare)).toBe(5);
  });

  it('the customer confirms objectives and metrics, email accepted', () => {
    expect(blocksOf(sectionById(d, 'signOff'), 'signature')[0]?.attests).toBe(DOC_TEXT.en.signOff.attestsA1);
  });
});

describe('A2 Hypercare Service Design', () => {
  const d = buildAlibabaServiceDesign(reportInput('alibaba'));

  it('follows the outline of §5 A2 with annexes S and M, then appendices, deviations and sign-off', () => {
    expect(ids(d)).toEqual([
      '1 executiveSummary',
      '2 objectivesScope',
      '3 riskInspection',
      '4 cloudResourceAssessment',
      '5 capacityAssessment',
      '6 trafficProtection',
      '7 securityHardening',
      '8 databaseBottleneck',
      '9 processOptimization',
      '10 disasterRecoverySolution',
      '11 optimizationSuggestions',
      '12 emergencyResponseDesign',
      '13 stressTestingReport',
      '14 monitoringOptimizationPlan',
      '15 appendices',
      '16 deviations',
      '17 signOff',
    ]);
    expect(sectionById(d, 'stressTestingReport').subsections.map((s) => s.id)).toEqual([
      'stressObjectives',
      'stressEnvironment',
      'stressScenarios',
      'stressResults',
      'stressBottlenecks',
      'stressConclusions',
      'stressRawData',
    ]);
    expect(sectionById(d, 'monitoringOptimizationPlan').subsections.map((s) => s.number)).toEqual([
      '14.1',
      '14.2',
      '14.3',
      '14.4',
      '14.5',
      '14.6',
    ]);
    const zh = buildAlibabaServiceDesign(reportInput('alibaba', 'zh-CN'));
    expectInOutline(`/ ${zh.title} (with two annexed reports)`);
    expectOutlineTitlesInChinese(zh);
  });

  it('prints the findings, ranked recommendations, resources and contacts that exist', () => {
    expect(blocksOf(sectionById(d, 'riskInspection'), 'findings')[0]?.items.map((i) => i.ref)).toEqual([
      'F-001',
      'F-002',
      'F-003',
    ]);
    const suggestions = blocksOf(sectionById(d, 'optimizationSuggestions'), 'table')[0];
    expect(suggestions?.rows.map((r) => [r[0], r[2], r[3]])).toEqual([
      ['F-001', 'Recommendation 1', 'Li Wei'],
      ['F-002', 'Recommendation 2', 'Li Wei'],
      ['F-003', 'Recommendation 3', 'Li Wei'],
    ]);
    expect(blocksOf(sectionById(d, 'cloudResourceAssessment'), 'table')[0]?.rows).toHaveLength(2);
    expect(blocksOf(sectionById(d, 'emergencyResponseDesign'), 'table')[0]?.rows.map((r) => r[1])).toEqual([
      'Wang Fang',
      'Zhang San',
    ]);
  });

  it('moves findings from a security checklist to the security hardening plan', () => {
    const input = reportInput('alibaba', 'en', {
      findings: [
        finding(1, { title: 'Slow query on orders' }),
        finding(2, { title: 'Port 22 open to the internet', templateId: 'security-evaluation', severity: 'high' }),
      ],
      checklists: [
        {
          templateId: 'security-evaluation',
          kind: 'security',
          title: { en: 'Security evaluation', 'zh-CN': '安全评估' },
          answered: 10,
          total: 10,
          failed: 1,
        },
      ],
    });
    const design = buildAlibabaServiceDesign(input);
    const titles = (id: string) => blocksOf(sectionById(design, id), 'findings')[0]?.items.map((i) => i.title);
    expect(titles('riskInspection')).toEqual(['Slow query on orders']);
    expect(titles('securityHardening')).toEqual(['Port 22 open to the internet']);
  });

  it('NS for what the Standard edition leaves out, ND for what it includes, NB where §7.2 requires it', () => {
    expect(blocksOf(sectionById(d, 'databaseBottleneck'), 'notAssessed')[0]?.text).toBe(NOT_IN_STANDARD);
    expect(statements(sectionById(d, 'capacityAssessment'))).toEqual([ND]);
    expect(statements(sectionById(d, 'securityHardening'))).toEqual([ND]);
    expect(statements(sectionById(d, 'disasterRecoverySolution'))).toEqual([NB]);
    expect(blocksOf(sectionById(d, 'antiDdosIps'), 'notAssessed')[0]?.text).toBe(UNCONFIRMED);
    const advanced = buildAlibabaServiceDesign(withItems({ 'database-optimization': true }));
    expect(statements(sectionById(advanced, 'databaseBottleneck'))).toEqual([ND]);
    const basic = buildAlibabaServiceDesign(
      withItems({ 'capacity-assessment': false, 'security-hardening-planning': false }),
    );
    expect(statements(sectionById(basic, 'capacityAssessment'))).toEqual([NS]);
    expect(statements(sectionById(basic, 'securityHardening'))).toEqual([NS]);
  });

  it('annex S blocks signing section by section, or is one NS line when the edition has no stress testing', () => {
    const annex = sectionById(d, 'stressTestingReport');
    expect(annex.subsections.map((s) => statements(s))).toEqual(Array(7).fill([NB]));
    expect(statements(sectionById(d, 'monitoringOptimizationPlan'))).toEqual(Array(6).fill(NB));
    // Cloud resource assessment, DR, emergency response, S1–S7, M1–M6.
    expect(blockingCount(d)).toBe(3 + 7 + 6);
    const basic = buildAlibabaServiceDesign(withItems({ 'on-demand-stress-testing': false }));
    const collapsed = sectionById(basic, 'stressTestingReport');
    expect(collapsed.subsections).toEqual([]);
    expect(blocksOf(collapsed, 'notAssessed').map((b) => b.text)).toEqual([NOT_IN_STANDARD]);
  });

  it('the customer confirms the design (milestone 1), not the outcome', () => {
    expect(blocksOf(sectionById(d, 'signOff'), 'signature')[0]?.attests).toBe(DOC_TEXT.en.signOff.attestsA2);
    expect(DOC_TEXT.en.signOff.attestsA2).toContain('not the outcome');
  });
});

describe('System Stress Testing Report and Optimization Plan for the Monitoring System', () => {
  it('are built from the sections of annexes S and M, in the same order and words', () => {
    const design = buildAlibabaServiceDesign(reportInput('alibaba', 'zh-CN'));
    const stress = buildAlibabaStressTestingReport(reportInput('alibaba', 'zh-CN'));
    const monitoring = buildAlibabaMonitoringPlan(reportInput('alibaba', 'zh-CN'));
    const body = (d: Document) => d.sections.filter((s) => !['deviations', 'signOff'].includes(s.id));
    const strip = (s: Document['sections'][number]) => ({ id: s.id, title: s.title, blocks: s.blocks });
    expect(body(stress).map(strip)).toEqual(sectionById(design, 'stressTestingReport').subsections.map(strip));
    expect(body(monitoring).map(strip)).toEqual(
      sectionById(design, 'monitoringOptimizationPlan').subsections.map(strip),
    );
    expectInOutline(`System Stress Testing Report / ${stress.title}`);
    expectInOutline(`Optimization Plan for the Monitoring System / ${monitoring.title}`);
    expectOutlineTitlesInChinese(stress);
    expectOutlineTitlesInChinese(monitoring);
  });

  it('print NS in every section when a custom edition leaves the item out, with deviations and sign-off', () => {
    const custom = withItems({ 'on-demand-stress-testing': false, 'monitoring-optimization': false });
    for (const d of [buildAlibabaStressTestingReport(custom), buildAlibabaMonitoringPlan(custom)]) {
      const body = d.sections.filter((s) => !['deviations', 'signOff'].includes(s.id));
      expect(body.map((s) => statements(s))).toEqual(Array(body.length).fill([NS]));
      expect(blockingCount(d)).toBe(0);
      expect(d.sections.slice(-2).map((s) => s.id)).toEqual(['deviations', 'signOff']);
    }
  });

  it('block signing until stress-test and monitoring data exist, cite A1 and sign as part of milestone 1', () => {
    const stress = buildAlibabaStressTestingReport(reportInput('alibaba'));
    expect(blockingCount(stress)).toBe(7);
    expect(blockingCount(buildAlibabaMonitoringPlan(reportInput('alibaba')))).toBe(6);
    expect(
      blocksOf(sectionById(stress, 'referencedDocuments'), 'table')
        .at(-1)
        ?.rows.map((r) => r[0]),
    ).toEqual(['Pre-event Assessment Report']);
    expect(blocksOf(sectionById(stress, 'signOff'), 'signature')[0]?.attests).toBe(DOC_TEXT.en.signOff.attestsStress);
  });
});

describe('A4 Service Summary', () => {
  const d = buildAlibabaServiceSummary(reportInput('alibaba'));

  it('has H2’s sections 1–7, then the final technical content, security events and service usage', () => {
    const h2 = buildHuaweiOnDutySummary(reportInput('alibaba'));
    expect(d.sections.slice(0, 7).map((s) => s.id)).toEqual(h2.sections.slice(0, 7).map((s) => s.id));
    expect(ids(d).slice(7)).toEqual([
      '8 requiredTechnicalContentFinal',
      '9 securityEventsReport',
      '10 serviceUsage',
      '11 appendices',
      '12 deviations',
      '13 signOff',
    ]);
    expect(sectionById(d, 'requiredTechnicalContentFinal').subsections.map((s) => s.number)).toEqual([
      '8.1',
      '8.2',
      '8.3',
      '8.4',
      '8.5',
    ]);
    const zh = buildAlibabaServiceSummary(reportInput('alibaba', 'zh-CN'));
    expectInOutline(`### A4 Service Summary / ${zh.title}`);
    expectOutlineTitlesInChinese(zh);
  });

  it('the five §7.2 items: 1–3 block signing (findings fill 2), 4–5 wait for the consultant’s "none"', () => {
    const items = sectionById(d, 'requiredTechnicalContentFinal').subsections;
    expect(items.map((s) => statements(s))).toEqual([[NB], [], [NB], [ND], [ND]]);
    expect(blocksOf(sectionById(d, 'analysisOptimization'), 'table')[0]?.rows.map((r) => r[0])).toEqual([
      'F-001',
      'F-002',
      'F-003',
    ]);
    expect(blocksOf(sectionById(d, 'securityEventsReport'), 'notAssessed')[0]?.text).toBe(UNCONFIRMED);
  });

  it('service usage: days against the edition cap and on-site days with the holiday multiplier', () => {
    const usage = sectionById(d, 'serviceUsage');
    expect(JSON.stringify(usage)).toContain('3 service days (edition maximum 10).');
    expect(blocksOf(usage, 'table')[0]?.rows).toContainEqual(['2026-11-11', '1', 'Yes', '×3', '3']);
    // Days actually worked come from the roster.
    expect(statements(usage)).toEqual([NB]);
    expect(blocksOf(sectionById(d, 'signOff'), 'signature')[0]?.attests).toBe(DOC_TEXT.en.signOff.attestsA4);
  });
});

describe('A5 Acceptance Report', () => {
  const d = buildAlibabaAcceptanceReport(reportInput('alibaba'));

  it('follows the outline of §5 A5 with its numbers, deviations last', () => {
    expect(ids(d)).toEqual([
      '1 projectInformationMilestones',
      '2 deliverables',
      '3 suggestionsSolutions',
      '4 issuesSolutions',
      '5 securityEvents',
      '6 keyPhaseCoverage',
      '7 outstandingConclusionSignatures',
      '8 deviations',
    ]);
    expect(sectionById(d, 'outstandingConclusionSignatures').subsections.map((s) => `${s.number} ${s.id}`)).toEqual([
      '7.1 outstandingItems',
      '7.2 acceptanceConclusion',
      '7.3 signOff',
    ]);
    const zh = buildAlibabaAcceptanceReport(reportInput('alibaba', 'zh-CN'));
    expectInOutline(`### A5 Acceptance Report / ${zh.title}`);
    expectOutlineTitlesInChinese(zh);
  });

  it('states the completion criteria and both §7.3 milestones; their status blocks until signed', () => {
    const info = sectionById(d, 'projectInformationMilestones');
    expect(paragraphs(info)).toContain(DOC_TEXT.en.alibabaCompletionCriteria);
    const milestones = blocksOf(info, 'table')[0];
    expect(milestones?.caption).toBe('Cloud Hypercare Service SOW, 7.3 Acceptance plans.');
    expect(milestones?.rows.map((r) => r[2])).toEqual([
      'The customer confirms the acceptance of the solution.',
      'The customer confirms the Cloud Hypercare Service Acceptance Report.',
    ]);
    expect(statements(info)).toEqual([ND, NB]);
  });

  it('lists every other deliverable of the catalog as received, pending their sign-offs', () => {
    const deliverables = sectionById(d, 'deliverables');
    expect(
      blocksOf(deliverables, 'table')
        .at(-1)
        ?.rows.map((r) => r[0]),
    ).toEqual([
      'Pre-event Assessment Report',
      'Cloud Hypercare Service Design',
      'System Stress Testing Report',
      'Optimization Plan for the Monitoring System',
      'Cloud Hypercare Service Work Plan',
      'Cloud Hypercare Service Summary',
    ]);
    expect(statements(deliverables)).toEqual([NB]);
  });

  it('suggestions from the findings; issues with their solutions; incidents and security events unconfirmed', () => {
    const suggestions = sectionById(d, 'suggestionsSolutions');
    expect(blocksOf(suggestions, 'table')[0]?.rows.map((r) => r[0])).toEqual(['F-001', 'F-002', 'F-003']);
    expect(paragraphs(suggestions)).toEqual(
      expect.arrayContaining(['Capacity assessment', 'On-demand stress testing']),
    );
    expect(statements(suggestions)).toEqual([ND, ND]);
    const issues = sectionById(d, 'issuesSolutions');
    expect(blocksOf(issues, 'table')[0]?.rows[0]).toEqual([
      'F-001',
      'Critical',
      'RDS primary has no standby',
      'Recommendation 1',
      'Open',
    ]);
    expect(blocksOf(issues, 'notAssessed').map((b) => b.text)).toEqual([UNCONFIRMED]);
    expect(blocksOf(sectionById(d, 'securityEvents'), 'notAssessed').map((b) => b.text)).toEqual([UNCONFIRMED]);
    const none = sectionById(
      buildAlibabaAcceptanceReport(reportInput('alibaba', 'en', { findings: [] })),
      'suggestionsSolutions',
    );
    expect(statements(none)).toEqual([NB, ND, ND]);
  });

  it('outstanding items, the conclusion and the signatures: seal optional, email accepted, A5 attestation', () => {
    const outstanding = sectionById(d, 'outstandingItems');
    expect(blocksOf(outstanding, 'table').map((t) => t.rows.map((r) => r[0]))).toEqual([['F-001', 'F-002'], ['F-003']]);
    expect(statements(sectionById(d, 'acceptanceConclusion'))).toEqual([NB]);
    const signOff = sectionById(d, 'signOff');
    expect(paragraphs(signOff)[0]).toBe(DOC_TEXT.en.sealAlibaba);
    expect(blocksOf(signOff, 'signature')[0]?.attests).toBe(DOC_TEXT.en.signOff.attestsA5);
    expect(statements(sectionById(d, 'keyPhaseCoverage'))).toEqual([NB]);
    // Milestone status, deliverables, key-phase coverage, conclusion.
    expect(blockingCount(d)).toBe(4);
  });
});
