/**
 * Load-test result import: preview a file's head, then parse and analyse it in a worker.
 * See shared/domain/load-test.ts for the shapes and shared/domain/load-test-stats.ts for the method.
 */
export { analyseLoadTestFileHere, percentileMethodFor } from './analyse';
export { previewLoadTestFile, suggestMapping } from './preview';
export type { ParseProgress } from './text-stream';
export { analyseLoadTestFile, runLoadTestWorkerFrom } from './worker-client';
