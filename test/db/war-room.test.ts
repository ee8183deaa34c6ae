import { afterEach, describe, expect, it } from 'vitest';
import { call, callOk, closeTestCores, startTestCore, steppingClock } from '../fixtures/core';
import { removeTempDataDirs } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});

function setUp() {
  const core = startTestCore({ now: steppingClock('2026-11-11T01:00:00.000Z') });
  // Window 2026-11-10 20:00 to 2026-11-12 02:00 in Shanghai (UTC+8).
  const engagement = callOk(core, 'engagement.create', engagementFields());
  return { core, engagement };
}

const logRows = (core: ReturnType<typeof setUp>['core'], engagementId: string) =>
  core.context.store.sqlite
    .prepare(
      'SELECT kind, text, incident_id, checkpoint_id FROM log_entries WHERE engagement_id = ? ORDER BY created_at',
    )
    .all(engagementId) as { kind: string; text: string; incident_id: string | null; checkpoint_id: string | null }[];

const incident = {
  severity: 'P2' as const,
  title: 'Checkout latency above 2 s',
  startedAt: '2026-11-10T16:00:00.000Z',
  detectedAt: '2026-11-10T16:05:00.000Z',
};

describe('incidents', () => {
  it('number INC-nnn per engagement and never reuse a number after a removal', () => {
    const { core, engagement } = setUp();
    const other = callOk(core, 'engagement.create', engagementFields({ eventName: 'Year-end sale' }));
    const first = callOk(core, 'incident.save', { engagementId: engagement.id, incident });
    const second = callOk(core, 'incident.save', {
      engagementId: engagement.id,
      incident: { ...incident, title: 'B' },
    });
    expect([first.ref, second.ref]).toEqual(['INC-001', 'INC-002']);
    callOk(core, 'incident.remove', { engagementId: engagement.id, id: second.id });
    const third = callOk(core, 'incident.save', { engagementId: engagement.id, incident: { ...incident, title: 'C' } });
    expect(third.ref).toBe('INC-003');
    expect(callOk(core, 'incident.restore', { engagementId: engagement.id, id: second.id }).ref).toBe('INC-002');
    expect(callOk(core, 'incident.save', { engagementId: other.id, incident }).ref).toBe('INC-001');
    expect(callOk(core, 'incident.list', { engagementId: engagement.id }).map((i) => i.ref)).toEqual([
      'INC-001',
      'INC-002',
      'INC-003',
    ]);
  });

  it('refuse times out of order naming the field, and store nothing', () => {
    const { core, engagement } = setUp();
    const saved = callOk(core, 'incident.save', { engagementId: engagement.id, incident });
    const refused = call(core, 'incident.save', {
      engagementId: engagement.id,
      id: saved.id,
      incident: { ...incident, acknowledgedAt: '2026-11-10T16:20:00.000Z', resolvedAt: '2026-11-10T16:10:00.000Z' },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'incident.resolvedAt', messageKey: 'validation.incidentResolvedOrder' },
    });
    if (!refused.ok) expect(refused.error.message).toContain('Resolved cannot be before');
    const early = call(core, 'incident.save', {
      engagementId: engagement.id,
      incident: { ...incident, detectedAt: '2026-11-10T15:00:00.000Z' },
    });
    expect(early).toMatchObject({ ok: false, error: { field: 'incident.detectedAt' } });
    const [only] = callOk(core, 'incident.list', { engagementId: engagement.id });
    expect(only?.resolvedAt).toBeNull();
    expect(callOk(core, 'incident.list', { engagementId: engagement.id })).toHaveLength(1);
  });

  it('build the timeline from its own times and the latest revision of the log entries naming it', () => {
    const { core, engagement } = setUp();
    const saved = callOk(core, 'incident.save', {
      engagementId: engagement.id,
      incident: { ...incident, resolvedAt: '2026-11-10T17:00:00.000Z' },
    });
    const insert = core.context.store.sqlite.prepare(
      `INSERT INTO log_entries (id, created_at, updated_at, updated_by, device_id, deleted_at, engagement_id, kind, text,
        occurred_at, late, author, incident_id, checkpoint_id, revision_of)
       VALUES (?, ?, ?, 'Chen', 'd', NULL, ?, 'incidentUpdate', ?, ?, 0, 'Chen', ?, NULL, ?)`,
    );
    insert.run(
      'e1',
      '2026-11-10T16:10:00Z',
      '2026-11-10T16:10:00Z',
      engagement.id,
      'Rolled back',
      '2026-11-10T16:10:00.000Z',
      saved.id,
      null,
    );
    insert.run(
      'e2',
      '2026-11-10T16:12:00Z',
      '2026-11-10T16:12:00Z',
      engagement.id,
      'Rolled back release 4.2',
      '2026-11-10T16:10:00.000Z',
      saved.id,
      'e1',
    );
    // Written last, by a laptop whose clock stepped back: still the latest text.
    insert.run(
      'e4',
      '2026-11-10T16:11:00Z',
      '2026-11-10T16:11:00Z',
      engagement.id,
      'Rolled back release 4.2 to 4.1',
      '2026-11-10T16:10:00.000Z',
      saved.id,
      'e1',
    );
    insert.run(
      'e3',
      '2026-11-10T16:30:00Z',
      '2026-11-10T16:30:00Z',
      engagement.id,
      'Unrelated',
      '2026-11-10T16:30:00.000Z',
      null,
      null,
    );
    const timeline = callOk(core, 'incident.timeline', { engagementId: engagement.id, id: saved.id });
    expect(timeline.map((item) => (item.kind === 'time' ? item.field : item.entry.text))).toEqual([
      'startedAt',
      'detectedAt',
      'Rolled back release 4.2 to 4.1',
      'resolvedAt',
      // Saving it with times wrote this entry at the moment of saving (the clock's 01:00 UTC).
      'INC-001 times: started 2026-11-11 00:00; detected 2026-11-11 00:05; resolved 2026-11-11 01:00',
    ]);
  });

  it('link a log entry typed with the incident number, refusing a number the engagement has not got', () => {
    const { core, engagement } = setUp();
    const saved = callOk(core, 'incident.save', {
      engagementId: engagement.id,
      incident: { ...incident, startedAt: null, detectedAt: null },
    });
    const linked = callOk(core, 'log.append', {
      engagementId: engagement.id,
      kind: 'incidentUpdate',
      text: 'Rolled back 4.2',
      incidentRef: 'inc-001',
    });
    expect(linked.incidentId).toBe(saved.id);
    expect(
      call(core, 'log.append', {
        engagementId: engagement.id,
        kind: 'incidentUpdate',
        text: 'x',
        incidentRef: 'INC-009',
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'incidentRef' } });
    expect(logRows(core, engagement.id)).toHaveLength(1);
    const timeline = callOk(core, 'incident.timeline', { engagementId: engagement.id, id: saved.id });
    expect(timeline.flatMap((item) => (item.kind === 'log' ? [item.entry.text] : []))).toEqual(['Rolled back 4.2']);
  });

  it('log changed times as a linked incident update in the engagement language, and nothing when no time changed', () => {
    const { core } = setUp();
    const engagement = callOk(core, 'engagement.create', engagementFields({ language: 'zh-CN' }));
    const saved = callOk(core, 'incident.save', { engagementId: engagement.id, incident });
    callOk(core, 'incident.save', {
      engagementId: engagement.id,
      id: saved.id,
      incident: { ...incident, rootCause: 'Cache eviction' },
    });
    callOk(core, 'incident.save', {
      engagementId: engagement.id,
      id: saved.id,
      incident: { ...incident, startedAt: null, acknowledgedAt: '2026-11-10T16:20:00.000Z' },
    });
    expect(logRows(core, engagement.id)).toEqual([
      {
        kind: 'incidentUpdate',
        text: 'INC-001 时间更新：开始 2026-11-11 00:00；发现 2026-11-11 00:05',
        incident_id: saved.id,
        checkpoint_id: null,
      },
      {
        kind: 'incidentUpdate',
        text: 'INC-001 时间更新：开始时间已清除；确认 2026-11-11 00:20',
        incident_id: saved.id,
        checkpoint_id: null,
      },
    ]);
  });

  it('refuse a time ahead of the clock or more than 7 days outside the window, naming the field', () => {
    const { core, engagement } = setUp();
    // The clock stands at 2026-11-11T01:00Z; the window is 2026-11-10T12:00Z to 2026-11-11T18:00Z.
    expect(
      call(core, 'incident.save', {
        engagementId: engagement.id,
        incident: { ...incident, resolvedAt: '2031-01-01T00:00:00.000Z' },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'incident.resolvedAt', messageKey: 'validation.eventTimeFuture' },
    });
    expect(
      call(core, 'incident.save', {
        engagementId: engagement.id,
        incident: { ...incident, startedAt: '2026-10-01T00:00:00.000Z' },
      }),
    ).toMatchObject({
      ok: false,
      error: { field: 'incident.startedAt', messageKey: 'validation.eventTimeOutsideWindow' },
    });
    expect(callOk(core, 'incident.list', { engagementId: engagement.id })).toEqual([]);
    const checkpoint = callOk(core, 'checkpoint.save', {
      engagementId: engagement.id,
      checkpoint: { name: 'Peak', plannedAt: '2026-11-10T16:00:00.000Z', metrics: [{ kind: 'qps' }] },
    });
    const metricId = checkpoint.metrics[0]?.id ?? '';
    expect(
      call(core, 'checkpoint.record', {
        engagementId: engagement.id,
        id: checkpoint.id,
        observedAt: '2026-11-10T16:00:00.000Z',
        values: [{ metricId, value: 52000, observedAt: '2031-11-10T16:00:00.000Z' }],
      }),
    ).toMatchObject({ ok: false, error: { field: 'values.0.observedAt', messageKey: 'validation.eventTimeFuture' } });
    expect(
      call(core, 'checkpoint.save', {
        engagementId: engagement.id,
        id: checkpoint.id,
        checkpoint: {
          name: 'Peak',
          plannedAt: '2026-11-10T16:00:00.000Z',
          metrics: [{ id: metricId, kind: 'qps', value: 52000, observedAt: '2026-09-10T16:00:00.000Z' }],
        },
      }),
    ).toMatchObject({ ok: false, error: { field: 'checkpoint.metrics.0.observedAt' } });
    expect(callOk(core, 'checkpoint.list', { engagementId: engagement.id })[0]?.metrics[0]?.value).toBeNull();
    expect(logRows(core, engagement.id)).toEqual([]);
  });

  it('refuse changing times of a closed war room, keeping the record; other fields still change', () => {
    const { core, engagement } = setUp();
    const saved = callOk(core, 'incident.save', { engagementId: engagement.id, incident });
    callOk(core, 'warroom.close', {
      engagementId: engagement.id,
      closure: { outcome: 'met', summary: 'Fine', lessons: [], followUps: [] },
    });
    expect(
      call(core, 'incident.save', {
        engagementId: engagement.id,
        id: saved.id,
        incident: { ...incident, resolvedAt: '2026-11-10T17:00:00.000Z' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'incident.resolvedAt' } });
    expect(callOk(core, 'incident.list', { engagementId: engagement.id })[0]?.resolvedAt).toBeNull();
    const edited = callOk(core, 'incident.save', {
      engagementId: engagement.id,
      id: saved.id,
      incident: { ...incident, rootCause: 'Cache eviction' },
    });
    expect(edited.rootCause).toBe('Cache eviction');
  });
});

describe('checkpoints', () => {
  it('quick-add relative to the window, record observations and append a checkpoint log entry', () => {
    const { core, engagement } = setUp();
    const { added, skipped } = callOk(core, 'checkpoint.addFromTemplates', {
      engagementId: engagement.id,
      templates: ['tMinus1h', 'peak', 'windowEnd'],
      peakAt: '2026-11-10T16:00:00.000Z',
    });
    expect(skipped).toEqual([]);
    expect(added.map((c) => [c.name, c.plannedAt])).toEqual([
      ['T-1h', '2026-11-10T11:00:00.000Z'],
      ['Peak', '2026-11-10T16:00:00.000Z'],
      ['Window end', '2026-11-11T18:00:00.000Z'],
    ]);
    const again = callOk(core, 'checkpoint.addFromTemplates', { engagementId: engagement.id, templates: ['tMinus1h'] });
    expect(again).toEqual({ added: [], skipped: ['tMinus1h'] });
    expect(
      call(core, 'checkpoint.addFromTemplates', { engagementId: engagement.id, templates: ['peak'] }),
    ).toMatchObject({ ok: false, error: { field: 'peakAt' } });

    const peak = added[1];
    if (!peak) throw new Error('no peak checkpoint');
    const qps = peak.metrics.find((m) => m.kind === 'qps');
    const errorRate = peak.metrics.find((m) => m.kind === 'errorRate');
    if (!qps || !errorRate) throw new Error('default metrics missing');
    // A percentage above 100 is refused and nothing is written, the log included.
    const refused = call(core, 'checkpoint.record', {
      engagementId: engagement.id,
      id: peak.id,
      observedAt: '2026-11-10T16:02:00.000Z',
      values: [{ metricId: errorRate.id, value: 140 }],
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'values.0.value' } });
    expect(logRows(core, engagement.id)).toEqual([]);

    const recorded = callOk(core, 'checkpoint.record', {
      engagementId: engagement.id,
      id: peak.id,
      observedAt: '2026-11-10T16:02:00.000Z',
      values: [
        { metricId: qps.id, value: 52000 },
        { metricId: errorRate.id, value: 0.2, observedAt: '2026-11-10T16:03:00.000Z' },
      ],
      notes: 'Steady',
    });
    expect(recorded.metrics.find((m) => m.id === qps.id)).toMatchObject({
      value: 52000,
      observedAt: '2026-11-10T16:02:00.000Z',
    });
    expect(recorded.metrics.find((m) => m.id === errorRate.id)?.observedAt).toBe('2026-11-10T16:03:00.000Z');
    expect(logRows(core, engagement.id)).toEqual([
      {
        kind: 'checkpoint',
        text: 'Checkpoint Peak: QPS 52,000 QPS, Error rate 0.2 %. Steady',
        incident_id: null,
        checkpoint_id: peak.id,
      },
    ]);
  });
});

describe('recording a checkpoint again', () => {
  it('keeps the observed time of values that stayed, and dates the log entry when observed, marking it late', () => {
    const { core, engagement } = setUp();
    const checkpoint = callOk(core, 'checkpoint.save', {
      engagementId: engagement.id,
      checkpoint: { name: 'Peak', plannedAt: '2026-11-10T16:00:00.000Z', metrics: [{ kind: 'qps' }, { kind: 'tps' }] },
    });
    const [qps, tps] = checkpoint.metrics;
    if (!qps || !tps) throw new Error('metrics missing');
    const record = (observedAt: string, qpsValue: number, tpsValue: number) =>
      callOk(core, 'checkpoint.record', {
        engagementId: engagement.id,
        id: checkpoint.id,
        observedAt,
        values: [
          { metricId: qps.id, value: qpsValue },
          { metricId: tps.id, value: tpsValue },
        ],
      });
    record('2026-11-10T16:00:00.000Z', 52000, 8000);
    const again = record('2026-11-10T17:00:00.000Z', 52000, 9000);
    expect(again.metrics.map((m) => m.observedAt)).toEqual(['2026-11-10T16:00:00.000Z', '2026-11-10T17:00:00.000Z']);
    const logged = core.context.store.sqlite
      .prepare('SELECT occurred_at, late FROM log_entries WHERE checkpoint_id = ? ORDER BY rowid')
      .all(checkpoint.id);
    // The clock stands at 2026-11-11T01:00Z: both were typed in hours after they were observed.
    expect(logged).toEqual([
      { occurred_at: '2026-11-10T16:00:00.000Z', late: 1 },
      { occurred_at: '2026-11-10T17:00:00.000Z', late: 1 },
    ]);
  });
});

describe('closing the war room', () => {
  const closure = {
    outcome: 'partly' as const,
    summary: 'Peak handled; one P2 on checkout.',
    lessons: ['Scale the cart cache a day earlier'],
    followUps: [{ action: 'Raise the Redis memory alert', owner: 'Wang Fang', due: '2026-11-30' }],
  };

  it('records the outcome and appends the closure entry together; then the log and checkpoints take no more', () => {
    const { core, engagement } = setUp();
    const checkpoint = callOk(core, 'checkpoint.save', {
      engagementId: engagement.id,
      checkpoint: { name: 'Midnight', plannedAt: '2026-11-10T16:00:00.000Z', metrics: [{ kind: 'tps' }] },
    });
    const state = callOk(core, 'warroom.close', { engagementId: engagement.id, closure });
    expect(state.closedAt).not.toBeNull();
    expect(state.closure).toMatchObject({ ...closure, reopened: null });
    expect(logRows(core, engagement.id).map((r) => [r.kind, r.text])).toEqual([
      [
        'closure',
        'War room closed. Objectives partly met: Peak handled; one P2 on checkout. Lessons learned: 1. Follow-up actions: 1. Closed before the event window ended.',
      ],
    ]);
    expect(call(core, 'warroom.close', { engagementId: engagement.id, closure })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(
      call(core, 'checkpoint.record', {
        engagementId: engagement.id,
        id: checkpoint.id,
        observedAt: state.closedAt ?? '',
        values: [],
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(
      call(core, 'log.append', { engagementId: engagement.id, kind: 'observation', text: 'late note' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(logRows(core, engagement.id)).toHaveLength(1);

    // Reopening needs a reason, logs it and keeps the closing to start from.
    expect(call(core, 'warroom.reopen', { engagementId: engagement.id, reason: 'no' })).toMatchObject({
      ok: false,
      error: { field: 'reason' },
    });
    const reopened = callOk(core, 'warroom.reopen', {
      engagementId: engagement.id,
      reason: 'Customer asked for 24 h more',
    });
    expect(reopened.closedAt).toBeNull();
    expect(reopened.closure?.reopened?.reason).toBe('Customer asked for 24 h more');
    expect(logRows(core, engagement.id).at(-1)).toMatchObject({
      kind: 'closure',
      text: 'War room reopened: Customer asked for 24 h more',
    });
    expect(call(core, 'log.append', { engagementId: engagement.id, kind: 'observation', text: 'back on' }).ok).toBe(
      true,
    );
  });

  it('notes a closing before the window ended and the incidents still open, and takes no observed values through save', () => {
    const { core, engagement } = setUp();
    const open = callOk(core, 'incident.save', { engagementId: engagement.id, incident });
    callOk(core, 'incident.save', {
      engagementId: engagement.id,
      incident: { ...incident, title: 'Resolved one', resolvedAt: '2026-11-10T17:00:00.000Z' },
    });
    const checkpoint = callOk(core, 'checkpoint.save', {
      engagementId: engagement.id,
      checkpoint: { name: 'Midnight', plannedAt: '2026-11-10T16:00:00.000Z', metrics: [{ kind: 'tps' }] },
    });
    const [tps] = checkpoint.metrics;
    if (!tps) throw new Error('no metric');
    // While open, a value typed through save is logged like a recording.
    callOk(core, 'checkpoint.save', {
      engagementId: engagement.id,
      id: checkpoint.id,
      checkpoint: {
        name: 'Midnight',
        plannedAt: '2026-11-10T16:00:00.000Z',
        metrics: [{ ...tps, value: 7000, observedAt: '2026-11-10T16:01:00.000Z' }],
      },
    });
    expect(logRows(core, engagement.id).at(-1)).toMatchObject({ kind: 'checkpoint', checkpoint_id: checkpoint.id });
    const before = logRows(core, engagement.id).length;

    // The clock stands at 2026-11-11 09:00 Shanghai; the window ends 2026-11-12 02:00.
    const state = callOk(core, 'warroom.close', { engagementId: engagement.id, closure });
    expect(state.closure).toMatchObject({ closedBeforeWindowEnd: true, openIncidentsAtClose: [open.ref] });
    const refused = call(core, 'checkpoint.save', {
      engagementId: engagement.id,
      id: checkpoint.id,
      checkpoint: {
        name: 'Midnight',
        plannedAt: '2026-11-10T16:00:00.000Z',
        metrics: [{ ...tps, value: 9000, observedAt: '2026-11-10T16:01:00.000Z' }],
      },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'checkpoint.metrics.0.value' } });
    const renamed = callOk(core, 'checkpoint.save', {
      engagementId: engagement.id,
      id: checkpoint.id,
      checkpoint: {
        name: 'Midnight check',
        plannedAt: '2026-11-10T16:00:00.000Z',
        metrics: [{ ...tps, value: 7000, observedAt: '2026-11-10T16:01:00.000Z' }],
      },
    });
    expect(renamed.metrics[0]?.value).toBe(7000);
    expect(logRows(core, engagement.id)).toHaveLength(before + 1);
  });

  it('writes the closing, reopening and checkpoint entries in the engagement language', () => {
    const { core } = setUp();
    const engagement = callOk(core, 'engagement.create', engagementFields({ language: 'zh-CN' }));
    const open = callOk(core, 'incident.save', {
      engagementId: engagement.id,
      incident: { ...incident, startedAt: null, detectedAt: null },
    });
    const checkpoint = callOk(core, 'checkpoint.save', {
      engagementId: engagement.id,
      checkpoint: { name: '峰值', plannedAt: '2026-11-10T16:00:00.000Z', metrics: [{ kind: 'errorRate' }] },
    });
    callOk(core, 'checkpoint.record', {
      engagementId: engagement.id,
      id: checkpoint.id,
      observedAt: '2026-11-10T16:00:00.000Z',
      values: [{ metricId: checkpoint.metrics[0]?.id ?? '', value: 0.2 }],
      notes: '平稳',
    });
    callOk(core, 'warroom.close', { engagementId: engagement.id, closure });
    callOk(core, 'warroom.reopen', { engagementId: engagement.id, reason: '客户要求延长 24 小时' });
    expect(logRows(core, engagement.id).map((r) => r.text)).toEqual([
      '检查点 峰值：错误率 0.2 %。平稳',
      `作战室已关闭。目标部分达成：Peak handled; one P2 on checkout。经验教训：1 条。后续行动：1 项。在活动窗口结束前关闭。关闭时未解决的事件：${open.ref}。`,
      '作战室重新开启：客户要求延长 24 小时',
    ]);
  });

  it('refuses a closing without outcome text, storing nothing', () => {
    const { core, engagement } = setUp();
    expect(
      call(core, 'warroom.close', { engagementId: engagement.id, closure: { ...closure, summary: ' ' } }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'closure.summary' } });
    expect(callOk(core, 'warroom.state', { engagementId: engagement.id })).toEqual({ closedAt: null, closure: null });
    expect(logRows(core, engagement.id)).toEqual([]);
  });

  it('is what signing the summaries and the acceptance report waits for', () => {
    for (const [catalogId, editionId, summaryId] of [
      ['huawei-key-event-on-duty', 'basic', 'on-duty-summary'],
      ['alibaba-hypercare', 'standard', 'service-summary'],
    ] as const) {
      const core = startTestCore();
      const engagement = callOk(core, 'engagement.create', engagementFields({ catalogId, editionId }));
      for (const documentId of [summaryId, 'acceptance-report']) {
        expect(callOk(core, 'signoff.versions', { engagementId: engagement.id, documentId }).blockers).toEqual([
          { kind: 'warRoomOpen' },
        ]);
      }
      expect(
        callOk(core, 'signoff.versions', { engagementId: engagement.id, documentId: 'assurance-solution' }).blockers,
      ).toEqual([]);
      callOk(core, 'warroom.close', { engagementId: engagement.id, closure });
      for (const documentId of [summaryId, 'acceptance-report']) {
        expect(callOk(core, 'signoff.versions', { engagementId: engagement.id, documentId }).blockers).toEqual([]);
      }
    }
  });
});
