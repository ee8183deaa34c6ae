/**
 * Bad lines found while parsing: collected (the first few with their line numbers), then thrown as
 * one INVALID_INPUT failure so nothing of a bad file is imported.
 */
import { failure } from '../errors';

/** How many bad lines the message names; the rest are counted. */
const NAMED = 10;

export type Problems = {
  add(line: number | null, message: string): void;
  readonly count: number;
  /** Throws the failure when any line was bad. */
  throwIfAny(): void;
};

export function createProblems(fileName: string): Problems {
  const named: string[] = [];
  let count = 0;
  return {
    add(line, message) {
      count += 1;
      if (named.length < NAMED) named.push(line === null ? message : `line ${line}: ${message}`);
    },
    get count() {
      return count;
    },
    throwIfAny() {
      if (count === 0) return;
      const more = count > named.length ? `; and ${(count - named.length).toLocaleString('en')} more bad line(s)` : '';
      throw failure('INVALID_INPUT', `${fileName}: ${named.join('; ')}${more}`, {
        field: 'file',
        details: named.map((problem) => `${fileName}: ${problem}`),
      });
    },
  };
}

/** A file-level problem (empty file, missing columns): thrown at once. */
export function badFile(fileName: string, problem: string): Error {
  return failure('INVALID_INPUT', `${fileName}: ${problem}`, { field: 'file' });
}
