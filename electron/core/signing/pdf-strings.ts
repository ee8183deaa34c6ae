/**
 * PDF text strings in the signature dictionary. pdf-lib's `PDFString.of` writes its argument
 * between parentheses as it is, so the argument must already be a valid literal body: ASCII is
 * escaped, anything else is UTF-16BE with a byte-order mark, written as octal escapes (PDF 32000-1
 * §7.9.2.2), so a Chinese signer name survives.
 */

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** The body of a PDF literal string (without the parentheses) that reads back as `text`. */
export function pdfLiteralBody(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text.replace(/[\\()]/g, '\\$&');
  let body = '\\376\\377';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const units = code > 0xffff ? [0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 0x3ff)] : [code];
    for (const unit of units) {
      body += `\\${(unit >> 8).toString(8).padStart(3, '0')}\\${(unit & 0xff).toString(8).padStart(3, '0')}`;
    }
  }
  return body;
}

const ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };

/** The bytes of a literal string starting at `source[start] === '('`, and where it ends. */
export function readLiteral(source: string, start: number): { bytes: number[]; end: number } | undefined {
  if (source[start] !== '(') return undefined;
  const bytes: number[] = [];
  let depth = 1;
  let i = start + 1;
  while (i < source.length) {
    const c = source[i] ?? '';
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      const octal = /^[0-7]{1,3}/.exec(source.slice(i + 1, i + 4));
      if (octal) {
        bytes.push(Number.parseInt(octal[0], 8) & 0xff);
        i += 1 + octal[0].length;
      } else if (next === '\r' || next === '\n') {
        // A backslash before an end of line continues the string on the next line.
        i += next === '\r' && source[i + 2] === '\n' ? 3 : 2;
      } else {
        bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
        i += 2;
      }
      continue;
    }
    if (c === '(') depth++;
    if (c === ')' && --depth === 0) return { bytes, end: i + 1 };
    bytes.push(c.charCodeAt(0) & 0xff);
    i++;
  }
  return undefined;
}

/** A hex string `<…>` starting at `start`, as bytes. */
export function readHex(source: string, start: number): { bytes: number[]; end: number } | undefined {
  if (source[start] !== '<') return undefined;
  const close = source.indexOf('>', start);
  if (close < 0) return undefined;
  const digits = source.slice(start + 1, close).replace(/\s+/g, '');
  if (!/^[0-9a-fA-F]*$/.test(digits)) return undefined;
  const padded = digits.length % 2 ? `${digits}0` : digits;
  const bytes: number[] = [];
  for (let i = 0; i < padded.length; i += 2) bytes.push(Number.parseInt(padded.slice(i, i + 2), 16));
  return { bytes, end: close + 1 };
}

/** A text string's bytes as text: UTF-16BE after a BOM, UTF-8 after its BOM, else PDFDocEncoding ≈ Latin-1. */
export function decodeTextString(bytes: number[]): string {
  const data = Uint8Array.from(bytes);
  if (data[0] === 0xfe && data[1] === 0xff) {
    let text = '';
    for (let i = 2; i + 1 < data.length; i += 2)
      text += String.fromCharCode(((data[i] ?? 0) << 8) | (data[i + 1] ?? 0));
    return text;
  }
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return new TextDecoder().decode(data.subarray(3));
  return String.fromCharCode(...data);
}

/** The string value of `/Key` in `source` from `from` on (literal or hex), decoded as text. */
export function readStringEntry(source: string, key: string, from = 0, to = source.length): string | undefined {
  const pattern = new RegExp(`/${key}\\s*([(<])`, 'g');
  pattern.lastIndex = from;
  const match = pattern.exec(source);
  if (!match || match.index >= to) return undefined;
  const start = match.index + match[0].length - 1;
  const value = source[start] === '(' ? readLiteral(source, start) : readHex(source, start);
  return value && value.end <= to ? decodeTextString(value.bytes) : undefined;
}

/** The string (literal or hex) starting exactly at `start`, decoded as text. */
export function readStringEntryAt(source: string, start: number): string | undefined {
  const value = source[start] === '(' ? readLiteral(source, start) : readHex(source, start);
  return value ? decodeTextString(value.bytes) : undefined;
}
