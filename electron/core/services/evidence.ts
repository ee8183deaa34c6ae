/**
 * Evidence on answers and findings. Files are stored once per SHA-256 at
 * `<dataDir>/evidence/<sha[0..2]>/<sha>` (written to a temp file, fsynced, renamed); images are
 * re-encoded in a worker first (orientation applied, metadata stripped, ≤ 2560 px, a thumbnail).
 * An image also gets a document-ready JPEG (≤ 1600 px, ≤ 180 KB) beside it as `<sha>.doc.jpg`:
 * derived from the stored image, so it needs no row of its own, and made on demand when missing.
 * A failed add leaves neither a row nor a file behind; removing the last link removes the file.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { MethodInput, MethodOutput } from '@shared/contract';
import { EVIDENCE_MAX_BYTES, type EvidenceLink, formatBytes } from '@shared/domain/evidence';
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { CoreContext } from '../context';
import { evidenceFiles, evidenceLinks } from '../db/schema';
import { failure } from '../errors';
import { documentImage, ImageUnreadable, processImage } from '../evidence/pool';
import { imageMediaType, sniff } from '../evidence/sniff';
import { removeStoredFiles } from './backups';
import { getEngagement } from './engagements';

type FileRow = typeof evidenceFiles.$inferSelect;
type LinkRow = typeof evidenceLinks.$inferSelect;

export function evidencePath(dataDir: string, sha256: string): string {
  return join(dataDir, 'evidence', sha256.slice(0, 2), sha256);
}

/** The document variant of an image: a file derived from the stored one, named after its hash. */
export function documentPath(dataDir: string, sha256: string): string {
  return `${evidencePath(dataDir, sha256)}.doc.jpg`;
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Writes bytes durably at the path. Returns false when the file was already there. */
export function storeFile(path: string, bytes: Uint8Array): boolean {
  if (existsSync(path)) return false;
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx');
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  try {
    // The rename itself must survive a power cut too.
    const dirFd = openSync(dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Some platforms (Windows) cannot open a folder for fsync; the file itself is synced.
  }
  return true;
}

function toView(link: LinkRow, file: FileRow): EvidenceLink {
  return {
    id: link.id,
    engagementId: link.engagementId,
    targetKind: link.targetKind as EvidenceLink['targetKind'],
    targetId: link.targetId,
    caption: link.caption,
    sha256: file.sha256,
    fileName: file.fileName,
    mediaType: file.mediaType,
    size: file.size,
    width: file.width,
    height: file.height,
    hasThumbnail: file.thumbnail !== null,
    createdAt: link.createdAt,
    updatedAt: link.updatedAt,
    updatedBy: link.updatedBy,
  };
}

function writableEngagement(ctx: CoreContext, engagementId: string) {
  const engagement = getEngagement(ctx, engagementId);
  if (engagement.deletedAt) {
    throw failure('CONFLICT', `The engagement "${engagement.eventName}" is in the trash. Restore it first.`, {
      field: 'engagementId',
    });
  }
  if (engagement.status === 'archived') {
    throw failure('CONFLICT', `The engagement "${engagement.eventName}" is archived. Unarchive it to edit.`, {
      field: 'engagementId',
    });
  }
  return engagement;
}

function refused(messageKey: string, message: string, fileName: string): never {
  throw failure('INVALID_INPUT', message, { field: 'dataBase64', messageKey, details: [fileName] });
}

function decodeBase64(dataBase64: string, fileName: string): Uint8Array {
  // Buffer.from skips bad characters silently; a round trip tells a damaged upload from a real one.
  const clean = dataBase64.replace(/\s+/g, '');
  const bytes = Buffer.from(clean, 'base64');
  if (bytes.toString('base64').replace(/=+$/, '') !== clean.replace(/=+$/, '')) {
    refused('evidence.errors.unreadable', `"${fileName}" arrived damaged (not valid base64). Try again.`, fileName);
  }
  return bytes;
}

/** What will be stored for a file: the bytes themselves, or the re-encoded image and its thumbnail. */
type Prepared = {
  bytes: Uint8Array;
  mediaType: string;
  width: number | null;
  height: number | null;
  thumbnail: Uint8Array | null;
  /** Images only: the JPEG deliverables embed. */
  document: Uint8Array | null;
};

async function prepare(bytes: Uint8Array, fileName: string): Promise<Prepared> {
  if (bytes.length === 0) refused('evidence.errors.empty', `"${fileName}" is empty.`, fileName);
  if (bytes.length > EVIDENCE_MAX_BYTES) {
    refused(
      'evidence.errors.tooLarge',
      `"${fileName}" is ${formatBytes(bytes.length)}; evidence files are at most ${formatBytes(EVIDENCE_MAX_BYTES)}.`,
      fileName,
    );
  }
  const kind = sniff(bytes, fileName);
  if (kind.kind === 'heic') {
    refused(
      'evidence.errors.heic',
      `"${fileName}" is a HEIC photo, which Vigil cannot read. Convert HEIC to JPEG first (on an iPhone: Settings → Camera → Formats → Most Compatible).`,
      fileName,
    );
  }
  if (kind.kind === 'refused') {
    refused(
      'evidence.errors.type',
      `"${fileName}" is not a type Vigil accepts as evidence: JPEG, PNG, WebP or GIF images, PDF, plain text, CSV, log or JSON files.`,
      fileName,
    );
  }
  if (kind.kind === 'file') {
    return { bytes, mediaType: kind.mediaType, width: null, height: null, thumbnail: null, document: null };
  }
  try {
    const image = await processImage(bytes);
    return {
      bytes: image.full,
      mediaType: image.mediaType,
      width: image.width,
      height: image.height,
      thumbnail: image.thumbnail,
      document: image.document,
    };
  } catch (error) {
    if (error instanceof ImageUnreadable) {
      refused(
        'evidence.errors.corrupt',
        `"${fileName}" looks like a ${kind.format.toUpperCase()} image but cannot be read; it may be damaged or cut short.`,
        fileName,
      );
    }
    throw error;
  }
}

function liveLink(ctx: CoreContext, engagementId: string, linkId: string): LinkRow {
  const link = ctx.store.db
    .select()
    .from(evidenceLinks)
    .where(
      and(eq(evidenceLinks.id, linkId), eq(evidenceLinks.engagementId, engagementId), isNull(evidenceLinks.deletedAt)),
    )
    .get();
  if (!link) throw failure('NOT_FOUND', 'This evidence is no longer attached.', { field: 'linkId' });
  return link;
}

function fileRow(ctx: CoreContext, sha256: string): FileRow {
  const row = ctx.store.db.select().from(evidenceFiles).where(eq(evidenceFiles.sha256, sha256)).get();
  if (!row) throw failure('NOT_FOUND', 'This evidence file is not in the store.', { field: 'sha256' });
  return row;
}

export async function addEvidence(ctx: CoreContext, input: MethodInput<'evidence.add'>): Promise<EvidenceLink> {
  writableEngagement(ctx, input.engagementId);
  const fileName = input.fileName.trim() || 'evidence';
  const prepared = await prepare(decodeBase64(input.dataBase64, fileName), fileName);
  const sha256 = sha256Of(prepared.bytes);
  const thumbSha = prepared.thumbnail ? sha256Of(prepared.thumbnail) : null;

  // From here on everything is synchronous: no other call can interleave between disk and database.
  writableEngagement(ctx, input.engagementId);
  const written: string[] = [];
  const store = (path: string, bytes: Uint8Array) => {
    if (storeFile(path, bytes)) written.push(path);
  };
  try {
    store(evidencePath(ctx.dataDir, sha256), prepared.bytes);
    if (prepared.thumbnail && thumbSha) store(evidencePath(ctx.dataDir, thumbSha), prepared.thumbnail);
    if (prepared.document) store(documentPath(ctx.dataDir, sha256), prepared.document);
    return ctx.store.sqlite.transaction(() => {
      const now = ctx.now();
      ctx.store.db
        .insert(evidenceFiles)
        .values({
          sha256,
          fileName,
          mediaType: prepared.mediaType,
          size: prepared.bytes.length,
          width: prepared.width,
          height: prepared.height,
          thumbnail: thumbSha,
          createdAt: now,
        })
        .onConflictDoNothing()
        .run();
      const file = fileRow(ctx, sha256);
      // The same content on the same answer or finding again (a double paste) is the same evidence.
      const existing = ctx.store.db
        .select()
        .from(evidenceLinks)
        .where(
          and(
            eq(evidenceLinks.engagementId, input.engagementId),
            eq(evidenceLinks.targetKind, input.targetKind),
            eq(evidenceLinks.targetId, input.targetId),
            eq(evidenceLinks.fileSha256, sha256),
            isNull(evidenceLinks.deletedAt),
          ),
        )
        .get();
      if (existing) return toView(existing, file);
      const link: LinkRow = {
        id: ctx.newId(),
        createdAt: now,
        updatedAt: now,
        updatedBy: ctx.actor(),
        deviceId: ctx.deviceId,
        deletedAt: null,
        engagementId: input.engagementId,
        fileSha256: sha256,
        targetKind: input.targetKind,
        targetId: input.targetId,
        caption: input.caption?.trim() ?? '',
      };
      ctx.store.db.insert(evidenceLinks).values(link).run();
      return toView(link, file);
    })();
  } catch (error) {
    for (const path of written) rmSync(path, { force: true });
    throw error;
  }
}

export function listEvidence(ctx: CoreContext, query: MethodInput<'evidence.list'>): EvidenceLink[] {
  getEngagement(ctx, query.engagementId);
  const conditions = [eq(evidenceLinks.engagementId, query.engagementId), isNull(evidenceLinks.deletedAt)];
  if (query.targetKind) conditions.push(eq(evidenceLinks.targetKind, query.targetKind));
  if (query.targetId) conditions.push(eq(evidenceLinks.targetId, query.targetId));
  return ctx.store.db
    .select({ link: evidenceLinks, file: evidenceFiles })
    .from(evidenceLinks)
    .innerJoin(evidenceFiles, eq(evidenceFiles.sha256, evidenceLinks.fileSha256))
    .where(and(...conditions))
    .orderBy(asc(evidenceLinks.createdAt), asc(evidenceLinks.id))
    .all()
    .map(({ link, file }) => toView(link, file));
}

export function captionEvidence(ctx: CoreContext, input: MethodInput<'evidence.caption'>): EvidenceLink {
  writableEngagement(ctx, input.engagementId);
  const link = liveLink(ctx, input.engagementId, input.linkId);
  const updated: LinkRow = {
    ...link,
    caption: input.caption.trim(),
    updatedAt: ctx.now(),
    updatedBy: ctx.actor(),
    deviceId: ctx.deviceId,
  };
  ctx.store.db
    .update(evidenceLinks)
    .set({
      caption: updated.caption,
      updatedAt: updated.updatedAt,
      updatedBy: updated.updatedBy,
      deviceId: updated.deviceId,
    })
    .where(eq(evidenceLinks.id, link.id))
    .run();
  return toView(updated, fileRow(ctx, link.fileSha256));
}

export function removeEvidence(
  ctx: CoreContext,
  input: MethodInput<'evidence.remove'>,
): MethodOutput<'evidence.remove'> {
  writableEngagement(ctx, input.engagementId);
  const link = liveLink(ctx, input.engagementId, input.linkId);
  const unlink = ctx.store.sqlite.transaction(() => {
    const now = ctx.now();
    ctx.store.db
      .update(evidenceLinks)
      .set({ deletedAt: now, updatedAt: now, updatedBy: ctx.actor(), deviceId: ctx.deviceId })
      .where(eq(evidenceLinks.id, link.id))
      .run();
    const stillUsed = ctx.store.db
      .select({ n: sql<number>`count(*)` })
      .from(evidenceLinks)
      .where(and(eq(evidenceLinks.fileSha256, link.fileSha256), isNull(evidenceLinks.deletedAt)))
      .get();
    if ((stillUsed?.n ?? 0) > 0) return [];
    const file = fileRow(ctx, link.fileSha256);
    ctx.store.db.delete(evidenceFiles).where(eq(evidenceFiles.sha256, file.sha256)).run();
    const doomed = [evidencePath(ctx.dataDir, file.sha256), documentPath(ctx.dataDir, file.sha256)];
    if (file.thumbnail) {
      // A thumbnail is shared only by chance (the same bytes stored as evidence or as another thumbnail).
      const thumbUsed = ctx.store.db
        .select({ n: sql<number>`count(*)` })
        .from(evidenceFiles)
        .where(or(eq(evidenceFiles.sha256, file.thumbnail), eq(evidenceFiles.thumbnail, file.thumbnail)))
        .get();
      if ((thumbUsed?.n ?? 0) === 0) doomed.push(evidencePath(ctx.dataDir, file.thumbnail));
    }
    return doomed;
  });
  const doomed = unlink();
  removeStoredFiles(ctx, doomed);
  return { linkId: link.id, fileRemoved: doomed.length > 0 };
}

function readStored(path: string, file: FileRow): Buffer {
  try {
    return readFileSync(path);
  } catch {
    throw failure('NOT_FOUND', `The file of "${file.fileName}" is missing from the data folder.`, { field: 'sha256' });
  }
}

/**
 * The document variant, made in a worker and stored when an older store lacks it. Made from the
 * stored image, as at ingest, so both ways give the same bytes.
 */
async function documentBytes(ctx: CoreContext, file: FileRow): Promise<Buffer> {
  if (!file.mediaType.startsWith('image/')) {
    throw failure('NOT_FOUND', `"${file.fileName}" is not an image; it has no document version.`, { field: 'variant' });
  }
  const path = documentPath(ctx.dataDir, file.sha256);
  if (existsSync(path)) return readStored(path, file);
  const source = readStored(evidencePath(ctx.dataDir, file.sha256), file);
  let made: Uint8Array;
  try {
    ({ document: made } = await documentImage(source));
  } catch (error) {
    if (error instanceof ImageUnreadable) {
      throw failure('INTERNAL', `The stored image of "${file.fileName}" cannot be read; it may be damaged.`);
    }
    throw error;
  }
  // Removed while the worker ran: no derived file may outlive its original.
  const still = ctx.store.db.select().from(evidenceFiles).where(eq(evidenceFiles.sha256, file.sha256)).get();
  if (still) storeFile(path, made);
  return Buffer.from(made.buffer, made.byteOffset, made.byteLength);
}

/**
 * The document variant's path for each image of the engagement's evidence (made first where an
 * older store lacks it), for the export worker to read. Files that cannot be read are left out:
 * the document then prints a captioned placeholder.
 */
export async function documentImageFiles(
  ctx: CoreContext,
  sha256s: readonly string[],
): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  let looked = 0;
  for (const sha256 of new Set(sha256s)) {
    // An export runs this on the main thread: the window's requests get through every 20 photos.
    looked += 1;
    if (looked % 20 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const file = ctx.store.db.select().from(evidenceFiles).where(eq(evidenceFiles.sha256, sha256)).get();
    if (!file) continue;
    try {
      const path = documentPath(ctx.dataDir, sha256);
      if (!existsSync(path)) await documentBytes(ctx, file);
      files[sha256] = path;
    } catch (error) {
      ctx.log('warn', 'an evidence image has no document version', { sha256, error: String(error) });
    }
  }
  return files;
}

export async function readEvidence(
  ctx: CoreContext,
  input: MethodInput<'evidence.read'>,
): Promise<MethodOutput<'evidence.read'>> {
  const file = fileRow(ctx, input.sha256);
  if (input.variant === 'document') {
    const bytes = await documentBytes(ctx, file);
    return { mediaType: 'image/jpeg', dataBase64: bytes.toString('base64') };
  }
  const sha = input.variant === 'thumbnail' ? file.thumbnail : file.sha256;
  if (!sha) throw failure('NOT_FOUND', `"${file.fileName}" has no thumbnail.`, { field: 'variant' });
  const bytes = readStored(evidencePath(ctx.dataDir, sha), file);
  const mediaType = input.variant === 'thumbnail' ? imageMediaType(bytes) : file.mediaType;
  return { mediaType, dataBase64: bytes.toString('base64') };
}
