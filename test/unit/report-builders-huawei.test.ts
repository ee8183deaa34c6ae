/** H2 On-Duty Service Summary and H3 Acceptance Report (DELIVERABLES.md §4) from today's data. */
import { buildHuaweiAcceptanceReport } from '@shared/report/builders/huawei-acceptance-report';
import { buildHuaweiOnDutySummary } from '@shared/report/builders/huawei-on-duty-summary';
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

/** Sub-parts inside an outline section, whose titles the outline does not pair. */
const SUB_PARTS = new Set(['resourceInventory', 'checklistSummary', 'evidence']);

function expectOutlineTitlesInChinese(zh: Document) {
  for (const s of allSections(zh)) {
    if (SUB_PARTS.has(s.id)) continue;
    const en = SECTION_TITLES[s.id as keyof typeof SECTION_TITLES].en;
    expectInOutline(`${en} / ${s.title}`);
  }
}

describe('H2 On-Duty Service Summary', () => {
  const d = buildHuaweiOnDutySummary(reportInput('huawei'));

  it('follows the outline of §4 H2, then appendices, deviations and sign-off', () => {
    expect(d.sections.map((s) => `${s.number} ${s.id}`)).toEqual([
      '1 executiveSummary',
      '2 serviceOverview',
      '3 preAssuranceWork',
      '4 duringAssuranceWork',
      '5 incidentsHandling',
      '6 warRoomLog',
      '7 rectificationFollowUp',
      '8 appendices',
      '9 deviations',
      '10 signOff',
    ]);
  });

  it('has the 中文 titles of DELIVERABLES.md', () => {
    const zh = buildHuaweiOnDutySummary(reportInput('huawei', 'zh-CN'));
    expectInOutline(`### H2 On-Duty Service Summary / ${zh.title}`);
    expectOutlineTitlesInChinese(zh);
  });

  it('reports the final status of every finding and the customer items left unrectified', () => {
    const rectification = sectionById(d, 'rectificationFollowUp');
    const [all, accepted, open] = blocksOf(rectification, 'table');
    expect(all?.rows.map((r) => [r[0], r[5]])).toEqual([
      ['F-001', 'Open'],
      ['F-002', 'Open'],
      ['F-003', 'Risk accepted'],
    ]);
    expect(accepted?.rows[0]).toEqual(['F-003', 'Log retention 7 days', 'Accepted by Wang Fang on 2026-10-22']);
    expect(open?.rows.map((r) => [r[0], r[3], r[4]])).toEqual([
      ['F-001', 'Li Wei', '2026-11-01'],
      ['F-002', 'Li Wei', '2026-11-05'],
    ]);
    // Lessons come from incidents, not recorded yet.
    expect(statements(rectification)).toEqual([ND]);
    expect(blocksOf(sectionById(d, 'executiveSummary'), 'keyValue')[0]?.rows.map((r) => r.value)).toEqual([
      '3',
      '2',
      '0',
      '1',
    ]);
  });

  it('pre-assurance work: inspection progress, capacity not recorded, performance test outside Basic', () => {
    const pre = sectionById(d, 'preAssuranceWork');
    expect(paragraphs(pre)).toContain('Risk inspection: 40 of 52 answered, 3 failing.');
    expect(paragraphs(pre)).toEqual(expect.arrayContaining(['Capacity evaluation', 'Performance test']));
    // Sign-off of the solution (NB), capacity (ND), performance test (NS: not in the Basic edition).
    expect(statements(pre)).toEqual([NB, ND, NS]);
    expect(blocksOf(pre, 'notAssessed')[2]?.text).toBe(
      'Not included in the Basic edition of the Huawei Cloud Key Event On-Duty Service catalog.',
    );
    expect(blocksOf(pre, 'list')[0]?.items.map((i) => i[0]?.text)).toEqual(['Key Event Assurance Solution']);
  });

  it('performance test in the edition: no data instead of NS', () => {
    const input = reportInput('huawei');
    input.plan.catalog.items = input.plan.catalog.items.map((i) => ({ ...i, inScope: true }));
    expect(statements(sectionById(buildHuaweiOnDutySummary(input), 'preAssuranceWork'))).toEqual([NB, ND, ND]);
  });

  it('incidents need the consultant to affirm "none"; roster sections block signing', () => {
    expect(blocksOf(sectionById(d, 'incidentsHandling'), 'notAssessed')).toEqual([
      { kind: 'notAssessed', reason: 'noData', text: UNCONFIRMED, blocksSigning: false },
    ]);
    expect(statements(sectionById(d, 'serviceOverview'))).toEqual([NB]);
    expect(statements(sectionById(d, 'duringAssuranceWork'))).toEqual([NB]);
    expect(statements(sectionById(d, 'warRoomLog'))).toEqual([ND]);
    // Days worked, the solution's sign-off, the shifts worked.
    expect(blockingCount(d)).toBe(3);
  });

  it('service overview: edition, remote days included and ordered, the team', () => {
    const overview = sectionById(d, 'serviceOverview');
    expect(blocksOf(overview, 'keyValue')[0]?.rows.map((r) => [r.key, r.value])).toEqual(
      expect.arrayContaining([
        ['Edition', 'Basic'],
        ['Remote days included', '1'],
        ['Remote days ordered', '3'],
        ['On-site person-days planned', '3'],
      ]),
    );
    expect(blocksOf(overview, 'table')[0]?.rows.map((r) => r[1])).toEqual(['Wang Fang', 'Zhang San']);
    const noTeam = reportInput('huawei');
    noTeam.plan.contacts = [];
    expect(statements(sectionById(buildHuaweiOnDutySummary(noTeam), 'serviceOverview'))).toEqual([NB, NB]);
  });

  it('cites the Assurance Solution it rests on, until signed without a fingerprint', () => {
    const refs = sectionById(d, 'referencedDocuments');
    expect(
      blocksOf(refs, 'table')
        .at(-1)
        ?.rows.map((r) => r[0]),
    ).toEqual(['Key Event Assurance Solution']);
    expect(
      blocksOf(refs, 'table')
        .at(-1)
        ?.rows.map((r) => r[2]),
    ).toEqual(['not signed yet']);
    expect(blocksOf(refs, 'notAssessed')[0]?.text).toBe(fill(DOC_TEXT.en.missing.signOffs, { date: '2026-10-25' }));
  });

  it('the customer signs for receipt, not acceptance', () => {
    const [customer] = blocksOf(sectionById(d, 'signOff'), 'signature');
    expect(customer?.attests).toBe(DOC_TEXT.en.signOff.attestsH2);
    expect(customer?.attests).toContain('does not accept the service');
  });
});

describe('H3 Acceptance Report', () => {
  const d = buildHuaweiAcceptanceReport(reportInput('huawei'));

  it('follows the outline of §4 H3 with its numbers, deviations last', () => {
    expect(d.sections.map((s) => `${s.number} ${s.id}`)).toEqual([
      '1 projectInformationBasis',
      '2 deliverables',
      '3 serviceItemsDelivered',
      '4 outstandingItems',
      '5 acceptanceConclusion',
      '6 signaturesSeal',
      '7 deviations',
    ]);
  });

  it('has the 中文 titles of DELIVERABLES.md', () => {
    const zh = buildHuaweiAcceptanceReport(reportInput('huawei', 'zh-CN'));
    expectInOutline(`### H3 Acceptance Report / ${zh.title}`);
    expectOutlineTitlesInChinese(zh);
    expect(paragraphs(sectionById(zh, 'signaturesSeal'))[0]).toContain('公章');
  });

  it('states the acceptance criteria of the service description, with the project facts', () => {
    const info = sectionById(d, 'projectInformationBasis');
    expect(paragraphs(info)).toContain(DOC_TEXT.en.huaweiAcceptanceCriteria);
    expect(DOC_TEXT.en.huaweiAcceptanceCriteria).toContain('signed and sealed this Acceptance Report');
    expect(blocksOf(info, 'keyValue')[0]?.rows.map((r) => [r.key, r.value])).toEqual(
      expect.arrayContaining([
        ['Customer', 'Acme Retail Co.'],
        ['Provider', 'Example Consulting'],
        ['Edition', 'Basic'],
        ['Order date', '2026-10-21'],
      ]),
    );
    // The order number is not recorded anywhere yet.
    expect(statements(info)).toEqual([ND]);
  });

  it('covers the Assurance Solution and the Summary; their sign-offs block until recorded', () => {
    const deliverables = sectionById(d, 'deliverables');
    expect(
      blocksOf(deliverables, 'table')
        .at(-1)
        ?.rows.map((r) => r[0]),
    ).toEqual(['Key Event Assurance Solution', 'Key Event On-Duty Service Summary']);
    expect(statements(deliverables)).toEqual([NB]);
  });

  it('lists only the edition’s service items, delivery status blocking until recorded', () => {
    const items = sectionById(d, 'serviceItemsDelivered');
    expect(blocksOf(items, 'table')[0]?.rows.map((r) => r[0])).toEqual([
      'Requirement survey',
      'Risk inspection',
      'Capacity evaluation',
      'On-duty team',
    ]);
    expect(statements(items)).toEqual([NB]);
  });

  it('outstanding items: open findings with owner and due, accepted risks with who accepted them', () => {
    const outstanding = sectionById(d, 'outstandingItems');
    const [open, accepted] = blocksOf(outstanding, 'table');
    expect(open?.rows).toEqual([
      ['F-001', 'Critical', 'RDS primary has no standby', 'Li Wei', '2026-11-01', 'Open'],
      ['F-002', 'High', 'SLB health check interval 30 s', 'Li Wei', '2026-11-05', 'Open'],
    ]);
    expect(accepted?.rows).toEqual([['F-003', 'Log retention 7 days', 'Accepted by Wang Fang on 2026-10-22']]);
    expect(statements(outstanding)).toEqual([]);
  });

  it('outstanding items: with every finding rectified, says so but leaves "none" to the consultant', () => {
    const rectified = reportInput('huawei', 'en', {
      findings: [finding(1, { status: 'rectified' }), finding(2, { status: 'rectified' })],
    });
    const outstanding = sectionById(buildHuaweiAcceptanceReport(rectified), 'outstandingItems');
    expect(paragraphs(outstanding)).toEqual(['All 2 recorded findings are rectified.']);
    expect(blocksOf(outstanding, 'notAssessed').map((b) => b.text)).toEqual([UNCONFIRMED]);
    const none = sectionById(
      buildHuaweiAcceptanceReport(reportInput('huawei', 'en', { findings: [] })),
      'outstandingItems',
    );
    expect(paragraphs(none)).toEqual([]);
    expect(blocksOf(none, 'notAssessed').map((b) => b.text)).toEqual([UNCONFIRMED]);
  });

  it('the customer signs and seals, attesting H1, H2 and section 3 subject to section 4', () => {
    const signatures = sectionById(d, 'signaturesSeal');
    expect(paragraphs(signatures)[0]).toBe(DOC_TEXT.en.sealHuawei);
    const [customer, provider] = blocksOf(signatures, 'signature');
    expect(customer).toMatchObject({ party: 'customer', name: 'Wang Fang', org: 'Acme Retail Co.' });
    expect(customer?.attests).toMatch(/section 3 .* section 4/);
    expect(provider?.attests).toBe(DOC_TEXT.en.signOff.attestsProviderAcceptance);
    // Deliverables, service items and the conclusion block; the signer is named.
    expect(blockingCount(d)).toBe(3);
  });

  it('a signer without the authority the plan names blocks signing', () => {
    const input = reportInput('huawei');
    input.plan.contacts = input.plan.contacts.map((c) => ({ ...c, projectManager: false }));
    const report = buildHuaweiAcceptanceReport(input);
    expect(statements(sectionById(report, 'signaturesSeal'))).toEqual([NB]);
    expect(blockingCount(report)).toBe(4);
  });
});

describe('H3 Acceptance Report once the documents it covers are signed', () => {
  it('cites each by number, version, time, signer and fingerprint, and no longer blocks on them', () => {
    const signedAt = '2026-11-13T02:00:00.000Z';
    const input = reportInput('huawei', 'en', {
      signoff: {
        earlier: [],
        signedDeliverables: [
          {
            documentId: 'assurance-solution',
            version: 2,
            number: 'BHC-2026-004',
            signedAt,
            fingerprint: 'a'.repeat(64),
            signer: 'Li Wei',
          },
          {
            documentId: 'on-duty-summary',
            version: 1,
            number: 'BHC-2026-009',
            signedAt,
            fingerprint: 'b'.repeat(64),
            signer: 'Li Wei',
          },
        ],
      },
    });
    const deliverables = sectionById(buildHuaweiAcceptanceReport(input), 'deliverables');
    expect(blocksOf(deliverables, 'table').at(-1)?.rows).toEqual([
      [
        'Key Event Assurance Solution (BHC-2026-004)',
        '2.0',
        '2026-11-13 10:00 (UTC+08:00), Li Wei',
        'aaaaaaaaaaaaaaaa',
      ],
      [
        'Key Event On-Duty Service Summary (BHC-2026-009)',
        '1.0',
        '2026-11-13 10:00 (UTC+08:00), Li Wei',
        'bbbbbbbbbbbbbbbb',
      ],
    ]);
    expect(statements(deliverables)).toEqual([]);
  });
});
