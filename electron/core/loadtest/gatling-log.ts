/**
 * Gatling simulation.log, the tab-separated text log of Gatling 3.0-3.9 (3.10 and later write a
 * binary log). REQUEST records are the samples:
 *   REQUEST <groups> <name> <start ms> <end ms> <OK|KO> <message>   (3.4-3.9, e.g. the 3.5.1 testdata)
 * 3.0-3.3 add the user id after REQUEST; 2.x add scenario and user id and four timestamps. Records
 * are read from their status field backwards (times, then name, then groups), so each of these
 * layouts works; a RUN line from a version other than 3.x gives a warning.
 */
import type { LoadTestWarning } from '@shared/domain/load-test';
import { SAMPLE_OK } from '@shared/domain/load-test-stats';
import { type ParsedLoadTest, quoted } from './parsed';
import { badFile, createProblems } from './problems';
import { createSampleStore } from './sample-store';
import { encodingWarnings, forEachLine, type ParseContext, readHead, textEncodingOf } from './text-stream';
import { isDigits, plausibleEpochMs } from './values';

const KNOWN_VERSION = /^3\.[0-9]\b/;

/** Whether the head of a file looks like a Gatling text log. */
export function isGatlingLog(head: string): boolean {
  return /^(RUN|ASSERTION|USER|REQUEST|GROUP|ERROR)\t/m.test(head.slice(0, 4096)) && !head.startsWith('<');
}

/**
 * The status field: the first OK or KO with two numbers before it (a request may be named "OK"),
 * -1 when there is none.
 */
function statusField(fields: readonly string[]): number {
  for (let i = 3; i < fields.length; i += 1) {
    const field = fields[i];
    if ((field === 'OK' || field === 'KO') && isDigits(fields[i - 1] ?? '') && isDigits(fields[i - 2] ?? '')) return i;
  }
  return -1;
}

/**
 * How many timestamps come before the status: Gatling 2.x writes four (request start and end,
 * response start and end) after scenario, user id, groups and name, so its status is field 9;
 * 3.x writes two, its status at field 5 or 6. Decided per record, not by the RUN version: a log's
 * RUN line may be missing or name a version whose layout it does not use.
 */
function timestampCount(fields: readonly string[], status: number): 2 | 4 {
  const isTime = (field: string | undefined) => isDigits(field ?? '') && plausibleEpochMs(Number(field));
  return status >= 7 && isTime(fields[status - 4]) && isTime(fields[status - 3]) ? 4 : 2;
}

export async function parseGatlingLog(path: string, fileName: string, ctx: ParseContext): Promise<ParsedLoadTest> {
  const head = await readHead(path, 64 * 1024);
  const binary = (line = 1) =>
    badFile(
      fileName,
      `line ${line}: not a Gatling text simulation.log (Gatling 3.10 and later write a binary log; run the report with an earlier Gatling or export the requests as CSV).`,
    );
  if (head.encoding === 'binary') throw binary();
  const encoding = textEncodingOf(head, fileName);
  const problems = createProblems(fileName);
  const store = createSampleStore();
  const warnings: LoadTestWarning[] = encodingWarnings(encoding);
  const run: { version: string | null } = { version: null };
  let sawText = false;

  const lines = await forEachLine(
    path,
    encoding,
    ctx,
    (text, line) => {
      if (text.length === 0) return;
      if (!sawText) {
        sawText = true;
        // Gatling 3.10+ writes a binary log; its first bytes are no record name.
        if (!isGatlingLog(text)) throw binary(line);
      }
      const fields = text.split('\t');
      const record = fields[0];
      if (record === 'RUN') {
        run.version = (fields.filter((f) => f.trim().length > 0).at(-1) ?? '').trim();
        return;
      }
      if (record !== 'REQUEST') return;
      const status = statusField(fields);
      if (status < 0) {
        const anyStatus = fields.some((field, i) => i >= 2 && (field === 'OK' || field === 'KO'));
        problems.add(
          line,
          anyStatus
            ? `REQUEST record has no start and end times before its status: ${quoted(text)}`
            : 'REQUEST record without an OK or KO status',
        );
        return;
      }
      // The timestamps sit just before the status, the request name and groups just before them;
      // counting from the status (not walking back over digits) keeps a name like "404" a name.
      const first = status - timestampCount(fields, status);
      const start = Number(fields[first]);
      const end = Number(fields[status - 1]);
      if (first < 3 || !isDigits(fields[first] ?? '') || !plausibleEpochMs(start) || !(end >= start)) {
        problems.add(line, `REQUEST record has no start and end times before its status: ${quoted(text)}`);
        return;
      }
      if (problems.count > 0) return;
      const name = fields[first - 1] ?? '';
      const groups = fields[first - 2] ?? '';
      const label = groups.length > 0 ? `${groups.split(',').join(' / ')} / ${name}` : name;
      store.add(start, end - start, fields[status] === 'OK' ? SAMPLE_OK : 0, label, line);
    },
    () => store.count,
  );
  problems.throwIfAny();
  if (lines === 0 || !sawText) throw badFile(fileName, 'the file is empty.');
  if (store.count === 0) throw badFile(fileName, 'the file holds no REQUEST records.');
  const found = run.version;
  if (found === null || !KNOWN_VERSION.test(found))
    warnings.push({
      code: 'gatlingVersion',
      message: `The log ${found === null ? 'names no Gatling version (no RUN record)' : `is from Gatling ${found}`}; it was read as the 3.x layout (REQUEST records by their OK/KO status), so check the figures against Gatling's own report.`,
    });
  return { samples: store.samples(), warnings: [...warnings, ...store.warnings()] };
}
