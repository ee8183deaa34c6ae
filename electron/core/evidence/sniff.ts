/**
 * What a file really is, from its first bytes: the allowlist of evidence types. The name and the
 * media type the renderer sends are never trusted.
 */

export type Sniffed =
  | { kind: 'image'; format: 'jpeg' | 'png' | 'webp' | 'gif' }
  | { kind: 'file'; mediaType: 'application/pdf' | 'application/json' | 'text/plain' | 'text/csv' }
  | { kind: 'heic' }
  | { kind: 'refused' };

const startsWith = (bytes: Uint8Array, magic: number[], at = 0) => magic.every((b, i) => bytes[at + i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

// ISO-BMFF brands of HEIF/HEIC stills and sequences as phones write them.
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);

function isHeif(bytes: Uint8Array): boolean {
  if (bytes.length < 12 || ascii(bytes, 4, 8) !== 'ftyp') return false;
  const boxSize = Math.min(
    ((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0),
    64,
  );
  for (let at = 8; at + 4 <= Math.min(boxSize, bytes.length); at += 4) {
    if (at === 12) continue; // minor version, not a brand
    if (HEIF_BRANDS.has(ascii(bytes, at, at + 4))) return true;
  }
  return false;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 text with no NUL and few control characters (tabs, newlines, form feeds are fine). */
function textOf(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return null;
  }
  let controls = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === 0) return null;
    if (code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) controls += 1;
  }
  return controls > text.length / 100 ? null : text;
}

export function sniff(bytes: Uint8Array, fileName: string): Sniffed {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'image', format: 'jpeg' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', format: 'png' };
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') {
    return { kind: 'image', format: 'webp' };
  }
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) {
    return { kind: 'image', format: 'gif' };
  }
  if (isHeif(bytes)) return { kind: 'heic' };
  if (bytes.length >= 5 && ascii(bytes, 0, 5) === '%PDF-') return { kind: 'file', mediaType: 'application/pdf' };
  const text = textOf(bytes);
  if (text === null) return { kind: 'refused' };
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body.startsWith('{') || body.startsWith('[')) {
    try {
      JSON.parse(body);
      return { kind: 'file', mediaType: 'application/json' };
    } catch {
      // Not JSON after all: plain text.
    }
  }
  return { kind: 'file', mediaType: /\.csv$/i.test(fileName) ? 'text/csv' : 'text/plain' };
}

/** The media type of a stored image variant, read from its bytes. */
export function imageMediaType(bytes: Uint8Array): string {
  return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) ? 'image/png' : 'image/jpeg';
}
