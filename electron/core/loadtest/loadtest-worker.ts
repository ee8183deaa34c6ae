/**
 * The load-test import worker: parses and analyses one results file off the main thread (a
 * million-row JTL takes seconds), reporting progress. One worker per import; stopping an import
 * terminates it. Built by electron-vite into out/main/loadtest-worker.js; from source it starts
 * through loadtest-worker.mjs, which registers tsx first.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isFailure } from '../errors';
import { analyseLoadTestFileHere } from './analyse';
import type { LoadTestJob, LoadTestReply } from './worker-protocol';

function reply(message: LoadTestReply): void {
  parentPort?.postMessage(message);
}

const job: LoadTestJob = workerData;

try {
  const analysis = await analyseLoadTestFileHere(job.path, job.fileName, job.options, {
    onProgress: (progress) => reply({ kind: 'progress', ...progress }),
  });
  reply({ kind: 'done', analysis });
} catch (error) {
  reply({
    kind: 'failed',
    appError: isFailure(error) ? error.appError : null,
    message: error instanceof Error ? error.message : String(error),
  });
}
