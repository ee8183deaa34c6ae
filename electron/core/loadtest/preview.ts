/**
 * A look at the head of a results file before importing it: which tool wrote it, its columns and
 * first rows, and for a CSV no tool is known for, a proposed column mapping to confirm.
 */
import type { ColumnMapping, LoadTestFormat, LoadTestPreview } from '@shared/domain/load-test';
import { SaxesParser } from 'saxes';
import { unreadable } from './analyse';
import { detectDelimiter, firstLine, parseCsvText } from './csv';
import { isGatlingLog } from './gatling-log';
import { columnIndex, isHeaderlessJmeterRow, isJmeterHeader, JMETER_DEFAULT_COLUMNS } from './jmeter-csv';
import { isK6Header } from './k6-csv';
import { badFile } from './problems';
import { readHead, textEncodingOf } from './text-stream';

const PREVIEW_ROWS = 20;
const GATLING_COLUMNS = ['record', 'groups', 'name', 'start', 'end', 'status', 'message'];

export async function previewLoadTestFile(path: string, fileName: string): Promise<LoadTestPreview> {
  const head = await readHead(path, 64 * 1024).catch((error: unknown) => {
    throw unreadable(fileName, error) ?? error;
  });
  const content = head.text.trimStart();
  if (content.length === 0) throw badFile(fileName, 'the file is empty.');
  // Binary or in an encoding not told: refused now, not after the consultant maps its columns.
  textEncodingOf(head, fileName);
  if (content.startsWith('<')) return previewXml(content);
  if (isGatlingLog(content)) return previewGatling(content);
  return previewCsv(content);
}

function previewXml(text: string): LoadTestPreview {
  const parser = new SaxesParser({ xmlns: false });
  const headers: string[] = [];
  const samples: Record<string, string>[] = [];
  let depth = 0;
  let root: string | null = null;
  parser.on('opentag', (tag) => {
    depth += 1;
    if (depth === 1) root = tag.name;
    if (depth !== 2 || samples.length >= PREVIEW_ROWS || (tag.name !== 'httpSample' && tag.name !== 'sample')) return;
    for (const name of Object.keys(tag.attributes)) if (!headers.includes(name)) headers.push(name);
    samples.push(tag.attributes);
  });
  parser.on('closetag', () => {
    depth -= 1;
  });
  // The head is cut anywhere: an unfinished element at its end is expected.
  parser.on('error', () => {});
  parser.write(text);
  const format: LoadTestFormat | null = root === 'testResults' ? 'jmeterXml' : null;
  return {
    format,
    delimiter: null,
    headers,
    rows: samples.map((sample) => headers.map((name) => sample[name] ?? '')),
    suggestedMapping: null,
  };
}

function previewGatling(text: string): LoadTestPreview {
  const rows = text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.startsWith('REQUEST\t'))
    .slice(0, PREVIEW_ROWS)
    .map((line) => line.split('\t'));
  return { format: 'gatlingLog', delimiter: '\t', headers: GATLING_COLUMNS, rows, suggestedMapping: null };
}

function previewCsv(text: string): LoadTestPreview {
  const delimiter = detectDelimiter(firstLine(text)) ?? ',';
  const parsed = parseCsvText(text, delimiter);
  const first = parsed[0] ?? [];
  if (isHeaderlessJmeterRow(first)) {
    const headers = [...JMETER_DEFAULT_COLUMNS];
    return {
      format: 'jmeterCsv',
      delimiter,
      headers,
      rows: parsed.slice(0, PREVIEW_ROWS),
      suggestedMapping: jmeterMapping(headers, first),
    };
  }
  const headers = first;
  const rows = parsed.slice(1, PREVIEW_ROWS + 1);
  if (isJmeterHeader(headers))
    return { format: 'jmeterCsv', delimiter, headers, rows, suggestedMapping: jmeterMapping(headers, rows[0]) };
  if (isK6Header(headers)) return { format: 'k6Csv', delimiter, headers, rows, suggestedMapping: null };
  return { format: null, delimiter, headers, rows, suggestedMapping: suggestMapping(headers, rows[0] ?? []) };
}

function jmeterMapping(headers: readonly string[], row: readonly string[] | undefined): ColumnMapping {
  const name = (wanted: string) => headers[columnIndex(headers, wanted)] ?? null;
  const time = row?.[columnIndex(headers, 'timeStamp')] ?? '';
  return {
    timestamp: name('timeStamp') ?? 'timeStamp',
    timestampUnit: /^\d+$/.test(time.trim()) || time === '' ? 'ms' : 'iso',
    label: name('label'),
    elapsed: name('elapsed') ?? 'elapsed',
    elapsedUnit: 'ms',
    success: name('success'),
  };
}

const TIME_NAMES = /^(timestamp|time_?stamp|time|ts|date|date_?time|start|start_?time|started_?at|request_?time)$/i;
const ELAPSED_NAMES =
  /^(elapsed|elapsed_?ms|duration|duration_?ms|latency|latency_?ms|response_?time|resp_?time|rt|time_?taken|took)$/i;
const LABEL_NAMES = /^(label|name|request|request_?name|transaction|sampler|url|uri|endpoint|api|operation|path)$/i;
const SUCCESS_NAMES =
  /^(success|successful|ok|passed|pass|result|status|status_?code|response_?code|http_?status|code)$/i;

function pick(headers: readonly string[], exact: RegExp, loose: RegExp, taken: readonly (string | null)[]) {
  const free = headers.filter((h) => !taken.includes(h));
  return free.find((h) => exact.test(h.trim())) ?? free.find((h) => loose.test(h)) ?? null;
}

/** A first guess at the mapping from the column names and the first row's values; null when no time or elapsed column is recognisable. */
export function suggestMapping(headers: readonly string[], row: readonly string[]): ColumnMapping | null {
  const timestamp = pick(headers, TIME_NAMES, /time|date/i, []);
  const elapsed = pick(headers, ELAPSED_NAMES, /elapsed|duration|latency|response.?time/i, [timestamp]);
  if (!timestamp || !elapsed) return null;
  const label = pick(headers, LABEL_NAMES, /label|name|url|endpoint|transaction/i, [timestamp, elapsed]);
  const success = pick(headers, SUCCESS_NAMES, /success|status|result/i, [timestamp, elapsed, label]);
  const value = (column: string) => (row[headers.indexOf(column)] ?? '').trim();
  const time = value(timestamp);
  const integerDigits = /^\d+(\.\d+)?$/.test(time) ? (time.split('.')[0]?.length ?? 0) : 0;
  // Epoch seconds have up to 11 digits, milliseconds 12 and more; anything else is read as a date-time.
  const timestampUnit = integerDigits > 11 ? 'ms' : integerDigits > 0 ? 's' : 'iso';
  const elapsedUnit = /(^|[^a-z])(us|µs|micro)/i.test(elapsed)
    ? 'us'
    : /(^|[^a-z])(s|sec|secs|seconds)([^a-z]|$)/i.test(elapsed)
      ? 's'
      : 'ms';
  return { timestamp, timestampUnit, label, elapsed, elapsedUnit, success };
}
