import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contract, type EventName, type EventPayload, type MethodInput, type MethodOutput } from '@shared/contract';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/index';
import { loadTestFilePath } from '../../electron/core/services/stress-tests';
import { callErr, callOk, closeTestCores, startTestCore, steppingClock } from '../fixtures/core';
import { removeTempDataDirs } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';
import { buildJtl, checkoutJtl, JTL_HEADER } from '../fixtures/load-test';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});

type Progress = EventPayload<'stress.importProgress'>;

function stressCore(editionId = 'standard') {
  const progress: Progress[] = [];
  const core = startTestCore({
    now: steppingClock('2026-05-04T08:00:00.000Z'),
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
      if (event === 'stress.importProgress') progress.push(payload as Progress);
    },
  });
  const engagement = callOk(core, 'engagement.create', engagementFields({ editionId }));
  return { core, engagement, progress };
}

async function callAsync<M extends 'stress.preview' | 'stress.import'>(
  core: Core,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await core.router.invokeAsync(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return contract[method].output.parse(result.value) as MethodOutput<M>;
}

/** Sends the text in `parts` parts, as the window does with a big file. */
function upload(core: Core, engagementId: string, fileName: string, text: string, parts = 3): string {
  const bytes = Buffer.from(text, 'utf8');
  const { uploadId } = callOk(core, 'stress.uploadBegin', { engagementId, fileName, bytes: bytes.byteLength });
  const size = Math.ceil(bytes.byteLength / parts);
  for (let index = 0; index * size < bytes.byteLength; index += 1) {
    const part = bytes.subarray(index * size, (index + 1) * size);
    callOk(core, 'stress.uploadChunk', { uploadId, index, dataBase64: part.toString('base64') });
  }
  return uploadId;
}

const CHECKOUT_FIELDS = {
  name: 'Checkout',
  targetTps: 30,
  targetP95Ms: null,
  targetP99Ms: 800,
  maxErrorRatePct: 1,
  concurrency: 400,
  durationMin: 30,
  rampUpMin: 5,
  dataSet: '50,000 test accounts',
  notes: '',
};

function checkoutScenario(core: Core, engagementId: string, targetTps = 30) {
  return callOk(core, 'stress.saveScenario', { engagementId, scenario: { ...CHECKOUT_FIELDS, targetTps } });
}

const stressFindings = (core: Core, engagementId: string) =>
  callOk(core, 'finding.list', { engagementId }).filter((f) => f.templateId === 'stress-test');

const stagingFiles = (core: Core) => {
  const dir = join(core.context.dataDir, 'tmp');
  return existsSync(dir) ? readdirSync(dir) : [];
};

describe('stress-test plan and scenarios', () => {
  it('keeps the plan text and answers empty fields before anything is saved', () => {
    const { core, engagement } = stressCore();
    const empty = callOk(core, 'stress.view', { engagementId: engagement.id });
    expect(empty.plan.objectives).toBe('');
    expect(empty.inScope).toBe(true);
    const plan = { ...empty.plan, objectives: 'Checkout holds 2,400 TPS', tools: 'JMeter 5.6 ×4' };
    callOk(core, 'stress.savePlan', { engagementId: engagement.id, plan });
    expect(callOk(core, 'stress.view', { engagementId: engagement.id }).plan).toEqual(plan);
  });

  it('says stress testing is outside a Basic edition and refuses every write there, naming why', () => {
    const { core, engagement } = stressCore('basic');
    const view = callOk(core, 'stress.view', { engagementId: engagement.id });
    expect(view.inScope).toBe(false);
    const refused = {
      code: 'CONFLICT',
      field: 'engagementId',
      message: expect.stringMatching(/not part of this engagement's edition/),
    };
    expect(callErr(core, 'stress.savePlan', { engagementId: engagement.id, plan: view.plan })).toMatchObject(refused);
    expect(
      callErr(core, 'stress.saveScenario', {
        engagementId: engagement.id,
        scenario: {
          name: 'Checkout',
          targetTps: 30,
          targetP95Ms: null,
          targetP99Ms: null,
          maxErrorRatePct: 1,
          concurrency: null,
          durationMin: null,
          rampUpMin: null,
          dataSet: '',
          notes: '',
        },
      }),
    ).toMatchObject(refused);
    expect(
      callErr(core, 'stress.uploadBegin', { engagementId: engagement.id, fileName: 'r.jtl', bytes: 10 }),
    ).toMatchObject(refused);
    expect(stagingFiles(core)).toEqual([]);
    expect(callOk(core, 'stress.view', { engagementId: engagement.id }).scenarios).toEqual([]);
  });

  it('refuses mapping and imports once the edition leaves stress testing out', async () => {
    const { core, engagement } = stressCore();
    checkoutScenario(core, engagement.id);
    const run = await callAsync(core, 'stress.import', {
      uploadId: upload(core, engagement.id, 'r.jtl', checkoutJtl(20)),
      format: 'jmeterCsv',
    });
    const uploadId = upload(core, engagement.id, 'r2.jtl', checkoutJtl(20));
    callOk(core, 'engagement.update', { id: engagement.id, patch: { editionId: 'basic' } });
    expect(
      callErr(core, 'stress.mapLabels', {
        engagementId: engagement.id,
        id: run.id,
        labelScenarios: { Checkout: null },
      }),
    ).toMatchObject({ code: 'CONFLICT', field: 'engagementId' });
    const result = await core.router.invokeAsync('stress.import', { uploadId, format: 'jmeterCsv' });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(callOk(core, 'stress.view', { engagementId: engagement.id }).runs.map((r) => r.id)).toEqual([run.id]);
  });

  it('refuses a scenario without any target, naming the field', () => {
    const { core, engagement } = stressCore();
    const error = callErr(core, 'stress.saveScenario', {
      engagementId: engagement.id,
      scenario: {
        name: 'Browse',
        targetTps: null,
        targetP95Ms: null,
        targetP99Ms: null,
        maxErrorRatePct: null,
        concurrency: null,
        durationMin: null,
        rampUpMin: null,
        dataSet: '',
        notes: '',
      },
    });
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'scenario.targetTps',
      messageKey: 'validation.stressTargetRequired',
    });
  });

  it('removes a scenario and restores it (undo)', () => {
    const { core, engagement } = stressCore();
    const scenario = checkoutScenario(core, engagement.id);
    callOk(core, 'stress.removeScenario', { engagementId: engagement.id, id: scenario.id });
    expect(callOk(core, 'stress.view', { engagementId: engagement.id }).scenarios).toEqual([]);
    callOk(core, 'stress.restoreScenario', { engagementId: engagement.id, id: scenario.id });
    expect(callOk(core, 'stress.view', { engagementId: engagement.id }).scenarios.map((s) => s.name)).toEqual([
      'Checkout',
    ]);
  });
});

describe('importing load-test results', () => {
  it('uploads in parts, previews the format, and stores one run with its source file kept by sha256', async () => {
    const { core, engagement, progress } = stressCore();
    const text = checkoutJtl();
    const uploadId = upload(core, engagement.id, 'checkout-peak.jtl', text);
    const preview = await callAsync(core, 'stress.preview', { uploadId });
    expect(preview.format).toBe('jmeterCsv');
    expect(preview.headers).toEqual(JTL_HEADER.split(','));
    expect(preview.rows.length).toBeGreaterThan(0);

    const run = await callAsync(core, 'stress.import', { uploadId, format: 'jmeterCsv' });
    const sha256 = createHash('sha256').update(text).digest('hex');
    expect(run).toMatchObject({
      name: 'checkout-peak',
      fileName: 'checkout-peak.jtl',
      fileBytes: Buffer.byteLength(text),
      fileSha256: sha256,
      format: 'jmeterCsv',
      startedAt: '2026-05-04T12:00:00.000Z',
      rows: 3000,
    });
    expect(run.analysis.labels.map((l) => l.label)).toEqual(['Browse catalogue', 'Checkout']);
    expect(readFileSync(loadTestFilePath(core.context, sha256), 'utf8')).toBe(text);
    expect(stagingFiles(core)).toEqual([]);
    expect(progress.at(-1)).toMatchObject({ uploadId, stage: 'done', rows: 3000 });
    const view = callOk(core, 'stress.view', { engagementId: engagement.id });
    expect(view.runs.map((r) => r.id)).toEqual([run.id]);
    // The upload is spent: importing it again is refused.
    expect(await core.router.invokeAsync('stress.import', { uploadId, format: 'jmeterCsv' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('raises ONE finding for a missed target and updates it when a newer run is imported', async () => {
    const { core, engagement } = stressCore();
    const scenario = checkoutScenario(core, engagement.id, 30);
    const first = await callAsync(core, 'stress.import', {
      uploadId: upload(core, engagement.id, 'rehearsal-1.jtl', checkoutJtl(60)),
      format: 'jmeterCsv',
    });
    expect(first.labelScenarios).toEqual({ Checkout: scenario.id });
    let view = callOk(core, 'stress.view', { engagementId: engagement.id });
    expect(view.results[0]?.verdict.status).toBe('missed');
    let raised = stressFindings(core, engagement.id);
    expect(raised).toHaveLength(1);
    const [finding] = raised;
    expect(finding).toMatchObject({ itemId: scenario.id, answerId: null, severity: 'high', status: 'open' });
    expect(finding?.title).toMatch(
      // 20 samples/s, one in 200 failed: 19.9 successful per second at best.
      /^Stress target missed: Checkout — 19.9 TPS sustained vs 30 target; p99 1,500 ms vs 800 ms$/,
    );
    expect(view.results[0]?.findingId).toBe(finding?.id);

    // The consultant takes it on; a newer, shorter run misses again with other figures.
    callOk(core, 'finding.update', {
      engagementId: engagement.id,
      id: finding?.id ?? '',
      patch: { status: 'inProgress', owner: 'Li Wei' },
    });
    const second = await callAsync(core, 'stress.import', {
      uploadId: upload(core, engagement.id, 'rehearsal-2.jtl', checkoutJtl(30, Date.parse('2026-05-05T12:00:00.000Z'))),
      format: 'jmeterCsv',
    });
    view = callOk(core, 'stress.view', { engagementId: engagement.id });
    expect(view.results[0]?.runId).toBe(second.id);
    raised = stressFindings(core, engagement.id);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ id: finding?.id, status: 'inProgress', owner: 'Li Wei' });
    expect(raised[0]?.description).toContain('rehearsal-2');
  });

  it('re-judges when the label mapping changes, and leaves the finding to the consultant once nothing is missed', async () => {
    const { core, engagement } = stressCore();
    const scenario = checkoutScenario(core, engagement.id, 30);
    const run = await callAsync(core, 'stress.import', {
      uploadId: upload(core, engagement.id, 'r.jtl', checkoutJtl()),
      format: 'jmeterCsv',
    });
    const mapped = callOk(core, 'stress.mapLabels', {
      engagementId: engagement.id,
      id: run.id,
      labelScenarios: { Checkout: null, 'Browse catalogue': scenario.id },
    });
    expect(mapped.labelScenarios).toEqual({ 'Browse catalogue': scenario.id });
    const view = callOk(core, 'stress.view', { engagementId: engagement.id });
    expect(view.results[0]?.verdict).toMatchObject({ status: 'passed', labels: ['Browse catalogue'] });
    expect(stressFindings(core, engagement.id)).toHaveLength(1);
    expect(
      callErr(core, 'stress.mapLabels', {
        engagementId: engagement.id,
        id: run.id,
        labelScenarios: { Nope: scenario.id },
      }),
    ).toMatchObject({ code: 'INVALID_INPUT', field: 'labelScenarios' });
  });

  it('keeps labels named "__proto__" and "constructor" as labels: matched at import, mapped, and read back', async () => {
    const { core, engagement } = stressCore();
    const proto = callOk(core, 'stress.saveScenario', {
      engagementId: engagement.id,
      scenario: { ...CHECKOUT_FIELDS, name: '__proto__' },
    });
    const other = checkoutScenario(core, engagement.id, 30);
    const jtl = buildJtl(
      [
        { label: '__proto__', perSecond: 5, elapsedMs: () => 100 },
        { label: 'constructor', perSecond: 5, elapsedMs: () => 50 },
      ],
      20,
    );
    const run = await callAsync(core, 'stress.import', {
      uploadId: upload(core, engagement.id, 'r.jtl', jtl),
      format: 'jmeterCsv',
    });
    expect(Object.entries(run.labelScenarios)).toEqual([['__proto__', proto.id]]);
    // As JSON.parse makes it from the window's message: "__proto__" an own key, not the prototype.
    const labelScenarios = JSON.parse(`{"__proto__": null, "constructor": "${other.id}"}`);
    const mapped = callOk(core, 'stress.mapLabels', { engagementId: engagement.id, id: run.id, labelScenarios });
    expect(Object.entries(mapped.labelScenarios)).toEqual([['constructor', other.id]]);
    const swapped = JSON.parse(`{"__proto__": "${other.id}", "constructor": null}`);
    callOk(core, 'stress.mapLabels', { engagementId: engagement.id, id: run.id, labelScenarios: swapped });
    const reread = callOk(core, 'stress.run', { engagementId: engagement.id, id: run.id });
    expect(Object.entries(reread.labelScenarios)).toEqual([['__proto__', other.id]]);
    expect(Object.getPrototypeOf(reread.labelScenarios)).toBe(Object.prototype);
  });

  it('refuses a file with a non-numeric elapsed naming the file and line, storing nothing but keeping the upload', async () => {
    const { core, engagement } = stressCore();
    checkoutScenario(core, engagement.id);
    const lines = checkoutJtl(5).split('\n');
    lines[4] = (lines[4] ?? '').replace(/^(\d+),\d+,/, '$1,fast,');
    const uploadId = upload(core, engagement.id, 'broken.jtl', lines.join('\n'));
    const result = await core.router.invokeAsync('stress.import', { uploadId, format: 'jmeterCsv' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const message = result.ok ? '' : result.error.message;
    expect(message).toContain('broken.jtl');
    expect(message).toMatch(/line 5/);
    const view = callOk(core, 'stress.view', { engagementId: engagement.id });
    expect(view.runs).toEqual([]);
    expect(stressFindings(core, engagement.id)).toEqual([]);
    expect(existsSync(join(core.context.dataDir, 'loadtests'))).toBe(false);
    // The upload stays for another format or mapping, until the consultant cancels.
    expect(stagingFiles(core)).toHaveLength(1);
    expect(await core.router.invokeAsync('stress.preview', { uploadId })).toMatchObject({ ok: true });
    expect(callOk(core, 'stress.cancelImport', { uploadId })).toEqual({ cancelled: true });
    expect(stagingFiles(core)).toEqual([]);
  });

  it('imports a refused upload again with a corrected mapping, without sending the file twice', async () => {
    const { core, engagement } = stressCore();
    const text = 'when,api,ms,ok\n2026-05-04T12:00:00Z,login,120,true\n2026-05-04T12:00:01Z,search,80,true\n';
    const uploadId = upload(core, engagement.id, 'export.csv', text, 1);
    const mapping = {
      timestamp: 'when',
      timestampUnit: 'iso' as const,
      label: 'ms',
      elapsed: 'api',
      elapsedUnit: 'ms' as const,
      success: 'ok',
    };
    const wrong = await core.router.invokeAsync('stress.import', { uploadId, format: 'genericCsv', mapping });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const run = await callAsync(core, 'stress.import', {
      uploadId,
      format: 'genericCsv',
      mapping: { ...mapping, label: 'api', elapsed: 'ms' },
    });
    expect(run.analysis.labels.map((l) => l.label)).toEqual(['login', 'search']);
    expect(stagingFiles(core)).toEqual([]);
  });

  it('stores nothing and keeps no file when the engagement is archived while its file is analysed', async () => {
    const { core, engagement, progress } = stressCore();
    checkoutScenario(core, engagement.id);
    const text = checkoutJtl(30);
    const uploadId = upload(core, engagement.id, 'late.jtl', text);
    const importing = core.router.invokeAsync('stress.import', { uploadId, format: 'jmeterCsv' });
    callOk(core, 'engagement.archive', { id: engagement.id });
    expect(await importing).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'engagementId' } });
    // The refusal came at storing, after the file was analysed and kept.
    expect(progress.filter((p) => p.uploadId === uploadId).map((p) => p.stage)).toContain('storing');
    expect(callOk(core, 'stress.view', { engagementId: engagement.id }).runs).toEqual([]);
    expect(stressFindings(core, engagement.id)).toEqual([]);
    expect(stagingFiles(core)).toEqual([]);
    const sha256 = createHash('sha256').update(text).digest('hex');
    expect(existsSync(loadTestFilePath(core.context, sha256))).toBe(false);
  });

  it('stops an import on cancel: nothing stored, staging removed', async () => {
    const { core, engagement } = stressCore();
    const uploadId = upload(core, engagement.id, 'long.jtl', checkoutJtl(600));
    const importing = core.router.invokeAsync('stress.import', { uploadId, format: 'jmeterCsv' });
    expect(callOk(core, 'stress.cancelImport', { uploadId })).toEqual({ cancelled: true });
    expect(await importing).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(callOk(core, 'stress.view', { engagementId: engagement.id }).runs).toEqual([]);
    expect(stagingFiles(core)).toEqual([]);
  });

  it('abandons an unfinished upload on cancel and refuses parts out of order', () => {
    const { core, engagement } = stressCore();
    const { uploadId } = callOk(core, 'stress.uploadBegin', {
      engagementId: engagement.id,
      fileName: 'a.jtl',
      bytes: 10,
    });
    expect(
      callErr(core, 'stress.uploadChunk', { uploadId, index: 1, dataBase64: Buffer.from('abc').toString('base64') }),
    ).toMatchObject({ code: 'CONFLICT', field: 'index' });
    expect(
      callErr(core, 'stress.uploadChunk', {
        uploadId,
        index: 0,
        dataBase64: Buffer.from('x'.repeat(11)).toString('base64'),
      }),
    ).toMatchObject({ code: 'INVALID_INPUT' });
    expect(stagingFiles(core)).toHaveLength(1);
    expect(callOk(core, 'stress.cancelImport', { uploadId })).toEqual({ cancelled: true });
    expect(stagingFiles(core)).toEqual([]);
  });

  it('refuses uploads and imports for an archived engagement', async () => {
    const { core, engagement } = stressCore();
    const uploadId = upload(core, engagement.id, 'r.jtl', checkoutJtl(5));
    callOk(core, 'engagement.archive', { id: engagement.id });
    expect(
      callErr(core, 'stress.uploadBegin', { engagementId: engagement.id, fileName: 'r.jtl', bytes: 10 }),
    ).toMatchObject({ code: 'CONFLICT', field: 'engagementId' });
    const result = await core.router.invokeAsync('stress.import', { uploadId, format: 'jmeterCsv' });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(callOk(core, 'stress.view', { engagementId: engagement.id }).runs).toEqual([]);
  });

  it('removes a run and restores it, the findings following the run that counts', async () => {
    const { core, engagement } = stressCore();
    checkoutScenario(core, engagement.id, 10);
    const run = await callAsync(core, 'stress.import', {
      uploadId: upload(core, engagement.id, 'r.jtl', checkoutJtl()),
      format: 'jmeterCsv',
    });
    callOk(core, 'stress.updateRun', {
      engagementId: engagement.id,
      id: run.id,
      patch: { name: 'Dress rehearsal', notes: 'CDN off' },
    });
    callOk(core, 'stress.removeRun', { engagementId: engagement.id, id: run.id });
    let view = callOk(core, 'stress.view', { engagementId: engagement.id });
    expect(view.runs).toEqual([]);
    expect(view.results[0]?.verdict.status).toBe('noData');
    callOk(core, 'stress.restoreRun', { engagementId: engagement.id, id: run.id });
    view = callOk(core, 'stress.view', { engagementId: engagement.id });
    expect(view.runs[0]).toMatchObject({ name: 'Dress rehearsal', notes: 'CDN off' });
    expect(view.results[0]?.runId).toBe(run.id);
  });

  it('imports a generic CSV through its column mapping and keeps the mapping with the run', async () => {
    const { core, engagement } = stressCore();
    const start = Date.parse('2026-05-04T12:00:00.000Z') / 1000;
    const rows = Array.from({ length: 120 }, (_, i) =>
      [
        new Date((start + Math.floor(i / 4)) * 1000).toISOString(),
        i % 2 ? 'search' : 'login',
        (0.1 + (i % 5) * 0.05).toFixed(2),
        i % 40 === 0 ? 'FAIL' : 'OK',
      ].join(';'),
    );
    const text = `when;api;seconds;outcome\n${rows.join('\n')}\n`;
    const uploadId = upload(core, engagement.id, 'pts-export.csv', text, 2);
    const preview = await callAsync(core, 'stress.preview', { uploadId });
    expect(preview.headers).toEqual(['when', 'api', 'seconds', 'outcome']);
    const mapping = {
      timestamp: 'when',
      timestampUnit: 'iso' as const,
      label: 'api',
      elapsed: 'seconds',
      elapsedUnit: 's' as const,
      success: 'outcome',
      successValues: ['ok'],
    };
    const run = await callAsync(core, 'stress.import', { uploadId, format: 'genericCsv', mapping, name: 'PTS export' });
    expect(run).toMatchObject({ name: 'PTS export', format: 'genericCsv', mapping, rows: 120 });
    expect(run.analysis.overall.errors).toBe(3);
    expect(run.analysis.labels.map((l) => l.label)).toEqual(['login', 'search']);
  });

  it('refuses a generic CSV without a mapping before reading it', async () => {
    const { core, engagement } = stressCore();
    const uploadId = upload(core, engagement.id, 'x.csv', 'a,b\n1,2\n', 1);
    const result = await core.router.invokeAsync('stress.import', { uploadId, format: 'genericCsv' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'mapping' } });
  });

  it('cleans staging files older than a day when an upload begins, and every one on close', () => {
    const { core, engagement } = stressCore();
    const dir = join(core.context.dataDir, 'tmp');
    mkdirSync(dir, { recursive: true });
    const stale = join(dir, 'stress-upload-abandoned');
    writeFileSync(stale, 'half a file');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    utimesSync(stale, twoDaysAgo, twoDaysAgo);
    writeFileSync(join(dir, 'other-tool.tmp'), 'not ours');
    callOk(core, 'stress.uploadBegin', { engagementId: engagement.id, fileName: 'a.jtl', bytes: 10 });
    const left = stagingFiles(core);
    expect(left).toHaveLength(2);
    expect(left).toContain('other-tool.tmp');
    expect(left.some((name) => name.startsWith('stress-upload-'))).toBe(true);
    expect(existsSync(stale)).toBe(false);
    core.close();
    expect(readdirSync(dir)).toEqual(['other-tool.tmp']);
  });

  it('keeps the consultant severity and rewritten title, refreshing only the app text', async () => {
    const { core, engagement } = stressCore();
    const scenario = checkoutScenario(core, engagement.id, 30);
    await callAsync(core, 'stress.import', {
      uploadId: upload(core, engagement.id, 'r.jtl', checkoutJtl(60)),
      format: 'jmeterCsv',
    });
    const [raised] = stressFindings(core, engagement.id);
    const id = raised?.id ?? '';
    callOk(core, 'finding.update', {
      engagementId: engagement.id,
      id,
      patch: { severity: 'low', title: 'Checkout short of target; accepted for the event' },
    });
    // A tighter latency target re-judges the scenario: the figures in the description change.
    callOk(core, 'stress.saveScenario', {
      engagementId: engagement.id,
      id: scenario.id,
      scenario: { ...CHECKOUT_FIELDS, targetTps: 25, targetP99Ms: 600 },
    });
    const [after] = stressFindings(core, engagement.id);
    expect(after).toMatchObject({
      id,
      severity: 'low',
      title: 'Checkout short of target; accepted for the event',
    });
    expect(after?.description).toContain('p99 1,500 ms vs 600 ms');
    expect(stressFindings(core, engagement.id)).toHaveLength(1);
  });

  it('does not raise again a finding the consultant deleted', async () => {
    const { core, engagement } = stressCore();
    const scenario = checkoutScenario(core, engagement.id, 30);
    await callAsync(core, 'stress.import', {
      uploadId: upload(core, engagement.id, 'r.jtl', checkoutJtl(60)),
      format: 'jmeterCsv',
    });
    const [raised] = stressFindings(core, engagement.id);
    callOk(core, 'finding.remove', { engagementId: engagement.id, id: raised?.id ?? '' });
    callOk(core, 'stress.saveScenario', {
      engagementId: engagement.id,
      id: scenario.id,
      scenario: { ...CHECKOUT_FIELDS, targetTps: 40 },
    });
    await callAsync(core, 'stress.import', {
      uploadId: upload(core, engagement.id, 'r2.jtl', checkoutJtl(60, Date.parse('2026-05-05T12:00:00.000Z'))),
      format: 'jmeterCsv',
    });
    expect(stressFindings(core, engagement.id)).toEqual([]);
    expect(callOk(core, 'stress.view', { engagementId: engagement.id }).results[0]?.verdict.status).toBe('missed');
  });

  it('writes the finding in Chinese for a Chinese engagement and matches labels to a scenario added later', async () => {
    const core = startTestCore();
    const engagement = callOk(core, 'engagement.create', engagementFields({ language: 'zh-CN' }));
    const run = await callAsync(core, 'stress.import', {
      uploadId: upload(core, engagement.id, 'r.jtl', checkoutJtl()),
      format: 'jmeterCsv',
    });
    expect(run.labelScenarios).toEqual({});
    const scenario = checkoutScenario(core, engagement.id, 50);
    const view = callOk(core, 'stress.view', { engagementId: engagement.id });
    expect(view.runs[0]?.labelScenarios).toEqual({ Checkout: scenario.id });
    const [finding] = stressFindings(core, engagement.id);
    // 20 TPS of 50: below half the target.
    expect(finding).toMatchObject({ severity: 'critical' });
    expect(finding?.title).toBe(
      '压测目标未达成：Checkout——持续峰值 19.9 TPS，目标 50 TPS；P99 1,500 毫秒，目标 800 毫秒',
    );
  });
});
