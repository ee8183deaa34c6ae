import type { MethodInput } from '@shared/contract';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/index';
import { callErr, callOk, closeTestCores, startTestCore, steppingClock } from '../fixtures/core';
import { removeTempDataDirs } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});

function coreAt(): Core {
  return startTestCore({ now: steppingClock('2026-06-01T02:00:00.000Z') });
}

function count(core: Core, table: string, where = '1 = 1'): number {
  return core.context.store.sqlite.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get() as number;
}

type Peak = MethodInput<'plan.updateDetails'>['details']['peak'];
const PEAK: Peak = { qps: 12_000, tps: 3_000, concurrentUsers: null, bandwidth: 1.2, bandwidthUnit: 'Gbps' };

function engagement(core: Core, fields: Parameters<typeof engagementFields>[0] = {}, peak: Peak = PEAK) {
  const id = callOk(core, 'engagement.create', engagementFields(fields)).id;
  callOk(core, 'plan.updateDetails', { engagementId: id, details: { peak, objectives: '', slos: [] } });
  return id;
}

type ItemInput = MethodInput<'capacity.save'>['item'];
const EMPTY = {
  units: null,
  capacityPerUnit: null,
  currentCap: null,
  baseline: null,
  multiplier: null,
  marginPct: null,
  peakOverride: null,
};

/** 8 instances × 1,500 QPS against 12,000 QPS × 1.2 with a 30 % margin: below it, scale out to 14. */
function orderService(overrides: Partial<ItemInput> = {}): ItemInput {
  return {
    formulaId: 'compute-qps',
    name: 'Order service',
    scopeResourceId: null,
    inputs: { ...EMPTY, units: 8, capacityPerUnit: 1_500, baseline: 6_000, multiplier: 1.2, marginPct: 30 },
    notes: '',
    ...overrides,
  };
}

function save(core: Core, engagementId: string, item: ItemInput) {
  return callOk(core, 'capacity.save', { engagementId, item });
}

function capacityFindings(core: Core, engagementId: string) {
  return callOk(core, 'finding.list', { engagementId }).filter((f) => f.templateId === 'capacity');
}

describe('capacity items', () => {
  it('are saved, listed with their computed figures, edited, removed and restored', () => {
    const core = coreAt();
    const id = engagement(core);
    const events: string[] = [];
    core.context.emit = (event, payload) => events.push(`${event}:${JSON.stringify(payload)}`);
    const list = save(core, id, orderService());
    expect(list).toMatchObject({ inEdition: true, readOnly: false, peak: { qps: 12_000 } });
    const [item] = list.items;
    expect(item?.evaluation).toMatchObject({
      status: 'evaluated',
      currentCapacity: 12_000,
      belowMargin: true,
      recommendation: {
        kind: 'scaleOut',
        fromUnits: 8,
        toUnits: 14,
        text: { en: 'Scale out from 8 to 14 instances.' },
      },
    });
    expect(events).toEqual([`engagement.changed:${JSON.stringify({ id })}`]);

    const edited = save(
      core,
      id,
      orderService({ id: item?.id, inputs: { ...EMPTY, units: 20, capacityPerUnit: 1_500 } }),
    );
    expect(edited.items).toHaveLength(1);
    expect(edited.items[0]?.evaluation).toMatchObject({ status: 'evaluated', belowMargin: false });

    const second = save(core, id, orderService({ name: 'Orders DB', formulaId: 'database-iops', inputs: EMPTY }));
    expect(second.items.map((i) => i.name)).toEqual(['Order service', 'Orders DB']);
    expect(second.items[1]?.evaluation).toEqual({ status: 'incomplete', missing: ['currentCap', 'baseline'] });

    const removed = callOk(core, 'capacity.remove', { engagementId: id, id: item?.id ?? '' });
    expect(removed.items.map((i) => i.name)).toEqual(['Orders DB']);
    expect(count(core, 'capacity_items', 'deleted_at IS NOT NULL')).toBe(1);
    const restored = callOk(core, 'capacity.restore', { engagementId: id, id: item?.id ?? '' });
    expect(restored.items.map((i) => i.name)).toEqual(['Order service', 'Orders DB']);
  });

  it('lists the shipped formulas', () => {
    const core = coreAt();
    const formulas = callOk(core, 'capacity.formulas', {});
    expect(formulas.length).toBeGreaterThanOrEqual(20);
    expect(formulas[0]?.resourceType).toBe('compute');
  });

  it('refuses bad input with the field named and leaves the store unchanged', () => {
    const core = coreAt();
    const id = engagement(core);
    const before = count(core, 'capacity_items');
    expect(callErr(core, 'capacity.save', { engagementId: id, item: orderService({ name: '  ' }) })).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'item.name',
      messageKey: 'validation.capacityName',
    });
    expect(
      callErr(core, 'capacity.save', {
        engagementId: id,
        item: orderService({ inputs: { ...EMPTY, units: 8, capacityPerUnit: -5 } }),
      }),
    ).toMatchObject({ code: 'INVALID_INPUT', field: 'item.inputs.capacityPerUnit' });
    expect(
      callErr(core, 'capacity.save', { engagementId: id, item: orderService({ formulaId: 'no-such-formula' }) }),
    ).toMatchObject({ code: 'INVALID_INPUT', field: 'item.formulaId', messageKey: 'validation.capacityFormula' });
    expect(
      callErr(core, 'capacity.save', {
        engagementId: id,
        item: orderService({ formulaId: 'compute-vcpu', inputs: { ...EMPTY, baseline: 140 } }),
      }),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'item.inputs.baseline',
      messageKey: 'validation.capacityUtilisation',
    });
    expect(
      callErr(core, 'capacity.save', {
        engagementId: id,
        item: orderService({ scopeResourceId: '0190a0a0-0000-7000-8000-000000000000' }),
      }),
    ).toMatchObject({ code: 'NOT_FOUND', field: 'item.scopeResourceId' });
    expect(count(core, 'capacity_items')).toBe(before);
    expect(count(core, 'findings')).toBe(0);
  });
});

describe('capacity findings', () => {
  it('are raised once with the numbers, linked to the item, and not duplicated on re-evaluation', () => {
    const core = coreAt();
    const id = engagement(core);
    const itemId = save(core, id, orderService()).items[0]?.id ?? '';
    const [finding, ...others] = capacityFindings(core, id);
    expect(others).toEqual([]);
    expect(finding).toMatchObject({
      templateId: 'capacity',
      itemId,
      answerId: null,
      severity: 'high',
      status: 'open',
      title: 'Capacity below margin: Order service Requests per second (headroom −20 %, margin 30 %)',
      recommendation: 'Scale out from 8 to 14 instances.',
      affectedResources: ['Order service'],
    });
    expect(finding?.description).toContain('predicted peak 14,400 QPS');

    const listed = callOk(core, 'capacity.evaluate', { engagementId: id });
    callOk(core, 'capacity.evaluate', { engagementId: id });
    save(core, id, orderService({ id: itemId }));
    expect(capacityFindings(core, id)).toHaveLength(1);
    expect(listed.items[0]?.finding).toMatchObject({ id: finding?.id, status: 'open' });
  });

  it('keep the consultant’s status, owner and severity while their numbers follow the evaluation', () => {
    const core = coreAt();
    const id = engagement(core);
    const itemId = save(core, id, orderService()).items[0]?.id ?? '';
    const [raised] = capacityFindings(core, id);
    callOk(core, 'finding.update', {
      engagementId: id,
      id: raised?.id ?? '',
      patch: { status: 'inProgress', owner: 'Li Wei', severity: 'critical', dueDate: '2026-10-01' },
    });
    save(
      core,
      id,
      orderService({ id: itemId, inputs: { ...EMPTY, units: 10, capacityPerUnit: 1_500, multiplier: 1.2 } }),
    );
    const [updated, ...others] = capacityFindings(core, id);
    expect(others).toEqual([]);
    expect(updated).toMatchObject({
      id: raised?.id,
      status: 'inProgress',
      owner: 'Li Wei',
      severity: 'critical',
      dueDate: '2026-10-01',
      recommendation: 'Scale out from 10 to 14 instances.',
    });
    expect(updated?.title).toContain('headroom 4 %');
  });

  it('keep text the consultant rewrote while the app text follows the numbers', () => {
    const core = coreAt();
    const id = engagement(core);
    const itemId = save(core, id, orderService()).items[0]?.id ?? '';
    const [raised] = capacityFindings(core, id);
    const rewritten = 'Scale out to 14 instances and move reporting queries to a read replica.';
    callOk(core, 'finding.update', { engagementId: id, id: raised?.id ?? '', patch: { recommendation: rewritten } });
    save(
      core,
      id,
      orderService({ id: itemId, inputs: { ...EMPTY, units: 10, capacityPerUnit: 1_500, multiplier: 1.2 } }),
    );
    const [updated] = capacityFindings(core, id);
    expect(updated?.recommendation).toBe(rewritten);
    expect(updated?.title).toContain('headroom 4 %');
    expect(updated?.description).toContain('Current capacity 15,000 QPS (10 instances × 1,500 QPS)');
  });

  it('stay when the item recovers or is removed, and are not raised again once the consultant deleted one', () => {
    const core = coreAt();
    const id = engagement(core);
    const itemId = save(core, id, orderService()).items[0]?.id ?? '';
    const [raised] = capacityFindings(core, id);
    const recovered = save(
      core,
      id,
      orderService({ id: itemId, inputs: { ...EMPTY, units: 20, capacityPerUnit: 1_500 } }),
    );
    expect(recovered.items[0]?.evaluation).toMatchObject({ belowMargin: false });
    expect(recovered.items[0]?.finding?.id).toBe(raised?.id);
    expect(capacityFindings(core, id)).toMatchObject([{ id: raised?.id, status: 'open' }]);

    callOk(core, 'capacity.remove', { engagementId: id, id: itemId });
    expect(capacityFindings(core, id)).toHaveLength(1);
    callOk(core, 'capacity.restore', { engagementId: id, id: itemId });

    callOk(core, 'finding.remove', { engagementId: id, id: raised?.id ?? '' });
    save(core, id, orderService({ id: itemId }));
    callOk(core, 'capacity.evaluate', { engagementId: id });
    expect(capacityFindings(core, id)).toEqual([]);
  });

  it('say so in their own text when the item recovers, keeping status, severity, owner and rewritten text', () => {
    // A clock that can move to a later day, to see the re-evaluation day set once and then kept.
    let next = Date.parse('2026-06-01T02:00:00.000Z');
    const core = startTestCore({
      now: () => {
        const at = new Date(next).toISOString();
        next += 1000;
        return at;
      },
    });
    const id = engagement(core);
    const itemId = save(core, id, orderService()).items[0]?.id ?? '';
    const [raised] = capacityFindings(core, id);
    const rewritten = 'Scale out to 14 instances and move reporting queries to a read replica.';
    callOk(core, 'finding.update', {
      engagementId: id,
      id: raised?.id ?? '',
      patch: { status: 'inProgress', owner: 'Li Wei', severity: 'critical', recommendation: rewritten },
    });

    // 20 × 1,500 QPS against 14,400 QPS: 52 % headroom meets the 30 % margin.
    const recoveredInputs = { ...EMPTY, units: 20, capacityPerUnit: 1_500, multiplier: 1.2, marginPct: 30 };
    save(core, id, orderService({ id: itemId, inputs: recoveredInputs }));
    const [recovered, ...others] = capacityFindings(core, id);
    expect(others).toEqual([]);
    expect(recovered).toMatchObject({
      id: raised?.id,
      status: 'inProgress',
      owner: 'Li Wei',
      severity: 'critical',
      recommendation: rewritten,
      title: 'Capacity margin now met: Order service Requests per second (headroom 52 %, margin 30 %)',
    });
    expect(recovered?.description).toContain('Current capacity 30,000 QPS (20 instances × 1,500 QPS)');
    expect(recovered?.description).not.toContain('−20 %');
    // The day in the event's zone (Asia/Shanghai: 10:00 on 1 June).
    expect(recovered?.description.endsWith(' Re-evaluated on 2026-06-01: headroom 52 %, margin 30 % met.')).toBe(true);

    // Re-evaluating days later with the same figures keeps the day and writes nothing.
    next = Date.parse('2026-06-05T02:00:00.000Z');
    callOk(core, 'capacity.evaluate', { engagementId: id });
    expect(capacityFindings(core, id)[0]).toMatchObject({
      description: recovered?.description,
      updatedAt: recovered?.updatedAt,
    });
    // New figures that still meet the margin: the numbers and the day follow.
    save(core, id, orderService({ id: itemId, inputs: { ...recoveredInputs, units: 24 } }));
    expect(capacityFindings(core, id)[0]?.description).toMatch(
      /Re-evaluated on 2026-06-05: headroom 60 %, margin 30 % met\.$/,
    );

    // Below the margin again: back to the shortfall, still the consultant's status and severity.
    save(core, id, orderService({ id: itemId }));
    const [again] = capacityFindings(core, id);
    expect(again).toMatchObject({ id: raised?.id, status: 'inProgress', severity: 'critical' });
    expect(again?.title).toBe('Capacity below margin: Order service Requests per second (headroom −20 %, margin 30 %)');
    expect(again?.description).not.toContain('Re-evaluated');
  });

  it('leave a description the consultant rewrote alone when the item recovers, in Chinese too', () => {
    const core = coreAt();
    const id = engagement(core, { language: 'zh-CN' });
    const itemId = save(core, id, orderService({ name: '订单服务' })).items[0]?.id ?? '';
    const recoveredInputs = { ...EMPTY, units: 20, capacityPerUnit: 1_500, multiplier: 1.2, marginPct: 30 };
    save(core, id, orderService({ id: itemId, name: '订单服务', inputs: recoveredInputs }));
    const [finding] = capacityFindings(core, id);
    expect(finding?.title).toBe('容量已满足安全余量：订单服务 每秒请求数（余量 52%，要求 30%）');
    expect(finding?.description).toMatch(/^当前容量 30,000 QPS（20 台实例 × 1,500 QPS）；/);
    expect(finding?.description.endsWith('。2026-06-01 重新评估：余量 52%，已满足 30% 安全余量。')).toBe(true);

    const english = engagement(core);
    const englishItem = save(core, english, orderService()).items[0]?.id ?? '';
    const [raised] = capacityFindings(core, english);
    const mine = 'The order service cannot take the peak; see the sizing sheet.';
    callOk(core, 'finding.update', { engagementId: english, id: raised?.id ?? '', patch: { description: mine } });
    save(core, english, orderService({ id: englishItem, inputs: recoveredInputs }));
    expect(capacityFindings(core, english)[0]).toMatchObject({
      description: mine,
      title: 'Capacity margin now met: Order service Requests per second (headroom 52 %, margin 30 %)',
      severity: 'high',
      status: 'open',
    });
  });

  it('are raised when a new peak forecast pushes an item below its margin', () => {
    const core = coreAt();
    const id = engagement(core, {}, { ...PEAK, qps: 6_000 });
    save(core, id, orderService());
    expect(capacityFindings(core, id)).toEqual([]);
    callOk(core, 'plan.updateDetails', { engagementId: id, details: { peak: PEAK, objectives: '', slos: [] } });
    expect(capacityFindings(core, id)).toHaveLength(1);
  });

  it('are written in the engagement’s deliverable language', () => {
    const core = coreAt();
    const id = engagement(core, { language: 'zh-CN' });
    save(core, id, orderService({ name: '订单服务' }));
    expect(capacityFindings(core, id)[0]).toMatchObject({
      title: '容量低于安全余量：订单服务 每秒请求数（余量 −20%，要求 30%）',
      recommendation: '将实例从 8 台扩容至 14 台。',
    });
  });
});

describe('capacity seeding', () => {
  it('adds one item per resource in scope with its type’s primary formula, once', () => {
    const core = coreAt();
    const id = engagement(core);
    for (const resource of [
      { resourceType: 'compute' as const, spec: 'ecs.c7.2xlarge', count: 8, region: 'cn-hangzhou', notes: '' },
      { resourceType: 'database' as const, spec: 'rds.mysql.x8.large', count: 1, region: '', notes: '' },
      { resourceType: 'iam' as const, spec: '', count: 1, region: '', notes: '' },
    ]) {
      callOk(core, 'plan.saveResource', { engagementId: id, resource });
    }
    const seeded = callOk(core, 'capacity.seed', { engagementId: id });
    expect(seeded).toMatchObject({ added: 2, skipped: 1 });
    expect(seeded.items.map((i) => [i.name, i.formulaId, i.inputs.units])).toEqual([
      ['ecs.c7.2xlarge · cn-hangzhou', 'compute-qps', 8],
      ['rds.mysql.x8.large', 'database-qps', 1],
    ]);
    expect(seeded.items.every((i) => i.scopeResourceId !== null)).toBe(true);
    const again = callOk(core, 'capacity.seed', { engagementId: id });
    expect(again).toMatchObject({ added: 0, skipped: 3 });
    expect(again.items).toHaveLength(2);
  });
});

describe('capacity and the engagement state', () => {
  it('refuses changes to an archived engagement but still lists it', () => {
    const core = coreAt();
    const id = engagement(core);
    save(core, id, orderService());
    callOk(core, 'engagement.archive', { id });
    expect(callErr(core, 'capacity.save', { engagementId: id, item: orderService() })).toMatchObject({
      code: 'CONFLICT',
    });
    expect(callErr(core, 'capacity.evaluate', { engagementId: id })).toMatchObject({ code: 'CONFLICT' });
    expect(callOk(core, 'capacity.list', { engagementId: id })).toMatchObject({ readOnly: true });
    expect(count(core, 'capacity_items')).toBe(1);
  });

  it('is read-only in an edition without capacity evaluation', () => {
    const core = coreAt();
    const id = engagement(core, { catalogId: 'huawei-key-event-on-duty', editionId: 'basic' });
    expect(callOk(core, 'capacity.list', { engagementId: id })).toMatchObject({ inEdition: false, readOnly: true });
    expect(callErr(core, 'capacity.save', { engagementId: id, item: orderService() })).toMatchObject({
      code: 'CONFLICT',
    });
    // Saving the forecast of such an engagement must not trip over capacity.
    callOk(core, 'plan.updateDetails', { engagementId: id, details: { peak: PEAK, objectives: '', slos: [] } });
  });
});
