/**
 * JMeter CSV results (JTL): whatever columns the header declares, in any order, as JMeter's own
 * report generator reads them. timeStamp is the sample's start (sampleresult.timestamp.start=true,
 * JMeter's default), epoch ms or a formatted date; the end is timeStamp + elapsed.
 */
import type { LoadTestWarning } from '@shared/domain/load-test';
import { SAMPLE_CONTROLLER, SAMPLE_OK } from '@shared/domain/load-test-stats';
import { checkDuplicateColumns, detectDelimiter, firstLine, streamCsvRows } from './csv';
import { CONTROLLER_MESSAGE, EMPTY_CONTROLLER_MESSAGE, type ParsedLoadTest, quoted } from './parsed';
import { badFile, createProblems } from './problems';
import { createSampleStore } from './sample-store';
import { encodingWarnings, type ParseContext, readHead, textEncodingOf } from './text-stream';
import { dateTimeField, hasZone, isDigits, numberField, plausibleEpochMs } from './values';

/** The columns JMeter writes by default, in its order: used for a file saved without its header line. */
export const JMETER_DEFAULT_COLUMNS = [
  'timeStamp',
  'elapsed',
  'label',
  'responseCode',
  'responseMessage',
  'threadName',
  'dataType',
  'success',
  'failureMessage',
  'bytes',
  'sentBytes',
  'grpThreads',
  'allThreads',
  'URL',
  'Latency',
  'IdleTime',
  'Connect',
] as const;

const REQUIRED = ['timeStamp', 'elapsed', 'label'] as const;
/** Every column the parser reads: a second one of these in the header makes the file ambiguous. */
const READ = [...REQUIRED, 'success', 'responseCode', 'responseMessage'] as const;

export function columnIndex(header: readonly string[], name: string): number {
  const wanted = name.toLowerCase();
  return header.findIndex((column) => column.trim().toLowerCase() === wanted);
}

/** Whether a header line is JMeter's (timeStamp and elapsed among its columns). */
export function isJmeterHeader(header: readonly string[]): boolean {
  return columnIndex(header, 'timeStamp') >= 0 && columnIndex(header, 'elapsed') >= 0;
}

/** Whether a first line is a JMeter data row written without a header (epoch ms first, default column count). */
export function isHeaderlessJmeterRow(fields: readonly string[]): boolean {
  return fields.length === JMETER_DEFAULT_COLUMNS.length && isDigits(fields[0] ?? '') && isDigits(fields[1] ?? '');
}

export async function parseJmeterCsv(path: string, fileName: string, ctx: ParseContext): Promise<ParsedLoadTest> {
  const head = await readHead(path, 64 * 1024);
  const headerLine = firstLine(head.text);
  if (head.text.trim().length === 0) throw badFile(fileName, 'the file is empty.');
  const encoding = textEncodingOf(head, fileName);
  const delimiter = detectDelimiter(headerLine) ?? ',';
  const problems = createProblems(fileName);
  const store = createSampleStore({ jmeterWindow: true });
  const warnings: LoadTestWarning[] = encodingWarnings(encoding);

  let columns: readonly string[] | null = null;
  let at = { timeStamp: -1, elapsed: -1, label: -1, success: -1, responseCode: -1, responseMessage: -1 };
  let width = 0;
  let formattedTime: boolean | null = null;
  let zoneless = false;
  // A short row is an error unless it is the file's last (a run stopped mid-write): decided at the next row.
  const pending: { shortRow: { line: number; message: string } | null } = { shortRow: null };

  const adoptColumns = (header: readonly string[], line: number) => {
    columns = header;
    width = header.length;
    const missing = REQUIRED.filter((name) => columnIndex(header, name) < 0);
    if (missing.length > 0)
      throw badFile(
        fileName,
        `line ${line}: missing column(s) ${missing.join(', ')}; the header has ${header.join(', ') || 'no columns'}.`,
      );
    warnings.push(...checkDuplicateColumns(fileName, header, line, READ));
    at = {
      timeStamp: columnIndex(header, 'timeStamp'),
      elapsed: columnIndex(header, 'elapsed'),
      label: columnIndex(header, 'label'),
      success: columnIndex(header, 'success'),
      responseCode: columnIndex(header, 'responseCode'),
      responseMessage: columnIndex(header, 'responseMessage'),
    };
    if (at.responseMessage < 0)
      warnings.push({
        code: 'noResponseMessage',
        message:
          "The file has no responseMessage column, so Transaction Controller samples cannot be told apart: every sample counts in the total (JMeter's dashboard refuses such a file).",
      });
    if (at.success < 0)
      warnings.push({
        code: 'noSuccessColumn',
        message:
          at.responseCode >= 0
            ? 'The file has no success column: HTTP status 200-399 counts as success.'
            : 'The file has neither a success nor a responseCode column: every sample counts as successful.',
      });
  };

  const onRow = (fields: string[], line: number) => {
    if (pending.shortRow) {
      problems.add(pending.shortRow.line, pending.shortRow.message);
      pending.shortRow = null;
    }
    if (columns === null) {
      if (isHeaderlessJmeterRow(fields)) {
        adoptColumns(JMETER_DEFAULT_COLUMNS, line);
        warnings.push({
          code: 'noHeader',
          message: `The file has no header line: its ${JMETER_DEFAULT_COLUMNS.length} columns are read in JMeter's default order (${JMETER_DEFAULT_COLUMNS.join(', ')}).`,
        });
      } else {
        adoptColumns(fields, line);
        return;
      }
    }
    if (fields.length !== width) {
      const message = `has ${fields.length} field(s), the header has ${width}`;
      if (fields.length < width) pending.shortRow = { line, message };
      else problems.add(line, `${message} (a label with the delimiter in it must be quoted)`);
      return;
    }
    const timeText = fields[at.timeStamp] ?? '';
    const elapsedText = fields[at.elapsed] ?? '';
    const elapsed = numberField(elapsedText);
    if (Number.isNaN(elapsed) || elapsed < 0) {
      problems.add(line, `elapsed ${quoted(elapsedText)} is not a number of milliseconds`);
      return;
    }
    formattedTime ??= !isDigits(timeText.trim());
    let start: number;
    if (formattedTime) {
      start = dateTimeField(timeText);
      if (!zoneless && !Number.isNaN(start) && !hasZone(timeText)) zoneless = true;
    } else start = numberField(timeText);
    if (Number.isNaN(start) || !plausibleEpochMs(start)) {
      problems.add(
        line,
        `timeStamp ${quoted(timeText)} is not ${formattedTime ? 'a date-time' : 'an epoch time in milliseconds'}`,
      );
      return;
    }
    if (problems.count > 0) return;
    let flags = 0;
    if (at.success >= 0) {
      const success = fields[at.success] ?? '';
      if (success === 'true' || success.toLowerCase() === 'true') flags = SAMPLE_OK;
    } else if (at.responseCode >= 0) {
      const code = numberField(fields[at.responseCode] ?? '');
      if (code >= 200 && code < 400) flags = SAMPLE_OK;
    } else flags = SAMPLE_OK;
    if (at.responseMessage >= 0) {
      const message = fields[at.responseMessage] ?? '';
      if (message.charCodeAt(0) === 78 /* N */ && message.startsWith(CONTROLLER_MESSAGE)) {
        if (message.startsWith(EMPTY_CONTROLLER_MESSAGE)) return;
        flags |= SAMPLE_CONTROLLER;
      }
    }
    store.add(start, elapsed, flags, fields[at.label] ?? '', line);
  };

  await streamCsvRows(
    path,
    { text: head.text, encoding },
    delimiter,
    ctx,
    onRow,
    (line, message) => problems.add(line, message),
    () => store.count,
  );
  problems.throwIfAny();
  const lastShort = pending.shortRow;
  if (lastShort)
    warnings.push({
      code: 'truncatedLastLine',
      message: `The last line ${lastShort.message} and was left out: the run probably stopped while writing it.`,
      line: lastShort.line,
    });
  if (columns === null || store.count === 0)
    throw badFile(fileName, columns === null ? 'the file is empty.' : 'the file has a header but no samples.');
  if (zoneless)
    warnings.push({
      code: 'localTime',
      message: "The timestamps carry no time zone; they were read as this computer's local time.",
    });
  return { samples: store.samples(), warnings: [...warnings, ...store.warnings()] };
}
