import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callOk, closeTestCores, REPO_ROOT, startTestCore } from '../fixtures/core';
import { removeTempDataDirs, tempDataDir } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});

const KILLS = 50;
const TEMPLATE = 'security-evaluation';
const WRITER_SOURCE = resolve(REPO_ROOT, 'test', 'durability', 'writer.ts');
// Inside node_modules so the bundle resolves the same packages (better-sqlite3, drizzle) as the repo.
const WRITER = resolve(REPO_ROOT, 'node_modules', '.cache', 'vigil-durability', 'writer.mjs');

// One bundle instead of tsx per start: tsx compiles the core on every one of the restarts, which
// costs seconds each on this machine. Bundling the pure-JS packages too halves the load time again
// (the router pulls in pdfmake, docx, echarts); native modules stay outside and load from the repo.
beforeAll(async () => {
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
});

const ackSchema = z.object({
  itemId: z.string(),
  note: z.string(),
  value: z.object({ kind: z.string(), value: z.string() }),
});
type Ack = z.infer<typeof ackSchema>;

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

describe('crash durability', () => {
  it(`keeps every acknowledged answer and an intact store across ${KILLS} SIGKILLs`, async () => {
    const dataDir = tempDataDir();
    const setupCore = startTestCore({ dataDir });
    const engagement = callOk(setupCore, 'engagement.create', engagementFields());
    const view = callOk(setupCore, 'checklist.view', { engagementId: engagement.id, templateId: TEMPLATE });
    const itemIds = view.template.sections
      .flatMap((section) => section.items)
      .filter((item) => item.answerType === 'yesNo')
      .map((item) => item.id);
    expect(itemIds.length).toBeGreaterThan(0);
    closeTestCores();

    const acknowledged: Ack[] = [];
    for (let run = 0; run < KILLS; run++) {
      acknowledged.push(...(await writeUntilKilled([dataDir, engagement.id, TEMPLATE, String(run), ...itemIds])));
    }

    const core = startTestCore({ dataDir });
    const sqlite = core.context.store.sqlite;
    const integrity = sqlite.pragma('integrity_check', { simple: true });
    const historyValue = sqlite
      .prepare('SELECT value FROM answer_history WHERE engagement_id = ? AND note = ?')
      .pluck();
    const lost = acknowledged.filter((ack) => {
      const stored = historyValue.get(engagement.id, ack.note);
      return typeof stored !== 'string' || JSON.stringify(JSON.parse(stored)) !== JSON.stringify(ack.value);
    });
    // The current answer of each item is its last acknowledged write or a later one that committed
    // just before a kill (notes are run:seq, so later means a higher run, or the same run and a higher seq).
    const later = (a: string, b: string) => {
      const [runA = -1, seqA = -1] = a.split(':').map(Number);
      const [runB = -1, seqB = -1] = b.split(':').map(Number);
      return runA > runB || (runA === runB && seqA >= seqB);
    };
    const current = callOk(core, 'checklist.view', { engagementId: engagement.id, templateId: TEMPLATE }).answers;
    const lastAck = new Map(acknowledged.map((ack) => [ack.itemId, ack]));
    const stale = [...lastAck.values()].filter((ack) => {
      const answer = current.find((a) => a.itemId === ack.itemId);
      return !answer || !later(answer.note, ack.note);
    });

    console.log(
      `crash durability: ${KILLS} kills, ${acknowledged.length} acknowledged writes, ${lost.length} lost, integrity ${integrity}`,
    );
    expect(acknowledged.length).toBeGreaterThan(KILLS);
    expect(lost).toEqual([]);
    expect(stale).toEqual([]);
    expect(integrity).toBe('ok');
  }, 120_000);
});
