/**
 * Capacity, stress-test and optimization data recorded through the services reach the documents:
 * the preview of a deliverable is built from exactly what the screens stored.
 */
import { contract, type MethodInput, type MethodOutput } from '@shared/contract';
import type { Document, Section } from '@shared/report/model';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/index';
import { callOk, closeTestCores, startTestCore, steppingClock } from '../fixtures/core';
import { removeTempDataDirs } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';
import { checkoutJtl } from '../fixtures/load-test';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});

const sections = (list: readonly Section[]): Section[] => list.flatMap((s) => [s, ...sections(s.subsections)]);
const section = (d: Document, id: string) => {
  const found = sections(d.sections).find((s) => s.id === id);
  if (!found) throw new Error(`no section ${id}`);
  return found;
};
const statements = (s: Section) =>
  sections([s]).flatMap((x) => x.blocks.filter((b) => b.kind === 'notAssessed').map((b) => b.reason));

async function callAsync<M extends 'stress.import'>(core: Core, method: M, input: MethodInput<M>) {
  const result = await core.router.invokeAsync(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
  return contract[method].output.parse(result.value) as MethodOutput<M>;
}

async function recordEvaluations(core: Core, engagementId: string) {
  callOk(core, 'capacity.save', {
    engagementId,
    item: {
      formulaId: 'compute-qps',
      name: 'Order service',
      scopeResourceId: null,
      inputs: {
        units: 8,
        capacityPerUnit: 1_500,
        currentCap: null,
        baseline: 6_000,
        multiplier: 1.2,
        marginPct: 30,
        peakOverride: 12_000,
      },
      notes: '',
    },
  });
  callOk(core, 'stress.savePlan', {
    engagementId,
    plan: {
      objectives: 'Hold checkout at the forecast peak.',
      passCriteria: '',
      environment: 'Pre-production, production specs.',
      tools: 'JMeter 5.6',
      productionParity: '',
      dataSet: '',
      bottlenecks: '',
      conclusions: '',
    },
  });
  callOk(core, 'stress.saveScenario', {
    engagementId,
    scenario: {
      name: 'Checkout',
      targetTps: 30,
      targetP95Ms: null,
      targetP99Ms: 800,
      maxErrorRatePct: 1,
      concurrency: 400,
      durationMin: 30,
      rampUpMin: 5,
      dataSet: '',
      notes: '',
    },
  });
  const text = checkoutJtl(60, Date.parse('2026-05-04T12:00:00Z'));
  const { uploadId } = callOk(core, 'stress.uploadBegin', {
    engagementId,
    fileName: 'rehearsal.jtl',
    bytes: Buffer.byteLength(text),
  });
  callOk(core, 'stress.uploadChunk', { uploadId, index: 0, dataBase64: Buffer.from(text).toString('base64') });
  await callAsync(core, 'stress.import', { uploadId, format: 'jmeterCsv', name: 'Rehearsal' });
  callOk(core, 'optimization.save', {
    engagementId,
    item: {
      kind: 'emergency',
      title: 'Checkout overload',
      owner: 'Li Wei',
      dueDate: null,
      status: 'agreed',
      priority: 'high',
      notes: '',
      fields: {
        scenario: 'Checkout overload',
        trigger: 'p99 above 1.5 s for 3 minutes',
        action: 'Turn on the queueing page',
        rollback: 'Turn it off below 800 ms',
      },
    },
  });
}

describe('deliverables built from recorded evaluations', () => {
  it('print the capacity table, the stress-test verdict with charts and the emergency plan', async () => {
    const core = startTestCore({ now: steppingClock('2026-05-04T08:00:00.000Z') });
    const engagement = callOk(core, 'engagement.create', engagementFields({ editionId: 'standard' }));
    await recordEvaluations(core, engagement.id);
    const findings = callOk(core, 'finding.list', { engagementId: engagement.id });
    expect(findings.map((f) => f.templateId).sort()).toEqual(['capacity', 'stress-test']);

    const design = callOk(core, 'deliverable.preview', { engagementId: engagement.id, documentId: 'service-design' });
    const capacity = JSON.stringify(section(design, 'capacityAssessment'));
    expect(capacity).toContain('12,000 QPS (8 instances × 1,500 QPS)');
    expect(capacity).toMatch(/below the 30 % margin\) — F-00\d/);
    const results = section(design, 'stressResults');
    expect(statements(results)).toEqual([]);
    expect(JSON.stringify(results)).toMatch(/"Missed: [^"]*\(F-00\d\)"/);
    expect(results.blocks.filter((b) => b.kind === 'chart')).toHaveLength(2);
    expect(JSON.stringify(section(design, 'emergencyResponseDesign'))).toContain('Turn on the queueing page');
  });

  it('leave capacity and stress testing out once the engagement moves to the Basic edition, whatever was recorded', async () => {
    const core = startTestCore({ now: steppingClock('2026-05-04T08:00:00.000Z') });
    const engagement = callOk(core, 'engagement.create', engagementFields({ editionId: 'standard' }));
    await recordEvaluations(core, engagement.id);
    callOk(core, 'engagement.update', { id: engagement.id, patch: { editionId: 'basic' } });
    const design = callOk(core, 'deliverable.preview', { engagementId: engagement.id, documentId: 'service-design' });
    expect(statements(section(design, 'capacityAssessment'))).toEqual(['notInEdition']);
    expect(statements(section(design, 'stressTestingReport'))).toEqual(['notInEdition']);
    const text = JSON.stringify(design);
    // No capacity table (A2 §4 included), no chart, no run anywhere in the Basic document.
    expect(text).not.toContain('Headroom at peak');
    expect(text).not.toContain('"kind":"chart"');
    expect(text).not.toContain('rehearsal.jtl');
    expect(text).not.toContain('Readiness verdict: Go');
  });
});
