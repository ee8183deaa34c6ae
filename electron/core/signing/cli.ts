/**
 * `vigil verify <file>`: checks a signed deliverable from a terminal, without the app or its data.
 * Exit codes: 0 valid, 1 invalid (modified, or not signed by Vigil), 2 unreadable or bad usage.
 *
 * Formats are found by their first bytes, not the name. A DOCX check against the stored versions
 * needs the data folder and belongs with the freezing code: it plugs in as one more entry of
 * `FORMAT_CHECKS` (test `accepts`, return a PdfVerification-shaped answer; the environment is
 * passed for VIGIL_DATA_DIR).
 */
import { readFileSync } from 'node:fs';
import { checkDocxAgainstStore, isZip } from './docx-check';
import { type PdfVerification, verifyPdf } from './verify';

export type FormatCheck = {
  name: string;
  accepts: (bytes: Uint8Array) => boolean;
  check: (bytes: Uint8Array, env: NodeJS.ProcessEnv) => PdfVerification | Promise<PdfVerification>;
};

/** Readers accept the %PDF- header anywhere in the first 1,024 bytes (Acrobat's rule); so does the verifier. */
const headerHas = (bytes: Uint8Array, text: string) =>
  Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes(text);

export const FORMAT_CHECKS: FormatCheck[] = [
  { name: 'PDF', accepts: (b) => headerHas(b, '%PDF-'), check: (bytes) => verifyPdf(bytes) },
  { name: 'DOCX', accepts: isZip, check: (bytes, env) => checkDocxAgainstStore(bytes, env) },
];

export type CliIo = { out: (line: string) => void; err: (line: string) => void };

const USAGE = 'Usage: vigil verify <file.pdf|file.docx> [--json]   (a DOCX is checked against VIGIL_DATA_DIR)';

export const EXIT = { valid: 0, invalid: 1, unreadable: 2 } as const;

export function exitCodeOf(status: PdfVerification['status']): number {
  if (status === 'valid') return EXIT.valid;
  return status === 'unreadable' ? EXIT.unreadable : EXIT.invalid;
}

function print(result: PdfVerification, io: CliIo): void {
  const rows: [string, string | undefined][] = [
    ['Status', result.status],
    ['Reason', result.reason],
    ['Signer', result.signer],
    ['Signed at', result.signedAt],
    ['Fingerprint', result.fingerprint],
    ['Certificate', result.certificateSubject],
    ['Certificate SHA-256', result.certificateSha256],
  ];
  for (const [label, value] of rows) if (value) io.out(`${`${label}:`.padEnd(21)}${value}`);
}

/** Runs the command line (without node and script) and returns the exit code. */
export async function runCli(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const json = args.includes('--json');
  const [command, file, ...rest] = args.filter((a) => a !== '--json');
  if (command !== 'verify' || !file || rest.length > 0) {
    io.err(USAGE);
    return EXIT.unreadable;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (error) {
    io.err(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return EXIT.unreadable;
  }
  const format = FORMAT_CHECKS.find((f) => f.accepts(bytes));
  const result: PdfVerification = format
    ? await format.check(bytes, env)
    : { status: 'unreadable', reason: `${file} is not a PDF or DOCX` };
  if (json) io.out(JSON.stringify(result, null, 2));
  else print(result, io);
  return exitCodeOf(result.status);
}
