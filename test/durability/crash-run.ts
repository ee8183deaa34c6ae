/**
 * The crash durability run shared by the test (50 kills, test/db/crash-durability.test.ts) and the
 * bench (200 kills, `npm run bench -- durability`): a child process answers checklist items through
 * the router and prints each acknowledged write (test/durability/writer.ts); the parent kills it
 * with SIGKILL at random moments and restarts it, then checks every acknowledged answer is stored,
 * each item's current answer is its last acknowledged one or later, and integrity_check is ok.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { z } from 'zod';
import type { Core } from '../../electron/core/index';
import { callOk } from '../fixtures/core';
import { engagementFields } from '../fixtures/engagement';

export const DURABILITY_TEMPLATE = 'security-evaluation';

const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
const WRITER_SOURCE = resolve(REPO_ROOT, 'test', 'durability', 'writer.ts');
// Inside node_modules so the bundle resolves the same packages (better-sqlite3, drizzle) as the repo.
const WRITER = resolve(REPO_ROOT, 'node_modules', '.cache', 'vigil-durability', 'writer.mjs');

/**
 * One bundle instead of tsx per start: tsx compiles the core on every one of the restarts, which
 * costs seconds each on this machine. Bundling the pure-JS packages too halves the load time again
 * (the router pulls in pdfmake, docx, echarts); native modules stay outside and load from the repo.
 */
export async function bundleWriter(): Promise<void> {
  await build({
    entryPoints: [WRITER_SOURCE],
    outfile: WRITER,
    bundle: true,
    platform: 'node',
    format: 'esm',
    external: ['better-sqlite3', 'sharp', '@resvg/resvg-js'],
    // Bundled CommonJS packages call require, which an ES module lacks unless it makes one.
    banner: {
      js: "import { createRequire as createBundleRequire } from 'node:module'; const require = createBundleRequire(import.meta.url);",
    },
    alias: { '@shared': resolve(REPO_ROOT, 'shared') },
    logLevel: 'warning',
  });
}

const ackSchema = z.object({
  itemId: z.string(),
  note: z.string(),
  value: z.object({ kind: z.string(), value: z.string() }),
});
export type Ack = z.infer<typeof ackSchema>;

/**
 * Starts the writer, lets it write for a random 20–200 ms after its first acknowledged answer, then
 * kills it with SIGKILL; resolves with every write it acknowledged before dying.
 */
function writeUntilKilled(args: string[]): Promise<Ack[]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [WRITER, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: Ack[] = [];
    let stderr = '';
    let killTimer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('ack ')) return;
      acks.push(ackSchema.parse(JSON.parse(line.slice(4))));
      killTimer ??= setTimeout(() => child.kill('SIGKILL'), 20 + Math.floor(Math.random() * 181));
    });
    child.on('error', fail);
    // 'close' comes after stdout is drained, so every ack the writer printed before dying is counted.
    child.on('close', (code, signal) => {
      clearTimeout(killTimer);
      if (signal === 'SIGKILL') done(acks);
      else fail(new Error(`writer ended without being killed (${code ?? signal}): ${stderr}`));
    });
  });
}

/** Notes are `run:seq`: true when note a was written at or after note b. */
function writtenAtOrAfter(a: string, b: string): boolean {
  const [runA = -1, seqA = -1] = a.split(':').map(Number);
  const [runB = -1, seqB = -1] = b.split(':').map(Number);
  return runA > runB || (runA === runB && seqA >= seqB);
}

export type CrashDurabilityReport = {
  kills: number;
  acknowledged: Ack[];
  /** Acknowledged writes missing from the answer history (goal: none). */
  lost: Ack[];
  /** Items whose current answer is older than their last acknowledged write (goal: none). */
  stale: Ack[];
  /** What `PRAGMA integrity_check` said after the last kill ('ok' when intact). */
  integrity: string;
  seconds: number;
};

/**
 * Makes an engagement in `dataDir`, runs the writer `kills` times with a SIGKILL each, and checks
 * the store. `openCore` opens the real core on the folder (the caller's fixture); the cores it
 * opens are closed here. Call `bundleWriter` once before.
 */
export async function runCrashDurability(options: {
  dataDir: string;
  kills: number;
  openCore: (dataDir: string) => Core;
}): Promise<CrashDurabilityReport> {
  const { dataDir, kills, openCore } = options;
  const started = performance.now();
  const setupCore = openCore(dataDir);
  let engagementId: string;
  let itemIds: string[];
  try {
    engagementId = callOk(setupCore, 'engagement.create', engagementFields()).id;
    itemIds = callOk(setupCore, 'checklist.view', { engagementId, templateId: DURABILITY_TEMPLATE })
      .template.sections.flatMap((section) => section.items)
      .filter((item) => item.answerType === 'yesNo')
      .map((item) => item.id);
  } finally {
    setupCore.close();
  }
  if (itemIds.length === 0) throw new Error(`template ${DURABILITY_TEMPLATE} has no yes/no item to answer`);

  const acknowledged: Ack[] = [];
  for (let run = 0; run < kills; run++) {
    acknowledged.push(
      ...(await writeUntilKilled([dataDir, engagementId, DURABILITY_TEMPLATE, String(run), ...itemIds])),
    );
  }

  const core = openCore(dataDir);
  try {
    const sqlite = core.context.store.sqlite;
    const integrity = String(sqlite.pragma('integrity_check', { simple: true }));
    const historyValue = sqlite
      .prepare('SELECT value FROM answer_history WHERE engagement_id = ? AND note = ?')
      .pluck();
    const lost = acknowledged.filter((ack) => {
      const stored = historyValue.get(engagementId, ack.note);
      return typeof stored !== 'string' || JSON.stringify(JSON.parse(stored)) !== JSON.stringify(ack.value);
    });
    // The current answer of each item is its last acknowledged write or a later one that committed
    // just before a kill.
    const current = callOk(core, 'checklist.view', { engagementId, templateId: DURABILITY_TEMPLATE }).answers;
    const lastAck = new Map(acknowledged.map((ack) => [ack.itemId, ack]));
    const stale = [...lastAck.values()].filter((ack) => {
      const answer = current.find((a) => a.itemId === ack.itemId);
      return !answer || !writtenAtOrAfter(answer.note, ack.note);
    });
    return { kills, acknowledged, lost, stale, integrity, seconds: (performance.now() - started) / 1000 };
  } finally {
    core.close();
  }
}
