/**
 * Gatling simulation.log, the tab-separated text log of Gatling 3.0-3.9 (3.10 and later write a
 * binary log). REQUEST records are the samples:
 *   REQUEST <groups> <name> <start ms> <end ms> <OK|KO> <message>   (3.4-3.9, e.g. the 3.5.1 testdata)
 * 3.0-3.3 add the user id after REQUEST; 2.x add scenario and user id and four timestamps. Records
 * are read by their status field, so each of these layouts works; a RUN line from a version other
 * than 3.x gives a warning.
 */
import type { LoadTestWarning } from '@shared/domain/load-test';
import { SAMPLE_OK } from '@shared/domain/load-test-stats';
import { type ParsedLoadTest, quoted } from './parsed';
import { badFile, createProblems } from './problems';
import { createSampleStore } from './sample-store';
import { forEachLine, type ParseContext } from './text-stream';
import { isDigits, plausibleEpochMs } from './values';

const KNOWN_VERSION = /^3\.[0-9]\b/;

/** Whether the head of a file looks like a Gatling text log. */
export function isGatlingLog(head: string): boolean {
  return /^(RUN|ASSERTION|USER|REQUEST|GROUP|ERROR)\t/m.test(head.slice(0, 4096)) && !head.startsWith('<');
}

export async function parseGatlingLog(path: string, fileName: string, ctx: ParseContext): Promise<ParsedLoadTest> {
  const problems = createProblems(fileName);
  const store = createSampleStore();
  const warnings: LoadTestWarning[] = [];
  const run: { version: string | null } = { version: null };
  let sawText = false;

  const lines = await forEachLine(
    path,
    ctx,
    (text, line) => {
      if (text.length === 0) return;
      if (!sawText) {
        sawText = true;
        // Gatling 3.10+ writes a binary log; its first bytes are no record name.
        if (!isGatlingLog(text))
          throw badFile(
            fileName,
            `line ${line}: not a Gatling text simulation.log (Gatling 3.10 and later write a binary log; run the report with an earlier Gatling or export the requests as CSV).`,
          );
      }
      const fields = text.split('\t');
      const record = fields[0];
      if (record === 'RUN') {
        run.version = (fields.filter((f) => f.trim().length > 0).at(-1) ?? '').trim();
        return;
      }
      if (record !== 'REQUEST') return;
      const status = fields.findIndex((field, i) => i >= 2 && (field === 'OK' || field === 'KO'));
      if (status < 0) {
        problems.add(line, 'REQUEST record without an OK or KO status');
        return;
      }
      // The timestamps run up to the status; the request name comes just before them.
      let first = status;
      while (first > 1 && isDigits(fields[first - 1] ?? '')) first -= 1;
      const start = Number(fields[first] ?? Number.NaN);
      const end = Number(fields[status - 1] ?? Number.NaN);
      if (status - first < 2 || !plausibleEpochMs(start) || !(end >= start)) {
        problems.add(line, `REQUEST record has no start and end times before its status: ${quoted(text)}`);
        return;
      }
      if (problems.count > 0) return;
      const name = fields[first - 1] ?? '';
      const groups = fields[first - 2] ?? '';
      const label = groups.length > 0 && first >= 3 ? `${groups.split(',').join(' / ')} / ${name}` : name;
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
