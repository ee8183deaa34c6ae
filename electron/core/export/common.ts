/**
 * What the DOCX and PDF renderers share beyond the document model: render options (theme,
 * warnings), the palette a theme gives, images fetched through ExportAssets and proven to decode,
 * and column widths fitted so no header word breaks.
 */
import sharp from 'sharp';
import type { Severity } from '../../../shared/domain/finding';
import type { Document, Section } from '../../../shared/report/model';
import type { ExportAssets } from './assets';

// ---------------------------------------------------------------------------------------------
// Options and warnings

export type Theme = {
  /** '#RRGGBB': headings, finding title text, table header fill (a tint of it), cover accents. */
  primaryColor: string;
};

export const DEFAULT_THEME: Theme = { primaryColor: '#1F3A5F' };

/** Something the renderer left out or replaced; the document is still complete and valid. */
export type RenderWarning = {
  code: 'imageMissing' | 'imageUndecodable' | 'logoUndecodable' | 'chartUndrawable';
  sha256: string;
  message: string;
};

export type RenderOptions = {
  theme?: Partial<Theme>;
  /** Called once per warning; rendering never stops for one. */
  onWarning?: (warning: RenderWarning) => void;
};

// ---------------------------------------------------------------------------------------------
// Palette

export type Palette = {
  /** Headings, cover title and rule, finding titles: the theme colour, darkened to read on white. */
  primary: string;
  /** Table header and signature role fill, and the text on it. */
  headerFill: string;
  headerText: string;
  /** Key column of key-value tables. */
  keyFill: string;
  muted: string;
  border: string;
  calloutFill: string;
  blocking: string;
  watermark: string;
};

/** Severity colours, critical dark red … info grey; `text` is the readable foreground on `fill`. */
export const SEVERITY_COLOURS: Record<Severity, { fill: string; text: string; tint: string }> = {
  critical: { fill: '8B1A1A', text: 'FFFFFF', tint: 'F6DEDE' },
  high: { fill: 'C2410C', text: 'FFFFFF', tint: 'FCE6DA' },
  medium: { fill: 'E8A317', text: '1F1F1F', tint: 'FDF2D6' },
  low: { fill: '2F6EBA', text: 'FFFFFF', tint: 'DEE9F6' },
  info: { fill: '6B7280', text: 'FFFFFF', tint: 'ECECEC' },
};

type Rgb = [number, number, number];
const rgb = (hex: string): Rgb => [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as Rgb;
const hex = (c: Rgb) =>
  c
    .map((v) =>
      Math.round(Math.min(255, Math.max(0, v)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')
    .toUpperCase();
const mix = (a: string, b: string, weightOfA: number) => {
  const [x, y] = [rgb(a), rgb(b)];
  return hex(x.map((v, i) => v * weightOfA + (y[i] ?? 0) * (1 - weightOfA)) as Rgb);
};
function luminance(colour: string): number {
  const [r, g, b] = rgb(colour).map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
export function contrast(a: string, b: string): number {
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}
/** The colour darkened in steps until text in it reads on `background` (WCAG AA, 4.5:1). */
function readableOn(colour: string, background: string): string {
  let c = colour;
  for (let i = 0; i < 20 && contrast(c, background) < 4.5; i++) c = mix(c, '000000', 0.88);
  return c;
}

/**
 * The palette for a theme; colours are 'RRGGBB' (DOCX's form; the PDF renderer adds '#'). A theme
 * colour that is not '#RRGGBB' is refused with a message naming the field.
 */
export function palette(theme: Partial<Theme> | undefined): Palette {
  const requested = theme?.primaryColor ?? DEFAULT_THEME.primaryColor;
  if (!/^#[0-9a-fA-F]{6}$/.test(requested)) {
    throw new Error(`theme.primaryColor must be a colour written #RRGGBB, e.g. #1F3A5F; got "${requested}".`);
  }
  const base = requested.slice(1).toUpperCase();
  const primary = readableOn(base, 'FFFFFF');
  const headerFill = mix(base, 'FFFFFF', 0.16);
  return {
    primary,
    headerFill,
    headerText: readableOn(primary, headerFill),
    keyFill: mix(base, 'FFFFFF', 0.06),
    muted: '5F6B7A',
    border: 'BFC8D4',
    calloutFill: 'F4F6F9',
    blocking: 'B42318',
    watermark: 'C0392B',
  };
}

// ---------------------------------------------------------------------------------------------
// Images

export type DecodedImage = { data: Uint8Array; width: number; height: number; type: 'jpg' | 'png' };

/** Every image the document shows: the firm's logo, image blocks, findings' evidence. */
export function imageRefs(document: Document): string[] {
  const refs = new Set<string>();
  if (document.cover.firm?.logo) refs.add(document.cover.firm.logo.sha256);
  const walk = (sections: readonly Section[]) => {
    for (const s of sections) {
      for (const b of s.blocks) {
        if (b.kind === 'image') refs.add(b.ref.sha256);
        if (b.kind === 'findings') for (const f of b.items) for (const e of f.evidence) refs.add(e.ref.sha256);
        if (b.kind === 'signature') {
          if (b.signatureImage) refs.add(b.signatureImage.sha256);
          if (b.sealImage) refs.add(b.sealImage.sha256);
        }
      }
      walk(s.subsections);
    }
  };
  walk(document.frontMatter);
  walk(document.sections);
  return [...refs];
}

/**
 * Decodes the image fully (a truncated or corrupt file fails here, not inside the renderer) and
 * returns bytes both renderers embed as they are: JPEG or 8-bit PNG in upright orientation, with
 * the decoded size rather than the size the caller claimed. Other formats are converted to PNG.
 */
export async function decodeImage(data: Uint8Array): Promise<DecodedImage> {
  const input = sharp(data, { failOn: 'warning' });
  const meta = await input.metadata();
  // Decoding the whole stream is what proves the file whole; the pixels are not kept. A small
  // thumbnail lets libjpeg decode at an eighth of the scale (shrink-on-load): every byte is still
  // read and a truncated or damaged file still fails, in a fraction of the time.
  await sharp(data, { failOn: 'warning' }).resize({ width: 64, height: 64, fit: 'inside' }).raw().toBuffer();
  const upright = (meta.orientation ?? 1) === 1;
  if (meta.format === 'jpeg' && upright && meta.width && meta.height) {
    return { data, width: meta.width, height: meta.height, type: 'jpg' };
  }
  if (meta.format === 'png' && upright && meta.depth === 'uchar' && !meta.isProgressive && meta.width && meta.height) {
    return { data, width: meta.width, height: meta.height, type: 'png' };
  }
  const converted = await sharp(data, { failOn: 'warning' }).autoOrient().png().toBuffer({ resolveWithObject: true });
  return {
    data: new Uint8Array(converted.data),
    width: converted.info.width,
    height: converted.info.height,
    type: 'png',
  };
}

/**
 * What decoding proved about an image, kept for the life of the export worker: a deliverable is
 * exported again and again, and decoding 100 photos fully costs more than laying out the document.
 * Keyed by the image's hash and the size of the bytes read, so a file that changed is decoded again.
 */
const decoded = new Map<string, Omit<DecodedImage, 'data'> & { converted?: Uint8Array }>();
const DECODED_KEPT = 2_000;

async function decodeOnce(sha256: string, data: Uint8Array): Promise<DecodedImage> {
  const key = `${sha256}:${data.byteLength}`;
  const known = decoded.get(key);
  if (known) return { data: known.converted ?? data, width: known.width, height: known.height, type: known.type };
  const image = await decodeImage(data);
  if (decoded.size >= DECODED_KEPT) decoded.clear();
  decoded.set(key, {
    width: image.width,
    height: image.height,
    type: image.type,
    ...(image.data === data ? {} : { converted: image.data }),
  });
  return image;
}

/**
 * Fetches and decodes every image the document shows. One that is missing or does not decode maps
 * to null and is reported once through `onWarning` (the renderers print a captioned placeholder,
 * or leave the logo out).
 */
export async function resolveImages(
  document: Document,
  assets: ExportAssets,
  onWarning: (warning: RenderWarning) => void = () => {},
): Promise<Map<string, DecodedImage | null>> {
  const logo = document.cover.firm?.logo?.sha256;
  const entries = await Promise.all(
    imageRefs(document).map(async (sha256) => {
      const what = sha256 === logo ? 'The firm logo' : 'Image';
      let fetched: Awaited<ReturnType<ExportAssets['image']>>;
      try {
        fetched = await assets.image({ sha256 });
      } catch (error) {
        fetched = null;
        onWarning({
          code: 'imageMissing',
          sha256,
          message: `${what} ${sha256.slice(0, 12)} could not be read (${String(error)}); left out.`,
        });
        return [sha256, null] as const;
      }
      if (!fetched || fetched.data.byteLength === 0) {
        onWarning({ code: 'imageMissing', sha256, message: `${what} ${sha256.slice(0, 12)} is missing; left out.` });
        return [sha256, null] as const;
      }
      try {
        return [sha256, await decodeOnce(sha256, fetched.data)] as const;
      } catch (error) {
        onWarning({
          code: sha256 === logo ? 'logoUndecodable' : 'imageUndecodable',
          sha256,
          message: `${what} ${sha256.slice(0, 12)} does not decode (${error instanceof Error ? error.message : String(error)}); left out.`,
        });
        return [sha256, null] as const;
      }
    }),
  );
  return new Map(entries);
}

// ---------------------------------------------------------------------------------------------
// Text width and column fitting

const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;

/**
 * Estimated width of `text` in ems of a sans-serif face (Roboto, Calibri), on the wide side so a
 * word estimated to fit does fit; bold adds a little.
 */
export function textEm(text: string, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (CJK.test(ch)) em += 1;
    else if (/[iljtfI.,:;'|!()[\]]/.test(ch)) em += 0.3;
    else if (/[mwMW@%]/.test(ch)) em += 0.9;
    else if (/[A-Z]/.test(ch)) em += 0.66;
    else if (/[0-9]/.test(ch)) em += 0.57;
    else if (ch === ' ') em += 0.26;
    else em += 0.54;
  }
  return em * (bold ? 1.06 : 1);
}

/**
 * The pieces of `text` a line cannot break inside: words, and single characters of CJK text
 * (which breaks between any two characters). Punctuation attached to a word stays with it.
 */
export function unbreakable(text: string): string[] {
  return text.split(/[\s/]+/).flatMap((token) => (CJK.test(token) ? token.split(/(?<=[\u2e80-\u9fff])/u) : [token]));
}

/** The widest unbreakable piece, in ems; body text is capped (long e-mails may wrap, headers may not). */
export function longestWordEm(text: string, bold: boolean, capEm = Number.POSITIVE_INFINITY): number {
  return Math.min(capEm, Math.max(0, ...unbreakable(text).map((w) => textEm(w, bold))));
}

/**
 * The widest piece of a column header that should not break: a word, or a short CJK term (up to
 * six characters, e.g. 严重程度) which reads badly split even though CJK text may break anywhere.
 */
export function headerWordEm(header: string): number {
  return Math.max(
    0,
    ...header
      .split(/[\s/]+/)
      .map((token) =>
        CJK.test(token) && [...token].length > 6 ? longestWordEm(token, true) * 4 : textEm(token, true),
      ),
  );
}

/** Proportional widths that sum exactly to `total` (integers when `integer`). */
export function share(hints: readonly number[], total: number, integer: boolean): number[] {
  const sum = hints.reduce((a, b) => a + b, 0) || 1;
  const widths = hints.map((h) => (integer ? Math.floor((h / sum) * total) : (h / sum) * total));
  const last = widths.length - 1;
  widths[last] = (widths[last] ?? 0) + total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/**
 * Column widths from the model's hints, each widened to at least `min[i]` (its longest word),
 * taking the room from the columns that have spare; when the minimums alone exceed the total, they
 * are shared in proportion to the minimums.
 */
export function fitColumns(
  hints: readonly number[],
  min: readonly number[],
  total: number,
  integer: boolean,
): number[] {
  const n = hints.length;
  const need = min.reduce((a, b) => a + b, 0);
  if (need >= total) return share(min, total, integer);
  const fixed = new Array<boolean>(n).fill(false);
  for (let pass = 0; pass < n; pass++) {
    const room = total - min.reduce((a, m, i) => a + (fixed[i] ? m : 0), 0);
    const free = share(
      hints.map((h, i) => (fixed[i] ? 0 : h)),
      room,
      false,
    );
    const widths = free.map((w, i) => (fixed[i] ? (min[i] ?? 0) : w));
    const short = widths.findIndex((w, i) => !fixed[i] && w < (min[i] ?? 0));
    if (short < 0) return share(widths, total, integer);
    fixed[short] = true;
  }
  return share(min, total, integer);
}

/**
 * Widths and header font size for a data table: columns fit their longest header word at the
 * header size and their longest body word (capped); if even that does not fit, the header size
 * steps down (to `minHeaderSize`) until the header words fit. Sizes are in the widths' unit per em
 * (points for the PDF, twips for the DOCX).
 */
export function fitTable(
  columns: readonly { header: string; width: number }[],
  rows: readonly (readonly string[])[],
  options: {
    total: number;
    bodySize: number;
    headerSize: number;
    minHeaderSize: number;
    padding: number;
    integer: boolean;
  },
): { widths: number[]; headerSize: number } {
  const { total, bodySize, padding, integer } = options;
  const bodyMin = columns.map((_, i) =>
    Math.max(0, ...rows.map((r) => longestWordEm(r[i] ?? '', false, 9) * bodySize)),
  );
  let headerSize = options.headerSize;
  for (;;) {
    const min = columns.map((c, i) => Math.max(headerWordEm(c.header) * headerSize, bodyMin[i] ?? 0) + padding);
    const fits = min.reduce((a, b) => a + b, 0) <= total;
    if (fits || headerSize <= options.minHeaderSize) {
      return {
        widths: fitColumns(
          columns.map((c) => c.width),
          min,
          total,
          integer,
        ),
        headerSize,
      };
    }
    headerSize = Math.max(options.minHeaderSize, headerSize * 0.94);
  }
}
