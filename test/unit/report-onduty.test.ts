import { describe, expect, it } from 'vitest';
import { BUILDERS } from '../../shared/report/builders';
import type { Document } from '../../shared/report/model';
import { withOnDuty } from '../fixtures/onduty';
import { blocksOf, sectionById, statements } from '../fixtures/report-document';
import { reportInput } from '../fixtures/report-input';

const build = (id: string, vendor: 'huawei' | 'alibaba', closed = true, language: 'en' | 'zh-CN' = 'en') => {
  const builder = BUILDERS[id];
  if (!builder) throw new Error(`no builder ${id}`);
  return builder(withOnDuty(reportInput(vendor, language), closed));
};
const json = (d: Document, id: string) => JSON.stringify(sectionById(d, id));

describe('on-duty period in the summaries', () => {
  const h2 = build('on-duty-summary', 'huawei');

  it('opens with the outcome recorded at closing, the observed peak against the prediction, incidents, MTTA and MTTR', () => {
    const summary = sectionById(h2, 'executiveSummary');
    expect(JSON.stringify(summary.blocks[0])).toContain(
      'Objectives met. Peak traffic held with one P2 incident resolved in 38 minutes.',
    );
    const [figures] = blocksOf(summary, 'keyValue');
    expect(figures?.rows.map((r) => [r.key, r.value])).toEqual([
      [
        'Observed peak',
        '118,200 QPS at 2026-11-11 00:01 (UTC+08:00), 99 % of the 120,000 QPS predicted; 7,600 TPS at 2026-11-11 00:05 (UTC+08:00), 95 % of the 8,000 TPS predicted',
      ],
      ['Incidents', '2 (P2 1, P3 1)'],
      // INC-002 is acknowledged but open: the means cover resolved incidents only, as printed.
      ['Mean time to acknowledge (MTTA)', '4 min'],
      ['Mean time to resolve (MTTR)', '38 min'],
    ]);
  });

  it('lists each incident with its times in the event zone, MTTA, MTTR and actions, and the means per severity', () => {
    const section = sectionById(h2, 'incidentsHandling');
    const [incidents, bySeverity] = blocksOf(section, 'table');
    expect(incidents?.rows[0]).toEqual([
      'INC-001',
      'P2',
      'Checkout latency above 1.5 s',
      '11-11 00:03',
      '11-11 00:04',
      '11-11 00:08',
      '11-11 00:42',
      '4 min',
      '38 min',
    ]);
    expect(incidents?.rows[1]?.slice(5, 9)).toEqual(['11-11 02:30', 'open', '28 min', '—']);
    expect(bySeverity?.rows).toEqual([
      ['P2', '1', '0', '4 min', '38 min'],
      ['P3', '1', '1', '—', '—'],
    ]);
    expect(JSON.stringify(section)).toContain('Raise the pool to 120 per instance');
    expect(statements(section)).toEqual([]);
  });

  it('reads "None during the period" only once the war room closed with no incident', () => {
    const input = withOnDuty(reportInput('huawei'));
    const none = { ...input, onDuty: input.onDuty && { ...input.onDuty, incidents: [], bySeverity: [] } };
    const closed = BUILDERS['on-duty-summary']?.(none);
    if (!closed) throw new Error('no builder');
    expect(statements(sectionById(closed, 'incidentsHandling'))).toEqual([['none', false]]);
    const open = { ...none, onDuty: none.onDuty && { ...none.onDuty, closure: null } };
    const stillOpen = BUILDERS['on-duty-summary']?.(open);
    if (!stillOpen) throw new Error('no builder');
    expect(statements(sectionById(stillOpen, 'incidentsHandling'))).toEqual([['noData', false]]);
  });

  it('prints the shifts worked with coverage gaps, the checkpoint timeline and the peak', () => {
    const section = sectionById(h2, 'duringAssuranceWork');
    const text = JSON.stringify(section);
    expect(text).toContain('Coverage gaps: 1 stretch(es) of the window without a required role.');
    expect(text).toContain('Duty manager: 11-11 12:00 – 11-11 14:00');
    expect(text).toContain('QPS 118,200; p99 latency 640 ms; Queueing page on');
    expect(statements(section)).toEqual([]);
  });

  it('digests decisions, handovers and the closing from the log, marking late entries', () => {
    const [digest] = blocksOf(sectionById(h2, 'warRoomLog'), 'table');
    expect(digest?.rows.map((r) => r[1])).toEqual(['Decision', 'Handover', 'Closure']);
    expect(digest?.rows[1]?.[2]).toBe('Handover to Li Wei: INC-001 mitigated (entered late)');
  });

  it('carries the lessons and follow-up actions into rectification and follow-up', () => {
    const text = json(h2, 'rectificationFollowUp');
    expect(text).toContain('Size the connection pool from the stress test, not from last year');
    expect(text).toContain('Load-test the payment callback path');
  });

  it('keeps the outcome open while the war room is open, and says no incident is recorded yet rather than none', () => {
    const open = build('on-duty-summary', 'huawei', false);
    expect(statements(sectionById(open, 'executiveSummary'))[0]).toEqual(['noData', false]);
    const input = withOnDuty(reportInput('huawei'), false);
    const quiet = { ...input, onDuty: input.onDuty && { ...input.onDuty, incidents: [], bySeverity: [] } };
    const summary = BUILDERS['on-duty-summary']?.(quiet);
    if (!summary) throw new Error('no builder');
    expect(JSON.stringify(sectionById(summary, 'executiveSummary'))).toContain(
      'none recorded yet (the war room is still open)',
    );
  });

  it('says when the war room closed before the window ended or with incidents open', () => {
    const input = withOnDuty(reportInput('huawei'));
    const early = {
      ...input,
      onDuty: input.onDuty && {
        ...input.onDuty,
        closure: input.onDuty.closure && {
          ...input.onDuty.closure,
          closedBeforeWindowEnd: true,
          openIncidentsAtClose: ['INC-002'],
        },
      },
    };
    const summary = BUILDERS['on-duty-summary']?.(early);
    if (!summary) throw new Error('no builder');
    const text = JSON.stringify(sectionById(summary, 'executiveSummary'));
    expect(text).toContain('It was closed before the event window ended (2026-11-12 02:00 (UTC+08:00)).');
    expect(text).toContain('Incidents still open at the closing: INC-002.');
    expect(JSON.stringify(sectionById(h2, 'executiveSummary'))).not.toContain('closed before the event window');
  });

  it('prints the served hours per person in the service overview', () => {
    const text = json(h2, 'serviceOverview');
    expect(text).toContain('Total: 28 person-hours over 3 people.');
    expect(text).toContain('"Wang Fang","Customer","Customer operations","12"');
  });
});

describe('on-duty arrangement in the Huawei solution', () => {
  it('shows the planned roster, escalation contacts and the checkpoint schedule', () => {
    const h1 = build('assurance-solution', 'huawei');
    const section = sectionById(h1, 'onDutyArrangement');
    expect(statements(section)).toEqual([]);
    expect(JSON.stringify(section)).toContain('+86 138 0000 0001');
    expect(blocksOf(section, 'table').map((t) => t.caption)).toEqual([
      'On-duty roster (Asia/Shanghai)',
      'Escalation contacts',
      'Checkpoints (Asia/Shanghai)',
    ]);
  });
});

describe('Alibaba acceptance report', () => {
  it('reports incidents among the issues and the roster against the key phases', () => {
    const a5 = build('acceptance-report', 'alibaba');
    expect(json(a5, 'issuesSolutions')).toContain('INC-001');
    expect(statements(sectionById(a5, 'keyPhaseCoverage'))).toEqual([]);
    expect(json(a5, 'keyPhaseCoverage')).toContain('Peak against the prediction');
  });
});

describe('security events', () => {
  it('are reported from the incidents marked security, and none once the war room closed without one', () => {
    const a4 = build('service-summary', 'alibaba');
    const [events] = blocksOf(sectionById(a4, 'securityEventsReport'), 'table');
    expect(events?.rows.map((r) => r[0])).toEqual(['INC-002']);
    expect(json(build('acceptance-report', 'alibaba'), 'securityEvents')).toContain(
      'Credential-stuffing burst on login',
    );
    const input = withOnDuty(reportInput('alibaba'));
    const quiet = {
      ...input,
      onDuty: input.onDuty && { ...input.onDuty, incidents: input.onDuty.incidents.slice(0, 1) },
    };
    const summary = BUILDERS['service-summary']?.(quiet);
    if (!summary) throw new Error('no builder');
    expect(statements(sectionById(summary, 'securityEventsReport'))).toEqual([['none', false]]);
  });
});

describe('in Chinese', () => {
  it('prints the on-duty parts in Chinese', () => {
    const zh = build('service-summary', 'alibaba', true, 'zh-CN');
    expect(JSON.stringify(sectionById(zh, 'executiveSummary').blocks[0])).toContain('保障目标已达成。');
    expect(json(zh, 'incidentsHandling')).toContain('按级别统计的 MTTA 与 MTTR');
    expect(json(zh, 'warRoomLog')).toContain('（补录）');
    // Action statuses in Chinese, the gap list with a full-width colon, no space after the outcome.
    expect(json(zh, 'incidentsHandling')).toContain('待处理');
    expect(json(zh, 'incidentsHandling')).not.toContain('"open"');
    expect(json(zh, 'duringAssuranceWork')).toMatch(/：11-11 12:00/);
    expect(JSON.stringify(sectionById(zh, 'executiveSummary').blocks[0])).toContain('保障目标已达成。Peak');
  });
});
