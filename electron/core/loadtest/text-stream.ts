/**
 * Reading a results file as text without holding it: chunks decoded in the file's encoding with
 * progress and abort, the file's head for detection (which also tells the encoding), and a line
 * splitter for line-based formats.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { pipeline, type Readable, Transform } from 'node:stream';
import type { LoadTestWarning } from '@shared/domain/load-test';
import { badFile } from './problems';

export type ParseProgress = { bytesRead: number; totalBytes: number; rows: number };

export type ParseContext = {
  signal?: AbortSignal;
  /** Called at most every ~50 ms with how far the parse is. */
  onProgress?: (progress: ParseProgress) => void;
};

/**
 * The encodings a results file is read in: UTF-8 (what the tools write), UTF-16 with its byte order
 * mark (Excel's "Unicode Text") and GB18030, a superset of GBK (Excel's plain "CSV" on Chinese Windows).
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'gb18030';
/** What the head's bytes are: text in an encoding, binary (NUL bytes), or text in an encoding not told. */
export type HeadEncoding = TextEncoding | 'binary' | 'unknown';

// Small chunks keep papaparse's rows short-lived: with 1 MB chunks the garbage collector copied them and parsing took twice as long.
const CHUNK_BYTES = 64 * 1024;
const PROGRESS_EVERY_MS = 50;

export function abortError(): Error {
  return Object.assign(new Error('The import was stopped.'), { name: 'AbortError' });
}

/** A decoded text stream of the file, and how many of its bytes have been read (for progress). */
export type TextSource = { stream: Readable; bytesRead: () => number };

/** The file as text chunks; each decoder keeps a character split between two chunks whole. */
export function openText(path: string, encoding: TextEncoding = 'utf-8'): TextSource {
  if (encoding !== 'gb18030') {
    const stream = createReadStream(path, {
      encoding: encoding === 'utf-8' ? 'utf8' : 'utf16le',
      highWaterMark: CHUNK_BYTES,
    });
    return { stream, bytesRead: () => stream.bytesRead };
  }
  // Node's own decoders know no GB18030; TextDecoder does (full ICU), streaming.
  const bytes = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const decoder = new TextDecoder('gb18030');
  const text = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, decoder.decode());
    },
  });
  text.setEncoding('utf8');
  // A read error reaches the text stream; destroying the text stream closes the file.
  pipeline(bytes, text, () => {});
  return { stream: text, bytesRead: () => bytes.bytesRead };
}

function decodesAs(encoding: TextEncoding, bytes: Uint8Array, whole: boolean): boolean {
  try {
    // Not whole: the head may end inside a character, which is no decoding error.
    new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: !whole });
    return true;
  } catch {
    return false;
  }
}

/**
 * The encoding of a file from its first bytes: UTF-16 by its byte order mark, binary when a NUL
 * byte is in it, else UTF-8 when the bytes are valid UTF-8, else GB18030 when they are valid
 * GB18030 (text in another encoding rarely is: a Latin-1 "é" before a comma, space or line break
 * is not).
 */
export function sniffEncoding(bytes: Uint8Array, whole: boolean): HeadEncoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.includes(0)) return 'binary';
  if (decodesAs('utf-8', bytes, whole)) return 'utf-8';
  if (decodesAs('gb18030', bytes, whole)) return 'gb18030';
  return 'unknown';
}

export const NOT_TEXT =
  'not a text file (Gatling 3.10 and later write a binary simulation.log; use a JMeter JTL, a k6 CSV or a CSV export).';

/** The encoding to read the file in; a binary file or one in an encoding not told is refused. */
export function textEncodingOf(head: FileHead, fileName: string): TextEncoding {
  if (head.encoding === 'binary') throw badFile(fileName, NOT_TEXT);
  if (head.encoding === 'unknown') throw badFile(fileName, 'not UTF-8 text: save it as UTF-8 ("CSV UTF-8" in Excel).');
  return head.encoding;
}

/** A warning when the file was not UTF-8, so the consultant checks the labels read right. */
export function encodingWarnings(encoding: TextEncoding): LoadTestWarning[] {
  if (encoding !== 'gb18030') return [];
  return [
    {
      code: 'encoding',
      message:
        'The file is not UTF-8; it was read as GB18030 (GBK, what Excel on Chinese Windows saves as "CSV"). Check that the labels read right; if not, save the file as UTF-8 ("CSV UTF-8" in Excel).',
    },
  ];
}

/** Reports progress at most every PROGRESS_EVERY_MS, and always at the end. */
export function progressReporter(ctx: ParseContext, source: TextSource, totalBytes: number) {
  let last = 0;
  return (rows: number, final = false) => {
    if (!ctx.onProgress) return;
    const now = performance.now();
    if (!final && now - last < PROGRESS_EVERY_MS) return;
    last = now;
    ctx.onProgress({ bytesRead: final ? totalBytes : source.bytesRead(), totalBytes, rows });
  };
}

export async function fileSize(path: string): Promise<number> {
  return (await stat(path)).size;
}

export type FileHead = { text: string; whole: boolean; encoding: HeadEncoding };

/**
 * The first `maxBytes` of the file as text in its encoding (UTF-8 when it has none), cut at the
 * last whole line unless the file is shorter.
 */
export async function readHead(path: string, maxBytes = 64 * 1024): Promise<FileHead> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(maxBytes);
    const { bytesRead } = await handle.read(buffer, 0, maxBytes, 0);
    const whole = bytesRead < maxBytes;
    const bytes = buffer.subarray(0, bytesRead);
    const encoding = sniffEncoding(bytes, whole);
    const decoder = new TextDecoder(encoding === 'binary' || encoding === 'unknown' ? 'utf-8' : encoding);
    let text = decoder.decode(bytes, { stream: !whole });
    if (!whole) {
      const lastBreak = text.lastIndexOf('\n');
      if (lastBreak > 0) text = text.slice(0, lastBreak + 1);
    }
    return { text: stripBom(text), whole, encoding };
  } finally {
    await handle.close();
  }
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Calls onLine for every line (without its line break), numbered from 1. */
export async function forEachLine(
  path: string,
  encoding: TextEncoding,
  ctx: ParseContext,
  onLine: (line: string, lineNumber: number) => void,
  /** What progress reports as rows: the samples kept so far (default: lines read). */
  samplesSoFar?: () => number,
): Promise<number> {
  const totalBytes = await fileSize(path);
  const source = openText(path, encoding);
  const { stream } = source;
  const report = progressReporter(ctx, source, totalBytes);
  let carry = '';
  let lineNumber = 0;
  let first = true;
  const emit = (line: string) => {
    lineNumber += 1;
    onLine(line.endsWith('\r') ? line.slice(0, -1) : line, lineNumber);
  };
  try {
    for await (const chunk of stream) {
      if (ctx.signal?.aborted) throw abortError();
      let text = carry + String(chunk);
      if (first) {
        text = stripBom(text);
        first = false;
      }
      let from = 0;
      for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', from)) {
        emit(text.slice(from, at));
        from = at + 1;
      }
      carry = text.slice(from);
      report(samplesSoFar ? samplesSoFar() : lineNumber);
    }
    if (carry.length > 0) emit(carry);
    report(samplesSoFar ? samplesSoFar() : lineNumber, true);
    return lineNumber;
  } finally {
    stream.destroy();
  }
}
