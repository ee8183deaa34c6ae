/**
 * k6 `--out csv`: one row per metric sample. Each request is an `http_req_duration` row (value in
 * ms, timestamp when the request ended, in whole seconds by default); its label is the `name` tag
 * (k6 sets it to the URL unless the script names it). Failed: `expected_response` false, else (k6
 * older than 0.31 writes none) an `error_code` or a status of 0 or 400 and above.
 */
import type { LoadTestWarning } from '@shared/domain/load-test';
import { SAMPLE_OK } from '@shared/domain/load-test-stats';
import { checkDuplicateColumns, streamCsvRows } from './csv';
import { columnIndex } from './jmeter-csv';
import { type ParsedLoadTest, quoted } from './parsed';
import { badFile, createProblems } from './problems';
import { createSampleStore } from './sample-store';
import { encodingWarnings, type ParseContext, readHead, textEncodingOf } from './text-stream';
import { epochAutoMs, numberField, plausibleEpochMs } from './values';

const REQUIRED = ['metric_name', 'timestamp', 'metric_value'] as const;
/** Every column the parser reads: a second one of these in the header makes the file ambiguous. */
const READ = [...REQUIRED, 'name', 'url', 'expected_response', 'status', 'error_code'] as const;

export function isK6Header(header: readonly string[]): boolean {
  return REQUIRED.every((name) => columnIndex(header, name) >= 0);
}

export async function parseK6Csv(path: string, fileName: string, ctx: ParseContext): Promise<ParsedLoadTest> {
  const head = await readHead(path, 64 * 1024);
  const encoding = textEncodingOf(head, fileName);
  const problems = createProblems(fileName);
  const store = createSampleStore();
  const warnings: LoadTestWarning[] = encodingWarnings(encoding);
  let header: string[] | null = null;
  let at = { metric: -1, timestamp: -1, value: -1, name: -1, url: -1, expected: -1, status: -1, errorCode: -1 };
  let wholeSeconds = true;

  const onRow = (fields: string[], line: number) => {
    if (header === null) {
      header = fields;
      const missing = REQUIRED.filter((name) => columnIndex(fields, name) < 0);
      if (missing.length > 0)
        throw badFile(
          fileName,
          `line ${line}: missing column(s) ${missing.join(', ')}; this is not a k6 CSV file (k6 run --out csv=…).`,
        );
      warnings.push(...checkDuplicateColumns(fileName, fields, line, READ));
      at = {
        metric: columnIndex(fields, 'metric_name'),
        timestamp: columnIndex(fields, 'timestamp'),
        value: columnIndex(fields, 'metric_value'),
        name: columnIndex(fields, 'name'),
        url: columnIndex(fields, 'url'),
        expected: columnIndex(fields, 'expected_response'),
        status: columnIndex(fields, 'status'),
        errorCode: columnIndex(fields, 'error_code'),
      };
      return;
    }
    if (fields[at.metric] !== 'http_req_duration') return;
    const valueText = fields[at.value] ?? '';
    const timeText = fields[at.timestamp] ?? '';
    const elapsed = numberField(valueText);
    if (Number.isNaN(elapsed) || elapsed < 0) {
      problems.add(line, `metric_value ${quoted(valueText)} is not a number of milliseconds`);
      return;
    }
    const end = epochAutoMs(timeText) || Date.parse(timeText);
    if (Number.isNaN(end) || !plausibleEpochMs(end)) {
      problems.add(line, `timestamp ${quoted(timeText)} is not an epoch time or a date-time`);
      return;
    }
    if (problems.count > 0) return;
    if (end % 1000 !== 0) wholeSeconds = false;
    const expected = at.expected >= 0 ? (fields[at.expected] ?? '') : '';
    let ok: boolean;
    if (expected !== '') ok = expected === 'true';
    else {
      const status = at.status >= 0 ? numberField(fields[at.status] ?? '') : 200;
      const errorCode = at.errorCode >= 0 ? (fields[at.errorCode] ?? '') : '';
      ok = errorCode === '' && status > 0 && status < 400;
    }
    const label = (at.name >= 0 ? fields[at.name] : '') || (at.url >= 0 ? fields[at.url] : '') || 'http_req_duration';
    store.add(end - elapsed, elapsed, ok ? SAMPLE_OK : 0, label, line);
  };

  await streamCsvRows(
    path,
    { text: head.text, encoding },
    ',',
    ctx,
    onRow,
    (line, message) => problems.add(line, message),
    () => store.count,
  );
  problems.throwIfAny();
  if (header === null) throw badFile(fileName, 'the file is empty.');
  if (store.count === 0) throw badFile(fileName, 'the file holds no http_req_duration rows (no HTTP requests).');
  if (wholeSeconds)
    warnings.push({
      code: 'wholeSecondTimestamps',
      message:
        "k6 wrote timestamps in whole seconds, so each request's start is known only to the second: throughput per second and peak sustained TPS are approximate (k6 --out csv=file.csv with K6_CSV_TIME_FORMAT=unix_milli gives milliseconds).",
    });
  return { samples: store.samples(), warnings: [...warnings, ...store.warnings()] };
}
