import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  randomUUID,
  type ScryptOptions,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, openSync, readSync } from 'node:fs';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { failure } from '../errors';
import { refusal } from './refusal';

/**
 * A whole bundle under a passphrase:
 *
 *   `VIGILENC` | version (1 byte) | header length (uint32 BE) | header JSON | ciphertext | GCM tag (16)
 *
 * The header carries the scrypt parameters, salt and IV, and a passphrase check, so a wrong
 * passphrase is told apart from a damaged file without decrypting gigabytes. Everything before
 * the ciphertext is authenticated as GCM additional data: no header byte can change unnoticed.
 */
const MAGIC = Buffer.from('VIGILENC', 'ascii');
const VERSION = 1;
const PREFIX_BYTES = MAGIC.length + 1 + 4;
const TAG_BYTES = 16;
const MAX_HEADER_BYTES = 4096;

/** scrypt as LIBRARIES.md measured it: ~0.5 s and 128 MiB here; maxmem must exceed 128·N·r. */
const DEFAULT_COST = { N: 2 ** 17, r: 8, p: 1 };
const MAX_SCRYPT_MEMORY = 256 * 1024 * 1024;
const CHECK_LABEL = 'vigil-envelope-passphrase-check';

const powerOfTwo = (n: number) => (n & (n - 1)) === 0;

/**
 * The header of a file that may come from anyone: bounds keep a hostile one from making scrypt
 * take minutes or gigabytes (N at most 2^18, memory at most 256 MiB, p at most 4).
 */
const headerSchema = z
  .object({
    kdf: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 14)
      .max(2 ** 18)
      .refine(powerOfTwo, 'N must be a power of two'),
    r: z.number().int().min(1).max(16),
    p: z.number().int().min(1).max(4),
    salt: z.base64().refine((value) => Buffer.from(value, 'base64').length === 16, 'salt must be 16 bytes'),
    iv: z.base64().refine((value) => Buffer.from(value, 'base64').length === 12, 'iv must be 12 bytes'),
    check: z.base64().refine((value) => Buffer.from(value, 'base64').length === 32, 'check must be 32 bytes'),
  })
  .strict()
  .refine((header) => 128 * header.N * header.r < MAX_SCRYPT_MEMORY, 'scrypt parameters need too much memory');
type EnvelopeHeader = z.infer<typeof headerSchema>;

/** Whether the file starts like an encrypted bundle; false for anything unreadable or short. */
export function isEncryptedArchive(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const start = Buffer.alloc(MAGIC.length);
    return readSync(fd, start, 0, start.length, 0) === start.length && start.equals(MAGIC);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Encrypts `inPath` into `outPath` (written beside it, then renamed), streaming. */
export async function encryptArchive(inPath: string, outPath: string, passphrase: string): Promise<void> {
  requirePassphrase(passphrase);
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const { key, check } = await deriveKeys(passphrase, salt, DEFAULT_COST);
  const header: EnvelopeHeader = {
    kdf: 'scrypt',
    ...DEFAULT_COST,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    check: check.toString('base64'),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(PREFIX_BYTES);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt8(VERSION, MAGIC.length);
  prefix.writeUInt32BE(headerBytes.length, MAGIC.length + 1);
  const authenticated = Buffer.concat([prefix, headerBytes]);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(authenticated);
  await writeThenRename(outPath, async (temp) => {
    await pipeline(
      createReadStream(inPath),
      async function* (source: AsyncIterable<Buffer>) {
        yield authenticated;
        for await (const chunk of source) yield cipher.update(chunk);
        yield cipher.final();
        yield cipher.getAuthTag();
      },
      createWriteStream(temp, { mode: 0o600 }),
    );
  });
}

/**
 * Decrypts `inPath` into `outPath`, streaming. The plaintext goes to a file beside `outPath` and
 * becomes `outPath` only once the GCM tag has verified it; on any failure that file is removed,
 * so no unauthenticated plaintext is ever left behind. Messages name the file `options.label`
 * (the name the consultant chose) or else its own file name.
 */
export async function decryptArchive(
  inPath: string,
  outPath: string,
  passphrase: string,
  options: { label?: string } = {},
): Promise<void> {
  requirePassphrase(passphrase);
  const label = options.label ?? basename(inPath);
  const { header, authenticated, size, tag } = await readEnvelope(inPath, label);
  const { key, check } = await deriveKeys(passphrase, Buffer.from(header.salt, 'base64'), header);
  const expected = Buffer.from(header.check, 'base64');
  if (!timingSafeEqual(check, expected)) {
    throw refusal('wrongPassphrase', label, 'the passphrase is not the one it was encrypted with', {
      field: 'passphrase',
    });
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(header.iv, 'base64'));
  decipher.setAAD(authenticated);
  decipher.setAuthTag(tag);
  const bodyEnd = size - TAG_BYTES;
  const body =
    bodyEnd > authenticated.length
      ? createReadStream(inPath, { start: authenticated.length, end: bodyEnd - 1 })
      : Readable.from([]);
  await writeThenRename(outPath, async (temp) => {
    try {
      await pipeline(
        body,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) yield decipher.update(chunk);
          yield decipher.final();
        },
        createWriteStream(temp, { mode: 0o600 }),
      );
    } catch (error) {
      if (error instanceof Error && 'syscall' in error) throw error;
      throw tampered(label);
    }
  });
}

function requirePassphrase(passphrase: string): void {
  if (passphrase.length === 0) {
    throw failure('INVALID_INPUT', 'Enter a passphrase: an empty one protects nothing.', {
      field: 'passphrase',
      messageKey: 'bundle.passphraseEmpty',
    });
  }
}

function tampered(label: string) {
  return refusal('tampered', label, 'it was changed or damaged after it was encrypted');
}

/**
 * One scrypt call gives both the AES key and the passphrase check. The passphrase is NFC
 * normalised: macOS and Windows keyboards can type one accented letter as different code points.
 */
async function deriveKeys(
  passphrase: string,
  salt: Buffer,
  cost: { N: number; r: number; p: number },
): Promise<{ key: Buffer; check: Buffer }> {
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: MAX_SCRYPT_MEMORY };
  const derived = await new Promise<Buffer>((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 64, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
  const check = createHash('sha256').update(CHECK_LABEL).update(derived.subarray(32)).digest();
  return { key: derived.subarray(0, 32), check };
}

async function readEnvelope(
  path: string,
  label: string,
): Promise<{ header: EnvelopeHeader; authenticated: Buffer; size: number; tag: Buffer }> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch {
    throw refusal('unreadable', label, 'the file cannot be read (it was moved, or access is denied)');
  }
  try {
    const { size } = await handle.stat();
    const prefix = Buffer.alloc(PREFIX_BYTES);
    const { bytesRead } = await handle.read(prefix, 0, PREFIX_BYTES, 0);
    if (bytesRead < MAGIC.length || !prefix.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw refusal('notEncrypted', label, 'it is not a passphrase-protected Vigil bundle');
    }
    if (bytesRead < PREFIX_BYTES) throw tampered(label);
    const version = prefix.readUInt8(MAGIC.length);
    if (version !== VERSION) {
      throw refusal('envelopeVersion', label, `it was encrypted by a newer Vigil (format ${version}); update Vigil`);
    }
    const headerLength = prefix.readUInt32BE(MAGIC.length + 1);
    if (headerLength > MAX_HEADER_BYTES || PREFIX_BYTES + headerLength + TAG_BYTES > size) throw tampered(label);
    const headerBytes = Buffer.alloc(headerLength);
    await handle.read(headerBytes, 0, headerLength, PREFIX_BYTES);
    let json: unknown;
    try {
      json = JSON.parse(headerBytes.toString('utf8'));
    } catch {
      throw refusal('envelopeHeader', label, 'its encryption header is not readable');
    }
    const parsed = headerSchema.safeParse(json);
    if (!parsed.success) {
      throw refusal(
        'envelopeHeader',
        label,
        `its encryption header is not one Vigil writes (${parsed.error.issues[0]?.message ?? 'invalid'})`,
      );
    }
    const tag = Buffer.alloc(TAG_BYTES);
    await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
    return { header: parsed.data, authenticated: Buffer.concat([prefix, headerBytes]), size, tag };
  } finally {
    await handle.close();
  }
}

async function writeThenRename(outPath: string, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = join(dirname(outPath), `.${basename(outPath)}.${randomUUID()}.partial`);
  try {
    await write(temp);
    await rename(temp, outPath);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
