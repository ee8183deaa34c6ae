import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { decryptArchive, encryptArchive, isEncryptedArchive } from '../../electron/core/archive/envelope';
import { openVerifiedArchive } from '../../electron/core/archive/read';
import { writeArchive } from '../../electron/core/archive/write';
import { type Failure, isFailure } from '../../electron/core/errors';
import { rawBundle, sha256 } from '../fixtures/zips';

const root = mkdtempSync(join(tmpdir(), 'vigil-archive-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
function place(): string {
  counter += 1;
  const dir = join(root, String(counter));
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function refusal(promise: Promise<unknown>): Promise<Failure> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!isFailure(outcome)) throw new Error(`expected a refusal, got ${String(outcome)}`);
  return outcome;
}

async function entryNames(zipPath: string): Promise<string[]> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false });
  const names: string[] = [];
  for await (const entry of zip.eachEntry()) names.push(entry.fileName);
  zip.close();
  return names;
}

const photo = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251));
const report = Buffer.from('%PDF-1.7 signed work plan\n'.repeat(500));

describe('a check that is cancelled', () => {
  it('stops between entries, removes the staging folder and says CANCELLED', async () => {
    const dir = place();
    await writeArchive(
      join(dir, 'acme.vigil'),
      [
        { name: 'a.bin', data: photo },
        { name: 'b.pdf', data: report },
      ],
      {},
    );
    let asked = 0;

    const stopped = await refusal(
      openVerifiedArchive(join(dir, 'acme.vigil'), join(dir, 'staging'), {}, { cancelled: () => ++asked > 1 }),
    );

    expect(stopped.appError.code).toBe('CANCELLED');
    expect(asked).toBe(2);
    expect(readdirSync(dir)).toEqual(['acme.vigil']);
  });
});

describe('a bundle written by writeArchive', () => {
  it('unpacks to the same files, after a manifest listing each with its size and SHA-256', async () => {
    const dir = place();
    const photoPath = join(dir, 'photo-source.jpg');
    writeFileSync(photoPath, photo);
    const files = [
      { name: 'evidence/0192-photo.jpg', path: photoPath },
      { name: 'signed/工作计划 v1.0.pdf', data: report },
      { name: 'empty.txt', data: Buffer.alloc(0) },
    ];

    const written = await writeArchive(join(dir, 'acme.vigil'), files, { schemaVersion: 11, engagementId: 'e-1' });
    const { manifest, dir: staged } = await openVerifiedArchive(join(dir, 'acme.vigil'), join(dir, 'staging'));

    expect(written).toEqual({
      schemaVersion: 11,
      engagementId: 'e-1',
      entries: [
        { name: 'evidence/0192-photo.jpg', size: photo.length, sha256: sha256(photo) },
        { name: 'signed/工作计划 v1.0.pdf', size: report.length, sha256: sha256(report) },
        { name: 'empty.txt', size: 0, sha256: sha256(Buffer.alloc(0)) },
      ],
    });
    expect(manifest).toEqual(written);
    expect(staged).toBe(join(dir, 'staging'));
    expect(readFileSync(join(staged, 'evidence/0192-photo.jpg'))).toEqual(photo);
    expect(readFileSync(join(staged, 'signed/工作计划 v1.0.pdf'))).toEqual(report);
    expect(readFileSync(join(staged, 'empty.txt'))).toHaveLength(0);
    expect(await entryNames(join(dir, 'acme.vigil'))).toEqual([
      'manifest.json',
      'evidence/0192-photo.jpg',
      'signed/工作计划 v1.0.pdf',
      'empty.txt',
    ]);
    expect(readdirSync(dir).sort()).toEqual(['acme.vigil', 'photo-source.jpg', 'staging']);
  });

  it('is the same bytes every time the same files are written', async () => {
    const dir = place();
    const files = [{ name: 'a.txt', data: report }];
    await writeArchive(join(dir, 'one.vigil'), files, { schemaVersion: 11 });
    await writeArchive(join(dir, 'two.vigil'), files, { schemaVersion: 11 });
    expect(readFileSync(join(dir, 'one.vigil')).equals(readFileSync(join(dir, 'two.vigil')))).toBe(true);
  });

  it('stores uncompressed a file that deflate would pack like a zip bomb, so it still imports', async () => {
    const dir = place();
    const zeros = Buffer.alloc(3 * 1024 * 1024);
    await writeArchive(join(dir, 'log.vigil'), [{ name: 'quiet-log.bin', data: zeros }], {});
    const { dir: staged } = await openVerifiedArchive(join(dir, 'log.vigil'), join(dir, 'staging'));
    expect(readFileSync(join(staged, 'quiet-log.bin')).equals(zeros)).toBe(true);
  });

  it.each([
    ['a traversal', '../evil.txt'],
    ['an absolute path', '/etc/passwd'],
    ['a backslash', 'evidence\\a.jpg'],
    ['the manifest name', 'manifest.json'],
    ['a name twice', 'a.txt'],
    ['a case twin', 'A.TXT'],
  ])('refuses to write %s and leaves no file', async (_, name) => {
    const dir = place();
    const failed = await refusal(
      writeArchive(
        join(dir, 'bad.vigil'),
        [
          { name: 'a.txt', data: report },
          { name, data: report },
        ],
        {},
      ),
    );
    expect(failed.appError).toMatchObject({ code: 'INVALID_INPUT', field: 'files', messageKey: 'bundle.badEntryName' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses to write more than the caps an import would accept', async () => {
    const dir = place();
    const failed = await refusal(
      writeArchive(join(dir, 'big.vigil'), [{ name: 'a.bin', data: report }], {}, { maxEntryBytes: 10 }),
    );
    expect(failed.appError.messageKey).toBe('bundle.tooLarge');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves no partial file when a source file is missing', async () => {
    const dir = place();
    await expect(
      writeArchive(join(dir, 'x.vigil'), [{ name: 'a.jpg', path: join(dir, 'gone.jpg') }], {}),
    ).rejects.toThrow();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('accepts what other zip tools add: folder entries, DOS-made files, stored entries', async () => {
    const dir = place();
    const zip = rawBundle([
      { name: 'evidence/', mode: 0o040755, method: 0 },
      { name: 'evidence/a.txt', data: report, mode: 0 },
      { name: 'evidence/b.txt', data: report.subarray(0, 100), method: 0 },
    ]);
    writeFileSync(join(dir, 'rezipped.vigil'), zip);
    const { dir: staged } = await openVerifiedArchive(join(dir, 'rezipped.vigil'), join(dir, 'staging'));
    expect(readdirSync(join(staged, 'evidence')).sort()).toEqual(['a.txt', 'b.txt']);
    expect(readFileSync(join(staged, 'evidence/a.txt')).equals(report)).toBe(true);
  });

  it('will not unpack into a staging folder that already holds files, and leaves them alone', async () => {
    const dir = place();
    await writeArchive(join(dir, 'b.vigil'), [{ name: 'a.txt', data: report }], {});
    mkdirSync(join(dir, 'staging'));
    writeFileSync(join(dir, 'staging', 'keep.txt'), 'mine');
    await expect(openVerifiedArchive(join(dir, 'b.vigil'), join(dir, 'staging'))).rejects.toThrow(/not empty/);
    expect(readdirSync(join(dir, 'staging'))).toEqual(['keep.txt']);
  });
});

describe('a bundle under a passphrase', () => {
  const passphrase = 'correct horse battery staple — 正确';
  let dir = '';
  let plain = '';
  let sealed = '';

  beforeAll(async () => {
    dir = place();
    plain = join(dir, 'acme.vigil');
    sealed = join(dir, 'acme.enc.vigil');
    await writeArchive(plain, [{ name: 'evidence/photo.jpg', data: photo }], { schemaVersion: 11 });
    await encryptArchive(plain, sealed, passphrase);
  });

  /** The sealed file with one byte changed, in a file of its own. */
  function tamperedCopy(name: string, at: (size: number) => number): string {
    const bytes = readFileSync(sealed);
    const index = at(bytes.length);
    bytes.writeUInt8((bytes.readUInt8(index) ^ 0x01) & 0xff, index);
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  }

  function leftovers(): string[] {
    return readdirSync(dir).filter((file) => file.startsWith('out') || file.includes('.partial'));
  }

  it('is recognised as encrypted, and a plain bundle is not', () => {
    expect(isEncryptedArchive(sealed)).toBe(true);
    expect(isEncryptedArchive(plain)).toBe(false);
    expect(isEncryptedArchive(join(dir, 'missing.vigil'))).toBe(false);
    expect(readFileSync(sealed).includes(photo.subarray(0, 64))).toBe(false);
  });

  it('decrypts to the very bundle that was encrypted, which then verifies', async () => {
    const out = join(dir, 'out-ok.vigil');
    await decryptArchive(sealed, out, passphrase);
    expect(readFileSync(out).equals(readFileSync(plain))).toBe(true);
    const { dir: staged } = await openVerifiedArchive(out, join(dir, 'staging'));
    expect(readFileSync(join(staged, 'evidence/photo.jpg')).equals(photo)).toBe(true);
    rmSync(out);
    rmSync(staged, { recursive: true });
  });

  it('refuses a wrong passphrase and writes nothing', async () => {
    const failed = await refusal(
      decryptArchive(sealed, join(dir, 'out-wrong.vigil'), 'correct horse battery stapler', { label: 'Acme.vigil' }),
    );
    expect(failed.appError).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'passphrase',
      messageKey: 'bundle.refused.wrongPassphrase',
    });
    expect(failed.message).toBe('"Acme.vigil" was refused: the passphrase is not the one it was encrypted with.');
    expect(leftovers()).toEqual([]);
  });

  it.each([
    ['a ciphertext byte', (size: number) => Math.floor(size / 2)],
    ['the authentication tag', (size: number) => size - 3],
  ])('refuses a file with %s changed and leaves no plaintext behind', async (what, at) => {
    const path = tamperedCopy(`tampered-${what.length}.vigil`, at);
    const failed = await refusal(decryptArchive(path, join(dir, 'out-tampered.vigil'), passphrase));
    expect(failed.appError).toMatchObject({ field: 'file', messageKey: 'bundle.refused.tampered' });
    expect(failed.message).toMatch(
      /^"tampered-\d+\.vigil" was refused: it was changed or damaged after it was encrypted\.$/,
    );
    expect(leftovers()).toEqual([]);
  });

  it('refuses a header asking scrypt for more than a laptop can give, before running it', async () => {
    const bytes = readFileSync(sealed);
    const length = bytes.readUInt32BE(9);
    const header = JSON.parse(bytes.subarray(13, 13 + length).toString('utf8'));
    const greedy = Buffer.from(JSON.stringify({ ...header, N: 2 ** 24 }));
    const prefix = Buffer.from(bytes.subarray(0, 13));
    prefix.writeUInt32BE(greedy.length, 9);
    const path = join(dir, 'greedy.vigil');
    writeFileSync(path, Buffer.concat([prefix, greedy, bytes.subarray(13 + length)]));
    const failed = await refusal(decryptArchive(path, join(dir, 'out-greedy.vigil'), passphrase));
    expect(failed.appError.messageKey).toBe('bundle.refused.envelopeHeader');
    expect(leftovers()).toEqual([]);
  });

  it('refuses a newer envelope version, a plain zip and an empty passphrase with their own reasons', async () => {
    const newer = readFileSync(sealed);
    newer.writeUInt8(2, 8);
    writeFileSync(join(dir, 'newer.vigil'), newer);
    expect(
      (await refusal(decryptArchive(join(dir, 'newer.vigil'), join(dir, 'out-n'), passphrase))).appError.messageKey,
    ).toBe('bundle.refused.envelopeVersion');
    expect((await refusal(decryptArchive(plain, join(dir, 'out-p'), passphrase))).appError.messageKey).toBe(
      'bundle.refused.notEncrypted',
    );
    expect((await refusal(encryptArchive(plain, join(dir, 'out-e'), ''))).appError).toMatchObject({
      field: 'passphrase',
      messageKey: 'bundle.passphraseEmpty',
    });
    expect(leftovers()).toEqual([]);
  });
});
