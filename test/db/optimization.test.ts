import type { MethodInput } from '@shared/contract';
import { emptyOptimization, recommendationRefs } from '@shared/domain/optimization';
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

function engagement(core: Core, language: 'en' | 'zh-CN' = 'en', editionId = 'standard') {
  return callOk(core, 'engagement.create', engagementFields({ language, editionId })).id;
}

/** Every stored row of the table, deleted ones too: what "unchanged" is checked against. */
function snapshot(core: Core) {
  return core.context.store.sqlite.prepare('SELECT * FROM optimization_items ORDER BY id').all();
}

type Save = MethodInput<'optimization.save'>;

function emergencyPlan(overrides: Partial<Extract<Save['item'], { kind: 'emergency' }>> = {}): Save['item'] {
  return {
    ...emptyOptimization('emergency'),
    title: 'Primary database unavailable',
    owner: 'Wang Fang (DBA)',
    dueDate: '2026-10-31',
    fields: {
      scenario: 'The primary order database stops accepting writes',
      trigger: 'Write errors above 5% for 1 min',
      action: 'Confirm the automatic failover; switch over by hand after 3 min',
      rollback: 'Switch back after the event',
    },
    ...overrides,
  };
}

function monitoring(title: string): Save['item'] {
  return {
    ...emptyOptimization('monitoring'),
    title,
    fields: {
      layer: 'application',
      metric: 'Age of the oldest message in order-created',
      threshold: '> 5 min',
      window: '2 min',
      channel: 'War-room chat and SMS',
      escalation: '',
      dashboard: 'Queues',
    },
  };
}

describe('optimization entries', () => {
  it('are saved, listed in kind and list order, updated, removed and restored', () => {
    const core = coreAt();
    const id = engagement(core);
    const events: string[] = [];
    core.context.emit = (event, payload) => events.push(`${event}:${JSON.stringify(payload)}`);

    const plan = callOk(core, 'optimization.save', { engagementId: id, item: emergencyPlan() });
    const queue = callOk(core, 'optimization.save', { engagementId: id, item: monitoring('Order queue age') });
    const errors = callOk(core, 'optimization.save', { engagementId: id, item: monitoring('5xx rate') });
    expect(plan.kind).toBe('emergency');
    expect(plan.templateId).toBeNull();
    expect([queue.sortOrder, errors.sortOrder]).toEqual([0, 1]);
    expect(events).toHaveLength(3);
    expect(events[0]).toBe(`engagement.changed:${JSON.stringify({ id })}`);

    expect(callOk(core, 'optimization.list', { engagementId: id }).map((i) => i.title)).toEqual([
      'Order queue age',
      '5xx rate',
      'Primary database unavailable',
    ]);

    const edited = callOk(core, 'optimization.save', {
      engagementId: id,
      id: plan.id,
      item: emergencyPlan({ owner: 'Li Wei', status: 'inProgress', dueDate: '2026-11-01' }),
    });
    expect(edited).toMatchObject({ id: plan.id, owner: 'Li Wei', status: 'inProgress', dueDate: '2026-11-01' });
    expect(edited.updatedAt > plan.updatedAt).toBe(true);

    callOk(core, 'optimization.remove', { engagementId: id, id: plan.id });
    expect(callOk(core, 'optimization.list', { engagementId: id }).map((i) => i.id)).not.toContain(plan.id);
    const restored = callOk(core, 'optimization.restore', { engagementId: id, id: plan.id });
    expect(restored).toMatchObject({ id: plan.id, owner: 'Li Wei', status: 'inProgress' });
    expect(callOk(core, 'optimization.list', { engagementId: id })).toHaveLength(3);

    const reordered = callOk(core, 'optimization.reorder', {
      engagementId: id,
      kind: 'monitoring',
      ids: [errors.id, queue.id],
    });
    expect(reordered.map((i) => i.title)).toEqual(['5xx rate', 'Order queue age']);
    expect(
      callErr(core, 'optimization.reorder', { engagementId: id, kind: 'monitoring', ids: [queue.id] }),
    ).toMatchObject({ code: 'CONFLICT', field: 'ids' });
  });

  it('keep their R-nnn when an earlier recommendation is removed, numbered over removed ones too', () => {
    const core = coreAt();
    const id = engagement(core);
    const save = (item: Save['item']) => callOk(core, 'optimization.save', { engagementId: id, item });
    const first = save(monitoring('Order queue age'));
    const plan = save(emergencyPlan());
    const second = save(monitoring('5xx rate'));
    const third = save(monitoring('Payment latency'));
    expect([first.ref, plan.ref, second.ref, third.ref]).toEqual(['R-001', undefined, 'R-002', 'R-003']);

    callOk(core, 'optimization.remove', { engagementId: id, id: second.id });
    const listed = callOk(core, 'optimization.list', { engagementId: id });
    const refOf = (entryId: string) => listed.find((i) => i.id === entryId)?.ref;
    expect([refOf(first.id), refOf(third.id)]).toEqual(['R-001', 'R-003']);
    // The documents number through recommendationRefs: R-003 stays R-003 there too.
    expect(recommendationRefs(listed).get(third.id)).toBe('R-003');
    expect(save(monitoring('Cache hit rate')).ref).toBe('R-004');
    expect(callOk(core, 'optimization.restore', { engagementId: id, id: second.id }).ref).toBe('R-002');
    const added = callOk(core, 'optimization.addFromTemplates', {
      engagementId: id,
      templateIds: ['mon-order-queue-age'],
    });
    expect(added.added[0]?.ref).toBe('R-005');
  });

  it('copy templates in the engagement language, record the template id and skip ones already added', () => {
    const core = coreAt();
    const chinese = engagement(core, 'zh-CN');
    const english = engagement(core, 'en');
    const templates = callOk(core, 'optimization.templates', {});
    const surge = templates.find((t) => t.id === 'em-traffic-surge');
    expect(surge?.kind).toBe('emergency');

    const added = callOk(core, 'optimization.addFromTemplates', {
      engagementId: chinese,
      templateIds: ['em-traffic-surge', 'mon-order-queue-age'],
    });
    expect(added.skipped).toEqual([]);
    expect(added.added.map((i) => [i.templateId, i.title])).toEqual([
      ['em-traffic-surge', surge?.['zh-CN'].title],
      ['mon-order-queue-age', '订单消息堆积超过 5 分钟时告警'],
    ]);
    expect(added.added[0]).toMatchObject({ status: 'proposed', owner: '', dueDate: null });

    const again = callOk(core, 'optimization.addFromTemplates', {
      engagementId: chinese,
      templateIds: ['em-traffic-surge', 'drill-call-tree'],
    });
    expect(again.skipped).toEqual(['em-traffic-surge']);
    expect(again.added.map((i) => i.templateId)).toEqual(['drill-call-tree']);

    const inEnglish = callOk(core, 'optimization.addFromTemplates', {
      engagementId: english,
      templateIds: ['em-traffic-surge'],
    });
    expect(inEnglish.added[0]?.title).toBe(surge?.en.title);
    expect(inEnglish.added[0]?.fields).toEqual(surge?.en.fields);
  });

  it('refuse bad input naming the field and leave the store unchanged', () => {
    const core = coreAt();
    const id = engagement(core);
    const plan = callOk(core, 'optimization.save', { engagementId: id, item: emergencyPlan() });
    const before = snapshot(core);

    const noTrigger = emergencyPlan();
    const missing = callErr(core, 'optimization.save', {
      engagementId: id,
      item: { ...noTrigger, fields: { ...noTrigger.fields, trigger: ' ' } },
    });
    expect(missing).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'item.fields.trigger',
      messageKey: 'validation.emergencyTrigger',
    });
    expect(missing.message).toContain('item.fields.trigger');

    expect(
      callErr(core, 'optimization.save', { engagementId: id, item: { ...emergencyPlan(), status: 'declined' } }),
    ).toMatchObject({ field: 'item.notes', messageKey: 'validation.declineReason' });
    expect(
      callErr(core, 'optimization.save', { engagementId: id, id: plan.id, item: monitoring('Now a metric') }),
    ).toMatchObject({ code: 'INVALID_INPUT', field: 'item.kind' });
    expect(
      callErr(core, 'optimization.addFromTemplates', {
        engagementId: id,
        templateIds: ['em-traffic-surge', 'no-such-template'],
      }),
    ).toMatchObject({ code: 'NOT_FOUND', field: 'templateIds.1' });

    const drill = emptyOptimization('drill');
    expect(
      callErr(core, 'optimization.save', {
        engagementId: id,
        item: {
          ...drill,
          title: 'Rehearse a plan that is a metric',
          fields: { ...drill.fields, scenario: 'x', emergencyId: '00000000-0000-4000-8000-000000000001' },
        },
      }),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'item.fields.emergencyId',
      messageKey: 'validation.emergencyPlan',
    });

    expect(snapshot(core)).toEqual(before);
  });

  it('link a drill to an emergency plan of the engagement', () => {
    const core = coreAt();
    const id = engagement(core);
    const plan = callOk(core, 'optimization.save', { engagementId: id, item: emergencyPlan() });
    const drill = emptyOptimization('drill');
    const saved = callOk(core, 'optimization.save', {
      engagementId: id,
      item: {
        ...drill,
        title: 'Failover rehearsal',
        fields: {
          ...drill.fields,
          scenario: 'Planned switch',
          emergencyId: plan.id,
          date: '2026-10-20',
          result: 'partial',
        },
      },
    });
    expect(saved.kind === 'drill' && saved.fields).toMatchObject({ emergencyId: plan.id, result: 'partial' });
  });

  it('of a kind the edition leaves out are refused naming the kind and edition, the store unchanged', () => {
    const core = coreAt();
    const id = engagement(core, 'en', 'advanced');
    const tuning = {
      ...emptyOptimization('database'),
      title: 'Index the order lookup',
      fields: { area: 'index' as const, instance: 'rds-orders', current: '', proposal: 'Add (user_id, created_at)' },
    };
    const kept = callOk(core, 'optimization.save', { engagementId: id, item: tuning });
    const gone = callOk(core, 'optimization.save', { engagementId: id, item: { ...tuning, title: 'Split reads' } });
    callOk(core, 'optimization.remove', { engagementId: id, id: gone.id });
    // Advanced includes database optimization; Standard does not.
    callOk(core, 'engagement.update', { id, patch: { editionId: 'standard' } });
    const before = snapshot(core);

    const added = callErr(core, 'optimization.save', { engagementId: id, item: tuning });
    expect(added).toMatchObject({ code: 'CONFLICT', field: 'item.kind' });
    expect(added.message).toContain('Database optimization is not part of the Standard edition');
    expect(
      callErr(core, 'optimization.save', { engagementId: id, id: kept.id, item: { ...tuning, owner: 'Wang Fang' } }),
    ).toMatchObject({ code: 'CONFLICT', field: 'item.kind' });
    const fromTemplates = callErr(core, 'optimization.addFromTemplates', {
      engagementId: id,
      templateIds: ['mon-order-queue-age', 'bn-redis-hot-key'],
    });
    expect(fromTemplates).toMatchObject({ code: 'CONFLICT', field: 'templateIds.1' });
    expect(fromTemplates.message).toContain('Resource bottleneck optimization');
    const restored = callErr(core, 'optimization.restore', { engagementId: id, id: gone.id });
    expect(restored).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect(restored.message).toContain('Standard edition');
    expect(snapshot(core)).toEqual(before);

    // Kinds in the edition still change, and an entry left over from the old edition can be removed.
    callOk(core, 'optimization.save', { engagementId: id, item: monitoring('Order queue age') });
    callOk(core, 'optimization.remove', { engagementId: id, id: kept.id });
    expect(callOk(core, 'optimization.list', { engagementId: id }).map((i) => i.kind)).toEqual(['monitoring']);
  });

  it('are read-only in an archived engagement', () => {
    const core = coreAt();
    const id = engagement(core);
    const plan = callOk(core, 'optimization.save', { engagementId: id, item: emergencyPlan() });
    callOk(core, 'engagement.archive', { id });
    const before = snapshot(core);
    expect(callErr(core, 'optimization.save', { engagementId: id, item: emergencyPlan() })).toMatchObject({
      code: 'CONFLICT',
      field: 'engagementId',
    });
    expect(callErr(core, 'optimization.remove', { engagementId: id, id: plan.id }).code).toBe('CONFLICT');
    expect(callErr(core, 'optimization.addFromTemplates', { engagementId: id, templateIds: ['em-ddos'] }).code).toBe(
      'CONFLICT',
    );
    expect(snapshot(core)).toEqual(before);
    expect(callOk(core, 'optimization.list', { engagementId: id })).toHaveLength(1);
  });
});
