/**
 * The main thread's side of the load-test worker: one worker per import, so a stopped import is
 * simply terminated (a parse has no safe point to stop at from outside) and memory is returned
 * to the system when it ends.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type AnalyseLoadTestOptions, type LoadTestAnalysis, loadTestAnalysisSchema } from '@shared/domain/load-test';
import { failure } from '../errors';
import type { ParseProgress } from './text-stream';
import type { LoadTestJob, LoadTestReply } from './worker-protocol';

let workerOverride: string | undefined;

/**
 * The worker's JavaScript heap limit. The samples live in typed arrays outside this heap (about
 * 21 MB per million rows); the heap holds the parser's chunks and rows, the bounded label table
 * and the analysis. The bench's million-row JTL runs at full speed from a 48 MB limit (16 MB
 * still finishes, garbage-collecting for 10 s); the limit leaves ten times that for longer runs
 * and wider files. Without a limit a file that exhausts memory would take the whole app down
 * with it; with one, only the worker stops and the import fails naming the file.
 */
export const LOAD_TEST_WORKER_HEAP_MB = 512;
let heapLimitMb = LOAD_TEST_WORKER_HEAP_MB;

/** Sets the worker's heap limit: for the tests, which run a file into a small one. */
export function limitLoadTestWorkerHeap(megabytes: number): void {
  heapLimitMb = megabytes;
}

/** Runs the built worker (out/main/loadtest-worker.js) from source: the bench measures what ships. */
export function runLoadTestWorkerFrom(path: string): void {
  workerOverride = path;
}

/** out/main/loadtest-worker.js once built (this module is bundled into out/main/index.js), the .mjs shim from source. */
function workerPath(): string {
  if (workerOverride) return workerOverride;
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, 'loadtest-worker.js');
  return existsSync(built) ? built : join(here, 'loadtest-worker.mjs');
}

function isOutOfMemory(error: Error): boolean {
  return 'code' in error && error.code === 'ERR_WORKER_OUT_OF_MEMORY';
}

function outOfMemory(fileName: string, limitMb: number): string {
  return `${fileName}: analysing the file needs more than the ${limitMb.toLocaleString('en')} MB an import may use, so nothing was imported; split the run into shorter files and import each as its own run.`;
}

function cancelled(fileName: string): Error {
  return failure('CANCELLED', `The import of ${fileName} was stopped; nothing was imported.`, { field: 'file' });
}

/**
 * Parses and analyses a load-test results file in a worker thread, streaming (bounded memory).
 * A bad file rejects with INVALID_INPUT naming the file and lines; an abort with CANCELLED.
 */
export function analyseLoadTestFile(
  path: string,
  fileName: string,
  options: AnalyseLoadTestOptions,
  onProgress?: (progress: ParseProgress) => void,
  signal?: AbortSignal,
): Promise<LoadTestAnalysis> {
  if (signal?.aborted) return Promise.reject(cancelled(fileName));
  const job: LoadTestJob = { path, fileName, options };
  const limitMb = heapLimitMb;
  const worker = new Worker(workerPath(), { workerData: job, resourceLimits: { maxOldGenerationSizeMb: limitMb } });
  return new Promise<LoadTestAnalysis>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      worker.removeAllListeners();
      void worker.terminate();
      outcome();
    };
    const onAbort = () => settle(() => reject(cancelled(fileName)));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: LoadTestReply) => {
      if (message.kind === 'progress') {
        if (!settled)
          onProgress?.({ bytesRead: message.bytesRead, totalBytes: message.totalBytes, rows: message.rows });
        return;
      }
      if (message.kind === 'done') {
        const parsed = loadTestAnalysisSchema.safeParse(message.analysis);
        settle(() =>
          parsed.success
            ? resolve(parsed.data)
            : reject(new Error(`load-test analysis out of shape: ${parsed.error.message}`)),
        );
        return;
      }
      const { appError } = message;
      settle(() =>
        reject(
          appError
            ? failure(appError.code, appError.message, {
                ...(appError.field ? { field: appError.field } : {}),
                ...(appError.details ? { details: appError.details } : {}),
              })
            : new Error(message.message),
        ),
      );
    });
    worker.on('error', (error) =>
      settle(() =>
        reject(
          isOutOfMemory(error) ? failure('INVALID_INPUT', outOfMemory(fileName, limitMb), { field: 'file' }) : error,
        ),
      ),
    );
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`load-test worker stopped before answering (exit code ${code})`))),
    );
  });
}
