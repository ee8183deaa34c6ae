/**
 * Any other CSV (a cloud load-test service's export, a home-made logger) through the column
 * mapping the consultant confirmed: which column is the time, the label, the elapsed time and the
 * success, and in which units.
 */
import type { ColumnMapping, LoadTestWarning } from '@shared/domain/load-test';
import { SAMPLE_OK } from '@shared/domain/load-test-stats';
import { checkDuplicateColumns, detectDelimiter, firstLine, streamCsvRows } from './csv';
import { columnIndex } from './jmeter-csv';
import { type ParsedLoadTest, quoted } from './parsed';
import { badFile, createProblems } from './problems';
import { createSampleStore } from './sample-store';
import { encodingWarnings, type ParseContext, readHead, textEncodingOf } from './text-stream';
import { dateTimeField, epochField, hasZone, numberField, plausibleEpochMs, successMatcher } from './values';

const ELAPSED_TO_MS = { ms: 1, s: 1000, us: 0.001 } as const;

export async function parseGenericCsv(
  path: string,
  fileName: string,
  mapping: ColumnMapping,
  ctx: ParseContext,
): Promise<ParsedLoadTest> {
  const head = await readHead(path, 64 * 1024);
  if (head.text.trim().length === 0) throw badFile(fileName, 'the file is empty.');
  const encoding = textEncodingOf(head, fileName);
  const delimiter = detectDelimiter(firstLine(head.text)) ?? ',';
  const problems = createProblems(fileName);
  const store = createSampleStore();
  const warnings: LoadTestWarning[] = encodingWarnings(encoding);
  const isSuccess = successMatcher(mapping.successValues);
  const toMs = ELAPSED_TO_MS[mapping.elapsedUnit];
  const state: { header: string[] | null; zoneless: boolean } = { header: null, zoneless: false };
  let at = { timestamp: -1, elapsed: -1, label: -1, success: -1 };

  const onRow = (fields: string[], line: number) => {
    if (state.header === null) {
      state.header = fields;
      const wanted = [mapping.timestamp, mapping.elapsed, mapping.label, mapping.success].filter(
        (name): name is string => name !== null,
      );
      const missing = wanted.filter((name) => columnIndex(fields, name) < 0);
      if (missing.length > 0)
        throw badFile(
          fileName,
          `line ${line}: missing column(s) ${missing.join(', ')}; the header has ${fields.join(', ')}.`,
        );
      warnings.push(...checkDuplicateColumns(fileName, fields, line, wanted));
      at = {
        timestamp: columnIndex(fields, mapping.timestamp),
        elapsed: columnIndex(fields, mapping.elapsed),
        label: mapping.label === null ? -1 : columnIndex(fields, mapping.label),
        success: mapping.success === null ? -1 : columnIndex(fields, mapping.success),
      };
      return;
    }
    const timeText = fields[at.timestamp] ?? '';
    const elapsedText = fields[at.elapsed] ?? '';
    const elapsed = numberField(elapsedText.trim()) * toMs;
    if (Number.isNaN(elapsed) || elapsed < 0) {
      problems.add(line, `${mapping.elapsed} ${quoted(elapsedText)} is not a number of ${mapping.elapsedUnit}`);
      return;
    }
    const start =
      mapping.timestampUnit === 'iso' ? dateTimeField(timeText) : epochField(timeText, mapping.timestampUnit);
    if (Number.isNaN(start) || !plausibleEpochMs(start)) {
      const expected = mapping.timestampUnit === 'iso' ? 'a date-time' : `an epoch time in ${mapping.timestampUnit}`;
      problems.add(line, `${mapping.timestamp} ${quoted(timeText)} is not ${expected}`);
      return;
    }
    if (problems.count > 0) return;
    if (mapping.timestampUnit === 'iso' && !state.zoneless && !hasZone(timeText)) state.zoneless = true;
    const ok = at.success < 0 || isSuccess(fields[at.success] ?? '');
    const label = at.label < 0 ? 'all' : (fields[at.label] ?? '');
    store.add(start, elapsed, ok ? SAMPLE_OK : 0, label, line);
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
  if (state.header === null) throw badFile(fileName, 'the file is empty.');
  if (store.count === 0) throw badFile(fileName, 'the file has a header but no samples.');
  if (state.zoneless)
    warnings.push({
      code: 'localTime',
      message: "The timestamps carry no time zone; they were read as this computer's local time.",
    });
  return { samples: store.samples(), warnings: [...warnings, ...store.warnings()] };
}
