/**
 * Branding of deliverables: the firm's logo (validated, made a PNG and kept under
 * `<dataDir>/branding/<sha256>.png`), the number each document carries (given once per engagement
 * and deliverable, then kept), and what the export asks for: the firm on the cover, the file name
 * and the colour.
 *
 * The logo lives apart from the evidence store on purpose: evidence files are removed when their
 * last link goes, and a logo that happened to have the same bytes must not go with them.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { MethodInput, MethodOutput } from '@shared/contract';
import {
  formatDocumentNumber,
  formatFileName,
  LOGO_MAX_BYTES,
  LOGO_MIN_SIDE,
  sanitizeFileName,
} from '@shared/domain/branding';
import type { Engagement } from '@shared/domain/engagement';
import { formatBytes } from '@shared/domain/evidence';
import { dateInZone } from '@shared/domain/plan';
import type { Settings } from '@shared/domain/settings';
import type { FirmBranding } from '@shared/report/input';
import { and, eq, sql } from 'drizzle-orm';
import { v5 as uuidv5 } from 'uuid';
import type { CoreContext } from '../context';
import { documentNumbers } from '../db/schema';
import { failure } from '../errors';
import { ImageUnreadable, logoImage } from '../evidence/pool';
import { sniff } from '../evidence/sniff';
import { removeStoredFiles } from './backups';
import { getEngagement } from './engagements';
import { storeFile } from './evidence';
import { getPlan } from './plans';
import { getSettings, updateSettings } from './settings';

/** Every issue is a draft 0.1 until signing gives documents their versions. */
export const ISSUE_VERSION = '0.1';

const NUMBER_NAMESPACE = 'f3c1d9a2-6b7e-4c58-9a0d-2e4b8c7f1a63';

export function logoPath(dataDir: string, sha256: string): string {
  return join(dataDir, 'branding', `${sha256}.png`);
}

function refused(messageKey: string, message: string, fileName: string): never {
  throw failure('INVALID_INPUT', message, { field: 'dataBase64', messageKey, details: [fileName] });
}

function decodeBase64(dataBase64: string, fileName: string): Buffer {
  // Buffer.from skips bad characters silently; a round trip tells a damaged upload from a real one.
  const clean = dataBase64.replace(/\s+/g, '');
  const bytes = Buffer.from(clean, 'base64');
  if (bytes.toString('base64').replace(/=+$/, '') !== clean.replace(/=+$/, '')) {
    refused('branding.errors.unreadable', `"${fileName}" arrived damaged (not valid base64). Try again.`, fileName);
  }
  return bytes;
}

const SVG_START = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>\s*)*<svg[\s>]/i;
// librsvg never loads what an SVG links to from memory: such parts would silently be missing.
const SVG_EXTERNAL_LINK = /\bhref\s*=\s*["'](?!\s*(?:#|data:))/i;

/** The format the bytes claim to be, if a logo may be one; refused with a message otherwise. */
function logoFormat(bytes: Uint8Array, fileName: string): 'png' | 'jpeg' | 'webp' | 'svg' {
  const kind = sniff(bytes, fileName);
  if (kind.kind === 'image' && kind.format !== 'gif') return kind.format;
  if (kind.kind === 'heic') {
    refused(
      'branding.errors.heic',
      `"${fileName}" is a HEIC image, which Vigil cannot read. Save the logo as PNG first.`,
      fileName,
    );
  }
  if (kind.kind === 'file' && kind.mediaType === 'text/plain') {
    const text = Buffer.from(bytes)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    if (SVG_START.test(text)) {
      if (SVG_EXTERNAL_LINK.test(text)) {
        refused(
          'branding.errors.svgLinks',
          `"${fileName}" draws parts from other files, which would be missing from the documents. Embed them in the SVG, or save the logo as PNG.`,
          fileName,
        );
      }
      return 'svg';
    }
  }
  return refused(
    'branding.errors.type',
    `"${fileName}" is not a logo Vigil can use: choose a PNG, JPEG, WebP or SVG image.`,
    fileName,
  );
}

/** Width and height from a PNG's header (the IHDR chunk always comes first). */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * Validates an uploaded logo and makes it the firm's: decoded by sharp in a worker, SVG drawn,
 * scaled to at most 1200 px, stored as a PNG. A refused file leaves the settings as they were.
 */
export async function setLogo(ctx: CoreContext, input: MethodInput<'settings.setLogo'>): Promise<Settings> {
  const fileName = input.fileName.trim() || 'logo';
  const bytes = decodeBase64(input.dataBase64, fileName);
  if (bytes.length === 0) refused('branding.errors.empty', `"${fileName}" is empty.`, fileName);
  if (bytes.length > LOGO_MAX_BYTES) {
    refused(
      'branding.errors.tooLarge',
      `"${fileName}" is ${formatBytes(bytes.length)}; a logo is at most ${formatBytes(LOGO_MAX_BYTES)}.`,
      fileName,
    );
  }
  const format = logoFormat(bytes, fileName);
  let made: Awaited<ReturnType<typeof logoImage>>;
  try {
    made = await logoImage(bytes);
  } catch (error) {
    if (!(error instanceof ImageUnreadable)) throw error;
    made = refused(
      'branding.errors.corrupt',
      `"${fileName}" looks like a ${format.toUpperCase()} image but cannot be read; it may be damaged or cut short.`,
      fileName,
    );
  }
  if (made.format !== format) {
    refused(
      'branding.errors.corrupt',
      `"${fileName}" looks like a ${format.toUpperCase()} image but cannot be read; it may be damaged or cut short.`,
      fileName,
    );
  }
  if (Math.max(made.width, made.height) < LOGO_MIN_SIDE) {
    refused(
      'branding.errors.tooSmall',
      `"${fileName}" is ${made.width}×${made.height} pixels; a logo needs at least ${LOGO_MIN_SIDE} pixels on its longer side to print sharply.`,
      fileName,
    );
  }
  if (!made.visible) {
    refused('branding.errors.blank', `"${fileName}" is entirely transparent: nothing of it would print.`, fileName);
  }

  // From here on everything is synchronous: no other call can interleave between disk and database.
  const sha256 = createHash('sha256').update(made.logo).digest('hex');
  const path = logoPath(ctx.dataDir, sha256);
  const previous = getSettings(ctx).firmLogo;
  const written = storeFile(path, made.logo);
  try {
    updateSettings(ctx, { firmLogo: sha256 });
  } catch (error) {
    if (written) rmSync(path, { force: true });
    throw error;
  }
  if (previous && previous !== sha256) removeLogoFile(ctx, previous);
  return getSettings(ctx);
}

function removeLogoFile(ctx: CoreContext, sha256: string): void {
  removeStoredFiles(ctx, [logoPath(ctx.dataDir, sha256)]);
}

/** Documents print without a logo from now on; the file leaves the data folder. */
export function clearLogo(ctx: CoreContext): Settings {
  const previous = getSettings(ctx).firmLogo;
  const settings = updateSettings(ctx, { firmLogo: null });
  if (previous) removeLogoFile(ctx, previous);
  return settings;
}

/**
 * The firm's logo file, for the export worker that reads images from disk: null when there is
 * none or its file is gone (the cover then prints the firm's name alone).
 */
export function firmLogoFile(ctx: CoreContext): { sha256: string; path: string } | null {
  const sha256 = getSettings(ctx).firmLogo;
  if (!sha256) return null;
  const path = logoPath(ctx.dataDir, sha256);
  if (!existsSync(path)) {
    ctx.log('warn', 'the firm logo file is missing from the data folder', { sha256 });
    return null;
  }
  return { sha256, path };
}

/**
 * The firm's logo as the renderers take an image (ExportAssets): a PNG with its size. The document
 * refers to it by `cover.firm.logo.sha256`; it is not evidence, so `evidence.read` does not know it.
 */
export function firmLogoBytes(
  ctx: CoreContext,
): { sha256: string; data: Uint8Array; width: number; height: number; type: 'png' } | null {
  const file = firmLogoFile(ctx);
  if (!file) return null;
  let data: Buffer;
  try {
    data = readFileSync(file.path);
  } catch {
    return null;
  }
  return { sha256: file.sha256, data, ...pngSize(data), type: 'png' };
}

/** The logo for the settings screen's preview. */
export function readLogo(ctx: CoreContext): MethodOutput<'settings.logo'> {
  const logo = firmLogoBytes(ctx);
  if (!logo) return null;
  return {
    sha256: logo.sha256,
    mediaType: 'image/png',
    dataBase64: Buffer.from(logo.data).toString('base64'),
    width: logo.width,
    height: logo.height,
  };
}

/** The firm as the deliverables print it; none while it has no name (a logo alone names no one). */
export function firmBranding(ctx: CoreContext): FirmBranding | undefined {
  const settings = getSettings(ctx);
  if (settings.firmName === '') return undefined;
  const logo = firmLogoFile(ctx);
  return { name: settings.firmName, ...(logo ? { logo: { sha256: logo.sha256, variant: 'document' as const } } : {}) };
}

/** The colours the renderers use for headings and table heads. */
export function brandingTheme(ctx: CoreContext): { primaryColor: string } {
  return { primaryColor: getSettings(ctx).primaryColor };
}

/** Deterministic, so two laptops numbering one document meet on one row. */
export const numberId = (engagementId: string, documentId: string) =>
  uuidv5(`${engagementId}/${documentId}`, NUMBER_NAMESPACE);

function storedNumber(ctx: CoreContext, engagementId: string, documentId: string): string | undefined {
  return ctx.store.db
    .select({ number: documentNumbers.number })
    .from(documentNumbers)
    .where(
      and(eq(documentNumbers.id, numberId(engagementId, documentId)), eq(documentNumbers.engagementId, engagementId)),
    )
    .get()?.number;
}

function nextSeq(ctx: CoreContext, year: number): number {
  const row = ctx.store.db
    .select({ max: sql<number | null>`max(${documentNumbers.seq})` })
    .from(documentNumbers)
    .where(eq(documentNumbers.year, year))
    .get();
  return (row?.max ?? 0) + 1;
}

function formatted(settings: Settings, engagement: Engagement, documentId: string, year: number, seq: number) {
  return formatDocumentNumber(settings.documentNumberPattern, {
    firm: settings.firmName,
    year,
    seq,
    customer: engagement.customerOrg,
    event: engagement.eventName,
    deliverable: documentId,
  });
}

export type Numbering = 'assign' | 'peek';

/**
 * What a document of the engagement is issued as today: its number, version and date (in the
 * event's zone). `assign` gives the document its number the first time and keeps it; `peek`
 * (counting what blocks signing, for instance) shows the number it has or would get next, and
 * stores nothing.
 */
export function documentIssue(
  ctx: CoreContext,
  engagement: Engagement,
  documentId: string,
  numbering: Numbering = 'assign',
): { number: string; version: string; date: string } {
  const date = dateInZone(ctx.now(), engagement.timeZone);
  const issue = (number: string) => ({ number, version: ISSUE_VERSION, date });
  const kept = storedNumber(ctx, engagement.id, documentId);
  if (kept !== undefined) return issue(kept);
  const settings = getSettings(ctx);
  const year = Number(date.slice(0, 4));
  if (numbering === 'peek') return issue(formatted(settings, engagement, documentId, year, nextSeq(ctx, year)));
  // IMMEDIATE takes the write lock before reading the year's highest number: another process on
  // the same store cannot give the same sequence number in between.
  const assign = ctx.store.sqlite.transaction(() => {
    const again = storedNumber(ctx, engagement.id, documentId);
    if (again !== undefined) return again;
    const seq = nextSeq(ctx, year);
    const number = formatted(settings, engagement, documentId, year, seq);
    const now = ctx.now();
    ctx.store.db
      .insert(documentNumbers)
      .values({
        id: numberId(engagement.id, documentId),
        createdAt: now,
        updatedAt: now,
        updatedBy: ctx.actor(),
        deviceId: ctx.deviceId,
        deletedAt: null,
        engagementId: engagement.id,
        documentId,
        year,
        seq,
        number,
      })
      .run();
    return number;
  });
  return issue(assign.immediate());
}

/**
 * The file name a deliverable is saved under, from the firm's pattern, for `format`: what the
 * export offers in the save dialog. Gives the document its number if it has none yet, as the
 * export that asks for the name is about to print it.
 */
export function deliverableFileName(
  ctx: CoreContext,
  engagementId: string,
  documentId: string,
  format: 'docx' | 'pdf',
  /** A signed version's own version and date, instead of the draft's. */
  signed?: { version: string; date: string },
): string {
  const engagement = getEngagement(ctx, engagementId);
  const deliverable = getPlan(ctx, engagementId).catalog.deliverables.find((d) => d.id === documentId);
  if (!deliverable) {
    throw failure('NOT_FOUND', `The catalog of this engagement has no deliverable "${documentId}".`, {
      field: 'documentId',
    });
  }
  const settings = getSettings(ctx);
  const issue = { ...documentIssue(ctx, engagement, documentId), ...signed };
  const language = engagement.language;
  const title = deliverable.name[language] || deliverable.name.en;
  try {
    return formatFileName(
      settings.fileNamePattern,
      {
        customer: engagement.customerOrg,
        event: engagement.eventName,
        deliverable: title,
        version: issue.version,
        date: issue.date,
        language,
        number: issue.number,
        firm: settings.firmName,
      },
      format,
    );
  } catch (error) {
    // Settings are validated as they are read; should a pattern still not fill, the title will do.
    ctx.log('warn', 'file name pattern could not be filled', { error: String(error) });
    return sanitizeFileName(title, format);
  }
}
