import type { Document, Section } from '@shared/report/model';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/index';
import { firmCatalog } from '../fixtures/catalog';
import { callErr, callOk, closeTestCores, startTestCore, steppingClock } from '../fixtures/core';
import { removeTempDataDirs } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});

const ACCESS_KEY = 'LTAI5tQm8Rk2Zp7XcV4nB9wE';
const RULE = 'lead-time:request-before-order';

const sections = (list: readonly Section[]): Section[] => list.flatMap((s) => [s, ...sections(s.subsections)]);
const textOf = (document: Document) => JSON.stringify(document);

function alibaba(core: Core) {
  callOk(core, 'settings.update', { consultantName: 'Chen Jie' });
  return callOk(core, 'engagement.createPlanned', {
    engagement: engagementFields(),
    plan: { settings: { applicationDate: '2026-06-01', orderDate: '2026-06-11', calendarId: 'weekdays' } },
  });
}

function finding(core: Core, engagementId: string) {
  return callOk(core, 'finding.create', {
    engagementId,
    severity: 'high',
    title: 'Access key in a script',
    description: `The nightly job signs requests with ${ACCESS_KEY} stored in plain text.`,
    affectedResources: [],
    recommendation: 'Use a RAM role instead.',
    owner: '',
    dueDate: null,
    status: 'open',
    disposition: '',
  });
}

describe('deliverable.list', () => {
  it('lists every document of the Alibaba catalog as available, each with its blocking count', () => {
    const core = startTestCore({ now: steppingClock('2026-06-01T02:00:00.000Z') });
    const engagement = alibaba(core);
    const list = callOk(core, 'deliverable.list', { engagementId: engagement.id });
    expect(list.map((d) => [d.id, d.available])).toEqual([
      ['pre-event-assessment-report', true],
      ['service-design', true],
      ['stress-testing-report', true],
      ['monitoring-optimization-plan', true],
      ['work-plan', true],
      ['service-summary', true],
      ['acceptance-report', true],
    ]);
    const workPlan = list.find((d) => d.id === 'work-plan');
    expect(workPlan?.title.en).toBe('Cloud Hypercare Service Work Plan');
    // The disaster recovery solutions (6.3) block signing until they are recorded.
    expect(workPlan?.blocking).toBeGreaterThan(0);
    // Annexes S and M: 7 + 6 required sections with no stress-test or monitoring data yet.
    expect(list.find((d) => d.id === 'stress-testing-report')?.blocking).toBe(7);
    expect(list.find((d) => d.id === 'monitoring-optimization-plan')?.blocking).toBe(6);
  });

  it('lists the Huawei catalog’s three documents, the Acceptance Report included, as available', () => {
    const core = startTestCore({ now: steppingClock('2026-06-01T02:00:00.000Z') });
    const engagement = callOk(
      core,
      'engagement.create',
      engagementFields({ catalogId: 'huawei-key-event-on-duty', editionId: 'basic' }),
    );
    const list = callOk(core, 'deliverable.list', { engagementId: engagement.id });
    expect(list.map((d) => [d.id, d.available])).toEqual([
      ['assurance-solution', true],
      ['on-duty-summary', true],
      ['acceptance-report', true],
    ]);
    expect(list.find((d) => d.id === 'acceptance-report')?.title.en).toBe('Acceptance Report');
  });
});

describe('deliverable.preview', () => {
  it('lists a recorded rule override in the Work Plan’s Deviations section', () => {
    const core = startTestCore({ now: steppingClock('2026-06-01T02:00:00.000Z') });
    const engagement = alibaba(core);
    callOk(core, 'plan.overrideRule', {
      engagementId: engagement.id,
      ruleId: RULE,
      reason: 'Customer signed the order early with sales approval.',
    });
    const document = callOk(core, 'deliverable.preview', { engagementId: engagement.id, documentId: 'work-plan' });
    expect(document.id).toBe('work-plan');
    const deviations = sections(document.sections).find((s) => s.id === 'deviations');
    expect(deviations).toBeDefined();
    const table = deviations?.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.rows.flat().join(' ')).toContain(
      'Customer signed the order early with sales approval.',
    );
    expect(JSON.stringify(deviations)).toContain('Chen Jie');
  });

  it('masks an access key in a finding’s description unless the consultant keeps it', () => {
    const core = startTestCore({ now: steppingClock('2026-06-01T02:00:00.000Z') });
    const engagement = callOk(
      core,
      'engagement.create',
      engagementFields({ catalogId: 'huawei-key-event-on-duty', editionId: 'basic' }),
    );
    const created = finding(core, engagement.id);
    const preview = () =>
      callOk(core, 'deliverable.preview', { engagementId: engagement.id, documentId: 'assurance-solution' });
    const masked = textOf(preview());
    expect(masked).not.toContain(ACCESS_KEY);
    expect(masked).toContain('The nightly job signs requests with');
    expect(masked).toContain('••••');

    const [hit] = callOk(core, 'redaction.scan', { engagementId: engagement.id });
    expect(hit).toMatchObject({ sourceKind: 'finding', sourceId: created.id, field: 'description' });
    if (!hit) throw new Error('no hit');
    callOk(core, 'redaction.decide', {
      engagementId: engagement.id,
      sourceKind: hit.sourceKind,
      sourceId: hit.sourceId,
      field: hit.field,
      fingerprint: hit.fingerprint,
      kind: hit.kind,
      decision: 'keep',
    });
    expect(textOf(preview())).toContain(`The nightly job signs requests with ${ACCESS_KEY} stored in plain text.`);
  });

  it('builds the acceptance report each offering names: sealed H3 for Huawei, A5 at expiry for Alibaba', () => {
    const core = startTestCore({ now: steppingClock('2026-06-01T02:00:00.000Z') });
    const huawei = callOk(
      core,
      'engagement.create',
      engagementFields({ catalogId: 'huawei-key-event-on-duty', editionId: 'standard' }),
    );
    const h3 = callOk(core, 'deliverable.preview', { engagementId: huawei.id, documentId: 'acceptance-report' });
    expect(h3.title).toBe('Acceptance Report');
    expect(h3.sections.map((s) => s.id)).toContain('signaturesSeal');
    const a5 = callOk(core, 'deliverable.preview', {
      engagementId: alibaba(core).id,
      documentId: 'acceptance-report',
    });
    expect(a5.title).toBe('Cloud Hypercare Service Acceptance Report');
    expect(a5.sections.map((s) => s.id)).toContain('keyPhaseCoverage');
  });

  it('refuses a document the catalog lacks or no builder makes yet', () => {
    const core = startTestCore({ now: steppingClock('2026-06-01T02:00:00.000Z') });
    const engagement = alibaba(core);
    expect(callErr(core, 'deliverable.preview', { engagementId: engagement.id, documentId: 'nope' })).toMatchObject({
      code: 'NOT_FOUND',
      field: 'documentId',
    });
    // A firm catalog may name a document no builder makes.
    const catalog = firmCatalog();
    const extra = {
      ...catalog.deliverables[0],
      id: 'capacity-report',
      name: { en: 'Capacity Report', 'zh-CN': '容量报告' },
    };
    callOk(core, 'catalog.import', {
      fileName: 'acme.json',
      text: JSON.stringify({ ...catalog, deliverables: [...catalog.deliverables, extra] }),
    });
    const firm = callOk(
      core,
      'engagement.create',
      engagementFields({ catalogId: 'acme-hypercare', editionId: 'standard' }),
    );
    expect(
      callOk(core, 'deliverable.list', { engagementId: firm.id }).find((d) => d.id === 'capacity-report'),
    ).toMatchObject({
      available: false,
      blocking: 0,
    });
    expect(
      callErr(core, 'deliverable.preview', { engagementId: firm.id, documentId: 'capacity-report' }),
    ).toMatchObject({ code: 'CONFLICT', field: 'documentId' });
  });
});
