/**
 * JMeter XML results (JTL): `<testResults>` holding `<httpSample>`/`<sample>` elements whose
 * attributes are the figures (t elapsed, ts start, s success, lb label, rm message). Only the
 * top-level samples count, as in JMeter's CSV output and dashboard: sub-samples (redirects,
 * embedded resources, a Transaction Controller's children written inside it) are parts of them.
 */
import { SAMPLE_CONTROLLER, SAMPLE_OK } from '@shared/domain/load-test-stats';
import { SaxesParser } from 'saxes';
import { CONTROLLER_MESSAGE, EMPTY_CONTROLLER_MESSAGE, type ParsedLoadTest, quoted } from './parsed';
import { badFile, createProblems } from './problems';
import { createSampleStore } from './sample-store';
import {
  abortError,
  encodingWarnings,
  fileSize,
  openText,
  type ParseContext,
  progressReporter,
  readHead,
  textEncodingOf,
} from './text-stream';
import { numberField, plausibleEpochMs } from './values';

const SAMPLE_ELEMENTS = new Set(['httpSample', 'sample']);

export async function parseJmeterXml(path: string, fileName: string, ctx: ParseContext): Promise<ParsedLoadTest> {
  const totalBytes = await fileSize(path);
  if (totalBytes === 0) throw badFile(fileName, 'the file is empty.');
  // JMeter writes UTF-8; a file re-saved by an editor on Chinese Windows may be GBK whatever its XML declaration says.
  const encoding = textEncodingOf(await readHead(path, 64 * 1024), fileName);
  const problems = createProblems(fileName);
  const store = createSampleStore({ jmeterWindow: true });
  const parser = new SaxesParser({ position: true, xmlns: false });
  let depth = 0;
  let root: string | null = null;
  let syntaxError: string | null = null;

  parser.on('opentag', (tag) => {
    depth += 1;
    if (depth === 1) {
      root = tag.name;
      if (tag.name !== 'testResults')
        throw badFile(fileName, `line ${parser.line}: <${tag.name}> is not a JMeter results file (<testResults>).`);
      return;
    }
    if (depth !== 2 || !SAMPLE_ELEMENTS.has(tag.name)) return;
    const { t = '', ts = '', s = 'true', lb = '', rm = '' } = tag.attributes;
    const line = parser.line;
    const elapsed = numberField(t);
    if (Number.isNaN(elapsed) || elapsed < 0) {
      problems.add(line, `t (elapsed) ${quoted(t)} is not a number of milliseconds`);
      return;
    }
    const start = numberField(ts);
    if (Number.isNaN(start) || !plausibleEpochMs(start)) {
      problems.add(line, `ts (timeStamp) ${quoted(ts)} is not an epoch time in milliseconds`);
      return;
    }
    if (problems.count > 0) return;
    let flags = s.toLowerCase() === 'true' ? SAMPLE_OK : 0;
    if (rm.startsWith(CONTROLLER_MESSAGE)) {
      if (rm.startsWith(EMPTY_CONTROLLER_MESSAGE)) return;
      flags |= SAMPLE_CONTROLLER;
    }
    store.add(start, elapsed, flags, lb, line);
  });
  parser.on('closetag', () => {
    depth -= 1;
  });
  parser.on('error', (error) => {
    syntaxError ??= error.message;
  });

  const source = openText(path, encoding);
  const { stream } = source;
  const report = progressReporter(ctx, source, totalBytes);
  try {
    for await (const chunk of stream) {
      if (ctx.signal?.aborted) throw abortError();
      parser.write(String(chunk));
      if (syntaxError) break;
      report(store.count);
    }
  } finally {
    stream.destroy();
  }
  if (syntaxError) throw badFile(fileName, `not well-formed XML: ${syntaxError}`);
  // A run stopped mid-write leaves </testResults> (and maybe a sample's children) unwritten.
  const truncated = depth > 0;
  if (!truncated) parser.close();
  report(store.count, true);
  problems.throwIfAny();
  if (root === null) throw badFile(fileName, 'the file holds no XML elements.');
  if (store.count === 0) throw badFile(fileName, 'the file holds no samples (<httpSample> or <sample>).');
  const warnings = [...encodingWarnings(encoding), ...store.warnings()];
  if (truncated)
    warnings.unshift({
      code: 'truncatedXml',
      message: `The file ends before </testResults> (the run probably stopped while writing it); the ${store.count.toLocaleString('en')} complete samples were read.`,
    });
  return { samples: store.samples(), warnings };
}
