/**
 * Deliverable export on fixture L (500 answers, 150 findings, 100 photos): the long-lived export
 * worker against LibreOffice headless converting the same DOCX to PDF, DOCX in the worker against
 * DOCX on this thread, PDF size, and the main event loop's worst lag while a full export runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeImagePool } from '../../electron/core/evidence/pool';
import { buildDocument, type DocumentSource } from '../../electron/core/export/build';
import { renderDocx } from '../../electron/core/export/docx';
import { fileAssets, type ImageFiles } from '../../electron/core/export/render';
import {
  closeExportWorker,
  renderInWorker,
  runExportWorkerFrom,
  warmExportWorker,
} from '../../electron/core/export/worker-client';
import type { Core } from '../../electron/core/index';
import { sourceImages } from '../../electron/core/services/deliverable-export';
import { deliverableSource } from '../../electron/core/services/deliverables';
import { documentPath } from '../../electron/core/services/evidence';
import { L_FINDINGS, L_PHOTOS, seedLargeEngagementWithPhotos } from '../fixtures/large-engagement';

export type ExportStats = { p50: number; p99: number; runs: number };
export type ExportRow = {
  measure: string;
  vigil: ExportStats;
  raw: ExportStats;
  goal: string;
  judged: { on: 'p50' | 'p99'; limitMs: number };
};

const DOCUMENT_ID = 'assurance-solution';
const WARM_RUNS = 5;
const SOFFICE_RUNS = 3;

function stats(samples: number[]): ExportStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1] ?? Number.NaN;
  return { p50: at(50), p99: at(99), runs: samples.length };
}

function ok<T>(result: { ok: true; value: unknown } | { ok: false; error: { message: string } }, what: string): T {
  if (!result.ok) throw new Error(`bench ${what}: ${result.error.message}`);
  return result.value as T;
}

function source(core: Core, engagementId: string): DocumentSource {
  return deliverableSource(core.context, engagementId, DOCUMENT_ID);
}

function imageFiles(core: Core, from: DocumentSource): ImageFiles {
  return Object.fromEntries(sourceImages(from).map((sha) => [sha, documentPath(core.context.dataDir, sha)]));
}

/** One LibreOffice conversion of a DOCX to PDF, timed, with its own profile folder. */
function sofficeConvert(docx: string, outDir: string, profile: string): number {
  const start = performance.now();
  execFileSync(
    'soffice',
    [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, docx],
    { stdio: 'ignore', timeout: 300_000 },
  );
  return performance.now() - start;
}

function hasSoffice(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

/** The worst gap between 1 ms timers on the main thread while `work` runs. */
async function worstLag(work: () => Promise<unknown>): Promise<number> {
  let worst = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 1);
    last = now;
  }, 1);
  try {
    await work();
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    clearInterval(timer);
  }
  return worst;
}

export async function benchExport(root: string, core: Core, notes: string[]): Promise<ExportRow[]> {
  const dir = join(root, 'export');
  mkdirSync(dir, { recursive: true });
  const large = await seedLargeEngagementWithPhotos(core, { fields: { catalogId: 'huawei-key-event-on-duty' } });
  const engagementId = large.engagementId;
  ok(core.router.invoke('engagement.update', { id: engagementId, patch: { language: 'en' } }), 'language en');
  const en = source(core, engagementId);
  ok(core.router.invoke('engagement.update', { id: engagementId, patch: { language: 'zh-CN' } }), 'language zh');
  const zh = source(core, engagementId);
  const images = imageFiles(core, en);
  if (Object.keys(images).length < L_PHOTOS)
    throw new Error(`bench: ${Object.keys(images).length} images in the document`);
  const findings = JSON.stringify(buildDocument(en)).match(/"ref":"F-\d{3}"/g)?.length ?? 0;
  if (findings < L_FINDINGS) throw new Error(`bench: ${findings} findings in the document`);

  // Cold: a fresh worker loads modules and fonts, then renders. The built worker, as the app ships
  // it (npm run bench builds first); from source the worker would compile TypeScript as it starts.
  const built = join(import.meta.dirname, '..', '..', 'out', 'main', 'export-worker.js');
  if (existsSync(built)) runExportWorkerFrom(built);
  notes.push(
    `Export worker: ${existsSync(built) ? 'out/main/export-worker.js (built)' : 'from source through tsx (no build found)'}.`,
  );
  await closeExportWorker();
  const cold = await timed(() => renderInWorker('bench', en, 'pdf', images));
  // What the consultant meets: the app warms the worker when it opens (modules, fonts), so the
  // first export of a session pays only for its photos' first decoding.
  await closeExportWorker();
  const warmUp = await timed(() => warmExportWorker());
  const firstAfterLaunch = await timed(() => renderInWorker('bench', en, 'pdf', images));
  const pdfEn: number[] = [];
  const pdfZh: number[] = [];
  const docxWorker: number[] = [];
  let enPdf: Uint8Array = new Uint8Array();
  let zhPdf: Uint8Array = new Uint8Array();
  let enDocx: Uint8Array = new Uint8Array();
  let zhDocx: Uint8Array = new Uint8Array();
  for (let run = 0; run < WARM_RUNS; run += 1) {
    pdfEn.push(await timed(async () => (enPdf = (await renderInWorker('bench', en, 'pdf', images)).bytes)));
    pdfZh.push(await timed(async () => (zhPdf = (await renderInWorker('bench', zh, 'pdf', images)).bytes)));
    docxWorker.push(await timed(async () => (enDocx = (await renderInWorker('bench', en, 'docx', images)).bytes)));
  }
  zhDocx = (await renderInWorker('bench', zh, 'docx', images)).bytes;
  const docxHere: number[] = [];
  for (let run = 0; run < WARM_RUNS; run += 1) {
    // Built here too, as the worker builds before it renders.
    docxHere.push(
      await timed(() =>
        renderDocx(
          buildDocument(en),
          fileAssets(images, () => {}),
        ),
      ),
    );
  }
  for (const [name, bytes] of [
    ['L-en.pdf', enPdf],
    ['L-zh.pdf', zhPdf],
    ['L-en.docx', enDocx],
    ['L-zh.docx', zhDocx],
  ] as const)
    writeFileSync(join(dir, name), bytes);

  // The main thread while the whole export runs as the window asks for it: build, worker, base64.
  const lagExport = await worstLag(async () => {
    const answer = ok<{ files: { format: 'docx' | 'pdf'; chunks: number }[] }>(
      await core.router.invokeAsync('deliverable.export', {
        engagementId,
        documentId: DOCUMENT_ID,
        formats: ['docx', 'pdf'],
        jobId: 'lag',
      }),
      'export',
    );
    // The window then fetches each file part by part, one request at a time.
    for (const file of answer.files) {
      for (let index = 0; index < file.chunks; index += 1) {
        await new Promise((resolve) => setImmediate(resolve));
        ok(core.router.invoke('deliverable.exportChunk', { jobId: 'lag', format: file.format, index }), 'chunk');
      }
    }
  });
  const lagIdle = await worstLag(() => new Promise((resolve) => setTimeout(resolve, 1500)));
  await closeExportWorker();
  await closeImagePool();

  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  notes.push(
    `Export of L (${DOCUMENT_ID}, ${findings} findings, ${Object.keys(images).length} photos): PDF ${mb(enPdf.byteLength)} en, ${mb(zhPdf.byteLength)} zh-CN (goal ≤ 20 MB); DOCX ${mb(enDocx.byteLength)}. Cold PDF (new worker, nothing loaded) ${(cold / 1000).toFixed(2)} s; the app warms its worker at launch (${(warmUp / 1000).toFixed(2)} s in the background), then the first export took ${(firstAfterLaunch / 1000).toFixed(2)} s (goal ≤ 2.5 s).`,
  );
  notes.push(
    `Main event loop, worst lag: ${lagExport.toFixed(1)} ms during deliverable.export of L as DOCX + PDF (goal ≤ 20 ms); ${lagIdle.toFixed(1)} ms idle.`,
  );

  const rows: ExportRow[] = [];
  if (hasSoffice()) {
    const profile = join(dir, 'lo-profile');
    // The first conversion creates LibreOffice's profile: cold, not counted.
    const loCold = sofficeConvert(join(dir, 'L-en.docx'), join(dir, 'lo'), profile);
    const loEn: number[] = [];
    const loZh: number[] = [];
    for (let run = 0; run < SOFFICE_RUNS; run += 1) {
      loEn.push(sofficeConvert(join(dir, 'L-en.docx'), join(dir, 'lo'), profile));
      loZh.push(sofficeConvert(join(dir, 'L-zh.docx'), join(dir, 'lo'), profile));
    }
    const loPdf = statSync(join(dir, 'lo', 'L-en.pdf')).size;
    rows.push(
      {
        measure: 'PDF en of L, warm worker (raw: LibreOffice DOCX→PDF)',
        vigil: stats(pdfEn),
        raw: stats(loEn),
        goal: '≤ 1.5 s; ≥ 10× faster',
        judged: { on: 'p50', limitMs: 1500 },
      },
      {
        measure: 'PDF zh-CN of L, warm worker (raw: LibreOffice)',
        vigil: stats(pdfZh),
        raw: stats(loZh),
        goal: '≤ 2.0 s; ≥ 10× faster',
        judged: { on: 'p50', limitMs: 2000 },
      },
      {
        measure: 'PDF en of L, first export after launch (raw: LibreOffice, new profile)',
        vigil: stats([firstAfterLaunch]),
        raw: stats([loCold]),
        goal: '≤ 2.5 s',
        judged: { on: 'p50', limitMs: 2500 },
      },
    );
    const speedup = (a: number[], b: number[]) => (stats(b).p50 / stats(a).p50).toFixed(1);
    notes.push(
      `LibreOffice headless converting our DOCX of L to PDF: en ${(stats(loEn).p50 / 1000).toFixed(1)} s, zh-CN ${(stats(loZh).p50 / 1000).toFixed(1)} s (p50 of ${SOFFICE_RUNS}); ours is ${speedup(pdfEn, loEn)}× (en) and ${speedup(pdfZh, loZh)}× (zh-CN) faster warm (goal ≥ 10×); its PDF is ${mb(loPdf)}.`,
    );
  } else {
    notes.push('LibreOffice (soffice) is not installed: the DOCX→PDF comparison was skipped.');
    rows.push(
      {
        measure: 'PDF en of L, warm worker (raw: DOCX on this thread)',
        vigil: stats(pdfEn),
        raw: stats(docxHere),
        goal: '≤ 1.5 s',
        judged: { on: 'p50', limitMs: 1500 },
      },
      {
        measure: 'PDF zh-CN of L, warm worker (raw: DOCX on this thread)',
        vigil: stats(pdfZh),
        raw: stats(docxHere),
        goal: '≤ 2.0 s',
        judged: { on: 'p50', limitMs: 2000 },
      },
    );
  }
  rows.push(
    {
      measure: 'DOCX en of L, warm worker (raw: same render on this thread)',
      vigil: stats(docxWorker),
      raw: stats(docxHere),
      goal: '≤ 0.7 s',
      judged: { on: 'p50', limitMs: 700 },
    },
    {
      measure: 'main loop worst lag during export of L (raw: idle)',
      vigil: stats([lagExport]),
      raw: stats([lagIdle]),
      goal: '≤ 20 ms',
      judged: { on: 'p99', limitMs: 20 },
    },
  );
  return rows;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}
