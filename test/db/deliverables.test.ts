import type { Document, Section } from '@shared/report/model';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/index';
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
  it('lists the Alibaba catalog’s documents with only the Work Plan available', () => {
    const core = startTestCore({ now: steppingClock('2026-06-01T02:00:00.000Z') });
    const engagement = alibaba(core);
    const list = callOk(core, 'deliverable.list', { engagementId: engagement.id });
    expect(list.map((d) => d.id)).toContain('work-plan');
    expect(list.filter((d) => d.available).map((d) => d.id)).toEqual(['work-plan']);
    expect(list.find((d) => d.id === 'acceptance-report')).toMatchObject({ available: false, blocking: 0 });
    const workPlan = list.find((d) => d.id === 'work-plan');
    expect(workPlan?.title.en).toBe('Cloud Hypercare Service Work Plan');
    expect(workPlan?.blocking).toBeGreaterThanOrEqual(0);
  });

  it('lists the Huawei catalog’s documents with the Assurance Solution available', () => {
    const core = startTestCore({ now: steppingClock('2026-06-01T02:00:00.000Z') });
    const engagement = callOk(
      core,
      'engagement.create',
      engagementFields({ catalogId: 'huawei-key-event-on-duty', editionId: 'basic' }),
    );
    const list = callOk(core, 'deliverable.list', { engagementId: engagement.id });
    expect(list.find((d) => d.id === 'assurance-solution')).toMatchObject({ available: true });
    expect(list.find((d) => d.id === 'on-duty-summary')).toMatchObject({ available: false });
    expect(list.some((d) => d.id === 'work-plan')).toBe(false);
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

  it('refuses a document the catalog lacks or no builder makes yet', () => {
    const core = startTestCore({ now: steppingClock('2026-06-01T02:00:00.000Z') });
    const engagement = alibaba(core);
    expect(callErr(core, 'deliverable.preview', { engagementId: engagement.id, documentId: 'nope' })).toMatchObject({
      code: 'NOT_FOUND',
      field: 'documentId',
    });
    expect(
      callErr(core, 'deliverable.preview', { engagementId: engagement.id, documentId: 'acceptance-report' }),
    ).toMatchObject({ code: 'CONFLICT' });
  });
});
