import type { MethodInput } from '@shared/contract';
import { applyRedactions } from '@shared/domain/redaction';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/index';
import { fingerprintedSecrets, redactor } from '../../electron/core/services/redaction';
import { callErr, callOk, closeTestCores, startTestCore, steppingClock } from '../fixtures/core';
import { removeTempDataDirs } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});

const TEMPLATE = 'readiness-survey';
const ACCESS_KEY = 'LTAI5tQm8Rk2Zp7XcV4nB9wE';
const PASSWORD = 'S3cr3t-Pa55';
const OTHER_PASSWORD = 'N3w-Pa55w0rd';

function setup() {
  const core = startTestCore({ now: steppingClock('2026-06-01T02:00:00.000Z') });
  const engagementId = callOk(core, 'engagement.create', engagementFields()).id;
  const view = callOk(core, 'checklist.view', { engagementId, templateId: TEMPLATE });
  const items = view.template.sections.flatMap((s) => s.items);
  const text = items.find((i) => i.answerType === 'text');
  const yesNo = items.find((i) => i.answerType === 'yesNo');
  if (!text || !yesNo) throw new Error('template lacks the items this test needs');
  return { core, engagementId, text, yesNo };
}

type FindingInput = MethodInput<'finding.create'>;
function finding(core: Core, engagementId: string, fields: Partial<FindingInput> = {}) {
  return callOk(core, 'finding.create', {
    engagementId,
    severity: 'high',
    title: 'Database credentials in the runbook',
    description: `The runbook connects with mysql://app:${PASSWORD}@rds-orders.internal:3306/orders every night.`,
    affectedResources: [],
    recommendation: 'Move the credentials to a secrets manager.',
    owner: '',
    dueDate: null,
    status: 'open',
    disposition: '',
    ...fields,
  });
}

describe('redaction.scan', () => {
  it('finds an access key in an answer note and a connection-string password in a finding, never showing either', () => {
    const { core, engagementId, yesNo, text } = setup();
    callOk(core, 'checklist.answer', {
      engagementId,
      templateId: TEMPLATE,
      itemId: yesNo.id,
      value: { kind: 'yesNo', value: 'yes' },
      note: `Ops use the key ${ACCESS_KEY} for the nightly job.`,
    });
    callOk(core, 'checklist.answer', {
      engagementId,
      templateId: TEMPLATE,
      itemId: text.id,
      value: { kind: 'text', value: 'Nothing secret here.' },
    });
    const withSecret = finding(core, engagementId);
    finding(core, engagementId, { title: 'No secrets', description: 'password: ******', recommendation: '' });

    const hits = callOk(core, 'redaction.scan', { engagementId });
    expect(hits).toHaveLength(2);
    const [key, password] = hits;
    expect(key).toMatchObject({
      sourceKind: 'answer',
      field: 'note',
      kind: 'alibabaAccessKeyId',
      preview: 'LTAI••••',
      decision: null,
      label: { en: yesNo.prompt.en, 'zh-CN': yesNo.prompt['zh-CN'] },
    });
    expect(key?.context).toBe('Ops use the key LTAI•••• for the nightly job.');
    expect(key?.context.slice(key.contextStart, key.contextEnd)).toBe('LTAI••••');
    expect(password).toMatchObject({
      sourceKind: 'finding',
      sourceId: withSecret.id,
      field: 'description',
      kind: 'connectionStringPassword',
      preview: '••••',
      decision: null,
      label: { en: 'Database credentials in the runbook' },
    });
    expect(password?.context).toContain('mysql://app:••••@rds-orders');
    for (const hit of hits) {
      expect(hit.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      const shown = JSON.stringify(hit);
      expect(shown).not.toContain(ACCESS_KEY);
      expect(shown).not.toContain(ACCESS_KEY.slice(4));
      expect(shown).not.toContain(PASSWORD);
    }
  });

  it('masks a secret in a finding title in the label too, and cuts long contexts at whole secrets', () => {
    const { core, engagementId } = setup();
    finding(core, engagementId, {
      title: `Key ${ACCESS_KEY} in a ticket`,
      description: `${'x'.repeat(100)} token=abcd1234efgh5678 password=${PASSWORD} ${'y'.repeat(100)}`,
    });
    const hits = callOk(core, 'redaction.scan', { engagementId });
    expect(hits.map((h) => [h.field, h.kind])).toEqual([
      ['title', 'alibabaAccessKeyId'],
      ['description', 'keyValueSecret'],
      ['description', 'keyValueSecret'],
    ]);
    for (const hit of hits) {
      expect(hit.label.en).toBe('Key LTAI•••• in a ticket');
      expect(JSON.stringify(hit)).not.toContain(PASSWORD);
      expect(JSON.stringify(hit)).not.toContain('abcd1234efgh5678');
    }
    const second = hits[2];
    expect(second?.context.startsWith('…')).toBe(true);
    expect(second?.context.endsWith('…')).toBe(true);
    // Cut at whole words, with the neighbouring secret masked too.
    expect(second?.context).toBe('…token=•••• password=••••…');
  });

  it('does not scan deleted findings', () => {
    const { core, engagementId } = setup();
    const gone = finding(core, engagementId);
    expect(callOk(core, 'redaction.scan', { engagementId })).toHaveLength(1);
    callOk(core, 'finding.remove', { engagementId, id: gone.id });
    expect(callOk(core, 'redaction.scan', { engagementId })).toEqual([]);
  });
});

describe('redaction.decide', () => {
  it('persists mask and keep, survives unrelated edits, and asks again when the secret changes', () => {
    const { core, engagementId } = setup();
    const f = finding(core, engagementId);
    const [hit] = callOk(core, 'redaction.scan', { engagementId });
    if (!hit) throw new Error('no hit');
    const target = {
      engagementId,
      sourceKind: hit.sourceKind,
      sourceId: hit.sourceId,
      field: hit.field,
      fingerprint: hit.fingerprint,
      kind: hit.kind,
    };
    expect(callOk(core, 'redaction.decide', { ...target, decision: 'mask' })).toMatchObject({ decision: 'mask' });
    expect(callOk(core, 'redaction.scan', { engagementId })[0]?.decision).toBe('mask');
    callOk(core, 'redaction.decide', { ...target, decision: 'keep' });
    expect(callOk(core, 'redaction.scan', { engagementId })[0]?.decision).toBe('keep');
    const rows = core.context.store.sqlite.prepare('SELECT * FROM redaction_decisions').all() as {
      decision: string;
      updated_by: string;
      device_id: string;
    }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ decision: 'keep' });
    expect(rows[0]?.device_id).not.toBe('');

    // An unrelated edit of the same field keeps the decision.
    callOk(core, 'finding.update', {
      engagementId,
      id: f.id,
      patch: { description: `Seen again: mysql://app:${PASSWORD}@rds-orders.internal:3306/orders.` },
    });
    expect(callOk(core, 'redaction.scan', { engagementId })[0]?.decision).toBe('keep');

    // A changed secret is asked again; the old decision cannot be stored for it.
    callOk(core, 'finding.update', {
      engagementId,
      id: f.id,
      patch: { description: `Seen again: mysql://app:${OTHER_PASSWORD}@rds-orders.internal:3306/orders.` },
    });
    const [changed] = callOk(core, 'redaction.scan', { engagementId });
    expect(changed?.decision).toBeNull();
    expect(changed?.fingerprint).not.toBe(hit.fingerprint);
    expect(callErr(core, 'redaction.decide', { ...target, decision: 'mask' })).toMatchObject({ code: 'CONFLICT' });

    // The store keeps the original text.
    expect(callOk(core, 'finding.get', { engagementId, id: f.id }).description).toContain(OTHER_PASSWORD);
  });

  it('refuses unknown sources and archived engagements; mask all undecided decides the rest', () => {
    const { core, engagementId } = setup();
    finding(core, engagementId);
    finding(core, engagementId, { title: 'Key in a script', description: `aws key AKIAIOSFODNN7EXAMPLE` });
    const hits = callOk(core, 'redaction.scan', { engagementId });
    expect(hits).toHaveLength(2);
    const [first] = hits;
    if (!first) throw new Error('no hit');
    const target = {
      engagementId,
      sourceKind: first.sourceKind,
      sourceId: '01890000-0000-7000-8000-000000000000',
      field: first.field,
      fingerprint: first.fingerprint,
      kind: first.kind,
      decision: 'keep' as const,
    };
    expect(callErr(core, 'redaction.decide', target)).toMatchObject({ code: 'NOT_FOUND' });
    callOk(core, 'redaction.decide', { ...target, sourceId: first.sourceId });
    expect(callOk(core, 'redaction.maskUndecided', { engagementId })).toEqual({ masked: 1 });
    expect(callOk(core, 'redaction.scan', { engagementId }).map((h) => h.decision)).toEqual(['keep', 'mask']);
    expect(callOk(core, 'redaction.maskUndecided', { engagementId })).toEqual({ masked: 0 });

    callOk(core, 'engagement.archive', { id: engagementId });
    expect(callErr(core, 'redaction.decide', { ...target, sourceId: first.sourceId })).toMatchObject({
      code: 'CONFLICT',
    });
    expect(callOk(core, 'redaction.scan', { engagementId })).toHaveLength(2);
  });
});

describe('applyRedactions', () => {
  const text = `key ${ACCESS_KEY}; db postgres://ops:${PASSWORD}@pg:5432/x; aws AKIAIOSFODNN7EXAMPLE`;
  const hits = fingerprintedSecrets(text);

  it('masks undecided and masked hits, keeps kept ones', () => {
    expect(hits.map((h) => h.kind)).toEqual(['alibabaAccessKeyId', 'connectionStringPassword', 'awsAccessKeyId']);
    const [key, password, aws] = hits;
    if (!key || !password || !aws) throw new Error('missing hits');
    const out = applyRedactions(
      text,
      hits,
      new Map([
        [key.fingerprint, 'keep'],
        [password.fingerprint, 'mask'],
      ]),
    );
    expect(out).toBe(`key ${ACCESS_KEY}; db postgres://ops:••••@pg:5432/x; aws AKIA••••`);
    expect(applyRedactions(text, hits, {})).toBe('key LTAI••••; db postgres://ops:••••@pg:5432/x; aws AKIA••••');
    expect(applyRedactions('no secrets', [], {})).toBe('no secrets');
  });

  it('is what the deliverables get from the stored decisions', () => {
    const { core, engagementId } = setup();
    const f = finding(core, engagementId, { description: text });
    const found = callOk(core, 'redaction.scan', { engagementId });
    const kept = found.find((h) => h.kind === 'awsAccessKeyId');
    if (!kept) throw new Error('no aws hit');
    callOk(core, 'redaction.decide', { engagementId, ...kept, decision: 'keep' });
    const redact = redactor(core.context, engagementId);
    expect(redact('finding', f.id, 'description', text)).toBe(
      'key LTAI••••; db postgres://ops:••••@pg:5432/x; aws AKIAIOSFODNN7EXAMPLE',
    );
    // The same text elsewhere has its own decisions: masked by default.
    expect(redact('finding', f.id, 'recommendation', text)).toBe(
      'key LTAI••••; db postgres://ops:••••@pg:5432/x; aws AKIA••••',
    );
  });
});
