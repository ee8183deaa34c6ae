/**
 * Parse and analyse on the current thread: what the worker runs (and the tests, directly).
 */
import {
  type AnalyseLoadTestOptions,
  DEFAULT_SUSTAIN_SECONDS,
  type LoadTestAnalysis,
  type LoadTestFormat,
  type PercentileMethod,
} from '@shared/domain/load-test';
import { analyseLoadTestSamples } from '@shared/domain/load-test-stats';
import { parseGatlingLog } from './gatling-log';
import { parseGenericCsv } from './generic-csv';
import { parseJmeterCsv } from './jmeter-csv';
import { parseJmeterXml } from './jmeter-xml';
import { parseK6Csv } from './k6-csv';
import type { ParsedLoadTest } from './parsed';
import { badFile } from './problems';
import type { ParseContext } from './text-stream';

/** A file the system cannot read, as the consultant's failure; null for any other error. */
export function unreadable(fileName: string, error: unknown): Error | null {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (!['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'EIO'].includes(code)) return null;
  return badFile(fileName, `the file cannot be read (${code}).`);
}

/** JMeter files get JMeter's dashboard method so the figures match its report; others the plain estimator. */
export function percentileMethodFor(format: LoadTestFormat): PercentileMethod {
  return format === 'jmeterCsv' || format === 'jmeterXml' ? 'jmeter' : 'r6';
}

export function parseLoadTestFile(
  path: string,
  fileName: string,
  options: AnalyseLoadTestOptions,
  ctx: ParseContext,
): Promise<ParsedLoadTest> {
  switch (options.format) {
    case 'jmeterCsv':
      return parseJmeterCsv(path, fileName, ctx);
    case 'jmeterXml':
      return parseJmeterXml(path, fileName, ctx);
    case 'k6Csv':
      return parseK6Csv(path, fileName, ctx);
    case 'gatlingLog':
      return parseGatlingLog(path, fileName, ctx);
    case 'genericCsv':
      if (!options.mapping) throw badFile(fileName, 'a generic CSV file needs a column mapping.');
      return parseGenericCsv(path, fileName, options.mapping, ctx);
  }
}

export async function analyseLoadTestFileHere(
  path: string,
  fileName: string,
  options: AnalyseLoadTestOptions,
  ctx: ParseContext = {},
): Promise<LoadTestAnalysis> {
  const parsed = await parseLoadTestFile(path, fileName, options, ctx).catch((error: unknown) => {
    throw unreadable(fileName, error) ?? error;
  });
  let analysis: LoadTestAnalysis;
  try {
    analysis = analyseLoadTestSamples(parsed.samples, {
      format: options.format,
      percentileMethod: percentileMethodFor(options.format),
      sustainSeconds: options.sustainSeconds ?? DEFAULT_SUSTAIN_SECONDS,
    });
  } catch (error) {
    if (error instanceof RangeError) throw badFile(fileName, error.message);
    throw error;
  }
  return { ...analysis, warnings: [...parsed.warnings, ...analysis.warnings] };
}
