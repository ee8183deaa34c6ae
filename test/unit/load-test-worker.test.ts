import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { isFailure } from '../../electron/core/errors';
import { analyseLoadTestFile, type ParseProgress } from '../../electron/core/loadtest';
import { LOAD_TEST_WORKER_HEAP_MB, limitLoadTestWorkerHeap } from '../../electron/core/loadtest/worker-client';
import { GOLDEN_START_MS, goldenJtlRows, httpRow, jtlCsv, scratchDir } from '../fixtures/load-test-files';

const scratch = scratchDir();
afterAll(() => scratch.remove());
afterEach(() => limitLoadTestWorkerHeap(LOAD_TEST_WORKER_HEAP_MB));

describe('analyseLoadTestFile (in the worker)', () => {
  it('parses and analyses a JTL in a worker thread, reporting progress', async () => {
    const path = scratch.file('golden.jtl', jtlCsv(goldenJtlRows()));
    const progress: ParseProgress[] = [];
    const analysis = await analyseLoadTestFile(path, 'golden.jtl', { format: 'jmeterCsv' }, (p) => progress.push(p));
    expect(analysis.overall).toMatchObject({ samples: 300, errors: 17, p95Ms: 1412.2999999999997 });
    // 300 samples and 6 Transaction Controller samples.
    expect(progress.at(-1)).toMatchObject({ rows: 306 });
    expect(progress.at(-1)?.bytesRead).toBe(progress.at(-1)?.totalBytes);
  });

  it('rejects a bad file with the line, as INVALID_INPUT', async () => {
    const path = scratch.file('bad.jtl', jtlCsv([httpRow(GOLDEN_START_MS, 10, 'Login'), { timeStamp: 'x' }]));
    const error: unknown = await analyseLoadTestFile(path, 'bad.jtl', { format: 'jmeterCsv' }).catch((e) => e);
    expect(isFailure(error) && error.appError).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'file',
      message: 'bad.jtl: line 3: elapsed "" is not a number of milliseconds',
    });
  });

  it('runs the worker with a heap limit: running out stops only the worker, as INVALID_INPUT naming the file', async () => {
    const path = scratch.file('heavy.jtl', jtlCsv(goldenJtlRows()));
    limitLoadTestWorkerHeap(4);
    const error: unknown = await analyseLoadTestFile(path, 'heavy.jtl', { format: 'jmeterCsv' }).catch((e) => e);
    expect(isFailure(error) && error.appError).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'file',
      message:
        'heavy.jtl: analysing the file needs more than the 4 MB an import may use, so nothing was imported; split the run into shorter files and import each as its own run.',
    });
    // This thread carries on, and the next import with the usual limit works.
    limitLoadTestWorkerHeap(LOAD_TEST_WORKER_HEAP_MB);
    expect((await analyseLoadTestFile(path, 'heavy.jtl', { format: 'jmeterCsv' })).overall.samples).toBe(300);
  });

  it('stops the worker on abort and rejects as CANCELLED', async () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => httpRow(GOLDEN_START_MS + i, 10 + (i % 50), 'Login'));
    const path = scratch.file('long.jtl', jtlCsv(rows));
    const controller = new AbortController();
    const pending = analyseLoadTestFile(
      path,
      'long.jtl',
      { format: 'jmeterCsv' },
      () => controller.abort(),
      controller.signal,
    );
    const error: unknown = await pending.catch((e) => e);
    expect(isFailure(error) && error.appError).toMatchObject({
      code: 'CANCELLED',
      message: 'The import of long.jtl was stopped; nothing was imported.',
    });
    const already = await analyseLoadTestFile(
      path,
      'long.jtl',
      { format: 'jmeterCsv' },
      undefined,
      controller.signal,
    ).catch((e: unknown) => e);
    expect(isFailure(already) && already.appError.code).toBe('CANCELLED');
  });
});
