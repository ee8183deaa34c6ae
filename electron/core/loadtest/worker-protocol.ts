/** Messages between the main thread and the load-test worker (see loadtest-worker.ts and worker-client.ts). */
import type { AppError } from '@shared/contract';
import type { AnalyseLoadTestOptions, LoadTestAnalysis } from '@shared/domain/load-test';
import type { ParseProgress } from './text-stream';

/** Given to the worker at start (one worker per import). */
export type LoadTestJob = { path: string; fileName: string; options: AnalyseLoadTestOptions };

export type LoadTestReply =
  | ({ kind: 'progress' } & ParseProgress)
  | { kind: 'done'; analysis: LoadTestAnalysis }
  /** appError: a failure meant for the consultant (bad file); null: anything else. */
  | { kind: 'failed'; appError: AppError | null; message: string };
