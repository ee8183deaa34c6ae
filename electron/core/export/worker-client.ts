/**
 * The main thread's side of the export worker: one long-lived worker, started on first use, kept
 * warm between exports. Cancelling a job terminates the worker (pdfmake's layout cannot be
 * interrupted from inside) and re-sends the other jobs' renders to a fresh one.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DocumentSource } from './build';
import type { Theme } from './common';
import type { ExportFormat, ImageFiles } from './render';
import type { ImageWarning, RenderReply, RenderRequest, RenderStage, WarmRequest } from './worker-protocol';

export type RenderProgress = { stage: RenderStage; fraction: number };
export type RenderResult = { bytes: Uint8Array; warnings: ImageWarning[]; millis: number };

/** Thrown to every render of a job that was cancelled. */
export class RenderCancelled extends Error {
  constructor() {
    super('The export was cancelled.');
  }
}

type Pending = {
  jobId: string;
  request: RenderRequest | WarmRequest;
  onProgress: (progress: RenderProgress) => void;
  resolve: (result: RenderResult) => void;
  reject: (error: Error) => void;
};

/** out/main/export-worker.js once built (this module is bundled into out/main/index.js), the .mjs shim from source. */
function workerPath(): string {
  if (workerOverride) return workerOverride;
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, 'export-worker.js');
  return existsSync(built) ? built : join(here, 'export-worker.mjs');
}

let workerOverride: string | undefined;

/** Runs the built worker (out/main/export-worker.js) from source: the bench measures what ships. */
export function runExportWorkerFrom(path: string): void {
  workerOverride = path;
}

let worker: Worker | undefined;
const pending = new Map<number, Pending>();
let nextId = 1;

function start(): Worker {
  const started = new Worker(workerPath());
  // An idle worker must not keep a test run or the harness alive; a busy one does (see send).
  started.unref();
  started.on('message', (message: RenderReply) => {
    const job = pending.get(message.id);
    if (!job) return;
    if (message.kind === 'progress') {
      job.onProgress({ stage: message.stage, fraction: message.fraction });
      return;
    }
    pending.delete(message.id);
    if (pending.size === 0) started.unref();
    if (message.kind === 'done')
      job.resolve({ bytes: message.bytes, warnings: message.warnings, millis: message.millis });
    else job.reject(new Error(message.message));
  });
  const fail = (error: Error) => {
    if (worker !== started) return;
    worker = undefined;
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  };
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`export worker stopped (exit code ${code})`)));
  return started;
}

function send(request: RenderRequest | WarmRequest): void {
  worker ??= start();
  worker.ref();
  worker.postMessage(request);
}

/** Renders one document in one format in the worker; rejects with RenderCancelled if its job is cancelled. */
export function renderInWorker(
  jobId: string,
  source: DocumentSource,
  format: ExportFormat,
  images: ImageFiles,
  theme?: Theme,
  onProgress: (progress: RenderProgress) => void = () => {},
): Promise<RenderResult> {
  const id = nextId++;
  const request: RenderRequest = { id, source, format, images, ...(theme ? { theme } : {}) };
  return new Promise<RenderResult>((resolve, reject) => {
    pending.set(id, { jobId, request, onProgress, resolve, reject });
    send(request);
  });
}

/**
 * Cancels every render of the job; true when one was running. The worker stops in the background;
 * other jobs carry on in a new one.
 */
export function cancelRenders(jobId: string): boolean {
  const cancelled = [...pending].filter(([, job]) => job.jobId === jobId);
  if (cancelled.length === 0 || !worker) return false;
  const stopping = worker;
  worker = undefined;
  for (const [id, job] of cancelled) {
    pending.delete(id);
    job.reject(new RenderCancelled());
  }
  stopping.removeAllListeners();
  void stopping.terminate();
  for (const job of pending.values()) send(job.request);
  return true;
}

/**
 * Starts the worker and has it load its modules and fonts now (the app calls this soon after it
 * opens), so the consultant's first export does not wait for them. Resolves when it is warm.
 */
export function warmExportWorker(): Promise<void> {
  const id = nextId++;
  return new Promise<void>((resolve) => {
    // A warm-up that fails only means the first export loads what it needs itself.
    const settle = () => resolve();
    pending.set(id, {
      jobId: 'warm-up',
      request: { id, warm: true },
      onProgress: () => {},
      resolve: settle,
      reject: settle,
    });
    // Unlike a render, a warm-up must not keep a test run or a closing app alive.
    worker ??= start();
    worker.postMessage({ id, warm: true });
  });
}

/** Stops the worker (tests, shutdown); the next render starts a fresh one. */
export async function closeExportWorker(): Promise<void> {
  const stopping = worker;
  worker = undefined;
  for (const job of pending.values()) job.reject(new RenderCancelled());
  pending.clear();
  await stopping?.terminate();
}
