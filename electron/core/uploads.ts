/**
 * Files the window sends in parts: the window has bytes, not paths, and a file may be hundreds of
 * MB. Each upload is a staging file under `<dataDir>/tmp/<prefix><id>`, written part by part in
 * order and hashed as it comes; the service that began it decides what becomes of it.
 */
import { createHash, type Hash } from 'node:crypto';
import { appendFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CoreContext } from './context';
import { failure } from './errors';

export type StagedUpload = {
  id: string;
  /** Which kind of upload (the staging file's prefix): an id of another kind is not found. */
  prefix: string;
  fileName: string;
  bytes: number;
  received: number;
  nextIndex: number;
  path: string;
  hash: Hash;
  /** Called when the upload is dropped (cancel, sweep, close): stops work on it, removes what it made. */
  onDrop?: () => void;
};

/** Staging files untouched for this long belong to an upload nobody finished. */
const STAGING_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Uploads in progress in this process; a staging file without an entry here is abandoned. */
const uploads = new Map<string, StagedUpload>();

export const stagingDir = (ctx: CoreContext) => join(ctx.dataDir, 'tmp');

export function dropUpload(upload: StagedUpload): void {
  uploads.delete(upload.id);
  upload.onDrop?.();
  rmSync(upload.path, { force: true });
}

/**
 * Removes staging files and folders with the prefix that nobody finished: those older than a day,
 * or every one (`all`, on close and at start-up). The archive layer writes next to its output as
 * `.<name>.<random>.partial` until done, so `.<prefix>` names (a decrypted bundle cut off by a
 * crash, say) are swept with the rest.
 */
export function cleanUploads(ctx: CoreContext, prefix: string, all = false): void {
  let names: string[];
  try {
    names = readdirSync(stagingDir(ctx));
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith(prefix) && !name.startsWith(`.${prefix}`)) continue;
    const path = join(stagingDir(ctx), name);
    try {
      if (all || now - statSync(path).mtimeMs > STAGING_MAX_AGE_MS) {
        const upload = uploads.get(name.slice(prefix.length));
        if (upload) dropUpload(upload);
        rmSync(path, { recursive: true, force: true });
      }
    } catch {
      // Gone already (another window cleaned it): nothing to do.
    }
  }
}

export function beginUpload(
  ctx: CoreContext,
  input: { prefix: string; fileName: string; bytes: number },
): StagedUpload {
  cleanUploads(ctx, input.prefix);
  mkdirSync(stagingDir(ctx), { recursive: true });
  const id = ctx.newId();
  const path = join(stagingDir(ctx), `${input.prefix}${id}`);
  writeFileSync(path, new Uint8Array(0));
  const upload: StagedUpload = {
    id,
    prefix: input.prefix,
    fileName: input.fileName,
    bytes: input.bytes,
    received: 0,
    nextIndex: 0,
    path,
    hash: createHash('sha256'),
  };
  uploads.set(id, upload);
  return upload;
}

export function openUpload(prefix: string, uploadId: string): StagedUpload {
  const upload = uploads.get(uploadId);
  if (!upload || upload.prefix !== prefix) {
    throw failure('NOT_FOUND', 'This upload is no longer available; choose the file again.', { field: 'uploadId' });
  }
  return upload;
}

/** The upload with every announced byte arrived. */
export function completeUpload(prefix: string, uploadId: string): StagedUpload {
  const upload = openUpload(prefix, uploadId);
  if (upload.received !== upload.bytes) {
    throw failure(
      'CONFLICT',
      `${upload.fileName}: only ${upload.received} of ${upload.bytes} bytes have arrived; send the rest first.`,
      { field: 'uploadId' },
    );
  }
  return upload;
}

/** Appends the next part; parts come in order from 0 and never past the announced size. */
export function appendPart(
  upload: StagedUpload,
  input: { index: number; dataBase64: string },
  maxPartBytes: number,
): { received: number; complete: boolean } {
  if (input.index !== upload.nextIndex) {
    throw failure('CONFLICT', `${upload.fileName}: part ${upload.nextIndex} was expected, part ${input.index} came.`, {
      field: 'index',
    });
  }
  const part = Buffer.from(input.dataBase64, 'base64');
  if (part.byteLength > maxPartBytes || upload.received + part.byteLength > upload.bytes) {
    throw failure('INVALID_INPUT', `${upload.fileName}: part ${input.index} is larger than the file announced.`, {
      field: 'dataBase64',
    });
  }
  appendFileSync(upload.path, part);
  upload.hash.update(part);
  upload.received += part.byteLength;
  upload.nextIndex += 1;
  return { received: upload.received, complete: upload.received === upload.bytes };
}

/** Forgets the upload without removing its file: the caller has moved or kept it. */
export function releaseUpload(upload: StagedUpload): void {
  uploads.delete(upload.id);
}
