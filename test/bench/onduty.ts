/**
 * On duty (issue 9): a war-room log entry persisted through the router (WAL, synchronous=FULL,
 * so every append is fsynced) against a raw prepared insert with the same pragmas; and the
 * `log.list` call that feeds the log panel, over 10,000 entries, against a raw select of them.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { STORE_FILE } from '../../electron/core/db/client';
import { type Core, startCore } from '../../electron/core/index';
import { MIGRATIONS_DIR, RESOURCES_DIR } from '../fixtures/core';
import { engagementFields } from '../fixtures/engagement';

export type OnDutyStats = { p50: number; p99: number; runs: number };
export type OnDutyRow = {
  measure: string;
  vigil: OnDutyStats;
  raw: OnDutyStats;
  goal: string;
  judged: { on: 'p50' | 'p99'; limitMs: number };
};

const APPENDS = 2_000;
const APPEND_WARMUP = 200;
const LOG_SIZE = 10_000;
const LIST_RUNS = 30;
const LIST_WARMUP = 3;

export function stats(samples: number[]): OnDutyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1] ?? Number.NaN;
  return { p50: at(50), p99: at(99), runs: samples.length };
}

function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`bench sanity check failed: ${message}`);
}

function openCore(dataDir: string): Core {
  return startCore({
    dataDir,
    migrationsDir: MIGRATIONS_DIR,
    resourcesDir: RESOURCES_DIR,
    version: 'bench',
    transport: 'harness',
  });
}

const RAW_INSERT = `INSERT INTO log_entries (id, created_at, updated_at, updated_by, device_id, deleted_at, engagement_id,
  kind, text, occurred_at, late, author, incident_id, checkpoint_id, revision_of)
  VALUES (?, ?, ?, 'bench', 'bench', NULL, ?, ?, ?, ?, 0, 'bench', NULL, NULL, NULL)`;

/** A raw store with Vigil's schema and pragmas: the baseline writes the same row, minus checks. */
function rawStore(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(`CREATE TABLE log_entries (id text PRIMARY KEY NOT NULL, created_at text NOT NULL, updated_at text NOT NULL,
    updated_by text NOT NULL, device_id text NOT NULL, deleted_at text, engagement_id text NOT NULL, kind text NOT NULL,
    text text NOT NULL, occurred_at text NOT NULL, late integer NOT NULL, author text NOT NULL, incident_id text,
    checkpoint_id text, revision_of text);
    CREATE INDEX log_entries_engagement_idx ON log_entries (engagement_id, occurred_at);
    CREATE INDEX log_entries_revision_idx ON log_entries (revision_of);`);
  return db;
}

function benchAppend(root: string): OnDutyRow {
  const core = openCore(join(root, 'onduty-append'));
  const raw = rawStore(join(root, 'onduty-append-raw.db'));
  try {
    const created = core.router.invoke('engagement.create', engagementFields());
    check(created.ok, 'engagement for the log');
    const engagementId = created.ok ? (created.value as { id: string }).id : '';
    const insert = raw.prepare(RAW_INSERT);
    const vigil: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < APPEND_WARMUP + APPENDS; i += 1) {
      const text = `Entry ${i}: order-svc p99 at 180 ms, 流量正常`;
      const appendVigil = () => {
        const start = process.hrtime.bigint();
        const result = core.router.invoke('log.append', { engagementId, kind: 'observation', text });
        const ms = elapsedMs(start);
        check(result.ok, `log.append ${i}`);
        return ms;
      };
      const appendRaw = () => {
        const start = process.hrtime.bigint();
        const now = new Date().toISOString();
        insert.run(randomUUID(), now, now, engagementId, 'observation', text, now);
        return elapsedMs(start);
      };
      // Interleaved, each side first in turn, so disk noise hits both.
      let v: number;
      let r: number;
      if (i % 2 === 0) {
        v = appendVigil();
        r = appendRaw();
      } else {
        r = appendRaw();
        v = appendVigil();
      }
      if (i >= APPEND_WARMUP) {
        vigil.push(v);
        baseline.push(r);
      }
    }
    return {
      measure: 'War-room log entry persisted (log.append, fsynced)',
      vigil: stats(vigil),
      raw: stats(baseline),
      goal: 'p99 ≤ 2 ms',
      judged: { on: 'p99', limitMs: 2 },
    };
  } finally {
    core.close();
    raw.close();
  }
}

function benchList(root: string): OnDutyRow {
  const dataDir = join(root, 'onduty-list');
  const core = openCore(dataDir);
  const created = core.router.invoke('engagement.create', engagementFields());
  check(created.ok, 'engagement for the log');
  const engagementId = created.ok ? (created.value as { id: string }).id : '';
  const sqlite = core.context.store.sqlite;
  const insert = sqlite.prepare(RAW_INSERT);
  const start = Date.parse('2026-11-10T12:00:00Z');
  const kinds = ['observation', 'decision', 'action', 'checkpoint', 'incidentUpdate', 'handover'];
  sqlite.transaction(() => {
    for (let i = 0; i < LOG_SIZE; i += 1) {
      const at = new Date(start + i * 5000).toISOString();
      insert.run(core.context.newId(), at, at, engagementId, kinds[i % kinds.length], `Entry ${i} 流量正常`, at);
    }
  })();
  // A tenth of the entries revised once: the list folds them to their latest text.
  const ids = sqlite
    .prepare<[string], { id: string }>('SELECT id FROM log_entries WHERE engagement_id = ? LIMIT 1000')
    .all(engagementId);
  for (const { id } of ids.slice(0, LOG_SIZE / 10)) {
    const revised = core.router.invoke('log.revise', { engagementId, id, text: 'Revised text' });
    check(revised.ok, 'log.revise');
  }
  const raw = new Database(join(dataDir, STORE_FILE), { readonly: true });
  const rawSelect = raw.prepare(
    `SELECT * FROM log_entries WHERE engagement_id = ? AND revision_of IS NULL AND deleted_at IS NULL
     ORDER BY occurred_at DESC, id DESC LIMIT ${LOG_SIZE}`,
  );
  try {
    const vigil: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < LIST_WARMUP + LIST_RUNS; i += 1) {
      let t = process.hrtime.bigint();
      const result = core.router.invoke('log.list', { engagementId, limit: LOG_SIZE });
      const v = elapsedMs(t);
      check(
        result.ok && (result.value as { entries: unknown[] }).entries.length === LOG_SIZE,
        'log.list returns 10,000 entries',
      );
      t = process.hrtime.bigint();
      const rows = rawSelect.all(engagementId);
      const r = elapsedMs(t);
      check(rows.length === LOG_SIZE, 'raw select returns 10,000 rows');
      if (i >= LIST_WARMUP) {
        vigil.push(v);
        baseline.push(r);
      }
    }
    return {
      measure: 'War-room log listed, 10,000 entries (log.list)',
      vigil: stats(vigil),
      raw: stats(baseline),
      goal: 'p99 ≤ 100 ms',
      judged: { on: 'p99', limitMs: 100 },
    };
  } finally {
    raw.close();
    core.close();
  }
}

export function benchOnDuty(root: string, notes: string[]): OnDutyRow[] {
  const rows = [benchAppend(root), benchList(root)];
  notes.push(
    'War-room log: raw append = one prepared INSERT with the same pragmas (no engagement or war-room check, no zod, no router); raw list = one SELECT of the first rows, without folding revisions to their latest text.',
  );
  return rows;
}
