import { describe, expect, it } from 'vitest';
import { BUILDERS } from '../../shared/report/builders';
import type { Document } from '../../shared/report/model';
import { withEvaluations } from '../fixtures/evaluations';
import { blocksOf, sectionById, statements } from '../fixtures/report-document';
import { reportInput } from '../fixtures/report-input';

const build = (id: string, input = withEvaluations(reportInput(id.startsWith('assurance') ? 'huawei' : 'alibaba'))) => {
  const builder = BUILDERS[id];
  if (!builder) throw new Error(`no builder ${id}`);
  return builder(input);
};
const json = (d: Document, id: string) => JSON.stringify(sectionById(d, id));
/** Sets which catalog items the edition includes. */
function edition(vendor: 'huawei' | 'alibaba', inScope: Record<string, boolean>) {
  const input = withEvaluations(reportInput(vendor));
  input.plan.catalog.items = input.plan.catalog.items.map((i) => ({ ...i, inScope: inScope[i.id] ?? i.inScope }));
  return input;
}

describe('capacity evaluation in the deliverables', () => {
  const d = build('assurance-solution');

  it('prints each resource with capacity, peak, required capacity, headroom and the scaling recommendation', () => {
    const section = sectionById(d, 'capacityEvaluation');
    const [capacity] = blocksOf(section, 'table');
    expect(capacity?.columns.map((c) => c.header)).toEqual([
      'Resource',
      'Metric',
      'Current capacity',
      'Baseline utilisation',
      'Predicted peak',
      'Required (with margin)',
      'Headroom at peak',
      'Scaling recommendation',
    ]);
    const app = capacity?.rows.find((r) => r[0] === 'Order service ECS') ?? [];
    // 8 × 1,500 = 12,000 QPS against a 12,000 peak: no headroom; 12,000 / 0.7 needs 17,143 → 12 instances.
    expect(app[2]).toBe('12,000 QPS (8 instances × 1,500 QPS)');
    expect(app[6]).toMatch(/^0 % \(below the 30 % margin\) — F-00\d$/);
    expect(app[7]).toMatch(/12/);
    expect(statements(section)).toEqual([]);
  });

  it('names the finding a resource below margin raised and says which inputs a row still lacks', () => {
    const text = json(d, 'capacityEvaluation');
    expect(text).toMatch(/1 of 2 resources evaluated are below their safety margin/);
    expect(text).toMatch(/Below margin: F-00\d/);
    expect(text).toContain('Not evaluated: missing');
    expect(text).toContain('1 could not be evaluated yet');
  });

  it('prints only the not-in-edition line in an edition without capacity evaluation, whatever is recorded', () => {
    const basic = build('assurance-solution', edition('huawei', { 'capacity-evaluation': false }));
    expect(statements(sectionById(basic, 'capacityEvaluation'))).toEqual([['notInEdition', false]]);
    expect(blocksOf(sectionById(basic, 'capacityEvaluation'), 'table')).toEqual([]);
  });
});

describe('stress test in the deliverables', () => {
  const design = build('service-design');
  const report = build('stress-testing-report');

  it('fills annex S without a blocking statement once a plan, scenarios and a run are recorded', () => {
    const annex = sectionById(design, 'stressTestingReport');
    for (const part of annex.subsections) expect(statements(part)).toEqual([]);
  });

  it('compares each target with what the run achieved and names the finding a missed target raised', () => {
    const [verdicts] = blocksOf(sectionById(report, 'stressResults'), 'table');
    const checkout = verdicts?.rows.find((r) => r[0] === 'Checkout') ?? [];
    expect(checkout[1]).toBe('Peak rehearsal');
    expect(checkout[2]).toMatch(/^\d+ \/ 60$/);
    expect(checkout.at(-1)).toMatch(/^Missed: TPS, p95, p99, Errors \(F-00\d\)$/);
    const browse = verdicts?.rows.find((r) => r[0] === 'Browse catalogue') ?? [];
    expect(browse.at(-1)).toBe('Passed');
  });

  it('states the percentile method and prints per-label percentiles and both charts over time', () => {
    const results = sectionById(report, 'stressResults');
    expect(JSON.stringify(results)).toContain('JMeter dashboard method');
    const labels = blocksOf(results, 'table')[1];
    expect(labels?.columns.map((c) => c.header)).toEqual([
      'Label',
      'Samples',
      'Error rate',
      'p50',
      'p90',
      'p95',
      'p99',
      'Mean TPS',
      'Peak TPS',
    ]);
    expect(labels?.rows.map((r) => r[0])).toEqual(['Browse catalogue', 'Checkout', 'All labels']);
    const charts = blocksOf(results, 'chart');
    expect(charts.map((c) => c.caption)).toEqual([
      'Throughput over time: Peak rehearsal',
      'Latency over time: Peak rehearsal',
    ]);
    // The throughput chart carries the targets as reference lines, the latency chart three percentiles.
    expect(charts[0]?.chart.marks?.map((m) => m.value)).toEqual([60, 10]);
    expect(charts[1]?.chart.series.map((s) => s.name)).toEqual(['p50', 'p95', 'p99']);
    expect(charts[0]?.chart.categories.length).toBe(charts[0]?.chart.series[0]?.values.length);
  });

  it('says when a run is too short for its peak TPS to be a held rate', () => {
    const input = withEvaluations(reportInput('alibaba'));
    const run = input.stress?.runs[0];
    if (!run?.analysis) throw new Error('the fixture has an analysed run');
    run.analysis = {
      ...run.analysis,
      durationSeconds: 0.38,
      warnings: [{ code: 'shortRun', message: 'The run covers 1 whole second(s)…' }],
    };
    expect(json(build('stress-testing-report', input), 'stressResults')).toContain(
      'This run covers 0.4 s, less than the 10-second window: its peak sustained TPS is the mean over the run, not a rate held for 10 s.',
    );
    expect(json(report, 'stressResults')).not.toContain('less than the 10-second window');
  });

  it('lists the raw file by name, size and SHA-256 and prints bottlenecks and conclusions', () => {
    expect(json(report, 'stressRawData')).toContain('a'.repeat(64));
    expect(json(report, 'stressBottlenecks')).toContain('RDS connection pool saturates');
    expect(json(report, 'stressConclusions')).toMatch(/Missed targets raised these findings: F-00\d/);
  });

  it('keeps the performance test out of an edition without it, and in the Huawei solution prints it compactly', () => {
    const basic = build('assurance-solution', edition('huawei', { 'performance-test': false }));
    expect(statements(sectionById(basic, 'performanceTest'))).toEqual([['notInEdition', false]]);
    const standard = build('assurance-solution', edition('huawei', { 'performance-test': true }));
    const section = sectionById(standard, 'performanceTest');
    expect(blocksOf(section, 'chart')).toHaveLength(2);
    expect(statements(section)).toEqual([]);
  });
});

describe('optimization plans in the deliverables', () => {
  const design = build('service-design');

  it('fills annex M from the monitoring entries: metrics by layer, thresholds, dashboards, notification, changes', () => {
    const annex = sectionById(design, 'monitoringOptimizationPlan');
    for (const part of annex.subsections) expect(statements(part)).toEqual([]);
    expect(json(design, 'monitoringThresholds')).toContain('> 5 min');
    expect(json(design, 'monitoringDashboards')).toContain('Checkout health');
    expect(json(design, 'monitoringNotification')).toContain('DingTalk war-room group');
    expect(json(design, 'monitoringChanges')).toMatch(/R-00\d.*Alert on order-queue age.*Li Wei.*2026-11-01.*Agreed/);
  });

  it('prints traffic protection with the Anti-DDoS instance IPs, DB and bottleneck changes, process and DR', () => {
    expect(json(design, 'antiDdosIps')).toContain('203.0.113.10, 203.0.113.11');
    expect(json(design, 'trafficProtection')).toContain('Anti-DDoS Pro, 300 Gbps elastic protection');
    expect(json(design, 'processOptimization')).toContain('72 h before to 24 h after');
    expect(statements(sectionById(design, 'disasterRecoverySolution'))).toEqual([]);
    expect(json(design, 'disasterRecoverySolution')).toContain('RDS high-availability edition across two zones');
  });

  it('ranks the recommendations with owner, due date and status beside the findings', () => {
    const text = json(design, 'optimizationSuggestions');
    expect(text).toContain('Optimization recommendations (R-nnn)');
    expect(text).toContain('Change freeze');
  });

  it('leaves out the kinds the edition does not sell, wherever they would print', () => {
    // The fixture's Standard edition has neither database nor bottleneck optimization.
    const text = JSON.stringify(design);
    expect(text).not.toContain('Raise RDS max connections');
    expect(text).not.toContain('Raise to 4,000');
    expect(text).not.toContain('Order service pool');
    const advanced = build(
      'service-design',
      edition('alibaba', { 'database-optimization': true, 'resource-bottleneck-optimization': true }),
    );
    expect(json(advanced, 'databaseBottleneck')).toContain('Raise to 4,000 (spec upgrade)');
    expect(json(advanced, 'databaseBottleneck')).toContain('Order service pool');
    expect(json(advanced, 'optimizationSuggestions')).toContain('Raise RDS max connections');
  });

  it('prints each emergency plan as scenario, trigger, action, owner, rollback with its last drill', () => {
    const huawei = build('assurance-solution');
    const [playbook, drills] = blocksOf(sectionById(huawei, 'emergencyPlans'), 'table');
    expect(playbook?.rows[0]).toEqual([
      'Checkout overload',
      'p99 above 1.5 s for 3 minutes',
      'Enable the queueing page and scale out the order service',
      'Li Wei',
      'Disable the queueing page once p99 is back under 800 ms',
      'Partly passed (2026-10-28)',
    ]);
    expect(drills?.rows[0]?.[1]).toBe('Checkout overload');
  });
});

describe('readiness verdict', () => {
  it('is no-go while a critical finding is open, naming it', () => {
    const d = build('service-design');
    const [verdict] = sectionById(d, 'executiveSummary').blocks;
    expect(verdict?.kind).toBe('paragraph');
    const text = JSON.stringify(verdict);
    expect(text).toMatch(/No-go until these are resolved: 1 open critical finding/);
  });

  /** Every finding rectified, only the resource that keeps its margin, every check of every scenario met. */
  function allClear(vendor: 'huawei' | 'alibaba' = 'alibaba') {
    const input = withEvaluations(reportInput(vendor));
    input.findings = input.findings.map((f) => ({ ...f, status: 'rectified' as const }));
    input.capacity = input.capacity && { ...input.capacity, items: input.capacity.items.slice(1, 2) };
    input.stress = input.stress && {
      ...input.stress,
      results: input.stress.results.map((r) => ({
        ...r,
        verdict: {
          ...r.verdict,
          status: 'passed' as const,
          checks: r.verdict.checks.map((c) => ({ ...c, met: true })),
        },
      })),
    };
    return input;
  }

  it('goes when nothing critical or high is open, every margin holds and every target is met, naming those checks', () => {
    const [verdict] = sectionById(build('service-design', allClear()), 'executiveSummary').blocks;
    expect(JSON.stringify(verdict)).toContain(
      'Readiness verdict: Go. No critical or high finding is open; every resource evaluated keeps its safety margin at the predicted peak; every stress scenario with results met its targets.',
    );
  });

  it('claims in a Go only the checks the document rests on and the edition includes', () => {
    // A1 rests on capacity only: a missed stress scenario neither blocks it nor is claimed met.
    const input = withEvaluations(reportInput('alibaba'));
    input.findings = input.findings.map((f) => ({ ...f, status: 'rectified' as const }));
    input.capacity = input.capacity && { ...input.capacity, items: input.capacity.items.slice(1, 2) };
    const [assessment] = sectionById(build('pre-event-assessment-report', input), 'executiveSummary').blocks;
    expect(JSON.stringify(assessment)).toContain(
      'Readiness verdict: Go. No critical or high finding is open; every resource evaluated keeps its safety margin at the predicted peak.',
    );
    // The Huawei fixture's edition has no performance test: its Go says nothing of one.
    const [solution] = sectionById(build('assurance-solution', allClear('huawei')), 'executiveSummary').blocks;
    expect(JSON.stringify(solution)).not.toContain('stress scenario');
  });

  it('counts a finding a capacity or stress check raised under that check, not again as a finding', () => {
    const input = withEvaluations(reportInput('alibaba'));
    input.findings = input.findings.map((f) =>
      f.severity === 'critical' || f.severity === 'high' ? { ...f, status: 'rectified' as const } : f,
    );
    input.findings = input.findings.map((f) =>
      f.id === 'f-stress' ? { ...f, status: 'open' as const, templateId: 'stress-test' } : f,
    );
    const [verdict] = sectionById(build('service-design', input), 'executiveSummary').blocks;
    const text = JSON.stringify(verdict);
    expect(text).toContain('1 stress scenario(s) missing their targets');
    expect(text).not.toContain('open high finding');
  });

  it('is conditional when only high findings, margins or targets stand in the way', () => {
    const input = withEvaluations(reportInput('alibaba'));
    input.findings = input.findings.map((f) =>
      f.severity === 'critical' ? { ...f, status: 'rectified' as const } : f,
    );
    const [verdict] = sectionById(build('service-design', input), 'executiveSummary').blocks;
    expect(JSON.stringify(verdict)).toMatch(
      /Conditional go.*open high finding.*1 resource\(s\) below their capacity margin; 1 stress scenario\(s\) missing their targets/,
    );
  });
});

describe('in Chinese', () => {
  it('prints the evaluation sections in Chinese with full-width punctuation and no space before %', () => {
    const d = build('stress-testing-report', withEvaluations(reportInput('alibaba', 'zh-CN')));
    const text = json(d, 'stressResults');
    expect(text).toContain('各场景目标与实测对比');
    expect(text).toContain('吞吐量随时间变化');
    expect(text).toMatch(/未达标：TPS、p95、p99、错误率（F-00\d）/);
    expect(text).toContain('2.5% / 1%');
    expect(text).not.toMatch(/\d %/);
  });

  it('words the verdict as a review outcome (通过 / 有条件通过 / 不通过), not as going live', () => {
    const d = build('service-design', withEvaluations(reportInput('alibaba', 'zh-CN')));
    expect(JSON.stringify(sectionById(d, 'executiveSummary').blocks[0])).toContain('就绪结论：不通过（No-go）');
  });
});

describe('figures beside their targets', () => {
  it('round against the system under test, so a miss never prints as a tie', () => {
    const input = withEvaluations(reportInput('alibaba'));
    const result = input.stress?.results[0];
    if (!result) throw new Error('the fixture has results');
    result.verdict = {
      ...result.verdict,
      checks: [
        { criterion: 'throughput', target: 60, achieved: 59.99, met: false, bound: false },
        { criterion: 'p95', target: 500, achieved: 500.4, met: false, bound: false },
        { criterion: 'errorRate', target: 0, achieved: 0.004, met: false, bound: false },
      ],
    };
    const [verdicts] = blocksOf(sectionById(build('stress-testing-report', input), 'stressResults'), 'table');
    const row = verdicts?.rows[0] ?? [];
    expect(row.slice(2, 6)).toEqual(['59.9 / 60', '501 ms / 500 ms', '—', '0.01 % / 0 %']);
  });

  it('mark a bound by its direction, a default error limit, and a throughput a short run could not show', () => {
    const input = withEvaluations(reportInput('alibaba'));
    const result = input.stress?.results[0];
    if (!result) throw new Error('the fixture has results');
    result.verdict = {
      ...result.verdict,
      checks: [
        {
          criterion: 'throughput',
          target: 60,
          achieved: 50,
          met: false,
          bound: false,
          shortRun: { runSeconds: 3, sustainSeconds: 10 },
        },
        { criterion: 'p95', target: 500, achieved: 420, met: true, bound: true },
        { criterion: 'errorRate', target: 1, achieved: 0.5, met: true, bound: false, assumed: true },
      ],
    };
    const [verdicts] = blocksOf(sectionById(build('stress-testing-report', input), 'stressResults'), 'table');
    expect(verdicts?.rows[0]?.slice(2, 6)).toEqual([
      'not demonstrated (run shorter than the window) / 60',
      '≤ 420 ms / 500 ms',
      '—',
      '0.50 % / 1 %*',
    ]);
  });
});
