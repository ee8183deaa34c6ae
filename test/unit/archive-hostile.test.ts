import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ArchiveLimits } from '../../electron/core/archive/manifest';
import { openVerifiedArchive } from '../../electron/core/archive/read';
import { REFUSAL_REASONS } from '../../electron/core/archive/refusal';
import { isFailure } from '../../electron/core/errors';
import { type BundleEntry, rawBundle, sha256, zeroBomb } from '../fixtures/zips';

type HostileCase = {
  attack: string;
  reason: string;
  /** The zip's bytes, or the path of a file to try as it is. */
  zip: () => Buffer | { path: string };
  limits?: Partial<ArchiveLimits>;
};

const text = (value: string) => Buffer.from(value, 'utf8');
const ok: BundleEntry = { name: 'evidence/good.txt', data: text('a harmless photo caption') };
/** A valid manifest around one hostile entry, after a good one that may already be unpacked. */
const around = (entry: BundleEntry) => () => rawBundle([ok, entry]);

const validBundle = () => rawBundle([ok, { name: 'b.txt', data: text('second file, long enough to cut') }]);

const SHARED = resolve(import.meta.dirname, '../../../shared/testdata/bundles');
const SHARED_EXPECTED: Record<string, string> = {
  'adm-zip__symlink.zip': 'symlink',
  'perl-archive-zip__link-samename.zip': 'symlink',
  'snyk__zip-slip.zip': 'traversal',
  'snyk__zip-slip-win.zip': 'traversal',
  'yauzl__absolute-path-C-xt.zip': 'absolutePath',
  'yauzl__absolute-path-atxt.zip': 'absolutePath',
  'yauzl__invalid-characters-backslash.zip': 'backslash',
  'yauzl__invalid-relative-path-xt.zip': 'traversal',
};
// The real-world archives sit outside the project; without them the built fixtures below still run.
const sharedCases: HostileCase[] = existsSync(SHARED)
  ? readdirSync(SHARED)
      .filter((file) => file.endsWith('.zip'))
      .map((file) => ({
        attack: `real-world archive ${file}`,
        reason: SHARED_EXPECTED[file] ?? 'unlisted: give this archive its expected reason',
        zip: () => ({ path: join(SHARED, file) }),
      }))
  : [];

const bomb = zeroBomb(200);
const lyingBomb = zeroBomb(64);

const builtCases: HostileCase[] = [
  // Paths that leave the staging folder or name a place of their own.
  { attack: 'zip-slip ../', reason: 'traversal', zip: around({ name: '../../evil.txt', data: text('x') }) },
  { attack: 'zip-slip through a folder', reason: 'traversal', zip: around({ name: 'evidence/../../../evil.txt' }) },
  { attack: 'zip-slip ..\\ (Windows)', reason: 'traversal', zip: around({ name: '..\\..\\evil.txt' }) },
  { attack: 'absolute Unix path', reason: 'absolutePath', zip: around({ name: '/etc/cron.d/evil' }) },
  { attack: 'absolute Windows path', reason: 'absolutePath', zip: around({ name: 'C:/Windows/evil.dll' }) },
  { attack: 'drive-relative path', reason: 'absolutePath', zip: around({ name: 'C:evil.dll' }) },
  { attack: 'UNC-like leading backslash', reason: 'absolutePath', zip: around({ name: '\\\\server\\share\\x' }) },
  { attack: 'backslash separator', reason: 'backslash', zip: around({ name: 'evidence\\photo.jpg' }) },
  // Names a file system would mangle or misread.
  { attack: 'NUL in a name', reason: 'badName', zip: around({ name: 'photo.jpg\u0000.exe' }) },
  { attack: 'newline in a name', reason: 'badName', zip: around({ name: 'photo\n.jpg' }) },
  { attack: 'empty path part', reason: 'badName', zip: around({ name: 'evidence//photo.jpg' }) },
  { attack: '"." path part', reason: 'badName', zip: around({ name: './photo.jpg' }) },
  { attack: 'Windows device name', reason: 'badName', zip: around({ name: 'evidence/CON.txt' }) },
  { attack: 'NTFS alternate data stream', reason: 'badName', zip: around({ name: 'photo.jpg:hidden' }) },
  { attack: 'trailing dot Windows drops', reason: 'badName', zip: around({ name: 'photo.jpg.' }) },
  // Entries that are not plain files.
  {
    attack: 'symlink (Unix mode) with a valid manifest',
    reason: 'symlink',
    zip: around({ name: 'evidence/link', data: text('/etc/passwd'), mode: 0o120777 }),
  },
  {
    attack: 'symlink then a file of the same name (write through the link)',
    reason: 'symlink',
    zip: () =>
      rawBundle([
        { name: 'link', data: text('/home'), mode: 0o120777, listed: false },
        { name: 'link', data: text('payload') },
      ]),
  },
  { attack: 'FIFO entry', reason: 'notRegularFile', zip: around({ name: 'pipe', mode: 0o010644 }) },
  { attack: 'character device entry', reason: 'notRegularFile', zip: around({ name: 'tty', mode: 0o020644 }) },
  {
    attack: 'file flagged as a DOS folder',
    reason: 'notRegularFile',
    zip: around({ name: 'notes', mode: 0, dosAttributes: 0x10 }),
  },
  {
    attack: 'folder entry with contents',
    reason: 'notRegularFile',
    zip: around({ name: 'evidence/', data: text('hidden'), mode: 0o040755 }),
  },
  {
    attack: 'zip-encrypted entry',
    reason: 'encryptedEntry',
    zip: around({ name: 'secret.txt', data: text('x'), flags: 0x1 }),
  },
  {
    attack: 'strong-encryption flag',
    reason: 'encryptedEntry',
    zip: around({ name: 's.txt', data: text('x'), flags: 0x41 }),
  },
  {
    attack: 'unknown compression method',
    reason: 'unsupportedCompression',
    zip: around({ name: 'b.bz2', data: text('BZh9'), method: 12 }),
  },
  // Names that collide.
  {
    attack: 'same name twice',
    reason: 'duplicateName',
    zip: () => rawBundle([ok, { ...ok, data: text('overwrites the first'), listed: false }]),
  },
  {
    attack: 'names differing only in case',
    reason: 'collidingName',
    zip: () => rawBundle([ok, { name: 'Evidence/Good.txt', data: text('x') }]),
  },
  {
    attack: 'Unicode NFC and NFD spellings of one name',
    reason: 'collidingName',
    zip: () => rawBundle([{ name: 'caf\u00e9.txt' }, { name: 'cafe\u0301.txt' }]),
  },
  {
    attack: 'a file where another entry needs a folder',
    reason: 'collidingName',
    zip: () => rawBundle([{ name: 'evidence' }, ok]),
  },
  { attack: 'manifest.json twice', reason: 'duplicateName', zip: around({ name: 'manifest.json', listed: false }) },
  // Caps, on declared sizes and on the bytes themselves.
  {
    attack: 'more entries than the cap',
    reason: 'tooManyEntries',
    zip: () => rawBundle([{ name: 'a' }, { name: 'b' }, { name: 'c' }]),
    limits: { maxEntries: 3 },
  },
  {
    attack: 'one entry over the size cap',
    reason: 'entryTooLarge',
    zip: around({ name: 'big.bin', data: Buffer.alloc(2000, 7) }),
    limits: { maxEntryBytes: 1000 },
  },
  {
    attack: 'entries together over the total cap',
    reason: 'totalTooLarge',
    zip: () =>
      rawBundle([
        { name: 'a', data: Buffer.alloc(2000, 1) },
        { name: 'b', data: Buffer.alloc(2000, 2) },
      ]),
    limits: { maxTotalBytes: 3000 },
  },
  {
    attack: 'zip bomb: 200 MiB of zeros packed ~1000:1',
    reason: 'zipBomb',
    zip: around({ name: 'bomb.bin', packed: bomb, listedAs: { sha256: bomb.sha256 } }),
  },
  {
    attack: 'overlapping entries: one packed block unpacked under many names',
    reason: 'overlappingEntries',
    zip: () =>
      rawBundle([
        { name: 'part-1.bin', data: Buffer.alloc(900_000, 1) },
        ...Array.from({ length: 5 }, (_, i) => ({
          name: `part-${i + 2}.bin`,
          data: Buffer.alloc(900_000, 1),
          sharesDataOf: 'part-1.bin',
        })),
      ]),
  },
  {
    attack: 'bomb whose headers claim 1000 bytes (64 MiB inside)',
    reason: 'sizeLie',
    zip: around({ name: 'quiet.bin', packed: lyingBomb, declaredSize: 1000, listedAs: { size: 1000 } }),
  },
  {
    attack: 'header claims more bytes than the entry holds',
    reason: 'sizeLie',
    zip: around({ name: 'short.txt', data: text('five!'), declaredSize: 5000, listedAs: { size: 5000 } }),
  },
  // The manifest and the zip disagree.
  {
    attack: 'entry smuggled past the manifest',
    reason: 'notInManifest',
    zip: around({ name: 'extra.js', listed: false }),
  },
  {
    attack: 'manifest lists an entry the zip lacks',
    reason: 'missingEntry',
    zip: () => rawBundle([ok], { alsoListed: [{ name: 'signed/report.pdf', size: 3, sha256: 'a'.repeat(64) }] }),
  },
  {
    attack: 'contents differ from the manifest hash',
    reason: 'hashMismatch',
    zip: around({ name: 'signed/report.pdf', data: text('forged'), listedAs: { sha256: sha256(text('signed')) } }),
  },
  {
    attack: 'size differs from the manifest',
    reason: 'sizeMismatch',
    zip: around({ name: 'signed/report.pdf', data: text('forged'), listedAs: { size: 5 } }),
  },
  { attack: 'no manifest', reason: 'manifestMissing', zip: () => rawBundle([ok], { manifest: 'none' }) },
  {
    attack: 'manifest is not JSON',
    reason: 'manifestInvalid',
    zip: () => rawBundle([ok], { manifest: text('{"entries": [') }),
  },
  {
    attack: 'manifest hash is not hex',
    reason: 'manifestInvalid',
    zip: () =>
      rawBundle([ok], { manifest: text(JSON.stringify({ entries: [{ name: ok.name, size: 24, sha256: 'zz' }] })) }),
  },
  {
    attack: 'manifest lists a traversal name',
    reason: 'manifestInvalid',
    zip: () => rawBundle([ok], { alsoListed: [{ name: '../x', size: 1, sha256: 'a'.repeat(64) }] }),
  },
  {
    attack: 'manifest lists one name twice',
    reason: 'manifestInvalid',
    zip: () => rawBundle([ok], { alsoListed: [{ name: ok.name, size: 24, sha256: sha256(ok.data ?? text('')) }] }),
  },
  {
    attack: 'manifest larger than its cap',
    reason: 'manifestInvalid',
    zip: () => rawBundle([ok]),
    limits: { maxManifestBytes: 20 },
  },
  // Not a zip, or a damaged one.
  { attack: 'not a zip at all', reason: 'notAZip', zip: () => text('PK? no, just a text file.\n') },
  { attack: 'empty file', reason: 'notAZip', zip: () => Buffer.alloc(0) },
  { attack: 'truncated bundle', reason: 'notAZip', zip: () => validBundle().subarray(0, 60) },
  {
    attack: 'damaged central directory',
    reason: 'corrupt',
    zip: () => {
      const zip = validBundle();
      zip.writeUInt32LE(0xdeadbeef, zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])));
      return zip;
    },
  },
  {
    attack: 'damaged deflate data',
    reason: 'corrupt',
    zip: around({ name: 'a.txt', packed: { bytes: Buffer.from([0xff, 0xff, 0xff, 0xff]), size: 10, crc: 0 } }),
  },
  {
    attack: 'local header where none is',
    reason: 'corrupt',
    zip: () => {
      const zip = validBundle();
      zip.writeUInt32LE(0, zip.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), 1));
      return zip;
    },
  },
  {
    attack: 'file that does not exist',
    reason: 'unreadable',
    zip: () => ({ path: '/nonexistent/vigil/bundle.vigil' }),
  },
];

const cases = [...sharedCases, ...builtCases];
const root = mkdtempSync(join(tmpdir(), 'vigil-hostile-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((path) => relative(dir, join(dir, path)))
    .sort();
}

describe('a hostile bundle is refused with its own reason and leaves nothing behind', () => {
  it.each(cases.map((c, index) => ({ ...c, index })))('$attack → $reason', async ({ zip, reason, limits, index }) => {
    const place = join(root, String(index));
    mkdirSync(join(place, 'data'), { recursive: true });
    const source = zip();
    const zipPath = 'path' in source ? source.path : join(place, 'evil.vigil');
    if (!('path' in source)) writeFileSync(zipPath, source);
    const before = listing(place);
    const outsideTmp = existsSync('/tmp/evil.txt');

    const refused = await openVerifiedArchive(zipPath, join(place, 'data', 'staging'), limits).then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(isFailure(refused)).toBe(true);
    if (!isFailure(refused)) return;
    expect(refused.appError).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'file',
      messageKey: `bundle.refused.${reason}`,
    });
    expect(refused.message).toMatch(/^".+" was refused: .+\.$/);
    expect(refused.message).not.toMatch(/\n\s+at /);
    expect(listing(place)).toEqual(before);
    expect(existsSync('/tmp/evil.txt')).toBe(outsideTmp);
  });

  it('gives every archive reason at least one attack of its own, and uses no other', () => {
    const envelopeOnly = ['notEncrypted', 'envelopeVersion', 'envelopeHeader', 'wrongPassphrase', 'tampered'];
    const archiveReasons = REFUSAL_REASONS.filter((reason) => !envelopeOnly.includes(reason));
    expect(new Set(builtCases.map((c) => c.reason))).toEqual(new Set(archiveReasons));
  });

  it('names the file as the consultant knows it when given a label', async () => {
    const place = join(root, 'label');
    mkdirSync(place, { recursive: true });
    writeFileSync(join(place, 'upload-1234.tmp'), rawBundle([ok, { name: '../x' }]));
    const refused = await openVerifiedArchive(
      join(place, 'upload-1234.tmp'),
      join(place, 'staging'),
      {},
      {
        label: 'Acme handover.vigil',
      },
    ).catch((error: unknown) => error);
    expect(isFailure(refused) && refused.appError).toMatchObject({
      message: '"Acme handover.vigil" was refused: entry "../x" leaves the bundle\'s folder.',
      details: ['Acme handover.vigil', '../x'],
    });
  });

  it(`tries ${cases.length} hostile archives, ${sharedCases.length} of them real-world`, () => {
    expect(builtCases.length).toBeGreaterThanOrEqual(45);
    expect(new Set(builtCases.map((c) => c.attack)).size).toBe(builtCases.length);
  });
});
