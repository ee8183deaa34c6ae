/**
 * Reading a results file as text without holding it: UTF-8 chunks with progress and abort, the
 * file's head for detection, and a line splitter for line-based formats.
 */
import { createReadStream, type ReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';

export type ParseProgress = { bytesRead: number; totalBytes: number; rows: number };

export type ParseContext = {
  signal?: AbortSignal;
  /** Called at most every ~50 ms with how far the parse is. */
  onProgress?: (progress: ParseProgress) => void;
};

// Small chunks keep papaparse's rows short-lived: with 1 MB chunks the garbage collector copied them and parsing took twice as long.
const CHUNK_BYTES = 64 * 1024;
const PROGRESS_EVERY_MS = 50;

export function abortError(): Error {
  return Object.assign(new Error('The import was stopped.'), { name: 'AbortError' });
}

/** A UTF-8 stream of the file (the decoder keeps multi-byte characters whole across chunks). */
export function openText(path: string): ReadStream {
  return createReadStream(path, { encoding: 'utf8', highWaterMark: CHUNK_BYTES });
}

/** Reports progress at most every PROGRESS_EVERY_MS, and always at the end. */
export function progressReporter(ctx: ParseContext, stream: ReadStream, totalBytes: number) {
  let last = 0;
  return (rows: number, final = false) => {
    if (!ctx.onProgress) return;
    const now = performance.now();
    if (!final && now - last < PROGRESS_EVERY_MS) return;
    last = now;
    ctx.onProgress({ bytesRead: final ? totalBytes : stream.bytesRead, totalBytes, rows });
  };
}

export async function fileSize(path: string): Promise<number> {
  return (await stat(path)).size;
}

/** The first `maxBytes` of the file as text, cut at the last whole line unless the file is shorter. */
export async function readHead(path: string, maxBytes = 64 * 1024): Promise<{ text: string; whole: boolean }> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(maxBytes);
    const { bytesRead } = await handle.read(buffer, 0, maxBytes, 0);
    const whole = bytesRead < maxBytes;
    let text = new TextDecoder('utf-8').decode(buffer.subarray(0, bytesRead), { stream: !whole });
    if (!whole) {
      const lastBreak = text.lastIndexOf('\n');
      if (lastBreak > 0) text = text.slice(0, lastBreak + 1);
    }
    return { text: stripBom(text), whole };
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
  ctx: ParseContext,
  onLine: (line: string, lineNumber: number) => void,
  /** What progress reports as rows: the samples kept so far (default: lines read). */
  samplesSoFar?: () => number,
): Promise<number> {
  const totalBytes = await fileSize(path);
  const stream = openText(path);
  const report = progressReporter(ctx, stream, totalBytes);
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
