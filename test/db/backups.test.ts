import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Method, MethodInput, MethodOutput } from '@shared/contract';
import { contract } from '@shared/contract';
import type { BackupInfo } from '@shared/domain/backup';
import { EMPTY_FINDING } from '@shared/domain/finding';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { newestGoodBackup, type RecoveryOffer, recoverFromBackup } from '../../electron/core/backup/recovery';
import { STORE_FILE } from '../../electron/core/db/client';
import { isFailure } from '../../electron/core/errors';
import { closeImagePool } from '../../electron/core/evidence/pool';
import type { Core } from '../../electron/core/index';
import { backUpIfDue, backupsDir, createBackup } from '../../electron/core/services/backups';
import { openCoreWithRecovery } from '../../electron/main/recovery';
import { callErr, callOk, closeTestCores, MIGRATIONS_DIR, startTestCore, steppingClock } from '../fixtures/core';
import { removeTempDataDirs, tempDataDir } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});
afterAll(() => closeImagePool());

// The contract seen per method, so a generic method indexes to its own output type.
const outputSchemas: { [K in Method]: { output: z.ZodType<MethodOutput<K>> } } = contract;

async function invokeOk<M extends Method>(core: Core, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await core.router.invokeAsync(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return outputSchemas[method].output.parse(result.value);
}

async function invokeErr<M extends Method>(core: Core, method: M, input: MethodInput<M>) {
  const result = await core.router.invokeAsync(method, input);
  if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
  return result.error;
}

const backupFiles = (core: Core) => (existsSync(backupsDir(core.context)) ? readdirSync(backupsDir(core.context)) : []);
const engagementNames = (core: Core) =>
  callOk(core, 'engagement.list', {})
    .map((e) => e.eventName)
    .sort();

async function photoBase64(colour: string): Promise<string> {
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: colour } })
    .png()
    .toBuffer();
  return png.toString('base64');
}

/** An engagement with a finding and a photo on it: rows and a file under evidence/. */
async function seed(core: Core, name = 'Double 11 readiness') {
  const engagement = callOk(core, 'engagement.create', engagementFields({ eventName: name }));
  const finding = callOk(core, 'finding.create', {
    engagementId: engagement.id,
    ...EMPTY_FINDING,
    title: 'SLB without health check',
    severity: 'high',
  });
  const link = await invokeOk(core, 'evidence.add', {
    engagementId: engagement.id,
    targetKind: 'finding',
    targetId: finding.id,
    fileName: 'console.png',
    mediaType: 'image/png',
    dataBase64: await photoBase64('#cc3300'),
  });
  return { engagement, finding, sha256: link.sha256, linkId: link.id };
}

/** Overwrites bytes in the middle of a database file's table pages, as a failing disk would. */
function damage(path: string): void {
  const size = statSync(path).size;
  const fd = openSync(path, 'r+');
  try {
    const junk = Buffer.alloc(4096, 0x5a);
    for (let offset = 4096 * 2; offset < size - 4096; offset += 4096 * 3) writeSync(fd, junk, 0, 1024, offset + 8);
  } finally {
    closeSync(fd);
  }
}

describe('a manual backup', () => {
  it('holds the store and the evidence files, passes the full check, and is offered in parts for saving', async () => {
    const core = startTestCore({ now: steppingClock() });
    const { sha256 } = await seed(core);

    const backup = await invokeOk(core, 'backup.create', {});

    const evidenceFiles = readdirSync(join(core.context.dataDir, 'evidence'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
    expect(backup).toMatchObject({ status: 'ok', reason: 'manual', engagements: 1, files: evidenceFiles.length });
    expect(callOk(core, 'backup.check', { fileName: backup.fileName }).status).toBe('ok');
    const parts: Buffer[] = [];
    for (let index = 0; ; index += 1) {
      const part = callOk(core, 'backup.chunk', { fileName: backup.fileName, index });
      parts.push(Buffer.from(part.dataBase64, 'base64'));
      if (part.last) break;
    }
    expect(Buffer.concat(parts).equals(readFileSync(join(backupsDir(core.context), backup.fileName)))).toBe(true);
    const copy = new Database(join(backupsDir(core.context), backup.fileName), { readonly: true });
    const stored = copy.prepare('SELECT path, sha256 FROM vigil_backup_files').all();
    copy.close();
    expect(stored).toHaveLength(evidenceFiles.length);
    expect(stored).toContainEqual({ path: `evidence/${sha256.slice(0, 2)}/${sha256}`, sha256 });
  });

  it('is consistent while the app keeps writing: every write lands whole or not at all', async () => {
    const core = startTestCore();
    const { engagement } = await seed(core);
    let writes = 0;
    let writing = true;
    // The backup starts first; every write below lands while it is copying.
    const backingUp = createBackup(core.context, 'manual');
    const writer = (async () => {
      while (writing) {
        callOk(core, 'finding.create', {
          engagementId: engagement.id,
          ...EMPTY_FINDING,
          title: `Finding written during the backup ${writes}`,
          severity: 'low',
        });
        writes += 1;
        await new Promise((done) => setImmediate(done));
      }
    })();
    const backup = await backingUp;
    writing = false;
    await writer;

    expect(writes).toBeGreaterThan(0);
    expect(callOk(core, 'backup.check', { fileName: backup.fileName }).status).toBe('ok');
    const copy = new Database(join(backupsDir(core.context), backup.fileName), { readonly: true });
    const integrity = copy.pragma('integrity_check', { simple: true });
    const findings = copy.prepare('SELECT count(*) FROM findings').pluck().get();
    copy.close();
    expect(integrity).toBe('ok');
    expect(findings).toBeGreaterThanOrEqual(1);
    expect(findings).toBeLessThanOrEqual(1 + writes);
  });
});

describe('a file removed while a backup copies the store', () => {
  it('stays until the backup is written, so the copy that names it also holds it', async () => {
    const core = startTestCore({ now: steppingClock() });
    const { engagement, sha256, linkId } = await seed(core);
    const photoPath = join(core.context.dataDir, 'evidence', sha256.slice(0, 2), sha256);

    const backingUp = createBackup(core.context, 'manual');
    const removed = callOk(core, 'evidence.remove', { engagementId: engagement.id, linkId });
    const heldDuringBackup = existsSync(photoPath);
    const backup = await backingUp;

    expect(removed.fileRemoved).toBe(true);
    expect(heldDuringBackup).toBe(true);
    expect(existsSync(photoPath)).toBe(false);
    expect(callOk(core, 'backup.check', { fileName: backup.fileName }).status).toBe('ok');
    const copy = new Database(join(backupsDir(core.context), backup.fileName), { readonly: true });
    const paths = copy.prepare('SELECT path FROM vigil_backup_files').pluck().all();
    copy.close();
    expect(paths).toContain(`evidence/${sha256.slice(0, 2)}/${sha256}`);
  });
});

describe('restoring a backup', () => {
  it('brings back the data and files as they were, after keeping the current store as a backup', async () => {
    const core = startTestCore({ now: steppingClock() });
    const { sha256 } = await seed(core, 'Before');
    const backup = await invokeOk(core, 'backup.create', {});
    callOk(core, 'engagement.create', engagementFields({ eventName: 'Made after the backup' }));
    // The photo's file is lost from the data folder; the backup still has it.
    const photoPath = join(core.context.dataDir, 'evidence', sha256.slice(0, 2), sha256);
    const photoBytes = readFileSync(photoPath);
    copyFileSync(join(core.context.dataDir, STORE_FILE), join(core.context.dataDir, 'unused-copy.db'));

    const result = await invokeOk(core, 'backup.restore', { fileName: backup.fileName });

    expect(engagementNames(core)).toEqual(['Before']);
    expect(readFileSync(photoPath).equals(photoBytes)).toBe(true);
    expect(result.safetyBackup).toMatchObject({ reason: 'before-restore', engagements: 2, status: 'ok' });
    expect(core.context.store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');

    // The safety copy undoes the restore.
    await invokeOk(core, 'backup.restore', { fileName: result.safetyBackup.fileName });
    expect(engagementNames(core)).toEqual(['Before', 'Made after the backup']);
  });

  it('refuses a damaged backup and leaves the store as it was', async () => {
    const core = startTestCore({ now: steppingClock() });
    await seed(core);
    const good = await invokeOk(core, 'backup.create', {});
    for (let i = 0; i < 40; i += 1) callOk(core, 'engagement.create', engagementFields({ eventName: `Filler ${i}` }));
    const broken = await invokeOk(core, 'backup.create', {});
    damage(join(backupsDir(core.context), broken.fileName));
    const before = engagementNames(core);

    const error = await invokeErr(core, 'backup.restore', { fileName: broken.fileName });

    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'fileName', messageKey: 'backup.error.damaged' });
    expect(error.message).toContain(broken.fileName);
    expect(engagementNames(core)).toEqual(before);
    expect(backupFiles(core).some((name) => name.includes('before-restore'))).toBe(false);
    expect(callOk(core, 'backup.check', { fileName: good.fileName }).status).toBe('ok');
  });

  it('refuses a backup made by a newer Vigil, untouched', async () => {
    const core = startTestCore({ now: steppingClock() });
    await seed(core);
    const backup = await invokeOk(core, 'backup.create', {});
    const path = join(backupsDir(core.context), backup.fileName);
    const file = new Database(path);
    file.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('f'.repeat(64), Date.now());
    file.close();
    const bytes = readFileSync(path);

    const error = await invokeErr(core, 'backup.restore', { fileName: backup.fileName });

    expect(error).toMatchObject({ code: 'INVALID_INPUT', messageKey: 'backup.error.newer' });
    expect(error.message).toMatch(/newer version of Vigil/);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('refuses names that are not backups, so no path reaches the file system', async () => {
    const core = startTestCore();
    for (const fileName of [
      '../vigil.db',
      'vigil.db',
      '/etc/passwd',
      'vigil-2026-01-01T00-00-00Z-daily.vigilbackup/../../x',
    ]) {
      expect(await invokeErr(core, 'backup.restore', { fileName })).toMatchObject({ code: 'INVALID_INPUT' });
      expect(callErr(core, 'backup.check', { fileName })).toMatchObject({ code: 'INVALID_INPUT' });
    }
  });
});

describe('rolling backups', () => {
  it('keep the configured number of daily and on-quit backups, never removing manual ones', async () => {
    const core = startTestCore({ now: steppingClock('2026-11-01T08:00:00.000Z', 60_000) });
    await seed(core);
    callOk(core, 'settings.update', { backupsKept: 3 });
    const manual = await createBackup(core.context, 'manual');
    const daily: BackupInfo[] = [];
    for (let i = 0; i < 5; i += 1) daily.push(await createBackup(core.context, 'daily'));

    const listed = callOk(core, 'backup.list', {});
    expect(listed.map((b) => b.fileName)).toEqual([
      daily[4]?.fileName,
      daily[3]?.fileName,
      daily[2]?.fileName,
      manual.fileName,
    ]);
    expect(callErr(core, 'settings.update', { backupsKept: 0 })).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('take the daily backup only when the newest rolling one is a day old', async () => {
    let now = Date.parse('2026-11-01T08:00:00.000Z');
    const core = startTestCore({ now: () => new Date(now).toISOString() });
    await seed(core);

    expect((await backUpIfDue(core.context))?.reason).toBe('daily');
    now += 23 * 3600_000;
    expect(await backUpIfDue(core.context)).toBeNull();
    now += 2 * 3600_000;
    expect((await backUpIfDue(core.context))?.reason).toBe('daily');
  });

  it('take one on quit when the app runs with rolling backups', async () => {
    const dataDir = tempDataDir();
    const core = startTestCore({ dataDir, rollingBackups: true });
    await seed(core);

    await core.closeWithBackup();

    const names = readdirSync(join(dataDir, 'backups'));
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/-quit\.vigilbackup$/);
  });
});

describe('starting with a damaged store', () => {
  it('is refused with STORE_DAMAGED, and the newest good backup is offered and restored, keeping the damaged file', async () => {
    const dataDir = tempDataDir();
    const core = startTestCore({ dataDir, now: steppingClock('2026-11-01T08:00:00.000Z') });
    await seed(core, 'Kept by the backup');
    for (let i = 0; i < 60; i += 1) callOk(core, 'engagement.create', engagementFields({ eventName: `Filler ${i}` }));
    const good = await createBackup(core.context, 'daily');
    const newerButBroken = await createBackup(core.context, 'quit');
    damage(join(backupsDir(core.context), newerButBroken.fileName));
    closeTestCores();
    damage(join(dataDir, STORE_FILE));
    const damagedBytes = readFileSync(join(dataDir, STORE_FILE));

    let refusal: unknown;
    try {
      startTestCore({ dataDir });
    } catch (error) {
      refusal = error;
    }
    expect(isFailure(refusal) && refusal.appError.code).toBe('STORE_DAMAGED');
    expect(readFileSync(join(dataDir, STORE_FILE)).equals(damagedBytes)).toBe(true);

    const offer = newestGoodBackup(dataDir, MIGRATIONS_DIR);
    expect(offer?.backup.fileName).toBe(good.fileName);
    if (!offer) return;
    const recovered = recoverFromBackup(dataDir, offer, '2026-11-02T09:00:00.000Z');

    expect(readFileSync(recovered.displacedAs).equals(damagedBytes)).toBe(true);
    const reopened = startTestCore({ dataDir });
    expect(engagementNames(reopened)).toContain('Kept by the backup');
    expect(engagementNames(reopened)).toHaveLength(61);
  });

  it('offers nothing when there is no backup', () => {
    expect(newestGoodBackup(tempDataDir(), MIGRATIONS_DIR)).toBeNull();
  });
});

describe('opening the app on a damaged store', () => {
  async function damagedStoreWithBackup() {
    const dataDir = tempDataDir();
    const core = startTestCore({ dataDir, now: steppingClock('2026-11-01T08:00:00.000Z') });
    await seed(core, 'In the backup');
    for (let i = 0; i < 60; i += 1) callOk(core, 'engagement.create', engagementFields({ eventName: `Filler ${i}` }));
    await createBackup(core.context, 'daily');
    closeTestCores();
    damage(join(dataDir, STORE_FILE));
    return dataDir;
  }
  const deps = (dataDir: string, answer: boolean, asked: string[]) => ({
    dataDir,
    migrationsDir: MIGRATIONS_DIR,
    now: () => '2026-11-02T09:00:00.000Z',
    ask: (offer: RecoveryOffer) => {
      asked.push(offer.backup.fileName);
      return answer;
    },
    log: () => {},
  });

  it('restores the offered backup when the consultant agrees, and opens', async () => {
    const dataDir = await damagedStoreWithBackup();
    const asked: string[] = [];

    const core = openCoreWithRecovery(() => startTestCore({ dataDir }), deps(dataDir, true, asked));

    expect(asked).toHaveLength(1);
    expect(engagementNames(core)).toContain('In the backup');
    expect(readdirSync(dataDir).some((name) => /^vigil-damaged-.*\.db$/.test(name))).toBe(true);
  });

  it('leaves everything as it was and reports the damage when the consultant declines', async () => {
    const dataDir = await damagedStoreWithBackup();
    const damagedBytes = readFileSync(join(dataDir, STORE_FILE));

    let refusal: unknown;
    try {
      openCoreWithRecovery(() => startTestCore({ dataDir }), deps(dataDir, false, []));
    } catch (error) {
      refusal = error;
    }

    expect(isFailure(refusal) && refusal.appError.code).toBe('STORE_DAMAGED');
    expect(readFileSync(join(dataDir, STORE_FILE)).equals(damagedBytes)).toBe(true);
    expect(readdirSync(dataDir).some((name) => name.startsWith('vigil-damaged-'))).toBe(false);
  });
});

describe('a backup file from elsewhere', () => {
  function upload(core: Core, fileName: string, bytes: Buffer): string {
    const { uploadId, chunkBytes } = callOk(core, 'backup.uploadBegin', { fileName, bytes: bytes.byteLength });
    for (let index = 0, offset = 0; offset < bytes.byteLength; index += 1, offset += chunkBytes) {
      callOk(core, 'backup.uploadChunk', {
        uploadId,
        index,
        dataBase64: bytes.subarray(offset, offset + chunkBytes).toString('base64'),
      });
    }
    return uploadId;
  }

  it('is checked in full, listed under its own name, and can then be restored on another laptop', async () => {
    const source = startTestCore({ now: steppingClock() });
    await seed(source, 'From the old laptop');
    const made = await createBackup(source.context, 'manual');
    const bytes = readFileSync(join(backupsDir(source.context), made.fileName));
    const target = startTestCore();

    const added = callOk(target, 'backup.add', { uploadId: upload(target, made.fileName, bytes) });

    expect(added).toMatchObject({ status: 'ok', reason: 'imported', engagements: 1 });
    expect(added.fileName).toMatch(/-imported\.vigilbackup$/);
    await invokeOk(target, 'backup.restore', { fileName: added.fileName });
    expect(engagementNames(target)).toEqual(['From the old laptop']);
  });

  it('is refused by name when it is not a backup, and nothing is kept', () => {
    const core = startTestCore();
    const notes = Buffer.from('not a database, just notes '.repeat(100));

    const error = callErr(core, 'backup.add', { uploadId: upload(core, 'notes.vigilbackup', notes) });

    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'file', messageKey: 'backup.error.notABackup' });
    expect(error.message).toMatch(/^notes\.vigilbackup cannot be used as a backup/);
    expect(backupFiles(core)).toEqual([]);
    expect(readdirSync(join(core.context.dataDir, 'tmp'))).toEqual([]);
  });
});

describe('a backup that was not written by Vigil', () => {
  async function madeBackup(core: Core): Promise<string> {
    await seed(core);
    const backup = await createBackup(core.context, 'manual');
    return join(backupsDir(core.context), backup.fileName);
  }
  const tamper = (path: string, sql: string) => {
    const file = new Database(path);
    file.exec(sql);
    file.close();
  };
  const cases: [string, string, RegExp][] = [
    [
      'a trigger of its own',
      'CREATE TRIGGER sneaky AFTER INSERT ON engagements BEGIN DELETE FROM findings; END;',
      /schema is not one Vigil makes \(trigger sneaky\)/,
    ],
    [
      'a file outside the folders Vigil keeps',
      "UPDATE vigil_backup_files SET path = 'evidence/../../escaped' WHERE rowid = 1",
      /names a file Vigil does not keep/,
    ],
    [
      'a file whose name is not its hash',
      "UPDATE vigil_backup_files SET path = 'loadtests/' || substr('0000000000000000000000000000000000000000000000000000000000000000', 1, 64) WHERE rowid = 1; UPDATE vigil_backup_chunks SET path = 'loadtests/' || substr('0000000000000000000000000000000000000000000000000000000000000000', 1, 64) WHERE rowid = 1",
      /does not match its checksum/,
    ],
    [
      'a time that is a path',
      `UPDATE vigil_backup_meta SET value = '"x/../../../escaped"' WHERE key = 'createdAt'`,
      /not a Vigil backup/,
    ],
    [
      'a view where a table belongs',
      'DROP TABLE __drizzle_migrations; CREATE VIEW __drizzle_migrations AS SELECT 1 AS id, 2 AS hash',
      /not a Vigil backup/,
    ],
  ];
  for (const [attack, sql, problem] of cases) {
    it(`is refused when it holds ${attack}, and nothing changes`, async () => {
      const core = startTestCore({ now: steppingClock() });
      const path = await madeBackup(core);
      tamper(path, sql);
      const fileName = path.split('/').pop() ?? '';
      const before = engagementNames(core);

      const checked = callOk(core, 'backup.check', { fileName });
      const error = await invokeErr(core, 'backup.restore', { fileName });

      expect(checked.status).toBe('damaged');
      expect(checked.problem).toMatch(problem);
      expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'fileName' });
      expect(engagementNames(core)).toEqual(before);
      expect(readdirSync(join(core.context.dataDir, '..')).some((name) => name.includes('escaped'))).toBe(false);
    });
  }
});

describe('restoring, more', () => {
  it('keeps the backup being restored even when the safety copy would prune its group', async () => {
    const core = startTestCore({ now: steppingClock('2026-11-01T08:00:00.000Z', 60_000) });
    await seed(core);
    callOk(core, 'settings.update', { backupsKept: 1 });
    const first = await createBackup(core.context, 'before-replace');
    callOk(core, 'engagement.create', engagementFields({ eventName: 'Later' }));

    await invokeOk(core, 'backup.restore', { fileName: first.fileName });

    expect(engagementNames(core)).not.toContain('Later');
    expect(backupFiles(core)).toContain(first.fileName);
  });

  it('refuses every other call while the store is being swapped, so no write is lost', async () => {
    const core = startTestCore({ now: steppingClock() });
    await seed(core);
    const backup = await createBackup(core.context, 'manual');

    const restoring = core.router.invokeAsync('backup.restore', { fileName: backup.fileName });
    const during = core.router.invoke('engagement.create', engagementFields({ eventName: 'Typed during the restore' }));
    await restoring;

    expect(during).toMatchObject({ ok: false, error: { code: 'CONFLICT', messageKey: 'backup.error.restoring' } });
    expect(callOk(core, 'engagement.create', engagementFields({ eventName: 'After' })).eventName).toBe('After');
  });

  it('stores a file larger than one part in parts and restores it byte for byte', async () => {
    const core = startTestCore({ now: steppingClock() });
    await seed(core);
    const big = Buffer.alloc(20 * 1024 * 1024 + 17);
    for (let i = 0; i < big.length; i += 4096) big[i] = i % 251;
    const sha = createHash('sha256').update(big).digest('hex');
    mkdirSync(join(core.context.dataDir, 'loadtests'), { recursive: true });
    writeFileSync(join(core.context.dataDir, 'loadtests', sha), big);
    const backup = await createBackup(core.context, 'manual');
    rmSync(join(core.context.dataDir, 'loadtests', sha));

    await invokeOk(core, 'backup.restore', { fileName: backup.fileName });

    expect(readFileSync(join(core.context.dataDir, 'loadtests', sha)).equals(big)).toBe(true);
    const copy = new Database(join(backupsDir(core.context), backup.fileName), { readonly: true });
    const parts = copy
      .prepare('SELECT count(*) FROM vigil_backup_chunks WHERE path = ?')
      .pluck()
      .get(`loadtests/${sha}`);
    copy.close();
    expect(parts).toBe(3);
  });
});
