/**
 * Streaming CSV over a results file with papaparse: rows arrive chunk by chunk (never the whole
 * file), each with the line it starts on, counting line breaks inside quoted fields.
 */
import type { LoadTestWarning } from '@shared/domain/load-test';
import Papa from 'papaparse';
import { badFile } from './problems';
import { abortError, fileSize, openText, type ParseContext, progressReporter, type TextEncoding } from './text-stream';

export const CSV_DELIMITERS = [',', '\t', ';', '|'] as const;

/** The first line of a text, without its line break. */
export function firstLine(text: string): string {
  const end = text.indexOf('\n');
  const line = end === -1 ? text : text.slice(0, end);
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/**
 * The delimiter that splits the header line into the most fields (quoted parts ignored), or null
 * when none splits it.
 */
export function detectDelimiter(headerLine: string): string | null {
  const unquoted = headerLine.replace(/"[^"]*"/g, '');
  let best: string | null = null;
  let bestCount = 0;
  for (const delimiter of CSV_DELIMITERS) {
    const count = unquoted.split(delimiter).length - 1;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

export function detectNewline(text: string): '\r\n' | '\n' | '\r' {
  const lf = text.indexOf('\n');
  if (lf > 0 && text[lf - 1] === '\r') return '\r\n';
  if (lf === -1 && text.includes('\r')) return '\r';
  return '\n';
}

/** Parses CSV text held in memory (the head of a file, for preview). */
export function parseCsvText(text: string, delimiter: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { delimiter, newline: detectNewline(text), skipEmptyLines: true });
  return parsed.data;
}

export type CsvRowHandler = (fields: string[], line: number) => void;

/**
 * Streams every non-blank row of the file to onRow with its line number. Quote errors papaparse
 * reports go to onQuoteError. Resolves with the number of lines read.
 */
export async function streamCsvRows(
  path: string,
  /** The file's head (its line breaks tell the newline) and the encoding it was read in. */
  head: { text: string; encoding: TextEncoding },
  delimiter: string,
  ctx: ParseContext,
  onRow: CsvRowHandler,
  onQuoteError: (line: number, message: string) => void,
  /** What progress reports as rows: the samples kept so far (default: rows read). */
  samplesSoFar?: () => number,
): Promise<number> {
  const totalBytes = await fileSize(path);
  const newline = detectNewline(head.text);
  const breakChar = newline === '\r' ? '\r' : '\n';
  const source = openText(path, head.encoding);
  const { stream } = source;
  const report = progressReporter(ctx, source, totalBytes);
  // The text papaparse has not consumed yet, to count the line breaks of each chunk's rows: when
  // they equal the rows, no quoted field held a line break and lines simply follow rows.
  let unconsumed = '';
  let unconsumedAt = 0;
  let firstData = true;
  stream.on('data', (chunk) => {
    let text = String(chunk);
    if (firstData && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    firstData = false;
    unconsumed += text;
  });
  // Registered before papaparse's listener: its last chunk, parsed on 'end', holds the file's last row, which has no line break after it.
  let ended = false;
  stream.on('end', () => {
    ended = true;
  });
  const breaksBefore = (end: number) => {
    const upTo = end - unconsumedAt;
    let breaks = 0;
    for (let at = unconsumed.indexOf(breakChar); at !== -1 && at < upTo; at = unconsumed.indexOf(breakChar, at + 1))
      breaks += 1;
    unconsumed = unconsumed.slice(upTo);
    unconsumedAt = end;
    return breaks;
  };
  let line = 1;
  let rows = 0;
  return new Promise<number>((resolve, reject) => {
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      stream.destroy();
      if (error) reject(error);
      else resolve(line - 1);
    };
    const lines: number[] = [];
    Papa.parse<string[], typeof stream>(stream, {
      delimiter,
      newline,
      skipEmptyLines: false,
      beforeFirstChunk: (chunk) => (chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk),
      chunk(results, parser) {
        if (settled) return;
        if (ctx.signal?.aborted) {
          parser.abort();
          settle(abortError());
          return;
        }
        const breaks = breaksBefore(results.meta.cursor);
        // Every row ends with a line break but the file's last; more breaks than that are inside quoted fields.
        const inFields = breaks > results.data.length - (ended ? 1 : 0);
        lines.length = 0;
        for (const fields of results.data) {
          const at = line;
          lines.push(at);
          line += 1;
          if (inFields)
            for (const field of fields) if (field.includes(breakChar)) line += field.split(breakChar).length - 1;
          // A blank line (papaparse gives one empty field); the file's final line break makes one too.
          if (fields.length === 1 && fields[0] === '') continue;
          rows += 1;
          onRow(fields, at);
        }
        for (const error of results.errors)
          if (error.type === 'Quotes') onQuoteError(lines[error.row ?? 0] ?? line, error.message);
        report(samplesSoFar ? samplesSoFar() : rows);
      },
      complete() {
        report(samplesSoFar ? samplesSoFar() : rows, true);
        settle();
      },
      error(error) {
        settle(error);
      },
    });
  });
}

/**
 * Checks a header for columns named twice (compared as columnIndex compares: trimmed, in any
 * case). A column the parser reads is ambiguous (which of two elapsed columns?), so the file is
 * refused naming it and the line; others only get a warning. Blank names (a trailing delimiter)
 * are left alone.
 */
export function checkDuplicateColumns(
  fileName: string,
  header: readonly string[],
  line: number,
  read: readonly string[],
): LoadTestWarning[] {
  const positions = new Map<string, { name: string; columns: number[] }>();
  header.forEach((column, i) => {
    const name = column.trim();
    if (name.length === 0) return;
    const key = name.toLowerCase();
    const seen = positions.get(key);
    if (seen) seen.columns.push(i + 1);
    else positions.set(key, { name, columns: [i + 1] });
  });
  const duplicates = [...positions.entries()].filter(([, { columns }]) => columns.length > 1);
  const wanted = new Set(read.map((name) => name.trim().toLowerCase()));
  // Duplicates have two positions or more.
  const listed = (columns: readonly number[]) => `${columns.slice(0, -1).join(', ')} and ${columns.at(-1)}`;
  const ambiguous = duplicates.find(([key]) => wanted.has(key));
  if (ambiguous) {
    const [key, { columns }] = ambiguous;
    const name = read.find((wantedName) => wantedName.trim().toLowerCase() === key) ?? key;
    throw badFile(
      fileName,
      `line ${line}: the header has ${columns.length} columns named ${name} (columns ${listed(columns)}), so which one to read is ambiguous; rename or remove the extra one.`,
    );
  }
  return duplicates.map(([, { name, columns }]) => ({
    code: 'duplicateColumn',
    message: `The header names ${name} ${columns.length === 2 ? 'twice' : `${columns.length} times`} (columns ${listed(columns)}); that column is not read, so the figures do not depend on it.`,
    line,
  }));
}
