import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { basename, dirname, resolve, sep } from 'node:path';
import { Transform, type TransformCallback, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { failure, isFailure } from '../errors';
import {
  type ArchiveLimits,
  type ArchiveManifest,
  type ArchiveManifestEntry,
  archiveManifestSchema,
  DEFAULT_ARCHIVE_LIMITS,
  MANIFEST_NAME,
} from './manifest';
import { nameClashTracker, nameProblem } from './names';
import { type RefusalReason, refusal, shown } from './refusal';

export { type ArchiveLimits, type ArchiveManifest, DEFAULT_ARCHIVE_LIMITS } from './manifest';

/** One file entry of the central directory, its name decoded and checked. */
type SurveyedEntry = { name: string; entry: Entry };

type Context = { label: string; limits: ArchiveLimits; cancelled: () => boolean };

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const DOS_DIRECTORY = 0x10;

/**
 * Checks a `.vigil` zip completely and unpacks it into `stagingDir`, or refuses it and leaves no
 * trace. Three passes, each before the next writes anything: every central-directory entry
 * (names, types, sizes, ratios), then the manifest against the zip, then the bytes themselves
 * while they stream (sizes and SHA-256, since headers can lie).
 *
 * `stagingDir` is created; it must not exist or be empty, because a refusal removes it whole.
 * Folder entries (`name/`) are allowed, since zip tools add them, but never created: only the
 * folders that manifest files need are made. Any refusal is an INVALID_INPUT failure with
 * `messageKey` `bundle.refused.<reason>` and `details` `[file, entry?]`, where file is
 * `options.label` (the name the consultant knows the file by) or else the zip's own file name.
 */
export async function openVerifiedArchive(
  zipPath: string,
  stagingDir: string,
  limits: Partial<ArchiveLimits> = {},
  /** `cancelled`: asked between entries; when it answers true the staging folder is removed and CANCELLED thrown. */
  options: { label?: string; cancelled?: () => boolean } = {},
): Promise<{ manifest: ArchiveManifest; dir: string }> {
  const label = options.label ?? basename(zipPath);
  const context: Context = {
    label,
    limits: { ...DEFAULT_ARCHIVE_LIMITS, ...limits },
    cancelled: options.cancelled ?? (() => false),
  };
  const dir = resolve(stagingDir);
  await prepareStaging(dir);
  let zip: ZipFile | undefined;
  try {
    zip = await openZip(zipPath, context);
    const files = await surveyCentralDirectory(zip, context);
    const manifest = await readManifest(zip, files, context);
    await extractAll(zip, files, manifest, dir, context);
    return { manifest, dir };
  } catch (error) {
    // Retries: on Windows a just-destroyed write stream can hold its file for a moment (EBUSY).
    await rm(dir, { recursive: true, force: true, maxRetries: 5 });
    throw error;
  } finally {
    zip?.close();
  }
}

async function prepareStaging(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  // A programming error, not a bad bundle: refusing would delete what is already there.
  if ((await readdir(dir)).length > 0) throw new Error(`The staging folder ${dir} is not empty.`);
}

/** yauzl reports everything as a plain Error; give each a reason a person can act on. */
function zipError(error: unknown, context: Context, entry?: string): Error {
  if (isFailure(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  const on = entry === undefined ? '' : ` at entry "${shown(entry)}"`;
  const refuse = (reason: RefusalReason, why: string) =>
    refusal(reason, context.label, why, entry === undefined ? {} : { entry });
  if (/end of central directory record signature not found/i.test(message)) {
    return refuse('notAZip', 'it is not a zip file, or it was cut short (an interrupted copy or download)');
  }
  if (/encrypt/i.test(message)) {
    return refuse('encryptedEntry', `it uses zip encryption${on}, which Vigil bundles never do`);
  }
  if (/too many bytes|not enough bytes|size mismatch/i.test(message)) {
    return refuse('sizeLie', `the size recorded${on} does not match its contents`);
  }
  if (/unsupported compression method/i.test(message)) {
    return refuse('unsupportedCompression', `it uses a compression method Vigil does not read${on}`);
  }
  return refuse('corrupt', `it is damaged${on} (${message})`);
}

async function openZip(zipPath: string, context: Context): Promise<ZipFile> {
  try {
    // decodeStrings is off on purpose: yauzl would refuse bad names itself with one generic
    // error, and before our own checks could name the attack; names are decoded below with
    // yauzl's own decoder (UTF-8 flag, CP437, Info-ZIP Unicode path), then checked by ours.
    return await yauzl.openPromise(zipPath, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      strictFileNames: true,
      validateEntrySizes: true,
    });
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EPERM' || code === 'EISDIR') {
      throw refusal('unreadable', context.label, 'the file cannot be read (it was moved, or access is denied)');
    }
    throw zipError(error, context);
  }
}

/** Pass one: every entry of the central directory, before a single byte is unpacked. */
async function surveyCentralDirectory(zip: ZipFile, context: Context): Promise<SurveyedEntry[]> {
  const { label, limits } = context;
  if (zip.entryCount > limits.maxEntries) {
    throw refusal(
      'tooManyEntries',
      label,
      `it holds ${zip.entryCount} entries, more than the ${limits.maxEntries} a bundle may hold`,
    );
  }
  const clash = nameClashTracker();
  const folders = new Set<string>();
  const files: SurveyedEntry[] = [];
  const everyEntry: SurveyedEntry[] = [];
  let declaredTotal = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
      const refuse = (reason: RefusalReason, why: string) =>
        refusal(reason, label, `entry "${shown(name)}" ${why}`, { entry: name });
      everyEntry.push({ name, entry });
      const isFolder = name.endsWith('/');
      const problem = nameProblem(isFolder ? name.slice(0, -1) : name);
      if (problem) throw refuse(problem.reason, problem.why);
      // Belt over our own rules: whatever yauzl itself would refuse stays refused.
      const yauzlProblem = yauzl.validateFileName(name);
      if (yauzlProblem !== null) throw refuse('badName', `has a name zip readers refuse (${yauzlProblem})`);

      const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
      if (type === S_IFLNK) throw refuse('symlink', 'is a symbolic link, which a bundle never holds');
      if (isFolder) {
        if (type !== 0 && type !== S_IFDIR) throw refuse('notRegularFile', 'is not a regular file or folder');
        if (entry.uncompressedSize !== 0) throw refuse('notRegularFile', 'is a folder with contents of its own');
        if (folders.has(name)) throw refuse('duplicateName', 'appears more than once');
        folders.add(name);
        continue;
      }
      // 0 is what DOS and Windows tools write: no Unix type at all, so a plain file.
      if (type !== 0 && type !== S_IFREG)
        throw refuse('notRegularFile', 'is not a regular file (a device, pipe or socket)');
      if ((entry.externalFileAttributes & DOS_DIRECTORY) !== 0) throw refuse('notRegularFile', 'is marked as a folder');
      if (entry.isEncrypted())
        throw refuse('encryptedEntry', 'is encrypted inside the zip, which Vigil bundles never do');
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        throw refuse(
          'unsupportedCompression',
          `uses compression method ${entry.compressionMethod}, which Vigil does not read`,
        );
      }

      const clashed = clash(name);
      if (clashed?.kind === 'duplicate') throw refuse('duplicateName', 'appears more than once');
      if (clashed?.kind === 'folder') {
        throw refuse('collidingName', `needs a folder where entry "${shown(clashed.other)}" is a file`);
      }
      if (clashed) {
        throw refuse(
          'collidingName',
          `and entry "${shown(clashed.other)}" would land on the same file on Windows or macOS (the names differ only in letter case or Unicode form)`,
        );
      }

      const size = entry.uncompressedSize;
      if (size > limits.maxEntryBytes) {
        throw refuse(
          'entryTooLarge',
          `would unpack to ${size} bytes, more than the ${limits.maxEntryBytes} one entry may`,
        );
      }
      declaredTotal += size;
      if (declaredTotal > limits.maxTotalBytes) {
        throw refuse(
          'totalTooLarge',
          `takes the bundle past ${limits.maxTotalBytes} bytes unpacked, the most a bundle may hold`,
        );
      }
      if (size > limits.ratioFloorBytes && size > entry.compressedSize * limits.maxRatio) {
        const ratio = entry.compressedSize === 0 ? 'infinitely many' : `${Math.round(size / entry.compressedSize)}`;
        throw refuse('zipBomb', `would unpack to ${ratio} times its packed size, the mark of a zip bomb`);
      }
      files.push({ name, entry });
    }
  } catch (error) {
    // yauzl fails before handing the entry over, so which one it was is unknown here.
    throw zipError(error, context);
  }
  refuseOverlaps(everyEntry, context);
  return files;
}

/**
 * Entries whose data overlap let a few KB be unpacked again and again under many names, each
 * within the caps and the ratio (the overlapping-files bomb). Honest zips lay entries end to
 * end: each local header (30 bytes at least) and its packed data end before the next begins.
 */
function refuseOverlaps(entries: SurveyedEntry[], context: Context): void {
  const byOffset = [...entries].sort(
    (a, b) => a.entry.relativeOffsetOfLocalHeader - b.entry.relativeOffsetOfLocalHeader,
  );
  for (const [index, current] of byOffset.entries()) {
    const next = byOffset[index + 1];
    if (!next) break;
    const end = current.entry.relativeOffsetOfLocalHeader + 30 + current.entry.compressedSize;
    if (end > next.entry.relativeOffsetOfLocalHeader) {
      throw refusal(
        'overlappingEntries',
        context.label,
        `entry "${shown(next.name)}" reuses the data of entry "${shown(current.name)}", the mark of a zip bomb`,
        { entry: next.name },
      );
    }
  }
}

/** Pass two: the manifest, and the zip against it, name by name and size by size. */
async function readManifest(zip: ZipFile, files: SurveyedEntry[], context: Context): Promise<ArchiveManifest> {
  const { label, limits } = context;
  const manifestEntry = files.find((file) => file.name === MANIFEST_NAME);
  if (!manifestEntry)
    throw refusal('manifestMissing', label, `it has no ${MANIFEST_NAME}, so it is not a Vigil bundle`);
  const invalid = (why: string) =>
    refusal('manifestInvalid', label, `its ${MANIFEST_NAME} ${why}`, { entry: MANIFEST_NAME });
  if (manifestEntry.entry.uncompressedSize > limits.maxManifestBytes) {
    throw invalid(`is larger than the ${limits.maxManifestBytes} bytes a manifest may be`);
  }
  const chunks: Buffer[] = [];
  await streamEntry(zip, manifestEntry, context, (chunk) => chunks.push(chunk));
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw invalid('is not valid JSON');
  }
  const parsed = archiveManifestSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? first.path.map(String).join('.') || 'the top level' : 'the top level';
    throw invalid(`is not a bundle manifest (${where}: ${first?.message ?? 'invalid'})`);
  }
  const manifest = parsed.data;

  const listed = new Map(manifest.entries.map((entry) => [entry.name, entry]));
  for (const file of files) {
    if (file.name === MANIFEST_NAME) continue;
    const expected = listed.get(file.name);
    if (!expected) {
      throw refusal('notInManifest', label, `entry "${shown(file.name)}" is not listed in its manifest`, {
        entry: file.name,
      });
    }
    if (expected.size !== file.entry.uncompressedSize) {
      throw refusal(
        'sizeMismatch',
        label,
        `entry "${shown(file.name)}" is ${file.entry.uncompressedSize} bytes but its manifest says ${expected.size}`,
        { entry: file.name },
      );
    }
  }
  const present = new Set(files.map((file) => file.name));
  const missing = manifest.entries.find((entry) => !present.has(entry.name));
  if (missing) {
    throw refusal(
      'missingEntry',
      label,
      `its manifest lists "${shown(missing.name)}", which the bundle does not hold`,
      {
        entry: missing.name,
      },
    );
  }
  return manifest;
}

/** Pass three: the bytes, counted and hashed as they stream, never trusting a header. */
async function extractAll(
  zip: ZipFile,
  files: SurveyedEntry[],
  manifest: ArchiveManifest,
  dir: string,
  context: Context,
): Promise<void> {
  const listed = new Map<string, ArchiveManifestEntry>(manifest.entries.map((entry) => [entry.name, entry]));
  for (const file of files) {
    // Checking a bundle of gigabytes takes a while; the consultant may have closed the dialog meanwhile.
    if (context.cancelled()) throw failure('CANCELLED', `Checking ${context.label} was stopped; nothing was kept.`);
    const target = resolve(dir, file.name);
    // The zip-slip belt: the name rules above already make this impossible.
    if (!target.startsWith(dir + sep)) {
      throw refusal('traversal', context.label, `entry "${shown(file.name)}" leaves the bundle's folder`, {
        entry: file.name,
      });
    }
    await mkdir(dirname(target), { recursive: true });
    const hash = createHash('sha256');
    // `wx`: never open an existing file, whatever the checks above missed.
    const out = createWriteStream(target, { flags: 'wx', mode: 0o600 });
    await streamEntry(zip, file, context, (chunk) => hash.update(chunk), out);
    const expected = listed.get(file.name);
    const actual = hash.digest('hex');
    if (expected && actual !== expected.sha256) {
      throw refusal(
        'hashMismatch',
        context.label,
        `entry "${shown(file.name)}" does not match the SHA-256 its manifest records (changed or damaged)`,
        { entry: file.name },
      );
    }
  }
}

/**
 * Streams one entry, refusing as soon as it yields more bytes than its header declared (which
 * the caps already allowed), and when it yields fewer.
 */
async function streamEntry(
  zip: ZipFile,
  file: SurveyedEntry,
  context: Context,
  onChunk: (chunk: Buffer) => void,
  out?: Writable,
): Promise<void> {
  const declared = file.entry.uncompressedSize;
  const lie = () =>
    refusal(
      'sizeLie',
      context.label,
      `entry "${shown(file.name)}" unpacks to a different size than its header declares (${declared} bytes)`,
      { entry: file.name },
    );
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > declared) return callback(lie());
      onChunk(chunk);
      callback(null, chunk);
    },
  });
  try {
    const source = await zip.openReadStreamPromise(file.entry);
    await pipeline(source, counter, out ?? discard());
  } catch (error) {
    // Disk errors (full, denied) are the machine's, not the bundle's: they keep their own message.
    if (error instanceof Error && 'syscall' in error) throw error;
    throw zipError(error, context, file.name);
  }
  if (seen !== declared) throw lie();
}

function discard(): Writable {
  return new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
}
