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

function engagement(core: Core, language: 'en' | 'zh-CN' = 'en') {
  return callOk(core, 'engagement.create', engagementFields({ language })).id;
}

type CreateInput = MethodInput<'finding.create'>;

function finding(core: Core, engagementId: string, fields: Partial<CreateInput> = {}) {
  return callOk(core, 'finding.create', {
    engagementId,
    severity: 'medium',
    title: 'Database has no read replica',
    description: 'The order database runs on a single primary.',
    affectedResources: ['rds-orders-01'],
    recommendation: 'Add a read replica and route reporting queries to it.',
    owner: 'Li Wei',
    dueDate: '2026-11-01',
    status: 'open',
    disposition: '',
    ...fields,
  });
}

describe('findings', () => {
  it('are created, listed, filtered and sorted', () => {
    const core = coreAt();
    const id = engagement(core);
    const low = finding(core, id, { severity: 'low', title: 'Alarm thresholds are defaults', dueDate: null });
    const critical = finding(core, id, {
      severity: 'critical',
      title: 'No WAF in front of checkout',
      dueDate: '2026-10-20',
    });
    const high = finding(core, id, {
      severity: 'high',
      title: 'Auto scaling max is too low',
      status: 'inProgress',
      affectedResources: ['asg-web', 'asg-api'],
    });
    expect(low.updatedBy).not.toBe('');
    expect(high.affectedResources).toEqual(['asg-web', 'asg-api']);

    const bySeverity = callOk(core, 'finding.list', { engagementId: id });
    expect(bySeverity.map((f) => f.severity)).toEqual(['critical', 'high', 'low']);
    const bySeverityDesc = callOk(core, 'finding.list', { engagementId: id, sortBy: 'severity', sortDir: 'desc' });
    expect(bySeverityDesc.map((f) => f.id)).toEqual([low.id, high.id, critical.id]);
    const byDue = callOk(core, 'finding.list', { engagementId: id, sortBy: 'dueDate', sortDir: 'asc' });
    expect(byDue.map((f) => f.id)).toEqual([critical.id, high.id, low.id]);
    const byTitle = callOk(core, 'finding.list', { engagementId: id, sortBy: 'title', sortDir: 'asc' });
    expect(byTitle.map((f) => f.title)).toEqual([
      'Alarm thresholds are defaults',
      'Auto scaling max is too low',
      'No WAF in front of checkout',
    ]);

    expect(callOk(core, 'finding.list', { engagementId: id, statuses: ['inProgress'] }).map((f) => f.id)).toEqual([
      high.id,
    ]);
    expect(
      callOk(core, 'finding.list', { engagementId: id, severities: ['critical', 'low'] }).map((f) => f.id),
    ).toEqual([critical.id, low.id]);
    expect(callOk(core, 'finding.list', { engagementId: id, search: 'ASG-API' }).map((f) => f.id)).toEqual([high.id]);
    expect(callOk(core, 'finding.get', { engagementId: id, id: critical.id }).title).toBe(
      'No WAF in front of checkout',
    );

    callOk(core, 'finding.remove', { engagementId: id, id: low.id });
    expect(callOk(core, 'finding.list', { engagementId: id })).toHaveLength(2);
    expect(count(core, 'findings', 'deleted_at IS NOT NULL')).toBe(1);
    expect(callErr(core, 'finding.get', { engagementId: id, id: low.id }).code).toBe('NOT_FOUND');
  });

  it('refuse an impossible due date and an empty title with the field named', () => {
    const core = coreAt();
    const id = engagement(core);
    const due = callErr(core, 'finding.create', { ...baseInput(id), dueDate: '2026-02-30' });
    expect(due).toMatchObject({ code: 'INVALID_INPUT', field: 'dueDate', messageKey: 'validation.date' });
    const title = callErr(core, 'finding.create', { ...baseInput(id), title: '  ' });
    expect(title).toMatchObject({ field: 'title', messageKey: 'validation.findingTitle' });
    expect(count(core, 'findings')).toBe(0);
  });

  it('link a repeated proposal from the same answer to the existing finding', () => {
    const core = coreAt();
    const id = engagement(core);
    const answerId = '0190f0c2-0000-7000-8000-000000000001';
    const first = finding(core, id, { answerId, templateId: 'risk-inspection', itemId: 'rds-replica' });
    const again = finding(core, id, { answerId, title: 'Proposed again' });
    expect(again.id).toBe(first.id);
    expect(again.title).toBe(first.title);
    expect(again).toMatchObject({ answerId, templateId: 'risk-inspection', itemId: 'rds-replica' });
    expect(count(core, 'findings')).toBe(1);

    // Once removed, the answer may raise a new one.
    callOk(core, 'finding.remove', { engagementId: id, id: first.id });
    expect(finding(core, id, { answerId }).id).not.toBe(first.id);
  });

  it('require a disposition for risk accepted, on create, update and in bulk', () => {
    const core = coreAt();
    const id = engagement(core);
    expect(callErr(core, 'finding.create', { ...baseInput(id), status: 'riskAccepted' })).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'disposition',
      messageKey: 'validation.dispositionRequired',
    });
    const f = finding(core, id);
    expect(
      callErr(core, 'finding.update', { engagementId: id, id: f.id, patch: { status: 'riskAccepted' } }),
    ).toMatchObject({ field: 'patch.disposition', messageKey: 'validation.dispositionRequired' });
    const accepted = callOk(core, 'finding.update', {
      engagementId: id,
      id: f.id,
      patch: { status: 'riskAccepted', disposition: 'CTO accepted on 2026-10-30: replica after the event.' },
    });
    expect(accepted.status).toBe('riskAccepted');
    expect(accepted.title).toBe(f.title);
  });

  it('change the status of several findings in one transaction', () => {
    const core = coreAt();
    const id = engagement(core);
    const a = finding(core, id, { title: 'A' });
    const b = finding(core, id, { title: 'B' });
    const c = finding(core, id, { title: 'C' });

    const rectified = callOk(core, 'finding.bulkStatus', { engagementId: id, ids: [a.id, b.id], status: 'rectified' });
    expect(rectified.map((f) => f.status)).toEqual(['rectified', 'rectified']);
    expect(callOk(core, 'finding.get', { engagementId: id, id: c.id }).status).toBe('open');

    const refused = callErr(core, 'finding.bulkStatus', {
      engagementId: id,
      ids: [a.id, c.id],
      status: 'riskAccepted',
    });
    expect(refused).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'disposition',
      messageKey: 'validation.dispositionRequired',
    });
    const blank = callErr(core, 'finding.bulkStatus', {
      engagementId: id,
      ids: [a.id, c.id],
      status: 'riskAccepted',
      disposition: '   ',
    });
    expect(blank.field).toBe('disposition');

    // An unknown id fails the whole batch: the first finding is not changed either.
    const unknown = callErr(core, 'finding.bulkStatus', {
      engagementId: id,
      ids: [c.id, '0190f0c2-0000-7000-8000-00000000dead'],
      status: 'inProgress',
    });
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', field: 'ids.1' });
    expect(callOk(core, 'finding.list', { engagementId: id, sortBy: 'title' }).map((f) => f.status)).toEqual([
      'rectified',
      'rectified',
      'open',
    ]);

    const accepted = callOk(core, 'finding.bulkStatus', {
      engagementId: id,
      ids: [c.id],
      status: 'riskAccepted',
      disposition: 'Accepted by the customer PM.',
    });
    expect(accepted[0]).toMatchObject({ status: 'riskAccepted', disposition: 'Accepted by the customer PM.' });
  });

  it('cannot change in an archived engagement', () => {
    const core = coreAt();
    const id = engagement(core);
    callOk(core, 'engagement.archive', { id });
    expect(callErr(core, 'finding.create', baseInput(id)).code).toBe('CONFLICT');
    expect(count(core, 'findings')).toBe(0);
  });
});

function baseInput(engagementId: string): CreateInput {
  return {
    engagementId,
    severity: 'high',
    title: 'No backup restore test',
    description: '',
    affectedResources: [],
    recommendation: '',
    owner: '',
    dueDate: null,
    status: 'open',
    disposition: '',
  };
}

describe('findings library', () => {
  const entry = {
    severity: 'high' as const,
    title: { en: 'No restore test of backups', 'zh-CN': '未做备份恢复演练' },
    description: { en: 'Backups exist but were never restored.', 'zh-CN': '有备份，但从未恢复过。' },
    recommendation: {
      en: 'Restore last night’s backup to a staging instance.',
      'zh-CN': '将昨晚的备份恢复到预发实例。',
    },
    tags: ['backup', 'rds'],
  };

  it('saves, searches, edits and removes entries', () => {
    const core = coreAt();
    const saved = callOk(core, 'library.save', { entry });
    expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(callOk(core, 'library.list', { search: '恢复演练' }).map((e) => e.id)).toEqual([saved.id]);
    expect(callOk(core, 'library.list', { search: 'RDS' }).map((e) => e.id)).toEqual([saved.id]);
    expect(callOk(core, 'library.list', { search: 'nothing like this' })).toEqual([]);

    const edited = callOk(core, 'library.save', { entry: { ...entry, id: saved.id, severity: 'critical' } });
    expect(edited).toMatchObject({ id: saved.id, severity: 'critical' });
    expect(count(core, 'findings_library')).toBe(1);

    expect(callErr(core, 'library.save', { entry: { ...entry, title: { en: ' ', 'zh-CN': '' } } })).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'entry.title',
      messageKey: 'validation.libraryTitle',
    });

    callOk(core, 'library.remove', { id: saved.id });
    expect(callOk(core, 'library.list', {})).toEqual([]);
  });

  it('inserts an entry in either language as an open finding', () => {
    const core = coreAt();
    const saved = callOk(core, 'library.save', {
      entry: { ...entry, description: { en: 'Only English.', 'zh-CN': '' } },
    });
    const en = engagement(core, 'en');
    const zh = engagement(core, 'zh-CN');
    const inEnglish = callOk(core, 'library.insert', { engagementId: en, libraryId: saved.id, language: 'en' });
    expect(inEnglish).toMatchObject({
      engagementId: en,
      severity: 'high',
      title: 'No restore test of backups',
      status: 'open',
      answerId: null,
    });
    const inChinese = callOk(core, 'library.insert', { engagementId: zh, libraryId: saved.id, language: 'zh-CN' });
    expect(inChinese.title).toBe('未做备份恢复演练');
    expect(inChinese.recommendation).toBe('将昨晚的备份恢复到预发实例。');
    // An empty language slot falls back to the other language.
    expect(inChinese.description).toBe('Only English.');
  });

  it('saves a finding to the library with its text in both languages', () => {
    const core = coreAt();
    const id = engagement(core, 'zh-CN');
    const f = finding(core, id, { title: '缓存没有设置淘汰策略', severity: 'low' });
    const saved = callOk(core, 'library.saveFromFinding', { engagementId: id, findingId: f.id, tags: ['cache'] });
    expect(saved).toMatchObject({
      severity: 'low',
      title: { en: '缓存没有设置淘汰策略', 'zh-CN': '缓存没有设置淘汰策略' },
      recommendation: { en: f.recommendation, 'zh-CN': f.recommendation },
      tags: ['cache'],
    });
    const other = engagement(core, 'en');
    expect(callOk(core, 'library.insert', { engagementId: other, libraryId: saved.id, language: 'en' }).title).toBe(
      '缓存没有设置淘汰策略',
    );
  });

  it('exports a file that imports back: same ids updated, new ones added', () => {
    const core = coreAt();
    const a = callOk(core, 'library.save', { entry });
    callOk(core, 'library.save', { entry: { ...entry, severity: 'info', title: { en: 'Tags missing', 'zh-CN': '' } } });
    const exported = callOk(core, 'library.export', {});
    expect(exported.fileName).toMatch(/^vigil-findings-library-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(exported.text);
    expect(file).toMatchObject({ schemaVersion: 1, kind: 'vigil-findings-library' });
    expect(file.entries).toHaveLength(2);

    // Into the same store: both updated, nothing new.
    expect(callOk(core, 'library.import', { fileName: exported.fileName, text: exported.text })).toEqual({
      added: 0,
      updated: 2,
    });
    expect(count(core, 'findings_library')).toBe(2);

    // Into another installation: both added with their ids and content.
    const other = coreAt();
    expect(callOk(other, 'library.import', { fileName: exported.fileName, text: exported.text })).toEqual({
      added: 2,
      updated: 0,
    });
    const copied = callOk(other, 'library.list', {}).find((e) => e.id === a.id);
    expect(copied).toMatchObject({ title: entry.title, description: entry.description, tags: entry.tags });
    expect(callOk(other, 'library.export', {}).text).toBe(exported.text);
  });

  it('refuses an invalid file with the path of every problem and stores nothing', () => {
    const core = coreAt();
    const text = JSON.stringify({
      schemaVersion: 1,
      kind: 'vigil-findings-library',
      entries: [entry, { ...entry, severity: 'urgent' }, { ...entry, title: { en: '', 'zh-CN': '' }, tags: 'backup' }],
    });
    const error = callErr(core, 'library.import', { fileName: 'library.json', text });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.details).toEqual([
      expect.stringMatching(/^entries\[1\]\.severity: /),
      expect.stringMatching(/^entries\[2\]\.title: Enter the title in at least one language\./),
      expect.stringMatching(/^entries\[2\]\.tags: /),
    ]);
    expect(count(core, 'findings_library')).toBe(0);

    const wrongKind = callErr(core, 'library.import', {
      fileName: 'catalog.json',
      text: JSON.stringify({ schemaVersion: 2, kind: 'vigil-catalog', entries: [] }),
    });
    expect(wrongKind.details).toEqual([
      'schemaVersion: expected schemaVersion 1',
      'kind: expected kind "vigil-findings-library"',
    ]);
    expect(callErr(core, 'library.import', { fileName: 'x.json', text: '{ nope' }).details?.[0]).toMatch(
      /^\(file\): not valid JSON/,
    );
    const id = '0190f0c2-0000-7000-8000-000000000abc';
    const twice = callErr(core, 'library.import', {
      fileName: 'twice.json',
      text: JSON.stringify({
        schemaVersion: 1,
        kind: 'vigil-findings-library',
        entries: [
          { ...entry, id },
          { ...entry, id },
        ],
      }),
    });
    expect(twice.details).toEqual(['entries[1].id: the same id as entries[0]']);
    expect(count(core, 'findings_library')).toBe(0);
  });
});
