/**
 * Engagement bundles through the router: a busy engagement (plan, checklist answers, findings,
 * evidence, a stress run, the on-duty log and a signed deliverable) exported and imported into
 * another data folder row for row and file for file; keep both and replace; the passphrase
 * envelope; and bundles that are refused leave the store and the data folder exactly as they were.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { contract, type MethodInput, type MethodOutput } from '@shared/contract';
import { answerId } from '@shared/domain/checklist';
import type Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import yazl from 'yazl';
import { openVerifiedArchive } from '../../electron/core/archive/read';
import { writeArchive } from '../../electron/core/archive/write';
import { openStore } from '../../electron/core/db/client';
import { closeImagePool } from '../../electron/core/evidence/pool';
import { closeExportWorker } from '../../electron/core/export/worker-client';
import type { Core } from '../../electron/core/index';
import {
  BUNDLED_TABLES,
  OWNED_TABLES,
  readEngagementRows,
  TABLE_ROLES,
} from '../../electron/core/services/bundle-data';
import { openBundleFile } from '../../electron/core/services/bundles';
import { signoffPath } from '../../electron/core/services/signoff';
import { en } from '../../renderer/src/i18n/en';
import { callOk, closeTestCores, MIGRATIONS_DIR, REPO_ROOT, startTestCore, steppingClock } from '../fixtures/core';
import { removeTempDataDirs, tempDataDir } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';
import { photo } from '../fixtures/export-tools';
import { checkoutJtl } from '../fixtures/load-test';
import { rawBundle, zeroBomb } from '../fixtures/zips';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const PASSPHRASE = 'a long and careful passphrase';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

type AsyncMethod =
  | 'bundle.export'
  | 'bundle.inspect'
  | 'bundle.import'
  | 'signoff.sign'
  | 'evidence.add'
  | 'stress.import';

async function callAsync<M extends AsyncMethod>(
  core: Core,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await core.router.invokeAsync(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return contract[method].output.parse(result.value) as MethodOutput<M>;
}

async function callAsyncErr(core: Core, method: AsyncMethod, input: unknown) {
  const result = await core.router.invokeAsync(method, input);
  if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
  return result.error;
}

// ---------------------------------------------------------------------------------------------
// The engagement and its bundle, made once

type Source = {
  engagementId: string;
  rows: Map<string, Record<string, unknown>[]>;
  files: Map<string, string>;
  plain: Buffer;
  sealed: Buffer;
  pdfSha256: string;
  templateId: string;
};
let source: Source;

/** Every file under the data folder that a bundle may carry, by its path there, with its hash. */
function dataFiles(dataDir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const folder of ['evidence', 'signoff', 'loadtests', 'branding']) {
    const root = join(dataDir, folder);
    if (!existsSync(root)) continue;
    for (const name of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      const path = join(root, name);
      if (statSync(path).isFile() && !name.endsWith('.doc.jpg')) {
        found.set(relative(dataDir, path), sha256(readFileSync(path)));
      }
    }
  }
  return found;
}

function engagementRows(core: Core, engagementId: string) {
  return new Map(
    [...readEngagementRows(core.context.store.sqlite, engagementId)].map(([table, rows]) => [
      table,
      rows as Record<string, unknown>[],
    ]),
  );
}

async function exportBytes(core: Core, engagementId: string, passphrase?: string): Promise<Buffer> {
  const answer = await callAsync(core, 'bundle.export', { engagementId, ...(passphrase ? { passphrase } : {}) });
  const parts: Buffer[] = [];
  for (let index = 0; index < answer.chunks; index += 1) {
    const part = callOk(core, 'bundle.exportChunk', { exportId: answer.exportId, index });
    parts.push(Buffer.from(part.dataBase64, 'base64'));
    expect(part.last).toBe(index === answer.chunks - 1);
  }
  const bytes = Buffer.concat(parts);
  expect(bytes.byteLength).toBe(answer.bytes);
  return bytes;
}

/** Sends the bundle in parts of at most 1 MB, as the window does. */
function upload(core: Core, bytes: Buffer, fileName = 'handover.vigil'): string {
  const { uploadId } = callOk(core, 'bundle.uploadBegin', { fileName, bytes: bytes.byteLength });
  const size = 1024 * 1024;
  for (let index = 0; index * size < bytes.byteLength; index += 1) {
    callOk(core, 'bundle.uploadChunk', {
      uploadId,
      index,
      dataBase64: bytes.subarray(index * size, (index + 1) * size).toString('base64'),
    });
  }
  return uploadId;
}

async function busyEngagement(core: Core) {
  callOk(core, 'settings.update', { consultantName: 'Chen Jie', firmName: 'Blue Harbor Consulting' });
  const engagement = callOk(
    core,
    'engagement.create',
    engagementFields({ catalogId: 'huawei-key-event-on-duty', editionId: 'standard' }),
  );
  const engagementId = engagement.id;
  const plan = callOk(core, 'plan.saveContact', {
    engagementId,
    contact: { party: 'provider', name: 'Li Wei', role: 'TAM', email: '', phone: '+86 138', projectManager: false },
  });
  const liWei = plan.contacts[0]?.id ?? '';
  callOk(core, 'plan.saveResource', {
    engagementId,
    resource: { resourceType: 'compute', spec: 'ecs.c7.2xlarge', count: 8, region: 'cn-hangzhou', notes: '' },
  });
  callOk(core, 'plan.setOnSiteDays', { engagementId, days: [{ date: '2026-11-10', persons: 2 }] });
  const standing = callOk(core, 'plan.get', { engagementId }).warnings[0];
  if (!standing) throw new Error('the plan has no warning to override');
  callOk(core, 'plan.overrideRule', {
    engagementId,
    ruleId: standing.ruleId,
    reason: 'Customer signed the order early with sales approval.',
  });
  callOk(core, 'capacity.save', {
    engagementId,
    item: {
      formulaId: 'compute-qps',
      name: 'Order service',
      scopeResourceId: null,
      inputs: {
        units: 8,
        capacityPerUnit: 1500,
        currentCap: null,
        baseline: null,
        multiplier: null,
        marginPct: 30,
        peakOverride: 12000,
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
  callOk(core, 'checkpoint.save', {
    engagementId,
    checkpoint: { name: 'Peak', plannedAt: '2026-11-10T16:00:00.000Z', metrics: [{ kind: 'qps' }] },
  });
  callOk(core, 'finding.create', {
    engagementId,
    severity: 'medium',
    title: 'Access key in a script',
    description: 'The nightly job signs requests with LTAI5tQm8Rk2Zp7XcV4nB9wE stored in plain text.',
    affectedResources: [],
    recommendation: 'Use a RAM role instead.',
    owner: '',
    dueDate: null,
    status: 'open',
    disposition: '',
  });
  const [hit] = callOk(core, 'redaction.scan', { engagementId });
  if (!hit) throw new Error('no secret found');
  callOk(core, 'redaction.decide', { engagementId, ...hit, decision: 'keep' });
  const templateId = 'risk-inspection';
  const checklist = callOk(core, 'checklist.start', { engagementId, templateId });
  const view = callOk(core, 'checklist.view', { engagementId, templateId });
  const items = view.template.sections.flatMap((s) => s.items);
  const first = items[0];
  const second = items[1];
  if (!first || !second) throw new Error('the template has too few items');
  callOk(core, 'checklist.answer', { engagementId, templateId, itemId: first.id, value: null, note: 'Asked the DBA' });
  const finding = callOk(core, 'finding.create', {
    engagementId,
    severity: 'medium',
    title: 'Log retention is seven days',
    description: 'Logs are kept for seven days only.',
    affectedResources: ['sls-shop'],
    recommendation: 'Keep logs for 180 days.',
    owner: 'Customer ops',
    dueDate: null,
    status: 'open',
    disposition: '',
  });
  await callAsync(core, 'evidence.add', {
    engagementId,
    targetKind: 'finding',
    targetId: finding.id,
    fileName: 'console.png',
    mediaType: 'image/png',
    dataBase64: b64(await photo(800, 600)),
  });
  // Evidence on an item not answered yet: its answer id is known before the answer exists.
  await callAsync(core, 'evidence.add', {
    engagementId,
    targetKind: 'answer',
    targetId: answerId(engagementId, templateId, second.id),
    fileName: 'slow-query.log',
    mediaType: 'text/plain',
    dataBase64: b64('SELECT * FROM orders; -- 12 s\n'),
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
  const jtl = Buffer.from(checkoutJtl(20), 'utf8');
  const { uploadId } = callOk(core, 'stress.uploadBegin', { engagementId, fileName: 'run.jtl', bytes: jtl.byteLength });
  callOk(core, 'stress.uploadChunk', { uploadId, index: 0, dataBase64: jtl.toString('base64') });
  await callAsync(core, 'stress.import', { uploadId, format: 'jmeterCsv' });
  callOk(core, 'roster.saveShift', {
    engagementId,
    shift: {
      contactId: liWei,
      roleId: 'dutyManager',
      startUtc: '2026-11-10T12:00:00.000Z',
      endUtc: '2026-11-10T20:00:00.000Z',
    },
  });
  const roster = callOk(core, 'roster.get', { engagementId });
  callOk(core, 'roster.saveSettings', { engagementId, settings: { ...roster.settings, maxShiftHours: 10 } });
  callOk(core, 'log.append', { engagementId, kind: 'decision', text: 'Freeze releases' });
  callOk(core, 'incident.save', {
    engagementId,
    incident: { severity: 'P3', title: 'CDN 5xx', detectedAt: '2026-11-10T12:30:00.000Z' },
  });
  const signature = await sharp(
    Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200"><path d="M20 150 C 120 20, 220 180, 320 60 S 520 160, 580 40" stroke="#0b1f44" stroke-width="6" fill="none"/></svg>',
    ),
  )
    .png()
    .toBuffer();
  const signed = await callAsync(core, 'signoff.sign', {
    engagementId,
    documentId: 'assurance-solution',
    customer: { name: 'Wang Fang', title: 'IT Director', org: 'Harbor Retail Ltd', signatureBase64: b64(signature) },
    consultant: { name: 'Chen Jie', title: 'Technical account manager', signatureBase64: b64(signature) },
  });
  return { engagementId, pdfSha256: signed.pdfSha256, templateId, checklistId: checklist.checklistId };
}

beforeAll(async () => {
  const core = startTestCore({ now: steppingClock('2026-11-10T13:00:00.000Z') });
  const made = await busyEngagement(core);
  source = {
    engagementId: made.engagementId,
    rows: engagementRows(core, made.engagementId),
    files: dataFiles(core.context.dataDir),
    plain: await exportBytes(core, made.engagementId),
    sealed: await exportBytes(core, made.engagementId, PASSPHRASE),
    pdfSha256: made.pdfSha256,
    templateId: made.templateId,
  };
  closeTestCores();
});

afterEach(() => {
  closeTestCores();
});
afterAll(async () => {
  removeTempDataDirs();
  await closeImagePool();
  await closeExportWorker();
});

// ---------------------------------------------------------------------------------------------
// The state a refusal must leave untouched

/** Every table (virtual and shadow ones too), every row, in rowid order. */
function dump(sqlite: Database.Database): Record<string, unknown[]> {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(tables.map((t) => [t, sqlite.prepare(`SELECT * FROM "${t}"`).all()]));
}

/** Every file of the data folder with its hash, but the store (dumped instead) and the log. */
function listing(dataDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dataDir, name);
    if (name.startsWith('vigil.db') || name.startsWith('logs') || !statSync(path).isFile()) continue;
    out[name] = sha256(readFileSync(path));
  }
  return out;
}

/** A core that already holds an engagement of its own (so a refusal has something to leave alone). */
function receivingCore(): Core {
  const core = startTestCore({ dataDir: tempDataDir(), now: steppingClock('2026-11-01T00:00:00.000Z') });
  callOk(core, 'engagement.create', engagementFields({ eventName: 'Spring sale', customerOrg: 'Other Co.' }));
  return core;
}

async function expectRefusedUntouched(bytes: Buffer, reason: string, passphrase?: string) {
  const core = receivingCore();
  const before = { rows: dump(core.context.store.sqlite), files: listing(core.context.dataDir) };
  const uploadId = upload(core, bytes);
  const error = await callAsyncErr(core, 'bundle.inspect', { uploadId, ...(passphrase ? { passphrase } : {}) });
  expect(error).toMatchObject({ code: 'INVALID_INPUT', messageKey: `bundle.refused.${reason}` });
  expect(error.message).not.toMatch(/\n\s+at /);
  // import checks the same way and cannot get further.
  expect(await callAsyncErr(core, 'bundle.import', { uploadId, onExisting: 'replace' })).toMatchObject({
    code: reason === 'wrongPassphrase' ? 'INVALID_INPUT' : 'NOT_FOUND',
  });
  if (reason === 'wrongPassphrase') callOk(core, 'bundle.cancel', { uploadId });
  expect(dump(core.context.store.sqlite)).toEqual(before.rows);
  expect(listing(core.context.dataDir)).toEqual(before.files);
  return error;
}

// ---------------------------------------------------------------------------------------------
// Rewriting a bundle into a hostile one

type Unpacked = { manifest: Record<string, unknown>; dir: string; data: Map<string, Record<string, unknown>[]> };

async function unpack(bytes: Buffer): Promise<Unpacked> {
  const scratch = mkdtempSync(join(tmpdir(), 'vigil-bundle-'));
  writeFileSync(join(scratch, 'in.vigil'), bytes);
  const { manifest, dir } = await openVerifiedArchive(join(scratch, 'in.vigil'), join(scratch, 'out'));
  const data = new Map<string, Record<string, unknown>[]>();
  for (const table of BUNDLED_TABLES) {
    data.set(table, JSON.parse(readFileSync(join(dir, 'data', `${table}.json`), 'utf8')));
  }
  return { manifest, dir, data };
}

/** The unpacked bundle written again, with the changes given: rows per table, other files, manifest fields. */
async function repack(
  unpacked: Unpacked,
  changes: {
    data?: (data: Map<string, Record<string, unknown>[]>) => void;
    files?: { name: string; data: Buffer }[];
    manifest?: Record<string, unknown>;
  },
): Promise<Buffer> {
  const data = new Map([...unpacked.data].map(([t, rows]) => [t, rows.map((r) => ({ ...r }))]));
  changes.data?.(data);
  const entries = (unpacked.manifest.entries as { name: string }[]).filter((e) => !e.name.startsWith('data/'));
  const { entries: _entries, ...fields } = unpacked.manifest;
  const out = join(mkdtempSync(join(tmpdir(), 'vigil-bundle-')), 'out.vigil');
  await writeArchive(
    out,
    [
      ...[...data].map(([table, rows]) => ({ name: `data/${table}.json`, data: Buffer.from(JSON.stringify(rows)) })),
      ...entries.map((e) => ({ name: e.name, path: join(unpacked.dir, e.name) })),
      ...(changes.files ?? []),
    ],
    { ...fields, ...changes.manifest },
  );
  return readFileSync(out);
}

// ---------------------------------------------------------------------------------------------

describe('what a bundle covers', () => {
  it('gives every table of the store a role, and exports every table holding engagement_id', () => {
    const core = startTestCore();
    const sqlite = core.context.store.sqlite;
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    const roles: Record<string, string> = TABLE_ROLES;
    const unclassified = tables.filter((t) => !(t in roles) && !t.startsWith('sqlite_'));
    expect(unclassified, 'a new table needs a role in TABLE_ROLES (bundle-data.ts)').toEqual([]);
    const withEngagementId = tables.filter((t) =>
      (sqlite.prepare(`PRAGMA table_info("${t}")`).all() as { name: string }[]).some((c) => c.name === 'engagement_id'),
    );
    const notExported = withEngagementId.filter((t) => !OWNED_TABLES.includes(t) && roles[t] !== 'derived');
    expect(notExported).toEqual([]);
  });

  it('holds a row in every table the busy engagement writes, and every file it keeps', () => {
    const empty = OWNED_TABLES.filter((table) => (source.rows.get(table)?.length ?? 0) === 0);
    expect(empty).toEqual([]);
    const kinds = new Set([...source.files.keys()].map((path) => path.split(/[/\\]/)[0]));
    expect(kinds).toEqual(new Set(['evidence', 'signoff', 'loadtests']));
  });
});

describe('a bundle opened from the desktop', () => {
  it('is copied in as an upload, the window is told, and it imports like a chosen file', async () => {
    const told: unknown[] = [];
    const core = startTestCore({
      dataDir: tempDataDir(),
      emit: (event, payload) => {
        if (event === 'bundle.opened') told.push(payload);
      },
    });
    const path = join(tempDataDir(), 'Double 11 handover.vigil');
    writeFileSync(path, source.plain);

    const opened = openBundleFile(core.context, path);

    expect(told).toEqual([{ uploadId: opened.uploadId, fileName: 'Double 11 handover.vigil' }]);
    const inspection = await callAsync(core, 'bundle.inspect', { uploadId: opened.uploadId });
    expect(inspection).toMatchObject({ state: 'ready', summary: { engagementId: source.engagementId } });
    const imported = await callAsync(core, 'bundle.import', { uploadId: opened.uploadId });
    expect(imported.engagement.id).toBe(source.engagementId);
    // The file on the desktop is the consultant's: it is read, never moved or changed.
    expect(readFileSync(path).equals(source.plain)).toBe(true);
  });
});

describe('closing the dialog while a bundle is checked', () => {
  it('stops the check, keeps nothing in the data folder, and says it was stopped', async () => {
    const core = startTestCore({ dataDir: tempDataDir() });
    const uploadId = upload(core, source.plain);

    const checking = core.router.invokeAsync('bundle.inspect', { uploadId });
    expect(callOk(core, 'bundle.cancel', { uploadId })).toEqual({ cancelled: true });
    const result = await checking;

    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(readdirSync(join(core.context.dataDir, 'tmp'))).toEqual([]);
  });
});

describe('export, then import into another data folder', () => {
  it('gives the same rows, table by table, the same files, and a signed PDF that still verifies', async () => {
    const core = startTestCore({ dataDir: tempDataDir() });
    const uploadId = upload(core, source.plain);
    const inspection = await callAsync(core, 'bundle.inspect', { uploadId });
    expect(inspection).toMatchObject({
      state: 'ready',
      existing: null,
      summary: { engagementId: source.engagementId, encrypted: false, customerOrg: 'Acme Retail Co.' },
    });
    const imported = await callAsync(core, 'bundle.import', { uploadId });
    expect(imported).toMatchObject({ mode: 'new', engagement: { id: source.engagementId } });
    // Every import keeps the store as it was first, not only a replacing one.
    expect(imported.backup).toMatch(/before-import/);
    const rows = engagementRows(core, source.engagementId);
    for (const table of BUNDLED_TABLES) expect(rows.get(table), table).toEqual(source.rows.get(table));
    expect(dataFiles(core.context.dataDir)).toEqual(source.files);
    const pdf = readFileSync(signoffPath(core.context.dataDir, source.pdfSha256, 'pdf'));
    const verified = callOk(core, 'signoff.verify', { fileName: 'signed.pdf', dataBase64: b64(pdf) });
    expect(verified).toMatchObject({ status: 'valid', match: { engagementId: source.engagementId, sameFile: true } });
    // The search index was rebuilt from the rows by the store's triggers.
    expect(callOk(core, 'search.query', { query: 'retention', limit: 10 }).map((r) => r.engagementId)).toEqual([
      source.engagementId,
    ]);
    // Nothing of the upload is left in the data folder.
    expect(readdirSync(join(core.context.dataDir, 'tmp'))).toEqual([]);
    expect(callOk(core, 'plan.get', { engagementId: source.engagementId }).contacts).toHaveLength(1);
  });

  it('seals the bundle with the passphrase: asks for it, refuses a wrong one, opens with the right one', async () => {
    expect(source.sealed.subarray(0, 2).toString('latin1')).not.toBe('PK');
    const core = startTestCore({ dataDir: tempDataDir() });
    const uploadId = upload(core, source.sealed);
    expect(await callAsync(core, 'bundle.inspect', { uploadId })).toMatchObject({ state: 'needsPassphrase' });
    expect(await callAsyncErr(core, 'bundle.inspect', { uploadId, passphrase: 'not it at all' })).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'passphrase',
      messageKey: 'bundle.refused.wrongPassphrase',
    });
    // The upload stays for another try.
    const ready = await callAsync(core, 'bundle.inspect', { uploadId, passphrase: PASSPHRASE });
    expect(ready).toMatchObject({ state: 'ready', summary: { encrypted: true, engagementId: source.engagementId } });
    await callAsync(core, 'bundle.import', { uploadId, passphrase: PASSPHRASE });
    expect(engagementRows(core, source.engagementId).get('findings')).toEqual(source.rows.get('findings'));
  });

  it('a wrong passphrase changes nothing', async () => {
    await expectRefusedUntouched(source.sealed, 'wrongPassphrase', 'not it at all');
  });
});

describe('an engagement that is already here', () => {
  async function withEngagement() {
    const core = startTestCore({ dataDir: tempDataDir(), now: steppingClock('2026-11-01T00:00:00.000Z') });
    await callAsync(core, 'bundle.import', { uploadId: upload(core, source.plain) });
    return core;
  }

  it('asks first: inspect names it, import without a choice is a conflict', async () => {
    const core = await withEngagement();
    const uploadId = upload(core, source.plain);
    expect(await callAsync(core, 'bundle.inspect', { uploadId })).toMatchObject({
      state: 'ready',
      existing: { id: source.engagementId, eventName: "Singles' Day 2026" },
    });
    expect(await callAsyncErr(core, 'bundle.import', { uploadId })).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'bundle.exists',
    });
  });

  it('keeps both: the copy has new ids everywhere, every reference inside it consistent, the original intact', async () => {
    const core = await withEngagement();
    const before = engagementRows(core, source.engagementId);
    const { engagement } = await callAsync(core, 'bundle.import', {
      uploadId: upload(core, source.plain),
      onExisting: 'keep-both',
    });
    expect(engagement.id).not.toBe(source.engagementId);
    expect(engagement.eventName).toBe("Singles' Day 2026 (imported)");
    expect(engagementRows(core, source.engagementId)).toEqual(before);
    const copy = engagementRows(core, engagement.id);
    const oldIds = new Set(
      [...before].flatMap(([table, rows]) =>
        table === 'catalog_snapshots' ||
        table === 'checklist_snapshots' ||
        table === 'evidence_files' ||
        table === 'firm_calendars'
          ? []
          : rows.map((r) => String(r.id)),
      ),
    );
    const newIds = new Set([...copy].flatMap(([, rows]) => rows.map((r) => String(r.id))));
    for (const table of OWNED_TABLES) {
      expect(copy.get(table)?.length, table).toBe(before.get(table)?.length);
      for (const row of copy.get(table) ?? []) {
        expect(oldIds.has(String(row.id)), `${table} keeps an old id`).toBe(false);
        for (const [column, value] of Object.entries(row)) {
          if (table === 'signed_versions' && column === 'model') continue;
          for (const id of String(value).match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []) {
            expect(oldIds.has(id), `${table}.${column} still names ${id}`).toBe(false);
          }
        }
      }
    }
    // Deterministic ids stay deterministic from the new engagement id; references land on rows of the copy.
    for (const answer of copy.get('checklist_answers') ?? []) {
      expect(answer.id).toBe(answerId(engagement.id, String(answer.template_id), String(answer.item_id)));
    }
    const items = callOk(core, 'checklist.view', { engagementId: engagement.id, templateId: source.templateId })
      .template.sections.flatMap((s) => s.items)
      .map((item) => answerId(engagement.id, source.templateId, item.id));
    for (const link of copy.get('evidence_links') ?? []) {
      // A finding's link names the copy's finding; an answer's (answered or not) the copy's answer id.
      if (link.target_kind === 'finding') expect(newIds.has(String(link.target_id))).toBe(true);
      else expect(items).toContain(link.target_id);
    }
    for (const shift of copy.get('shifts') ?? []) expect(newIds.has(String(shift.contact_id))).toBe(true);
    expect(core.context.store.sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(core.context.store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    // The copy is a working engagement: its plan, checklist and evidence read as the original's do.
    expect(
      callOk(core, 'checklist.view', { engagementId: engagement.id, templateId: source.templateId }).answers,
    ).toHaveLength(1);
    expect(callOk(core, 'evidence.list', { engagementId: engagement.id })).toHaveLength(2);
    expect(
      callOk(core, 'engagement.list', {})
        .map((e) => e.id)
        .sort(),
    ).toEqual([source.engagementId, engagement.id].sort());
  });

  it('replaces after a backup: the engagement is the bundle again', async () => {
    const core = await withEngagement();
    callOk(core, 'engagement.update', { id: source.engagementId, patch: { customerOrg: 'Changed Co.' } });
    callOk(core, 'log.append', {
      engagementId: source.engagementId,
      kind: 'observation',
      text: 'Written after the export',
    });
    const backups = () =>
      existsSync(join(core.context.dataDir, 'backups')) ? readdirSync(join(core.context.dataDir, 'backups')) : [];
    const before = backups();
    expect(before).toHaveLength(1);
    const result = await callAsync(core, 'bundle.import', {
      uploadId: upload(core, source.plain),
      onExisting: 'replace',
    });
    expect(result.mode).toBe('replace');
    expect(backups().sort()).toEqual([...before, result.backup].sort());
    expect(result.backup).toMatch(/before-replace/);
    const rows = engagementRows(core, source.engagementId);
    for (const table of BUNDLED_TABLES) expect(rows.get(table), table).toEqual(source.rows.get(table));
    expect(callOk(core, 'engagement.list', {})).toHaveLength(1);
  });
});

describe('refused bundles change nothing', () => {
  let unpacked: Unpacked;
  beforeAll(async () => {
    unpacked = await unpack(source.plain);
  });

  it('rows of another engagement', async () => {
    const bytes = await repack(unpacked, {
      data: (data) => {
        const finding = data.get('findings')?.[0];
        if (finding) finding.engagement_id = '0190f0e0-0000-7000-8000-000000000001';
      },
    });
    await expectRefusedUntouched(bytes, 'otherEngagement');
  });

  it('a manifest naming another engagement than the rows', async () => {
    const manifestEngagement = unpacked.manifest.engagement as Record<string, unknown>;
    const bytes = await repack(unpacked, {
      manifest: { engagement: { ...manifestEngagement, id: '0190f0e0-0000-7000-8000-000000000002' } },
    });
    await expectRefusedUntouched(bytes, 'otherEngagement');
  });

  it('an unknown table', async () => {
    const bytes = await repack(unpacked, { files: [{ name: 'data/users.json', data: Buffer.from('[]') }] });
    await expectRefusedUntouched(bytes, 'unknownTable');
  });

  it('a table a bundle may not carry', async () => {
    const bytes = await repack(unpacked, { files: [{ name: 'data/settings.json', data: Buffer.from('[]') }] });
    await expectRefusedUntouched(bytes, 'unknownTable');
  });

  it('an unknown column', async () => {
    const bytes = await repack(unpacked, {
      data: (data) => {
        const finding = data.get('findings')?.[0];
        if (finding) finding.secret_flag = 1;
      },
    });
    const error = await expectRefusedUntouched(bytes, 'unknownColumn');
    expect(error.details).toEqual(['findings.secret_flag']);
  });

  it('a row whose id is not an id', async () => {
    const bytes = await repack(unpacked, {
      data: (data) => {
        const contact = data.get('contacts')?.[0];
        if (contact) contact.id = 42;
      },
    });
    await expectRefusedUntouched(bytes, 'badRows');
  });

  it('a newer schema', async () => {
    const migrations = unpacked.manifest.migrations as string[];
    const bytes = await repack(unpacked, {
      manifest: { schemaVersion: migrations.length + 1, migrations: [...migrations, 'f'.repeat(64)] },
    });
    const error = await expectRefusedUntouched(bytes, 'newerSchema');
    expect(error.message).toMatch(/newer version of Vigil/);
  });

  it('not a Vigil bundle', async () => {
    const bytes = await repack(unpacked, { manifest: { format: 'something-else' } });
    await expectRefusedUntouched(bytes, 'notABundle');
  });

  it('an evidence file whose bytes are not the file its name says (manifest rewritten to match)', async () => {
    const evidence = (unpacked.manifest.entries as { name: string }[]).find((e) =>
      e.name.startsWith('files/evidence/'),
    );
    if (!evidence) throw new Error('no evidence in the bundle');
    const bytes = await repack(unpacked, {
      data: () => {},
      files: [{ name: 'files/evidence/'.concat('0'.repeat(64)), data: Buffer.from('not what the name says') }],
    });
    await expectRefusedUntouched(bytes, 'fileHashMismatch');
  });

  it('an evidence file changed after the manifest was written', async () => {
    const entries = unpacked.manifest.entries as { name: string; size: number; sha256: string }[];
    const evidence = entries.find((e) => e.name.startsWith('files/evidence/'));
    if (!evidence) throw new Error('no evidence in the bundle');
    // The manifest lists the original bytes; the zip holds one byte changed.
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from(JSON.stringify(unpacked.manifest)), 'manifest.json');
    for (const entry of entries) {
      const bytes = readFileSync(join(unpacked.dir, entry.name));
      if (entry.name === evidence.name) bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0xff;
      zip.addBuffer(bytes, entry.name);
    }
    zip.end();
    const parts: Buffer[] = [];
    for await (const part of zip.outputStream) parts.push(Buffer.from(part));
    const error = await expectRefusedUntouched(Buffer.concat(parts), 'hashMismatch');
    expect(error.details).toContain(evidence.name);
  });

  it('rows whose ids another engagement here already uses', async () => {
    const core = receivingCore();
    const [other] = callOk(core, 'engagement.list', {});
    if (!other) throw new Error('no engagement');
    const plan = callOk(core, 'plan.saveContact', {
      engagementId: other.id,
      contact: { party: 'customer', name: 'Zhou Min', role: 'DBA', email: '', phone: '', projectManager: false },
    });
    const theirs = plan.contacts[0]?.id ?? '';
    const bytes = await repack(unpacked, {
      data: (data) => {
        const contact = data.get('contacts')?.[0];
        if (contact) contact.id = theirs;
      },
    });
    const before = { rows: dump(core.context.store.sqlite), files: listing(core.context.dataDir) };
    const uploadId = upload(core, bytes);
    expect(await callAsync(core, 'bundle.inspect', { uploadId })).toMatchObject({ state: 'ready', existing: null });
    const error = await callAsyncErr(core, 'bundle.import', { uploadId });
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      messageKey: 'bundle.refused.idClash',
      details: [`contacts: ${theirs}`],
    });
    expect(dump(core.context.store.sqlite)).toEqual(before.rows);
    expect(listing(core.context.dataDir)).toEqual(before.files);
  });

  it('a zip bomb inside a valid engagement bundle', async () => {
    const bomb = zeroBomb(200);
    const entries = (unpacked.manifest.entries as { name: string }[]).map((e) => ({
      name: e.name,
      data: readFileSync(join(unpacked.dir, e.name)),
    }));
    const { entries: _listed, ...fields } = unpacked.manifest;
    const bytes = rawBundle(
      [...entries, { name: 'files/evidence/'.concat('b'.repeat(64)), packed: bomb, listedAs: { sha256: bomb.sha256 } }],
      {
        manifest: Buffer.from(
          JSON.stringify({
            ...fields,
            entries: [
              ...entries.map((e) => ({ name: e.name, size: e.data.length, sha256: sha256(e.data) })),
              { name: 'files/evidence/'.concat('b'.repeat(64)), size: bomb.size, sha256: bomb.sha256 },
            ],
          }),
        ),
      },
    );
    await expectRefusedUntouched(bytes, 'zipBomb');
  });

  it('every hostile archive of the shared test data, each with its reason', async () => {
    const folder = join(REPO_ROOT, '..', 'shared', 'testdata', 'bundles');
    const files = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.zip')) : [];
    if (existsSync(folder)) expect(files.length).toBeGreaterThan(0);
    const reasons: string[] = [];
    for (const file of files) {
      const core = receivingCore();
      const before = { rows: dump(core.context.store.sqlite), files: listing(core.context.dataDir) };
      const error = await callAsyncErr(core, 'bundle.inspect', {
        uploadId: upload(core, readFileSync(join(folder, file)), file),
      });
      expect(error.code, file).toBe('INVALID_INPUT');
      expect(error.details?.[0], file).toBe(file);
      reasons.push(String(error.messageKey));
      expect(dump(core.context.store.sqlite), file).toEqual(before.rows);
      expect(listing(core.context.dataDir), file).toEqual(before.files);
    }
    const english: Record<string, string> = en.bundle.refused;
    for (const reason of reasons) expect(english[reason.replace('bundle.refused.', '')], reason).toBeTruthy();
  });

  it('an older schema is brought up to date on import', async () => {
    // A bundle as a Vigil one migration behind wrote it: only the tables and columns that version had.
    const ours = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR });
    const older = ours.length - 2;
    const scratch = tempDataDir();
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'));
    const migrationsDir = join(scratch, 'migrations');
    mkdirSync(join(migrationsDir, 'meta'), { recursive: true });
    const entries = journal.entries.slice(0, older);
    for (const entry of entries)
      copyFileSync(join(MIGRATIONS_DIR, `${entry.tag}.sql`), join(migrationsDir, `${entry.tag}.sql`));
    writeFileSync(join(migrationsDir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
    const store = openStore(join(scratch, 'db'), migrationsDir);
    const tablesThen = new Set(
      store.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
    );
    const columnsThen = (table: string) =>
      new Set((store.sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name));
    const data = new Map<string, Record<string, unknown>[]>();
    for (const [table, rows] of unpacked.data) {
      if (!tablesThen.has(table)) continue;
      const columns = columnsThen(table);
      data.set(
        table,
        rows.map((row) => Object.fromEntries(Object.entries(row).filter(([c]) => columns.has(c)))),
      );
    }
    store.close();
    const bytes = await repack(
      { ...unpacked, data },
      { manifest: { schemaVersion: older, migrations: ours.slice(0, older).map((m) => m.hash) } },
    );
    const core = startTestCore({ dataDir: tempDataDir() });
    const uploadId = upload(core, bytes);
    expect(await callAsync(core, 'bundle.inspect', { uploadId })).toMatchObject({
      state: 'ready',
      summary: { schemaVersion: older },
    });
    await callAsync(core, 'bundle.import', { uploadId });
    const rows = engagementRows(core, source.engagementId);
    for (const [table, then] of data) {
      const now = rows.get(table) ?? [];
      expect(now.length, table).toBe(then.length);
      for (const [i, row] of then.entries()) expect(now[i], table).toMatchObject(row);
    }
  });
});

describe('bundles that would plant content or leave an engagement no screen can open', () => {
  let unpacked: Unpacked;
  beforeAll(async () => {
    unpacked = await unpack(source.plain);
  });
  const firstRow = (data: Map<string, Record<string, unknown>[]>, table: string) => {
    const row = data.get(table)?.[0];
    if (!row) throw new Error(`the bundle has no ${table}`);
    return row;
  };
  const calendarRow = (calendarId: string, content: unknown) => ({
    id: '0190f0e0-0000-7000-8000-0000000000c1',
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    updated_by: 'someone else',
    device_id: 'elsewhere',
    deleted_at: null,
    calendar_id: calendarId,
    content: typeof content === 'string' ? content : JSON.stringify(content),
  });
  /** The bundle's plan on the firm calendar given, which the bundle carries. */
  const onCalendar = (data: Map<string, Record<string, unknown>[]>, row: ReturnType<typeof calendarRow>) => {
    firstRow(data, 'engagement_plans').calendar_id = row.calendar_id;
    data.set('firm_calendars', [row]);
  };
  const weekdays = () => JSON.parse(readFileSync(join(REPO_ROOT, 'resources', 'calendars', 'weekdays.json'), 'utf8'));

  /** Passes inspect, is refused by import; the store is as it was, the upload gone (a retry starts over). */
  async function expectRefusedOnImport(bytes: Buffer, reason: string) {
    const core = receivingCore();
    const before = { rows: dump(core.context.store.sqlite), files: listing(core.context.dataDir) };
    const uploadId = upload(core, bytes);
    expect(await callAsync(core, 'bundle.inspect', { uploadId })).toMatchObject({ state: 'ready' });
    const error = await callAsyncErr(core, 'bundle.import', { uploadId });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', messageKey: `bundle.refused.${reason}` });
    expect(error.message).not.toMatch(/\n\s+at /);
    expect(dump(core.context.store.sqlite)).toEqual(before.rows);
    // Only the safety backup taken before the import was added.
    const after = Object.entries(listing(core.context.dataDir)).filter(([name]) => !name.startsWith('backups'));
    expect(Object.fromEntries(after)).toEqual(before.files);
    expect(await callAsyncErr(core, 'bundle.import', { uploadId })).toMatchObject({ code: 'NOT_FOUND' });
    expect(callOk(core, 'engagement.list', {})).toHaveLength(1);
    return error;
  }

  it('a checklist snapshot whose content is not its hash: refused, so no engagement here ever shows it', async () => {
    const bytes = await repack(unpacked, {
      data: (data) => {
        const snapshot = firstRow(data, 'checklist_snapshots');
        const content = JSON.parse(String(snapshot.content));
        content.sections[0].items[0].prompt.en = 'PLANTED BY BUNDLE';
        snapshot.content = JSON.stringify(content);
      },
    });
    const error = await expectRefusedUntouched(bytes, 'contentMismatch');
    expect(error.details?.[0]).toMatch(/^checklist_snapshots: /);
  });

  it('a catalog snapshot whose content is not a catalog or not its hash', async () => {
    for (const content of ['not json', '{"id":"x"}']) {
      const bytes = await repack(unpacked, {
        data: (data) => {
          firstRow(data, 'catalog_snapshots').content = content;
        },
      });
      const error = await expectRefusedUntouched(bytes, 'contentMismatch');
      expect(error.details?.[0]).toMatch(/^catalog_snapshots: /);
    }
  });

  it('an evidence file row whose size or media type is not its bytes, or whose file is nowhere', async () => {
    const changes: ((row: Record<string, unknown>) => void)[] = [
      (row) => {
        row.size = Number(row.size) + 1;
      },
      (row) => {
        row.media_type = row.media_type === 'text/plain' ? 'image/png' : 'text/plain';
      },
    ];
    for (const change of changes) {
      const bytes = await repack(unpacked, { data: (data) => change(firstRow(data, 'evidence_files')) });
      await expectRefusedUntouched(bytes, 'evidenceMismatch');
    }
    const missing = await repack(unpacked, {
      data: (data) => {
        const row = firstRow(data, 'evidence_files');
        data.get('evidence_files')?.push({ ...row, sha256: '1'.repeat(64), thumbnail: null });
        const link = firstRow(data, 'evidence_links');
        data
          .get('evidence_links')
          ?.push({ ...link, id: '0190f0e0-0000-7000-8000-0000000000e1', file_sha256: '1'.repeat(64) });
      },
    });
    const error = await expectRefusedUntouched(missing, 'evidenceMismatch');
    expect(error.details).toEqual([`evidence_files: ${'1'.repeat(64)}`]);
  });

  it('never overwrites an evidence file row already here', async () => {
    const core = startTestCore({ dataDir: tempDataDir() });
    await callAsync(core, 'bundle.import', { uploadId: upload(core, source.plain) });
    const sqlite = core.context.store.sqlite;
    const files = () => sqlite.prepare('SELECT * FROM evidence_files ORDER BY sha256').all();
    const before = files();
    const bytes = await repack(unpacked, {
      data: (data) => {
        for (const row of data.get('evidence_files') ?? []) row.file_name = 'renamed-by-bundle.png';
      },
    });
    await callAsync(core, 'bundle.import', { uploadId: upload(core, bytes), onExisting: 'keep-both' });
    expect(files()).toEqual(before);
  });

  it('a firm calendar that is not a calendar, or not of its id', async () => {
    for (const content of ['not json', { ...weekdays(), id: 'another-id' }]) {
      const bytes = await repack(unpacked, {
        data: (data) => onCalendar(data, calendarRow('firm-calendar', content)),
      });
      await expectRefusedUntouched(bytes, 'badCalendar');
    }
  });

  it("a content row the engagement does not use (a calendar that would join the firm's list)", async () => {
    const bytes = await repack(unpacked, {
      data: (data) => data.set('firm_calendars', [calendarRow('extra', { ...weekdays(), id: 'extra' })]),
    });
    const error = await expectRefusedUntouched(bytes, 'badRows');
    expect(error.details).toEqual(['firm_calendars: extra']);
  });

  it("never imports over a shipped calendar or the firm's own: the receiver's stays", async () => {
    const core = receivingCore();
    callOk(core, 'calendar.save', {
      calendar: { ...weekdays(), id: 'firm-week', name: { en: 'Ours', 'zh-CN': '我们的' } },
    });
    const theirs = (id: string) => calendarRow(id, { ...weekdays(), id, name: { en: 'Theirs', 'zh-CN': '他们的' } });
    for (const calendarId of ['weekdays', 'firm-week']) {
      const bytes = await repack(unpacked, { data: (data) => onCalendar(data, theirs(calendarId)) });
      await callAsync(core, 'bundle.import', { uploadId: upload(core, bytes), onExisting: 'keep-both' });
    }
    expect(callOk(core, 'calendar.get', { calendarId: 'weekdays' }).name.en).toBe(weekdays().name.en);
    expect(callOk(core, 'calendar.get', { calendarId: 'firm-week' }).name.en).toBe('Ours');
    expect(callOk(core, 'calendar.list', {}).find((c) => c.calendarId === 'weekdays')?.origin).toBe('builtin');
  });

  it('lists the calendars even when a stored firm calendar row is not one (skipped, logged)', () => {
    const core = receivingCore();
    core.context.store.sqlite
      .prepare(
        'INSERT INTO firm_calendars (id, created_at, updated_at, updated_by, device_id, deleted_at, calendar_id, content) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)',
      )
      .run('0190f0e0-0000-7000-8000-0000000000c3', 'x', 'x', 'x', 'x', 'broken', 'not json');
    const ids = callOk(core, 'calendar.list', {}).map((c) => c.calendarId);
    expect(ids).toContain('weekdays');
    expect(ids).not.toContain('broken');
  });

  it('rows of the right types that no reader accepts: refused naming the reader, nothing written', async () => {
    // The reader that fails first: the engagement itself for a status, the plan (its days) for a time.
    const cases: [string, (engagement: Record<string, unknown>) => void][] = [
      [
        'engagement.get',
        (e) => {
          e.status = 'bogus';
        },
      ],
      [
        'plan.get',
        (e) => {
          e.event_start_utc = 'not a time';
        },
      ],
    ];
    for (const [reader, change] of cases) {
      const bytes = await repack(unpacked, { data: (data) => change(firstRow(data, 'engagements')) });
      const error = await expectRefusedOnImport(bytes, 'unreadableEngagement');
      expect(error.details?.[0]).toBe(reader);
      expect(error.message).toContain(reader);
    }
  });

  it('reads a removed checklist back without starting it again', async () => {
    const bytes = await repack(unpacked, {
      data: (data) => {
        firstRow(data, 'engagement_checklists').deleted_at = '2026-11-10T14:00:00.000Z';
      },
    });
    const core = startTestCore({ dataDir: tempDataDir() });
    await callAsync(core, 'bundle.import', { uploadId: upload(core, bytes) });
    const checklists = engagementRows(core, source.engagementId).get('engagement_checklists') ?? [];
    expect(checklists.map((c) => c.deleted_at)).toEqual(['2026-11-10T14:00:00.000Z']);
  });

  it('a document sequence beyond any real one', async () => {
    const bytes = await repack(unpacked, {
      data: (data) => {
        firstRow(data, 'document_numbers').seq = 1e9;
      },
    });
    await expectRefusedUntouched(bytes, 'badRows');
  });

  it('a required value left empty is its own reason, not an id clash', async () => {
    const bytes = await repack(unpacked, {
      data: (data) => {
        firstRow(data, 'engagement_plans').tasks_basis = null;
      },
    });
    await expectRefusedOnImport(bytes, 'badReference');
  });

  it('a well-named file none of its rows use', async () => {
    const stray = Buffer.from('a file nobody links');
    const bytes = await repack(unpacked, { files: [{ name: `files/evidence/${sha256(stray)}`, data: stray }] });
    const error = await expectRefusedUntouched(bytes, 'orphanFile');
    expect(error.details).toEqual([`files/evidence/${sha256(stray)}`]);
  });

  it("shows the names the rows hold, not the manifest's", async () => {
    const bytes = await repack(unpacked, {
      manifest: { engagement: { ...(unpacked.manifest.engagement as object), name: 'Harmless', customer: 'Friend' } },
    });
    const core = receivingCore();
    const inspection = await callAsync(core, 'bundle.inspect', { uploadId: upload(core, bytes) });
    expect(inspection).toMatchObject({
      state: 'ready',
      summary: { eventName: "Singles' Day 2026", customerOrg: 'Acme Retail Co.' },
    });
  });
});

describe('staging left by a run that stopped', () => {
  it('removes decrypted or half-written bundle files at start-up', () => {
    const dataDir = tempDataDir();
    startTestCore({ dataDir });
    closeTestCores();
    const tmp = join(dataDir, 'tmp');
    mkdirSync(tmp, { recursive: true });
    const leftovers = [
      '.bundle-upload-0190f0e0-0000-7000-8000-000000000010.zip.6b1c.partial',
      '.bundle-export-0190f0e0-0000-7000-8000-000000000011.plain.7d2e.partial',
      'bundle-upload-0190f0e0-0000-7000-8000-000000000012.zip',
    ];
    for (const name of leftovers) writeFileSync(join(tmp, name), 'engagement data in the clear');
    writeFileSync(join(tmp, 'someone-elses-file'), 'kept');
    startTestCore({ dataDir });
    expect(readdirSync(tmp)).toEqual(['someone-elses-file']);
  });
});
