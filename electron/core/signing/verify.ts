/**
 * Checks a PDF's Vigil signature with nothing but the file: the embedded certificate, the signed
 * byte ranges and the CMS. Imports only node:crypto, pkijs and asn1js (no store, no Electron), so
 * the `vigil verify` command runs without the app.
 */
import { createHash } from 'node:crypto';
import { checkDetachedSignature } from './cms';
import { readHex, readStringEntry, readStringEntryAt } from './pdf-strings';

export type PdfVerification = {
  /**
   * valid: our kind of signature, intact, covering the whole file. modified: a signature whose
   * digest, signature, certificate binding or coverage fails. unknown: a PDF without a PAdES
   * signature we can read. unreadable: not a PDF at all.
   */
  status: 'valid' | 'modified' | 'unknown' | 'unreadable';
  /** Why the status is not 'valid', in English. */
  reason?: string;
  /** The signer named in the signature dictionary (/Name). */
  signer?: string;
  /** The certificate's subject, e.g. "CN=Li Wei, O=Acme Assurance". */
  certificateSubject?: string;
  /** The signing time from /M, as an ISO instant. */
  signedAt?: string;
  /** The document model's fingerprint written into the Info dictionary at freezing (/VigilFingerprint). */
  fingerprint?: string;
  /** SHA-256 of the signing certificate (hex, lower case): compare with the installation's exported one. */
  certificateSha256?: string;
};

const PDF_HEADER = '%PDF-';

/** /M is `D:YYYYMMDDHHmmSS` with `Z` or `+HH'mm'`; anything missing defaults as PDF 32000-1 §7.9.4 says. */
export function parsePdfDate(value: string): string | undefined {
  const match = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz])|([+-])(\d{2})'?(\d{2})?'?)?/.exec(
    value.trim(),
  );
  if (!match) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', , sign, oh = '00', om = '00'] = match;
  const offsetMinutes = sign ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) : 0;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offsetMinutes * 60_000;
  return Number.isNaN(utc) ? undefined : new Date(utc).toISOString();
}

function subjectOf(subject: string): string {
  // Node gives one "KEY=value" per line, most significant first; people read the CN first (RFC 4514 order).
  return subject.split('\n').filter(Boolean).reverse().join(', ');
}

/** The string an indirect object `n g obj` holds (its last definition: incremental updates win). */
function indirectString(source: string, objectNumber: string, generation: string): string | undefined {
  const pattern = new RegExp(`(?:^|[\\r\\n\\s])${objectNumber}\\s+${generation}\\s+obj\\s*`, 'g');
  let value: string | undefined;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    value = readStringEntryAt(source, match.index + match[0].length) ?? value;
  }
  return value;
}

/**
 * The last value of `/Key` in the file (a later incremental update overrides an earlier one),
 * direct or — as pdfkit writes its Info entries — an indirect reference to a string object.
 */
function lastStringEntry(source: string, key: string): string | undefined {
  const reference = new RegExp(`^/${key}\\s+(\\d+)\\s+(\\d+)\\s+R`);
  let found: string | undefined;
  for (let at = source.indexOf(`/${key}`); at >= 0; at = source.indexOf(`/${key}`, at + 1)) {
    const indirect = reference.exec(source.slice(at, at + key.length + 32));
    const value = indirect
      ? indirectString(source, indirect[1] ?? '', indirect[2] ?? '')
      : readStringEntry(source, key, at, at + key.length + 1 + 64 * 1024);
    found = value ?? found;
  }
  return found;
}

/**
 * The fingerprint the freezing step wrote into the Info dictionary: its own /VigilFingerprint key,
 * else "VigilFingerprint:<hex>" among the /Keywords (all a PDF tool may have kept).
 */
function fingerprintOf(source: string): string | undefined {
  const own = lastStringEntry(source, 'VigilFingerprint');
  if (own) return own;
  return /VigilFingerprint:\s*([0-9a-fA-F]{64})/.exec(lastStringEntry(source, 'Keywords') ?? '')?.[1];
}

type SignatureField = { byteRange: [number, number, number, number]; dictStart: number; dictEnd: number };

/** The last signature dictionary's /ByteRange (ours is the only one we write). */
function lastByteRange(source: string): SignatureField | undefined {
  const pattern = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  let last: RegExpExecArray | undefined;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) last = match;
  if (!last) return undefined;
  const byteRange = last.slice(1, 5).map(Number) as [number, number, number, number];
  // The dictionary around it: from the object's start to its end, for /M, /Name and /SubFilter.
  const objStart = source.lastIndexOf(' obj', last.index);
  const objEnd = source.indexOf('endobj', last.index);
  return {
    byteRange,
    dictStart: objStart < 0 ? Math.max(0, last.index - 4096) : objStart,
    dictEnd: objEnd < 0 ? source.length : objEnd,
  };
}

/** Verifies the PDF's Vigil signature; never throws. */
export function verifyPdf(bytes: Uint8Array): PdfVerification {
  // Latin-1 maps each byte to one char, so string offsets are byte offsets.
  const source = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const header = source.indexOf(PDF_HEADER);
  if (header < 0 || header > 1024) return { status: 'unreadable', reason: 'the file is not a PDF' };
  const fingerprint = fingerprintOf(source);
  const field = lastByteRange(source);
  if (!field) {
    // A signature dictionary whose byte range no longer reads is a damaged signature, not no signature.
    return /\/ByteRange\b|\/SubFilter\s*\/ETSI\.CAdES\.detached/.test(source)
      ? { status: 'modified', reason: 'the signature dictionary is damaged', fingerprint }
      : { status: 'unknown', reason: 'the PDF carries no signature', fingerprint };
  }

  const dict = { from: field.dictStart, to: field.dictEnd };
  const subFilter = /\/SubFilter\s*\/([^\s/<>[\]()]+)/.exec(source.slice(dict.from, dict.to))?.[1];
  const signer = readStringEntry(source, 'Name', dict.from, dict.to);
  const m = readStringEntry(source, 'M', dict.from, dict.to);
  const signedAt = m ? parsePdfDate(m) : undefined;
  const facts = { signer, signedAt, fingerprint };

  const [a, b, c, d] = field.byteRange;
  const length = bytes.byteLength;
  // The ranges must be [0, hole) and [hole end, end of file): nothing unsigned but the signature.
  if (a !== 0 || b <= 0 || c <= b || c + d !== length || source[b] !== '<' || source[c - 1] !== '>') {
    return { status: 'modified', reason: 'the signature does not cover the whole document', ...facts };
  }
  const contents = readHex(source, b);
  if (!contents || contents.end !== c) {
    return { status: 'modified', reason: 'the signature value is damaged', ...facts };
  }
  if (subFilter !== 'ETSI.CAdES.detached') {
    return { status: 'unknown', reason: `not a PAdES signature (${subFilter ?? 'no /SubFilter'})`, ...facts };
  }
  // The hole is zero-padded after the DER; the CMS parser reads only its own length.
  const cms = Uint8Array.from(contents.bytes);
  const content = new Uint8Array(b + d);
  content.set(bytes.subarray(0, b), 0);
  content.set(bytes.subarray(c, c + d), b);
  const check = checkDetachedSignature(cms, content);
  if (check.outcome === 'foreign') return { status: 'unknown', reason: check.reason, ...facts };
  const certificate =
    check.certificate && check.certificateDer
      ? {
          certificateSubject: subjectOf(check.certificate.subject),
          certificateSha256: createHash('sha256').update(check.certificateDer).digest('hex'),
        }
      : {};
  if (check.outcome === 'modified') return { status: 'modified', reason: check.reason, ...facts, ...certificate };
  return { status: 'valid', ...facts, ...certificate };
}
