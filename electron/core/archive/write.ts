import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { failure } from '../errors';
import {
  type ArchiveLimits,
  type ArchiveManifest,
  type ArchiveManifestEntry,
  DEFAULT_ARCHIVE_LIMITS,
  MANIFEST_NAME,
} from './manifest';
import { nameClashTracker, nameProblem } from './names';

export { type ArchiveLimits, type ArchiveManifest, DEFAULT_ARCHIVE_LIMITS } from './manifest';

/** A file to put in a bundle under `name` (a `/`-separated relative path), from disk or memory. */
export type ArchiveFileInput = { name: string; path: string } | { name: string; data: Buffer };

type HashedFile = ArchiveFileInput & ArchiveManifestEntry;

/**
 * Built with local-time parts so the DOS timestamp has the same bytes in every time zone: the
 * same files and fields give the same bundle, byte for byte, on any machine.
 */
const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);

/**
 * Writes a `.vigil` zip: `manifest.json` first (`{ ...manifestFields, entries }`, each file's
 * name, size and SHA-256; the manifest does not list itself), then the files, deflated. The
 * files are hashed before writing and hashed again as they are written, so a file changing
 * meanwhile fails the export instead of producing a bundle that import would refuse. The zip is
 * written beside `outPath` and renamed over it at the end: `outPath` is never half-written.
 *
 * Names and sizes are held to the reader's rules and `limits`, so no bundle written here is
 * refused on import; an entry deflate packs past the reader's bomb ratio (e.g. gigabytes of one
 * repeated byte) is stored uncompressed instead.
 */
export async function writeArchive(
  outPath: string,
  files: ArchiveFileInput[],
  manifestFields: Record<string, unknown>,
  limits: Partial<ArchiveLimits> = {},
): Promise<ArchiveManifest> {
  const caps = { ...DEFAULT_ARCHIVE_LIMITS, ...limits };
  checkNames(files);
  if (files.length + 1 > caps.maxEntries) {
    throw tooLarge(`A bundle may hold ${caps.maxEntries} files; this one would hold ${files.length + 1}.`);
  }
  const hashed: HashedFile[] = [];
  let total = 0;
  for (const file of files) {
    const { size, sha256 } = 'data' in file ? hashBuffer(file.data) : await hashFile(file.path);
    if (size > caps.maxEntryBytes) {
      throw tooLarge(`"${file.name}" is ${size} bytes; a bundle entry may be at most ${caps.maxEntryBytes}.`);
    }
    total += size;
    hashed.push({ ...file, size, sha256 });
  }
  if (total > caps.maxTotalBytes) {
    throw tooLarge(`The files come to ${total} bytes; a bundle may hold at most ${caps.maxTotalBytes}.`);
  }

  const entries = hashed.map(({ name, size, sha256 }) => ({ name, size, sha256 }));
  const manifest: ArchiveManifest = { ...manifestFields, entries };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2), 'utf8');
  const temp = join(dirname(outPath), `.${basename(outPath)}.${randomUUID()}.partial`);
  try {
    await writeZip(temp, manifestBytes, hashed, new Set());
    const bombLike = await entriesPastRatio(temp, caps);
    if (bombLike.size > 0) await writeZip(temp, manifestBytes, hashed, bombLike);
    await rename(temp, outPath);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return manifest;
}

function tooLarge(message: string) {
  return failure('INVALID_INPUT', message, { field: 'files', messageKey: 'bundle.tooLarge' });
}

function checkNames(files: ArchiveFileInput[]): void {
  const clash = nameClashTracker();
  clash(MANIFEST_NAME);
  for (const { name } of files) {
    const problem = nameProblem(name);
    const clashed = problem ? null : clash(name);
    const why = problem?.why ?? (clashed ? `would land on the same file as "${clashed.other}"` : null);
    if (why !== null) {
      throw failure('INVALID_INPUT', `Cannot put "${name}" in a bundle: it ${why}.`, {
        field: 'files',
        messageKey: 'bundle.badEntryName',
        details: [name],
      });
    }
  }
}

function hashBuffer(data: Buffer): { size: number; sha256: string } {
  return { size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
}

async function hashFile(path: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    if (!Buffer.isBuffer(chunk)) throw new Error(`Reading ${path} gave text instead of bytes.`);
    size += chunk.length;
    hash.update(chunk);
  }
  return { size, sha256: hash.digest('hex') };
}

/** Passes a file through, failing at the end if it is not the file that was hashed a moment ago. */
function sameAsHashed(file: HashedFile): Transform {
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      if (hash.digest('hex') === file.sha256) return callback();
      callback(
        failure('CONFLICT', `"${file.name}" changed while the bundle was being written. Export again.`, {
          field: 'files',
          messageKey: 'bundle.fileChanged',
          details: [file.name],
        }),
      );
    },
  });
}

async function writeZip(
  temp: string,
  manifestBytes: Buffer,
  files: HashedFile[],
  stored: ReadonlySet<string>,
): Promise<void> {
  const zip = new yazl.ZipFile();
  const options = (name: string) => ({
    mtime: FIXED_MTIME,
    forceDosTimestamp: true,
    mode: 0o100644,
    compress: !stored.has(name),
  });
  const failed = new Promise<never>((_, reject) => zip.on('error', reject));
  zip.addBuffer(manifestBytes, MANIFEST_NAME, options(MANIFEST_NAME));
  for (const file of files) {
    if ('data' in file) {
      zip.addBuffer(file.data, file.name, options(file.name));
      continue;
    }
    zip.addReadStreamLazy(file.name, { ...options(file.name), size: file.size }, (callback) => {
      const source = createReadStream(file.path);
      const check = sameAsHashed(file);
      // yazl listens for errors only on the zip; a vanished file must fail the export, not hang it.
      source.on('error', (error) => zip.emit('error', error));
      check.on('error', (error) => zip.emit('error', error));
      callback(null, source.pipe(check));
    });
  }
  const out = createWriteStream(temp, { mode: 0o600 });
  const written = pipeline(zip.outputStream, out);
  written.catch(() => {});
  zip.end();
  try {
    await Promise.race([written, failed]);
  } catch (error) {
    out.destroy();
    throw error;
  }
}

/** Names whose packed size the reader would take for a zip bomb. */
async function entriesPastRatio(zipPath: string, limits: ArchiveLimits): Promise<Set<string>> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false });
  const names = new Set<string>();
  try {
    for await (const entry of zip.eachEntry()) {
      const size = entry.uncompressedSize;
      if (size > limits.ratioFloorBytes && size > entry.compressedSize * limits.maxRatio) names.add(entry.fileName);
    }
  } finally {
    zip.close();
  }
  return names;
}
