import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MethodOutput } from '@shared/contract';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/index';
import { shippedCatalogJson } from '../fixtures/catalog';
import { callErr, callOk, closeTestCores, RESOURCES_DIR, startTestCore, steppingClock } from '../fixtures/core';
import { removeTempDataDirs } from '../fixtures/dataDir';
import { type EngagementFieldsInput, engagementFields } from '../fixtures/engagement';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});

type PlanView = MethodOutput<'plan.get'>;

/** Where the shipped Alibaba catalog says its lead-time rule comes from (the SOW, section 3). */
const ALIBABA_SOW = shippedCatalogJson('alibaba-hypercare').leadTimes.find(
  (r) => r.id === 'request-before-order',
)?.source;

/** A core whose clock starts at `startIso` (2026-06-01 is a Monday and a working day in China). */
function coreAt(startIso = '2026-06-01T02:00:00.000Z'): Core {
  return startTestCore({ now: steppingClock(startIso) });
}

function count(core: Core, table: string): number {
  return core.context.store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

function create(core: Core, overrides: Partial<EngagementFieldsInput> = {}) {
  return callOk(core, 'engagement.create', engagementFields(overrides));
}

/** An engagement with its plan made, N and the other settings patched as given. */
function planned(
  core: Core,
  overrides: Partial<EngagementFieldsInput> = {},
  patch: Parameters<typeof settingsPatch>[2] = {},
): PlanView {
  const engagement = create(core, overrides);
  callOk(core, 'plan.get', { engagementId: engagement.id });
  return settingsPatch(core, engagement.id, patch);
}

function settingsPatch(core: Core, engagementId: string, patch: Partial<PlanView['settings']>): PlanView {
  return callOk(core, 'plan.updateSettings', { engagementId, patch });
}

function warning(plan: PlanView, ruleId: string) {
  return plan.warnings.find((w) => w.ruleId === ruleId);
}

function ruleIds(plan: PlanView): string[] {
  return plan.warnings.map((w) => w.ruleId);
}

function templateIds(plan: PlanView): (string | null)[] {
  return plan.tasks.map((t) => t.templateId);
}

const huawei = (editionId: string, overrides: Partial<EngagementFieldsInput> = {}) => ({
  catalogId: 'huawei-key-event-on-duty' as const,
  editionId,
  ...overrides,
});

const customerPm = {
  party: 'customer' as const,
  name: 'Zhang Wei',
  role: 'Project manager',
  email: 'zhang.wei@acme.example',
  phone: '+86 21 5555 0100',
  projectManager: true,
};

describe('engagement.createPlanned', () => {
  it('stores the engagement, plan settings, details, contacts and resources together', () => {
    const core = coreAt();
    const engagement = callOk(core, 'engagement.createPlanned', {
      engagement: engagementFields(),
      plan: {
        settings: { applicationDate: '2026-06-02', orderDate: '2026-07-01', calendarId: 'weekdays', serviceDays: 5 },
        details: {
          peak: { qps: 120_000, tps: 8000, concurrentUsers: 2_000_000, bandwidth: 40, bandwidthUnit: 'Gbps' },
          objectives: 'Checkout stays up through the midnight peak.',
          slos: [{ metric: 'Order API p99', target: '< 300 ms' }],
        },
        contacts: [customerPm, { ...customerPm, party: 'provider', name: 'Li Na', email: '', projectManager: false }],
        resources: [{ resourceType: 'database', spec: 'PolarDB 16 vCPU', count: 4, region: 'cn-shanghai', notes: '' }],
      },
    });
    const plan = callOk(core, 'plan.get', { engagementId: engagement.id });
    expect(plan.settings).toMatchObject({
      applicationDate: '2026-06-02',
      orderDate: '2026-07-01',
      calendarId: 'weekdays',
      serviceDays: 5,
    });
    expect(plan.details.peak).toEqual({
      qps: 120_000,
      tps: 8000,
      concurrentUsers: 2_000_000,
      bandwidth: 40,
      bandwidthUnit: 'Gbps',
    });
    expect(plan.details.slos).toEqual([{ metric: 'Order API p99', target: '< 300 ms' }]);
    expect(plan.contacts.map((c) => [c.party, c.name, c.projectManager])).toEqual([
      ['customer', 'Zhang Wei', true],
      ['provider', 'Li Na', false],
    ]);
    expect(plan.resources).toEqual([
      expect.objectContaining({ resourceType: 'database', spec: 'PolarDB 16 vCPU', count: 4, region: 'cn-shanghai' }),
    ]);
    expect(plan.tasks.length).toBeGreaterThan(0);
  });

  it('refuses the whole call naming the bad contact field, and stores no engagement', () => {
    const core = coreAt();
    const before = count(core, 'engagements');
    const error = callErr(core, 'engagement.createPlanned', {
      engagement: engagementFields(),
      plan: { contacts: [{ ...customerPm, email: 'not-an-email' }] },
    });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'plan.contacts.0.email' });
    expect(count(core, 'engagements')).toBe(before);
    expect(count(core, 'contacts')).toBe(0);
  });

  it('rolls the engagement back when the plan fails inside the service (an unknown calendar)', () => {
    const core = coreAt();
    const before = count(core, 'engagements');
    const error = callErr(core, 'engagement.createPlanned', {
      engagement: engagementFields(),
      plan: { settings: { calendarId: 'no-such-calendar' }, contacts: [customerPm] },
    });
    expect(error).toMatchObject({ code: 'NOT_FOUND', field: 'plan.settings.calendarId' });
    expect(count(core, 'engagements')).toBe(before);
    for (const table of ['engagement_plans', 'plan_tasks', 'contacts', 'catalog_snapshots']) {
      expect(count(core, table)).toBe(0);
    }
  });

  it('generates a Custom edition’s tasks from the items picked in the wizard', () => {
    const core = coreAt();
    const engagement = callOk(core, 'engagement.createPlanned', {
      engagement: engagementFields({ editionId: 'custom' }),
      plan: { settings: { pickedItemIds: ['readiness-assessment', 'on-demand-stress-testing'] } },
    });
    const plan = callOk(core, 'plan.get', { engagementId: engagement.id });
    expect(plan.settings.pickedItemIds).toEqual(['readiness-assessment', 'on-demand-stress-testing']);
    expect(templateIds(plan)).toEqual(expect.arrayContaining(['readiness-assessment', 'on-demand-stress-testing']));
    expect(templateIds(plan)).not.toContain('capacity-assessment');
    expect(plan.catalog.items.filter((i) => i.inScope).map((i) => i.id)).toEqual([
      'readiness-assessment',
      'on-demand-stress-testing',
    ]);
  });
});

describe('the default plan of an engagement made with engagement.create', () => {
  it('takes N as today in the event zone, not in UTC', () => {
    // 20:00 UTC on 2026-06-02 is already 06-03 in Shanghai and still 06-02 in Berlin.
    const core = coreAt('2026-06-02T20:00:00.000Z');
    const shanghai = create(core, { timeZone: 'Asia/Shanghai' });
    const berlin = create(core, { timeZone: 'Europe/Berlin' });
    expect(callOk(core, 'plan.get', { engagementId: shanghai.id }).settings.applicationDate).toBe('2026-06-03');
    expect(callOk(core, 'plan.get', { engagementId: berlin.id }).settings.applicationDate).toBe('2026-06-02');
  });

  it('uses the China 2026 calendar for Asia/Shanghai and Monday–Friday for Europe/Berlin', () => {
    const core = coreAt();
    const shanghai = callOk(core, 'plan.get', { engagementId: create(core, { timeZone: 'Asia/Shanghai' }).id });
    const berlin = callOk(core, 'plan.get', { engagementId: create(core, { timeZone: 'Europe/Berlin' }).id });
    expect(shanghai.settings.calendarId).toBe('cn-2026');
    expect(shanghai.calendar.calendarId).toBe('cn-2026');
    expect(berlin.settings.calendarId).toBe('weekdays');
  });

  it('sets the service and remote days to the calendar days the event window touches', () => {
    const core = coreAt();
    // 2026-11-10 20:00 to 2026-11-12 02:00 Shanghai: 10th, 11th and 12th.
    const plan = callOk(core, 'plan.get', { engagementId: create(core).id });
    expect(plan.settings.serviceDays).toBe(3);
    expect(plan.settings.remoteDays).toBe(3);
    const oneDay = callOk(core, 'plan.get', {
      engagementId: create(core, { eventStartLocal: '2026-11-11T00:00', eventEndLocal: '2026-11-11T23:00' }).id,
    });
    expect(oneDay.settings.serviceDays).toBe(1);
  });

  it('holds at most 366 service and remote days when the event window is longer than a year', () => {
    const core = coreAt();
    const long = create(core, { eventStartLocal: '2026-01-01T00:00', eventEndLocal: '2028-06-30T23:00' });
    const plan = callOk(core, 'plan.get', { engagementId: long.id });
    expect(plan.settings.serviceDays).toBe(366);
    expect(plan.settings.remoteDays).toBe(366);
  });

  it('makes the same plan on every read: one plan row, tasks generated once', () => {
    const core = coreAt();
    const id = create(core).id;
    const first = callOk(core, 'plan.get', { engagementId: id });
    const second = callOk(core, 'plan.get', { engagementId: id });
    expect(second.tasks).toEqual(first.tasks);
    expect(count(core, 'engagement_plans')).toBe(1);
    expect(count(core, 'plan_tasks')).toBe(first.tasks.length);
  });

  it('generates Alibaba Standard tasks with stress testing and capacity assessment; Basic has neither', () => {
    const core = coreAt();
    const standard = callOk(core, 'plan.get', { engagementId: create(core, { editionId: 'standard' }).id });
    const basic = callOk(core, 'plan.get', { engagementId: create(core, { editionId: 'basic' }).id });
    expect(templateIds(standard)).toEqual(
      expect.arrayContaining(['readiness-assessment', 'on-demand-stress-testing', 'capacity-assessment']),
    );
    expect(templateIds(basic)).toContain('readiness-assessment');
    expect(templateIds(basic)).not.toContain('on-demand-stress-testing');
    expect(templateIds(basic)).not.toContain('capacity-assessment');
  });

  it('generates Huawei Basic tasks without the performance test; Standard has it', () => {
    const core = coreAt();
    const basic = callOk(core, 'plan.get', { engagementId: create(core, huawei('basic')).id });
    const standard = callOk(core, 'plan.get', { engagementId: create(core, huawei('standard')).id });
    expect(templateIds(basic)).toEqual(expect.arrayContaining(['requirement-survey', 'on-duty', 'acceptance']));
    expect(templateIds(basic)).not.toContain('performance-test');
    expect(templateIds(standard)).toContain('performance-test');
  });

  it('gives each task the catalog RACI (Alibaba readiness assessment: customer A/S/C/I, provider R/I)', () => {
    const core = coreAt();
    const plan = callOk(core, 'plan.get', { engagementId: create(core).id });
    const byTemplate = new Map(plan.tasks.map((t) => [t.templateId, t.raci]));
    expect(byTemplate.get('readiness-assessment')).toEqual({ customer: 'A/S/C/I', provider: 'R/I' });
    expect(byTemplate.get('design-verified')).toEqual({ customer: 'A/R', provider: 'S/I' });
    expect(byTemplate.get('acceptance-report')).toEqual({ customer: 'A/C/I', provider: 'S/R/I' });
  });

  it('places the on-duty task on the event window in the event zone', () => {
    const core = coreAt();
    const plan = callOk(core, 'plan.get', { engagementId: create(core).id });
    const onDuty = plan.tasks.find((t) => t.templateId === 'emergency-response-group-chat');
    expect(onDuty).toMatchObject({ phase: 'onDuty', startDate: '2026-11-10', endDate: '2026-11-12' });
  });
});

describe('the catalog snapshot', () => {
  it('stays when the catalog is later changed as a firm catalog', () => {
    const core = coreAt();
    const id = create(core, { editionId: 'standard' }).id;
    const before = callOk(core, 'plan.get', { engagementId: id });
    const edited = shippedCatalogJson('alibaba-hypercare');
    edited.version = '9.9';
    edited.editions = edited.editions.map((e) => (e.id === 'standard' ? { ...e, maxServiceDays: 12 } : e));
    expect(before.catalog.maxServiceDays).toBe(10);
    const saved = callOk(core, 'catalog.save', { catalog: edited });
    expect(saved.hash).not.toBe(before.catalog.hash);

    const after = callOk(core, 'plan.get', { engagementId: id });
    expect(after.catalog.hash).toBe(before.catalog.hash);
    expect(after.catalog.version).toBe(before.catalog.version);
    expect(after.catalog.maxServiceDays).toBe(10);
    expect(after.tasks).toEqual(before.tasks);
    // A new engagement on the same catalog starts from the firm's version.
    const fresh = callOk(core, 'plan.get', { engagementId: create(core, { editionId: 'standard' }).id });
    expect(fresh.catalog).toMatchObject({ hash: saved.hash, version: '9.9', maxServiceDays: 12 });
  });

  it('is replaced, with regenerated tasks, when the engagement moves to another catalog', () => {
    const core = coreAt();
    const id = create(core, { editionId: 'standard' }).id;
    const before = callOk(core, 'plan.get', { engagementId: id });
    callOk(core, 'engagement.update', { id, patch: { catalogId: 'huawei-key-event-on-duty', editionId: 'basic' } });
    const after = callOk(core, 'plan.get', { engagementId: id });
    expect(after.catalog.catalogId).toBe('huawei-key-event-on-duty');
    expect(after.catalog.hash).not.toBe(before.catalog.hash);
    expect(templateIds(after)).toContain('requirement-survey');
    expect(templateIds(after)).not.toContain('readiness-assessment');
    expect(templateIds(after)).not.toContain('performance-test');
    // The old tasks are soft-deleted, not left live beside the new ones.
    const live = core.context.store.sqlite
      .prepare('SELECT count(*) FROM plan_tasks WHERE engagement_id = ? AND deleted_at IS NULL')
      .pluck()
      .get(id);
    expect(live).toBe(after.tasks.length);
  });
});

describe('lead-time warnings', () => {
  const RULE = 'lead-time:request-before-order';

  it('warns for Alibaba when the order comes 8 business days after N, citing the SOW', () => {
    const core = coreAt();
    // N = Mon 2026-06-01; 8 working days later on cn-2026 is Thu 06-11.
    const plan = planned(core, {}, { applicationDate: '2026-06-01', orderDate: '2026-06-11' });
    expect(plan.settings.calendarId).toBe('cn-2026');
    expect(ALIBABA_SOW).toMatchObject({ document: expect.stringMatching(/SOW/), section: '3. Prerequisites' });
    const found = warning(plan, RULE);
    expect(found).toMatchObject({
      severity: 'warning',
      figure: { required: 15, actual: 8, unit: 'businessDays', comparison: 'atLeast' },
      source: ALIBABA_SOW,
      override: null,
    });
    expect(found?.text.en).toBeTruthy();
    expect(found?.text['zh-CN']).toBeTruthy();
  });

  it('gives no Alibaba warning exactly at 15 business days (across the Dragon Boat holiday), one at 14', () => {
    const core = coreAt();
    // From 06-01: 06-02…05, 08…12, 15…18, (19 is a holiday), 22, 23 → 06-23 is the 15th.
    const atLimit = planned(core, {}, { applicationDate: '2026-06-01', orderDate: '2026-06-23' });
    expect(warning(atLimit, RULE)).toBeUndefined();
    const oneShort = settingsPatch(core, atLimit.engagementId, { orderDate: '2026-06-22' });
    expect(warning(oneShort, RULE)?.figure).toMatchObject({ required: 15, actual: 14 });
  });

  it('says the order date is missing (info) until one is set', () => {
    const core = coreAt();
    const plan = callOk(core, 'plan.get', { engagementId: create(core).id });
    expect(warning(plan, `${RULE}:no-order-date`)).toMatchObject({ severity: 'info', source: ALIBABA_SOW });
    expect(warning(plan, RULE)).toBeUndefined();
  });

  it('adds the one-month rule for Alibaba only when large resources are needed', () => {
    const core = coreAt();
    const plan = planned(core, {}, { applicationDate: '2026-06-01', orderDate: '2026-06-23' });
    expect(warning(plan, 'lead-time:large-resources')).toBeUndefined();
    const large = settingsPatch(core, plan.engagementId, { largeResources: true });
    expect(warning(large, 'lead-time:large-resources')).toMatchObject({
      figure: { required: 1, actual: 0, unit: 'months' },
    });
  });

  // Huawei: event starts Fri 2026-10-16 in Shanghai. Counting back on cn-2026: 10-16…12 (5),
  // make-up Saturday 10-10, 10-09, 10-08, then (10-01…07 off) 09-30, 09-29 → N = 09-28 gives 10.
  const huaweiEvent = huawei('basic', { eventStartLocal: '2026-10-16T09:00', eventEndLocal: '2026-10-16T21:00' });
  const huaweiCases = [
    { n: '2026-09-28', calendarId: 'cn-2026', actual: null },
    { n: '2026-09-29', calendarId: 'cn-2026', actual: 9 },
    // Only 10-08, 10-09, the make-up 10-10 and 10-12…16 remain: 8, where Mon–Fri would count 12.
    { n: '2026-09-30', calendarId: 'cn-2026', actual: 8 },
    { n: '2026-09-30', calendarId: 'weekdays', actual: null },
    // Mon–Fri: 10-05…09 and 10-12…16 are exactly 10 after Fri 10-02; from Mon 10-05, 9.
    { n: '2026-10-02', calendarId: 'weekdays', actual: null },
    { n: '2026-10-05', calendarId: 'weekdays', actual: 9 },
  ];
  it.each(huaweiCases)(
    'Huawei, N = $n on $calendarId: figure $actual (null: no warning)',
    ({ n, calendarId, actual }) => {
      const core = coreAt();
      const plan = planned(core, huaweiEvent, { applicationDate: n, calendarId });
      const found = warning(plan, 'lead-time:application');
      if (actual === null) expect(found).toBeUndefined();
      else {
        expect(found).toMatchObject({
          severity: 'warning',
          figure: { required: 10, actual, unit: 'workingDays', comparison: 'atLeast' },
          source: { document: 'Huawei Cloud Key Event On-Duty Service', section: 'Prerequisites 1' },
        });
      }
    },
  );
});

describe('rule overrides', () => {
  const RULE = 'lead-time:request-before-order';

  function lateOrder(core: Core) {
    callOk(core, 'settings.update', { consultantName: 'Chen Jie' });
    return planned(core, {}, { applicationDate: '2026-06-01', orderDate: '2026-06-11' });
  }

  it('records reason, author (the consultant name) and time, and the warning carries it', () => {
    let now = '2026-06-01T02:00:00.000Z';
    const core = startTestCore({ now: () => now });
    const plan = lateOrder(core);
    now = '2026-06-03T09:30:00.000Z';
    const after = callOk(core, 'plan.overrideRule', {
      engagementId: plan.engagementId,
      ruleId: RULE,
      reason: 'Customer signed the order early with sales approval.',
    });
    const override = {
      id: expect.any(String),
      ruleId: RULE,
      reason: 'Customer signed the order early with sales approval.',
      author: 'Chen Jie',
      createdAt: '2026-06-03T09:30:00.000Z',
    };
    expect(after.overrides).toEqual([override]);
    expect(warning(after, RULE)?.override).toEqual(override);
    // Still a warning, with its figure: the override explains it, it does not hide it.
    expect(warning(after, RULE)?.figure?.actual).toBe(8);
    expect(warning(callOk(core, 'plan.get', { engagementId: plan.engagementId }), RULE)?.override).toEqual(override);
  });

  it('refuses to override a rule that is not currently warned, naming ruleId, and stores nothing', () => {
    const core = coreAt();
    const plan = planned(core, {}, { applicationDate: '2026-06-01', orderDate: '2026-06-23' });
    const error = callErr(core, 'plan.overrideRule', {
      engagementId: plan.engagementId,
      ruleId: RULE,
      reason: 'No reason needed really.',
    });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'ruleId' });
    expect(count(core, 'rule_overrides')).toBe(0);
  });

  it('refuses a reason shorter than 5 characters, naming reason', () => {
    const core = coreAt();
    const plan = lateOrder(core);
    const error = callErr(core, 'plan.overrideRule', { engagementId: plan.engagementId, ruleId: RULE, reason: ' ok ' });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'reason' });
    expect(count(core, 'rule_overrides')).toBe(0);
  });

  it('withdraws an override: gone from the warning, the row kept with deleted_at set', () => {
    const core = coreAt();
    const plan = lateOrder(core);
    const overridden = callOk(core, 'plan.overrideRule', {
      engagementId: plan.engagementId,
      ruleId: RULE,
      reason: 'Accepted by the account manager.',
    });
    const overrideId = overridden.overrides[0]?.id ?? '';
    const withdrawn = callOk(core, 'plan.withdrawOverride', { engagementId: plan.engagementId, overrideId });
    expect(withdrawn.overrides).toEqual([]);
    expect(warning(withdrawn, RULE)?.override).toBeNull();
    const row = core.context.store.sqlite
      .prepare('SELECT reason, deleted_at FROM rule_overrides WHERE id = ?')
      .get(overrideId) as { reason: string; deleted_at: string | null };
    expect(row.reason).toBe('Accepted by the account manager.');
    expect(row.deleted_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});

describe('overriding a rule again', () => {
  const RULE = 'contacts:customer-project-manager';

  it('replaces the earlier override, so withdrawing the new one leaves the warning un-overridden', () => {
    const core = coreAt();
    const id = create(core).id;
    callOk(core, 'plan.overrideRule', { engagementId: id, ruleId: RULE, reason: 'PM named by email.' });
    const second = callOk(core, 'plan.overrideRule', {
      engagementId: id,
      ruleId: RULE,
      reason: 'PM confirmed on call.',
    });
    expect(second.overrides.map((o) => o.reason)).toEqual(['PM confirmed on call.']);
    expect(warning(second, RULE)?.override?.reason).toBe('PM confirmed on call.');
    const withdrawn = callOk(core, 'plan.withdrawOverride', {
      engagementId: id,
      overrideId: second.overrides[0]?.id ?? '',
    });
    expect(warning(withdrawn, RULE)?.override).toBeNull();
    expect(withdrawn.overrides).toEqual([]);
    // Both stay on record.
    expect(count(core, 'rule_overrides')).toBe(2);
  });

  it('answers NOT_FOUND for withdrawing an override that does not stand on this plan', () => {
    const core = coreAt();
    const id = create(core).id;
    const other = create(core).id;
    const overridden = callOk(core, 'plan.overrideRule', {
      engagementId: id,
      ruleId: RULE,
      reason: 'PM named by email.',
    });
    const overrideId = overridden.overrides[0]?.id ?? '';
    const unknown = '01900000-0000-7000-8000-000000000000';
    expect(callErr(core, 'plan.withdrawOverride', { engagementId: id, overrideId: unknown })).toMatchObject({
      code: 'NOT_FOUND',
      field: 'overrideId',
    });
    // Another engagement's override is not this plan's to withdraw.
    expect(callErr(core, 'plan.withdrawOverride', { engagementId: other, overrideId }).code).toBe('NOT_FOUND');
    expect(warning(callOk(core, 'plan.get', { engagementId: id }), RULE)?.override?.id).toBe(overrideId);
    callOk(core, 'plan.withdrawOverride', { engagementId: id, overrideId });
    expect(callErr(core, 'plan.withdrawOverride', { engagementId: id, overrideId }).code).toBe('NOT_FOUND');
  });
});

describe('the customer project manager warning', () => {
  const RULE = 'contacts:customer-project-manager';

  it('stands until a customer contact is project manager; a provider PM does not count', () => {
    const core = coreAt();
    const id = create(core).id;
    expect(ruleIds(callOk(core, 'plan.get', { engagementId: id }))).toContain(RULE);
    const withProviderPm = callOk(core, 'plan.saveContact', {
      engagementId: id,
      contact: { ...customerPm, party: 'provider', name: 'Li Na' },
    });
    expect(ruleIds(withProviderPm)).toContain(RULE);
    const withCustomerNonPm = callOk(core, 'plan.saveContact', {
      engagementId: id,
      contact: { ...customerPm, projectManager: false },
    });
    expect(ruleIds(withCustomerNonPm)).toContain(RULE);
    const withCustomerPm = callOk(core, 'plan.saveContact', { engagementId: id, contact: customerPm });
    expect(ruleIds(withCustomerPm)).not.toContain(RULE);
  });

  it('comes back when the customer project manager is removed', () => {
    const core = coreAt();
    const id = create(core).id;
    const plan = callOk(core, 'plan.saveContact', { engagementId: id, contact: customerPm });
    const contactId = plan.contacts[0]?.id ?? '';
    const removed = callOk(core, 'plan.removeRow', { engagementId: id, kind: 'contact', id: contactId });
    expect(removed.contacts).toEqual([]);
    expect(ruleIds(removed)).toContain(RULE);
  });
});

describe('plan.updateTask', () => {
  function taskOf(core: Core) {
    const plan = callOk(core, 'plan.get', { engagementId: create(core).id });
    const task = plan.tasks.find((t) => t.templateId === 'readiness-assessment');
    if (!task) throw new Error('no readiness assessment task');
    return { plan, task };
  }

  const badRaci = [
    { name: 'two Accountables', raci: { customer: 'A/C', provider: 'A/R' } },
    { name: 'no Accountable', raci: { customer: 'C/I', provider: 'R' } },
    { name: 'no Responsible', raci: { customer: 'A/C', provider: 'S/I' } },
  ];
  it.each(badRaci)('refuses a RACI with $name naming patch.raci, storing nothing', ({ raci }) => {
    const core = coreAt();
    const { plan, task } = taskOf(core);
    const error = callErr(core, 'plan.updateTask', { engagementId: plan.engagementId, id: task.id, patch: { raci } });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'patch.raci' });
    expect(callOk(core, 'plan.get', { engagementId: plan.engagementId }).tasks).toEqual(plan.tasks);
  });

  it('refuses an end before the start, naming patch.endDate, storing nothing', () => {
    const core = coreAt();
    const { plan, task } = taskOf(core);
    const error = callErr(core, 'plan.updateTask', {
      engagementId: plan.engagementId,
      id: task.id,
      patch: { startDate: '2026-06-10', endDate: '2026-06-09' },
    });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'patch.endDate' });
    // Moving only the start past the stored end is refused the same way.
    const startOnly = callErr(core, 'plan.updateTask', {
      engagementId: plan.engagementId,
      id: task.id,
      patch: { startDate: '2026-12-31' },
    });
    expect(startOnly).toMatchObject({ code: 'INVALID_INPUT', field: 'patch.endDate' });
    expect(callOk(core, 'plan.get', { engagementId: plan.engagementId }).tasks).toEqual(plan.tasks);
  });

  it('refuses an impossible date naming it', () => {
    const core = coreAt();
    const { plan, task } = taskOf(core);
    const error = callErr(core, 'plan.updateTask', {
      engagementId: plan.engagementId,
      id: task.id,
      patch: { endDate: '2026-02-30' },
    });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'patch.endDate' });
  });

  it('stores valid edits of dates, owner, status and RACI, leaving other tasks alone', () => {
    const core = coreAt();
    const { plan, task } = taskOf(core);
    const patch = {
      name: 'Readiness assessment (on site)',
      startDate: '2026-06-08',
      endDate: '2026-06-10',
      owner: 'Chen Jie',
      status: 'inProgress' as const,
      raci: { customer: 'A/C', provider: 'R/S' },
    };
    const after = callOk(core, 'plan.updateTask', { engagementId: plan.engagementId, id: task.id, patch });
    expect(after.tasks.find((t) => t.id === task.id)).toEqual({ ...task, ...patch });
    expect(after.tasks.filter((t) => t.id !== task.id)).toEqual(plan.tasks.filter((t) => t.id !== task.id));
    expect(callOk(core, 'plan.get', { engagementId: plan.engagementId }).tasks).toEqual(after.tasks);
  });

  it('answers NOT_FOUND for a task of another engagement', () => {
    const core = coreAt();
    const { task } = taskOf(core);
    const other = create(core).id;
    const error = callErr(core, 'plan.updateTask', { engagementId: other, id: task.id, patch: { owner: 'x' } });
    expect(error).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });
});

describe('on-site days', () => {
  it('bills Alibaba on-site days on a statutory holiday ×3 and on a non-statutory holiday ×1, with totals', () => {
    const core = coreAt();
    const id = create(core).id;
    const plan = callOk(core, 'plan.setOnSiteDays', {
      engagementId: id,
      days: [
        { date: '2026-10-04', persons: 1 },
        { date: '2026-10-01', persons: 2 },
        { date: '2026-10-09', persons: 1 },
      ],
    });
    expect(plan.billing.days.map((d) => [d.date, d.persons, d.multiplier, d.equivalent, d.statutory])).toEqual([
      ['2026-10-01', 2, 3, 6, true],
      ['2026-10-04', 1, 1, 1, false],
      ['2026-10-09', 1, 1, 1, false],
    ]);
    expect(plan.billing.totalPersonDays).toBe(4);
    expect(plan.billing.totalEquivalent).toBe(8);
    expect(plan.onSiteDays.map((d) => d.date)).toEqual(['2026-10-01', '2026-10-04', '2026-10-09']);
  });

  it('replaces the days on every save, soft-deleting the old rows', () => {
    const core = coreAt();
    const id = create(core).id;
    callOk(core, 'plan.setOnSiteDays', { engagementId: id, days: [{ date: '2026-11-10', persons: 2 }] });
    const plan = callOk(core, 'plan.setOnSiteDays', { engagementId: id, days: [{ date: '2026-11-11', persons: 1 }] });
    expect(plan.onSiteDays).toEqual([{ date: '2026-11-11', persons: 1 }]);
    expect(count(core, 'on_site_days')).toBe(2);
  });

  it('refuses a date listed twice, naming days, and keeps what was stored', () => {
    const core = coreAt();
    const id = create(core).id;
    callOk(core, 'plan.setOnSiteDays', { engagementId: id, days: [{ date: '2026-11-10', persons: 2 }] });
    const error = callErr(core, 'plan.setOnSiteDays', {
      engagementId: id,
      days: [
        { date: '2026-11-11', persons: 1 },
        { date: '2026-11-11', persons: 2 },
      ],
    });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'days' });
    expect(callOk(core, 'plan.get', { engagementId: id }).onSiteDays).toEqual([{ date: '2026-11-10', persons: 2 }]);
  });

  it('warns when on-site person-days exceed the service duration (Alibaba)', () => {
    const core = coreAt();
    const plan = planned(core, {}, { serviceDays: 2 });
    const atCap = callOk(core, 'plan.setOnSiteDays', {
      engagementId: plan.engagementId,
      days: [{ date: '2026-11-10', persons: 2 }],
    });
    expect(warning(atCap, 'on-site:person-days-cap')).toBeUndefined();
    const over = callOk(core, 'plan.setOnSiteDays', {
      engagementId: plan.engagementId,
      days: [
        { date: '2026-11-10', persons: 2 },
        { date: '2026-11-11', persons: 1 },
      ],
    });
    expect(warning(over, 'on-site:person-days-cap')).toMatchObject({
      figure: { required: 2, actual: 3, unit: 'personDays', comparison: 'atMost' },
      source: { section: '4.2 Service catalog' },
    });
  });
});

describe('service-duration and remote-day rules', () => {
  it('warns when service days exceed the Alibaba Basic cap of 2', () => {
    const core = coreAt();
    const plan = planned(core, { editionId: 'basic' }, { serviceDays: 2 });
    expect(warning(plan, 'service-duration:max-days')).toBeUndefined();
    const over = settingsPatch(core, plan.engagementId, { serviceDays: 3 });
    expect(warning(over, 'service-duration:max-days')).toMatchObject({
      severity: 'warning',
      figure: { required: 2, actual: 3, unit: 'days', comparison: 'atMost' },
    });
  });

  it('flags Huawei remote days beyond the one included as billable (info)', () => {
    const core = coreAt();
    const plan = planned(core, huawei('basic'), { remoteDays: 1 });
    expect(warning(plan, 'remote:extra-days-billable')).toBeUndefined();
    const more = settingsPatch(core, plan.engagementId, { remoteDays: 3 });
    expect(warning(more, 'remote:extra-days-billable')).toMatchObject({
      severity: 'info',
      params: { extra: 2 },
      figure: { required: 1, actual: 3 },
    });
  });

  it('never flags remote days for Alibaba, whose remote days are not billed extra', () => {
    const core = coreAt();
    const plan = planned(core, {}, { remoteDays: 30 });
    expect(warning(plan, 'remote:extra-days-billable')).toBeUndefined();
  });
});

describe('calendars', () => {
  const shippedCn = () => JSON.parse(readFileSync(join(RESOURCES_DIR, 'calendars', 'cn-2026.json'), 'utf8'));

  it('lists the shipped China 2026 and Monday–Friday calendars', () => {
    const list = callOk(startTestCore(), 'calendar.list', {});
    expect(list.map((c) => [c.calendarId, c.origin])).toEqual(
      expect.arrayContaining([
        ['cn-2026', 'builtin'],
        ['weekdays', 'builtin'],
      ]),
    );
  });

  it('refuses an invalid calendar with the path of each problem, storing nothing', () => {
    const core = startTestCore();
    const bad = shippedCn();
    bad.holidays[0].date = '2026-02-30';
    bad.makeUpWorkdays.push({ date: '2026-10-01', name: { en: 'x', 'zh-CN': 'x' } });
    const error = callErr(core, 'calendar.save', { calendar: bad });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^holidays\[0\]\.date: /),
        expect.stringMatching(/^makeUpWorkdays\[\d+\]\.date: 2026-10-01 is both a holiday/),
      ]),
    );
    expect(count(core, 'firm_calendars')).toBe(0);
  });

  it('lets a saved firm calendar take the place of the shipped one with the same id', () => {
    const core = startTestCore();
    const edited = shippedCn();
    edited.holidays.push({ date: '2026-11-11', name: { en: 'Firm day off', 'zh-CN': '公司休息日' }, statutory: false });
    callOk(core, 'calendar.save', { calendar: edited });
    const got = callOk(core, 'calendar.get', { calendarId: 'cn-2026' });
    expect(got.holidays.map((h) => h.date)).toContain('2026-11-11');
    const entries = callOk(core, 'calendar.list', {}).filter((c) => c.calendarId === 'cn-2026');
    expect(entries).toEqual([expect.objectContaining({ origin: 'firm' })]);
  });

  it('counts lead time on the firm calendar once a plan uses it', () => {
    const core = coreAt();
    const edited = shippedCn();
    // A firm day off on Mon 2026-06-22 pushes the 15th business day after 06-01 to 06-24.
    edited.holidays.push({ date: '2026-06-22', name: { en: 'Firm day off', 'zh-CN': '公司休息日' }, statutory: false });
    callOk(core, 'calendar.save', { calendar: edited });
    const plan = planned(core, {}, { applicationDate: '2026-06-01', orderDate: '2026-06-23' });
    expect(warning(plan, 'lead-time:request-before-order')?.figure?.actual).toBe(14);
  });

  it('refuses a plan on an unknown calendar, naming calendarId', () => {
    const core = coreAt();
    const id = create(core).id;
    const error = callErr(core, 'plan.updateSettings', { engagementId: id, patch: { calendarId: 'mars-2026' } });
    expect(error).toMatchObject({ code: 'NOT_FOUND', field: 'calendarId' });
    expect(callOk(core, 'plan.get', { engagementId: id }).settings.calendarId).toBe('cn-2026');
  });
});

describe('an archived engagement', () => {
  it('refuses plan writes with CONFLICT and stores nothing', () => {
    const core = coreAt();
    const id = create(core).id;
    const plan = callOk(core, 'plan.get', { engagementId: id });
    callOk(core, 'engagement.archive', { id });
    const writes: [string, unknown][] = [
      ['plan.updateSettings', { engagementId: id, patch: { serviceDays: 9 } }],
      ['plan.saveContact', { engagementId: id, contact: customerPm }],
      ['plan.setOnSiteDays', { engagementId: id, days: [{ date: '2026-11-10', persons: 1 }] }],
      ['plan.updateTask', { engagementId: id, id: plan.tasks[0]?.id, patch: { owner: 'Someone' } }],
      ['plan.regenerateTasks', { engagementId: id }],
      ['plan.overrideRule', { engagementId: id, ruleId: 'contacts:customer-project-manager', reason: 'Known PM.' }],
    ];
    for (const [method, input] of writes) {
      expect(callErr(core, method, input).code, method).toBe('CONFLICT');
    }
    const after = callOk(core, 'plan.get', { engagementId: id });
    expect(after.settings).toEqual(plan.settings);
    expect(after.tasks).toEqual(plan.tasks);
    expect(after.contacts).toEqual([]);
    expect(after.onSiteDays).toEqual([]);
    expect(count(core, 'rule_overrides')).toBe(0);
  });
});

describe('tasks and the edition they were generated for', () => {
  it('are marked stale when the edition changes, and current again after regenerating', () => {
    const core = coreAt();
    const plan = planned(core, { editionId: 'basic' });
    expect(plan.tasksStale).toBe(false);
    expect(templateIds(plan).some((id) => id?.includes('stress'))).toBe(false);
    callOk(core, 'engagement.update', { id: plan.engagementId, patch: { editionId: 'standard' } });
    const stale = callOk(core, 'plan.get', { engagementId: plan.engagementId });
    expect(stale.tasksStale).toBe(true);
    const regenerated = callOk(core, 'plan.regenerateTasks', { engagementId: plan.engagementId });
    expect(regenerated.tasksStale).toBe(false);
    expect(templateIds(regenerated).some((id) => id?.includes('stress'))).toBe(true);
  });

  it('are marked stale when the picked items of a Custom edition change', () => {
    const core = coreAt();
    const plan = planned(core, { editionId: 'custom' });
    const firstItem = plan.catalog.items[0]?.id ?? '';
    const picked = settingsPatch(core, plan.engagementId, { pickedItemIds: [firstItem] });
    expect(picked.tasksStale).toBe(true);
    expect(picked.catalog.items.find((i) => i.id === firstItem)?.inScope).toBe(true);
  });
});

describe('picking items', () => {
  it('is refused for an edition with a fixed list, naming the field, and stores nothing', () => {
    const core = coreAt();
    const plan = planned(core, { editionId: 'standard' });
    const error = callErr(core, 'plan.updateSettings', {
      engagementId: plan.engagementId,
      patch: { pickedItemIds: [plan.catalog.items[0]?.id ?? ''] },
    });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'patch.pickedItemIds' });
    expect(callOk(core, 'plan.get', { engagementId: plan.engagementId }).settings.pickedItemIds).toEqual([]);
  });

  it('is refused for an item the catalog does not have', () => {
    const core = coreAt();
    const plan = planned(core, { editionId: 'custom' });
    const error = callErr(core, 'plan.updateSettings', {
      engagementId: plan.engagementId,
      patch: { pickedItemIds: ['bogus'] },
    });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'patch.pickedItemIds' });
    expect(error.message).toContain('"bogus"');
  });
});
