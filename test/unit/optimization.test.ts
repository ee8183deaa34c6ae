import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validationMessagesEn } from '@shared/domain/messages';
import {
  antiDdosAddresses,
  emergencyPlaybook,
  emptyOptimization,
  isIpAddress,
  monitoringPlan,
  OPTIMIZATION_COLUMNS,
  OPTIMIZATION_KINDS,
  type OptimizationInput,
  type OptimizationItem,
  type OptimizationKind,
  optimizationByKind,
  optimizationInputSchema,
  optimizationItemSchema,
  optimizationScope,
  optimizationTemplateFileSchema,
  overdue,
  rankedRecommendations,
  recommendationRefs,
  templatesOfFile,
  unassigned,
} from '@shared/domain/optimization';
import { describe, expect, it } from 'vitest';

const TEMPLATE_DIR = resolve(import.meta.dirname, '../../resources/optimization');

function templateFiles() {
  return readdirSync(TEMPLATE_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ name, json: JSON.parse(readFileSync(join(TEMPLATE_DIR, name), 'utf8')) as unknown }));
}

let counter = 0;
/** A stored entry of any kind, from a blank one of that kind with the given changes. */
function item(
  input: { kind: OptimizationKind; fields?: Record<string, unknown> } & Record<string, unknown>,
  stored: Partial<OptimizationItem> = {},
) {
  counter += 1;
  const blank = emptyOptimization(input.kind);
  return optimizationItemSchema.parse({
    ...blank,
    title: `Entry ${counter}`,
    ...input,
    fields: { ...blank.fields, ...requiredOf(input.kind), ...(input.fields ?? {}) },
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    engagementId: '00000000-0000-4000-8000-000000000000',
    templateId: null,
    sortOrder: 0,
    createdAt: `2026-06-01T00:00:${String(counter % 60).padStart(2, '0')}.000Z`,
    updatedAt: '2026-06-01T00:00:00.000Z',
    updatedBy: 'test',
    ...stored,
  });
}

/** Values for the fields each kind requires, so tests only spell out what they check. */
function requiredOf(kind: OptimizationInput['kind']): Record<string, string> {
  switch (kind) {
    case 'monitoring':
      return { metric: 'Order success rate', threshold: '< 99.5%', channel: 'War-room chat' };
    case 'trafficProtection':
      return { target: 'Checkout API', setting: '3,000 QPS' };
    case 'database':
    case 'process':
      return { proposal: 'Do it' };
    case 'bottleneck':
      return { resource: 'Redis', proposal: 'Split the hot key' };
    case 'disasterRecovery':
      return { design: 'Two zones' };
    case 'emergency':
      return { scenario: 'Surge', trigger: 'QPS > limit', action: 'Scale out' };
    case 'drill':
      return { scenario: 'Failover' };
  }
}

describe('optimization entry schema', () => {
  it('accepts a complete entry of every kind, filling optional fields', () => {
    for (const kind of OPTIMIZATION_KINDS) {
      const parsed = optimizationInputSchema.parse({
        kind,
        title: 'An entry',
        owner: 'Li Wei',
        dueDate: '2026-10-31',
        status: 'proposed',
        // Choices (layer, mechanism, area) have no default: they come from the blank entry.
        fields: { ...emptyOptimization(kind).fields, ...requiredOf(kind) },
      });
      expect(parsed.kind).toBe(kind);
      expect(parsed.notes).toBe('');
      expect(parsed.priority).toBe('medium');
    }
  });

  it('names the missing field of each kind with its own message', () => {
    const cases: [OptimizationInput['kind'], string, string][] = [
      ['monitoring', 'metric', 'validation.monitoringMetric'],
      ['monitoring', 'threshold', 'validation.monitoringThreshold'],
      ['monitoring', 'channel', 'validation.monitoringChannel'],
      ['trafficProtection', 'setting', 'validation.protectionSetting'],
      ['database', 'proposal', 'validation.optimizationProposal'],
      ['bottleneck', 'resource', 'validation.bottleneckResource'],
      ['disasterRecovery', 'design', 'validation.drDesign'],
      ['emergency', 'trigger', 'validation.emergencyTrigger'],
      ['emergency', 'action', 'validation.emergencyAction'],
      ['drill', 'scenario', 'validation.drillScenario'],
    ];
    for (const [kind, field, key] of cases) {
      const result = optimizationInputSchema.safeParse({
        ...emptyOptimization(kind),
        title: 'An entry',
        fields: { ...emptyOptimization(kind).fields, ...requiredOf(kind), [field]: '   ' },
      });
      expect(result.success, `${kind}.${field}`).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({ path: ['fields', field], message: key });
      expect(validationMessagesEn[key]).toBeDefined();
    }
  });

  it('refuses an unknown kind, a bad choice, a bad date and a bad address with field paths', () => {
    expect(optimizationInputSchema.safeParse({ kind: 'security', title: 'x' }).error?.issues[0]).toMatchObject({
      path: ['kind'],
      message: 'validation.optimizationKind',
    });
    const monitoring = { ...emptyOptimization('monitoring'), title: 'x' };
    const badLayer = optimizationInputSchema.safeParse({
      ...monitoring,
      fields: { ...monitoring.fields, ...requiredOf('monitoring'), layer: 'network' },
    });
    expect(badLayer.error?.issues[0]).toMatchObject({
      path: ['fields', 'layer'],
      message: 'validation.optimizationChoice',
    });
    const badDue = optimizationInputSchema.safeParse({
      ...monitoring,
      dueDate: '2026-02-30',
      fields: { ...monitoring.fields, ...requiredOf('monitoring') },
    });
    expect(badDue.error?.issues[0]).toMatchObject({ path: ['dueDate'], message: 'validation.date' });
    const protection = emptyOptimization('trafficProtection');
    const badIp = optimizationInputSchema.safeParse({
      ...protection,
      title: 'Anti-DDoS',
      fields: { ...protection.fields, ...requiredOf('trafficProtection'), addresses: ['203.0.113.10', '300.1.1.1'] },
    });
    expect(badIp.error?.issues[0]).toMatchObject({ path: ['fields', 'addresses', 1], message: 'validation.ipAddress' });
    expect(isIpAddress('2001:db8::1')).toBe(true);
    expect(isIpAddress('10.0.0.1:80')).toBe(false);
  });

  it('needs the reason in the notes when the customer declines an entry', () => {
    const base = {
      ...emptyOptimization('process'),
      title: 'Change freeze',
      fields: { area: 'changeFreeze', proposal: 'x' },
    };
    expect(optimizationInputSchema.safeParse({ ...base, status: 'declined' }).error?.issues[0]).toMatchObject({
      path: ['notes'],
      message: 'validation.declineReason',
    });
    expect(
      optimizationInputSchema.safeParse({ ...base, status: 'declined', notes: 'Release train fixed by HQ' }).success,
    ).toBe(true);
  });

  it('lists as columns only fields its kind has', () => {
    for (const kind of OPTIMIZATION_KINDS) {
      const fields = Object.keys(emptyOptimization(kind).fields);
      for (const column of OPTIMIZATION_COLUMNS[kind]) expect(fields).toContain(column);
    }
  });
});

describe('shipped optimization templates', () => {
  it('exist for every kind, enough common entries each, and validate in both languages', () => {
    const files = templateFiles();
    expect(files.map((f) => f.name).sort()).toEqual(OPTIMIZATION_KINDS.map((k) => `${k}.json`).sort());
    const minimum: Record<string, number> = { monitoring: 6, trafficProtection: 6, emergency: 6 };
    for (const { name, json } of files) {
      const parsed = optimizationTemplateFileSchema.safeParse(json);
      expect(parsed.error?.issues ?? [], name).toEqual([]);
      if (!parsed.success) continue;
      expect(`${parsed.data.id}.json`).toBe(name);
      expect(parsed.data.entries.length, name).toBeGreaterThanOrEqual(minimum[parsed.data.id] ?? 3);
      for (const template of templatesOfFile(parsed.data)) {
        expect(template.en.kind).toBe(parsed.data.id);
        expect(template['zh-CN'].kind).toBe(parsed.data.id);
        // The Chinese text is a translation, not a copy of the English.
        expect(template['zh-CN'].title).not.toBe(template.en.title);
        expect(template['zh-CN'].title).toMatch(/[\u4e00-\u9fff]/);
        expect(template.en.title).not.toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('use ids unique across every file', () => {
    const ids = templateFiles().flatMap(({ json }) =>
      optimizationTemplateFileSchema.parse(json).entries.map((e) => e.id),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuse a file whose languages disagree on a choice or miss a required field, naming the path', () => {
    const file = {
      id: 'monitoring',
      version: '1.0',
      entries: [
        {
          id: 'mon-x',
          en: {
            title: 'Queue age',
            fields: { layer: 'application', metric: 'Queue age', threshold: '> 5 min', channel: 'chat' },
          },
          'zh-CN': {
            title: '消息堆积',
            fields: { layer: 'business', metric: '堆积时长', threshold: '', channel: '群' },
          },
        },
      ],
    };
    const issues = optimizationTemplateFileSchema.safeParse(file).error?.issues ?? [];
    expect(issues.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['entries.0.zh-CN.fields.threshold', 'entries.0.zh-CN.fields.layer']),
    );
  });
});

describe('optimization rules for the screen and the documents', () => {
  it('is overdue only when open and past its due date', () => {
    const today = '2026-10-01';
    expect(overdue({ dueDate: '2026-09-30', status: 'inProgress' }, today)).toBe(true);
    expect(overdue({ dueDate: '2026-10-01', status: 'proposed' }, today)).toBe(false);
    expect(overdue({ dueDate: '2026-09-30', status: 'done' }, today)).toBe(false);
    expect(overdue({ dueDate: '2026-09-30', status: 'declined' }, today)).toBe(false);
    expect(overdue({ dueDate: null, status: 'proposed' }, today)).toBe(false);
    expect(unassigned({ owner: '', dueDate: '2026-10-01', status: 'agreed' })).toBe(true);
    expect(unassigned({ owner: 'Li Wei', dueDate: null, status: 'agreed' })).toBe(true);
    expect(unassigned({ owner: '', dueDate: null, status: 'done' })).toBe(false);
  });

  it('groups entries by kind in list order', () => {
    const second = item({ kind: 'monitoring', title: 'second' }, { sortOrder: 2 });
    const first = item({ kind: 'monitoring', title: 'first' }, { sortOrder: 1 });
    const plan = item({ kind: 'emergency' });
    const grouped = optimizationByKind([second, plan, first]);
    expect(grouped.monitoring.map((i) => i.title)).toEqual(['first', 'second']);
    expect(grouped.emergency).toEqual([plan]);
    expect(grouped.drill).toEqual([]);
  });

  it('numbers recommendations R-nnn by creation and ranks open, overdue and high priority first', () => {
    const today = '2026-10-01';
    const done = item({ kind: 'database', status: 'done' }, { createdAt: '2026-06-01T00:00:01.000Z' });
    const lowLater = item(
      { kind: 'process', priority: 'low', dueDate: '2026-10-20', status: 'agreed' },
      { createdAt: '2026-06-01T00:00:02.000Z' },
    );
    const highLater = item(
      { kind: 'monitoring', priority: 'high', dueDate: '2026-10-25', status: 'proposed' },
      { createdAt: '2026-06-01T00:00:03.000Z' },
    );
    const late = item(
      { kind: 'bottleneck', priority: 'low', dueDate: '2026-09-01', status: 'inProgress' },
      { createdAt: '2026-06-01T00:00:04.000Z' },
    );
    const declined = item(
      { kind: 'trafficProtection', status: 'declined', notes: 'Budget' },
      { createdAt: '2026-06-01T00:00:05.000Z' },
    );
    const plan = item({ kind: 'emergency' }, { createdAt: '2026-06-01T00:00:00.000Z' });
    const all = [declined, plan, lowLater, done, highLater, late];
    const refs = recommendationRefs(all);
    expect(refs.get(done.id)).toBe('R-001');
    expect(refs.get(declined.id)).toBe('R-005');
    expect(refs.has(plan.id)).toBe(false);
    // The service's numbering (over removed entries too) wins; entries without one follow it.
    const numbered = recommendationRefs([{ ...late, ref: 'R-007' }, { ...done, ref: 'R-002' }, declined, plan]);
    expect([numbered.get(late.id), numbered.get(done.id), numbered.get(declined.id)]).toEqual([
      'R-007',
      'R-002',
      'R-008',
    ]);
    expect(rankedRecommendations(all, today).map((i) => i.id)).toEqual([
      late.id,
      highLater.id,
      lowLater.id,
      done.id,
      declined.id,
    ]);
  });

  it('shows kinds the catalog defines only when the edition includes them', () => {
    const basic = optimizationScope([
      { id: 'monitoring-optimization', inScope: true },
      { id: 'database-optimization', inScope: false },
      { id: 'resource-bottleneck-optimization', inScope: false },
    ]);
    expect(basic.monitoring).toBe(true);
    expect(basic.database).toBe(false);
    expect(basic.bottleneck).toBe(false);
    // A catalog without such items (Huawei) keeps every kind, recommendations and plans alike.
    expect(Object.values(optimizationScope([{ id: 'risk-inspection', inScope: true }])).every(Boolean)).toBe(true);
  });

  it('builds the emergency playbook with the last drill of each plan, and annex M by layer', () => {
    const plan = item({ kind: 'emergency', owner: 'Wang Fang' });
    const older = item({ kind: 'drill', fields: { emergencyId: plan.id, date: '2026-09-01', result: 'failed' } });
    const newer = item({ kind: 'drill', fields: { emergencyId: plan.id, date: '2026-10-01', result: 'passed' } });
    const [row] = emergencyPlaybook([plan, older, newer]);
    expect(row).toMatchObject({ scenario: 'Surge', trigger: 'QPS > limit', action: 'Scale out', owner: 'Wang Fang' });
    expect(row?.lastDrill?.id).toBe(newer.id);
    expect(row?.drills).toHaveLength(2);

    const business = item({ kind: 'monitoring', fields: { layer: 'business', dashboard: 'Overview' } });
    const resource = item({ kind: 'monitoring', fields: { layer: 'resource', dashboard: 'Overview' } });
    const annex = monitoringPlan([business, resource, plan]);
    expect(annex.byLayer.business).toEqual([business]);
    expect(annex.byLayer.resource).toEqual([resource]);
    expect(annex.dashboards).toEqual([{ name: 'Overview', metrics: ['Order success rate', 'Order success rate'] }]);
    expect(annex.changes).toHaveLength(2);

    const ddos = item({ kind: 'trafficProtection', fields: { mechanism: 'antiDdos', addresses: ['203.0.113.10'] } });
    const waf = item({ kind: 'trafficProtection', fields: { mechanism: 'waf', addresses: ['198.51.100.1'] } });
    expect(antiDdosAddresses([ddos, waf])).toEqual(['203.0.113.10']);
  });
});
