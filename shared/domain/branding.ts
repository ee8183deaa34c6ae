/**
 * Branding of deliverables: how a document is numbered and how its file is named, from the firm's
 * patterns. Pure, so the settings screen shows a live example with the very functions the core
 * uses to number and name a document.
 */

/** Placeholders a document number pattern may use. */
export const DOCUMENT_NUMBER_PLACEHOLDERS = ['firm', 'year', 'seq', 'customer', 'event', 'deliverable'] as const;
/** Placeholders a file name pattern may use. */
export const FILE_NAME_PLACEHOLDERS = [
  'customer',
  'event',
  'deliverable',
  'version',
  'date',
  'language',
  'number',
  'firm',
] as const;

export const DEFAULT_DOCUMENT_NUMBER_PATTERN = '{firm}-{year}-{seq}';
export const DEFAULT_FILE_NAME_PATTERN = '{customer}_{event}_{deliverable}_v{version}_{date}';
/** A deep navy: the colour the document renderers used before a firm could choose its own. */
export const DEFAULT_PRIMARY_COLOR = '#1F3A5F';
export const PRIMARY_COLOR = /^#[0-9A-Fa-f]{6}$/;
export const PATTERN_MAX_LENGTH = 120;
/** Digits of `{seq}`: 7 prints as 007; beyond 999 the number simply grows. */
export const SEQ_DIGITS = 3;
/** Stands in for `{firm}` while the firm has no name: the prefix numbers had before branding. */
export const FIRM_FALLBACK = 'VGL';

/** Largest logo file accepted, before it is made a PNG for documents. */
export const LOGO_MAX_BYTES = 5 * 1024 * 1024;
/** Base64 of a little more than the cap, so a file just over it gets the size message, not a schema one. */
export const LOGO_MAX_BASE64_CHARS = Math.ceil(((LOGO_MAX_BYTES + 1024 * 1024) * 4) / 3);
/** A logo smaller than this on its longest side would print as a smudge. */
export const LOGO_MIN_SIDE = 32;
/** What the file dialog offers; the core decides by the bytes. */
export const LOGO_ACCEPT: Record<string, string[]> = {
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/webp': ['.webp'],
  'image/svg+xml': ['.svg'],
};

/**
 * Longest file name, in UTF-8 bytes with the extension. Disks allow 255 bytes (APFS, ext4) or 255
 * UTF-16 units (NTFS); the margin leaves room for the folder within Windows' 260-character paths.
 */
export const FILE_NAME_MAX_BYTES = 180;

export type PatternProblem = {
  /** A `validation.*` key of shared/domain/messages.ts. */
  messageKey: string;
  /** For an unknown placeholder: the one written, as it appears in the pattern. */
  placeholder?: string;
};

type Token = { kind: 'text'; text: string } | { kind: 'placeholder'; name: string };

const CONTROL_OR_INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const RESERVED_IN_FILE_NAMES = /[<>:"/\\|?*]/;

function tokenize(pattern: string): Token[] | PatternProblem {
  const tokens: Token[] = [];
  const placeholder = /\{([^{}]*)\}/g;
  let at = 0;
  for (const match of pattern.matchAll(placeholder)) {
    tokens.push({ kind: 'text', text: pattern.slice(at, match.index) });
    tokens.push({ kind: 'placeholder', name: match[1] ?? '' });
    at = match.index + match[0].length;
  }
  tokens.push({ kind: 'text', text: pattern.slice(at) });
  // A brace left over in the text is a placeholder not closed (or not opened).
  if (tokens.some((t) => t.kind === 'text' && /[{}]/.test(t.text))) return { messageKey: 'validation.patternBraces' };
  return tokens.filter((t) => t.kind === 'placeholder' || t.text !== '');
}

function patternProblem(pattern: string, known: readonly string[]): { tokens: Token[] } | PatternProblem {
  if (pattern.trim() === '') return { messageKey: 'validation.patternRequired' };
  if (pattern.length > PATTERN_MAX_LENGTH) return { messageKey: 'validation.tooLong' };
  if (CONTROL_OR_INVISIBLE.test(pattern)) return { messageKey: 'validation.patternInvisible' };
  const tokens = tokenize(pattern);
  if (!Array.isArray(tokens)) return tokens;
  const unknown = tokens.find((t) => t.kind === 'placeholder' && !known.includes(t.name));
  if (unknown?.kind === 'placeholder') {
    return { messageKey: 'validation.patternUnknownPlaceholder', placeholder: `{${unknown.name}}` };
  }
  return { tokens };
}

const uses = (tokens: Token[], name: string) => tokens.some((t) => t.kind === 'placeholder' && t.name === name);

/** Why a document number pattern is refused, or null when it is fine. */
export function documentNumberPatternProblem(pattern: string): PatternProblem | null {
  const checked = patternProblem(pattern, DOCUMENT_NUMBER_PLACEHOLDERS);
  if ('messageKey' in checked) return checked;
  // Without the sequence every document of a year would carry the same number.
  if (!uses(checked.tokens, 'seq')) return { messageKey: 'validation.documentNumberSeq' };
  return null;
}

/** Why a file name pattern is refused, or null when it is fine. */
export function fileNamePatternProblem(pattern: string): PatternProblem | null {
  const checked = patternProblem(pattern, FILE_NAME_PLACEHOLDERS);
  if ('messageKey' in checked) return checked;
  const literal = checked.tokens.flatMap((t) => (t.kind === 'text' ? [t.text] : [])).join('');
  if (RESERVED_IN_FILE_NAMES.test(literal)) return { messageKey: 'validation.fileNamePatternCharacters' };
  // Two deliverables of one engagement exported on one day must not overwrite each other.
  if (!uses(checked.tokens, 'deliverable') && !uses(checked.tokens, 'number')) {
    return { messageKey: 'validation.fileNameDistinct' };
  }
  return null;
}

function fill(pattern: string, values: Record<string, string>, known: readonly string[]): string {
  const checked = patternProblem(pattern, known);
  if ('messageKey' in checked) throw new Error(`Pattern "${pattern}" is not valid: ${checked.messageKey}`);
  return checked.tokens.map((t) => (t.kind === 'text' ? t.text : (values[t.name] ?? ''))).join('');
}

// Words that say what kind of company it is, not which one.
const LEGAL_WORDS = new Set([
  'ag',
  'as',
  'bv',
  'co',
  'company',
  'corp',
  'corporation',
  'gmbh',
  'group',
  'holdings',
  'inc',
  'incorporated',
  'kk',
  'limited',
  'llc',
  'llp',
  'lp',
  'ltd',
  'nv',
  'plc',
  'pte',
  'pty',
  'sa',
  'sarl',
  'sas',
  'spa',
  'srl',
]);
const LINKING_WORDS = new Set(['and', 'of', 'the', 'for', 'und', 'et', 'de']);
const CHINESE_LEGAL_SUFFIXES = ['股份有限公司', '有限责任公司', '有限公司', '集团', '公司', '事务所', '工作室'];
const HAN = /\p{Script=Han}/u;

/** KPMG, IBM, PwC: short, and written with more than one capital. */
function isAcronym(word: string): boolean {
  return [...word].length <= 6 && (word.match(/\p{Lu}/gu) ?? []).length >= 2;
}

/**
 * A short form of an organisation's name for document numbers: an acronym it already has
 * (KPMG Advisory → KPMG, PwC China → PWC), else the initials of its words without legal forms (Blue Harbor
 * Assurance Partners Ltd → BHAP), the start of a single word (Deloitte → DELO), or for a Chinese
 * name its first four characters without the company suffix (上海云安咨询有限公司 → 上海云安).
 */
export function abbreviate(name: string, fallback = ''): string {
  const words = (name.normalize('NFKC').match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).filter(
    (w) => !LEGAL_WORDS.has(w.toLowerCase()) && !LINKING_WORDS.has(w.toLowerCase()),
  );
  const alphabetic = words.filter((w) => !HAN.test(w));
  if (alphabetic.some((w) => /\p{L}/u.test(w))) {
    const acronym = alphabetic.find(isAcronym);
    if (acronym) return acronym.toUpperCase();
    if (alphabetic.length === 1) return (alphabetic[0] ?? '').slice(0, 4).toUpperCase();
    return alphabetic
      .slice(0, 5)
      .map((w) => (/^\p{N}+$/u.test(w) ? w : [...w][0]))
      .join('')
      .toUpperCase();
  }
  let han = words.join('');
  for (let changed = true; changed; ) {
    changed = false;
    for (const suffix of CHINESE_LEGAL_SUFFIXES) {
      if (han.endsWith(suffix) && han.length > suffix.length) {
        han = han.slice(0, -suffix.length);
        changed = true;
      }
    }
  }
  const short = [...han].slice(0, 4).join('');
  return short === '' ? fallback : short;
}

/** The deliverable's code in numbers: the initials of its catalog id (work-plan → WP). */
export function deliverableCode(deliverableId: string): string {
  return deliverableId
    .split(/[^\p{L}\p{N}]+/u)
    .filter((part) => part !== '')
    .map((part) => [...part][0])
    .join('')
    .toUpperCase();
}

export type DocumentNumberValues = {
  /** The firm's name as configured; abbreviated here. */
  firm: string;
  year: number;
  seq: number;
  customer: string;
  event: string;
  /** The catalog's deliverable id, e.g. `work-plan`. */
  deliverable: string;
};

/** A document number from the firm's pattern, e.g. `{firm}-{year}-{seq}` → BHAP-2026-007. */
export function formatDocumentNumber(pattern: string, values: DocumentNumberValues): string {
  return fill(
    pattern,
    {
      firm: abbreviate(values.firm, FIRM_FALLBACK),
      year: String(values.year).padStart(4, '0'),
      seq: String(values.seq).padStart(SEQ_DIGITS, '0'),
      customer: abbreviate(values.customer),
      event: abbreviate(values.event),
      deliverable: deliverableCode(values.deliverable),
    },
    DOCUMENT_NUMBER_PLACEHOLDERS,
  );
}

export type FileNameValues = {
  customer: string;
  event: string;
  /** The deliverable's title in the document's language. */
  deliverable: string;
  version: string;
  /** The issue date, YYYY-MM-DD. */
  date: string;
  language?: string;
  number?: string;
  firm?: string;
};

/**
 * A deliverable's file name from the firm's pattern, with its extension, safe on Windows and
 * macOS (see sanitizeFileName). Names are used in full: the consultant reads them in a folder.
 */
export function formatFileName(pattern: string, values: FileNameValues, extension: string): string {
  const base = fill(
    pattern,
    {
      customer: values.customer,
      event: values.event,
      deliverable: values.deliverable,
      version: values.version,
      date: values.date,
      language: values.language ?? '',
      number: values.number ?? '',
      firm: values.firm ?? '',
    },
    FILE_NAME_PLACEHOLDERS,
  );
  return sanitizeFileName(base, extension, { fallback: values.deliverable });
}

// Windows opens these as devices whatever follows the first dot (CON.docx is the console).
const DEVICE_NAMES = /^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])$/i;
const RESERVED_CHARACTERS = /[<>:"/\\|?*\p{Cc}\p{Cs}]/gu;
// Zero-width and direction marks: invisible in a folder, and a right-to-left override can make
// "report‮fdp.exe" read as "report.exe.pdf".
const INVISIBLE_FORMAT = /\p{Cf}/gu;
const WHITESPACE = /[\s\p{Z}]+/gu;
const EDGE_DOTS_AND_SPACES = /^[. ]+|[. ]+$/g;
const DEFAULT_FALLBACK = 'document';

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/** The longest start of `text`, cut between characters as a reader sees them, within `maxBytes`. */
function truncateToBytes(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text;
  let kept = '';
  let bytes = 0;
  for (const { segment } of new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text)) {
    const size = utf8Length(segment);
    if (bytes + size > maxBytes) break;
    kept += segment;
    bytes += size;
  }
  return kept;
}

function clean(text: string): string {
  return text
    .normalize('NFC')
    .replace(INVISIBLE_FORMAT, '')
    .replace(WHITESPACE, ' ')
    .replace(RESERVED_CHARACTERS, '_')
    .replace(EDGE_DOTS_AND_SPACES, '');
}

function avoidDeviceName(stem: string): string {
  const beforeDot = stem.split('.')[0]?.trimEnd() ?? '';
  return DEVICE_NAMES.test(beforeDot) ? `${beforeDot}_${stem.slice(beforeDot.length)}` : stem;
}

/**
 * A file name both Windows and macOS accept and show as written: reserved characters
 * (< > : " / \ | ? *) and control characters become `_`, invisible format characters go, no dot
 * or space at either end (Windows drops trailing ones; a leading dot hides the file on macOS),
 * device names (CON, PRN, AUX, NUL, COM1…, LPT1…) get a `_`, and the whole name, extension
 * included, fits `maxBytes` of UTF-8 without splitting a character (CJK stays whole). Never empty.
 */
export function sanitizeFileName(
  base: string,
  extension: string,
  options: { maxBytes?: number; fallback?: string } = {},
): string {
  const maxBytes = Math.max(options.maxBytes ?? FILE_NAME_MAX_BYTES, 32);
  const ext = extension
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 10);
  const suffix = ext === '' ? '' : `.${ext}`;
  const cleaned = clean(base) || clean(options.fallback ?? '') || DEFAULT_FALLBACK;
  // Cut after the device-name check: at 21 bytes or more, what is left cannot become a device name.
  const stem = truncateToBytes(avoidDeviceName(cleaned), maxBytes - utf8Length(suffix)).replace(
    EDGE_DOTS_AND_SPACES,
    '',
  );
  // Only a single character longer than the whole budget (a long emoji sequence) leaves nothing.
  return `${stem || DEFAULT_FALLBACK}${suffix}`;
}
