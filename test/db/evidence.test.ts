import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Method, MethodInput, MethodOutput } from '@shared/contract';
import { contract } from '@shared/contract';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeImagePool } from '../../electron/core/evidence/pool';
import type { Core } from '../../electron/core/index';
import { documentPath, evidencePath } from '../../electron/core/services/evidence';
import { callErr, callOk, closeTestCores, startTestCore, steppingClock } from '../fixtures/core';
import { removeTempDataDirs } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';
import { seedLargeEngagementWithPhotos } from '../fixtures/large-engagement';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});
afterAll(() => closeImagePool());

async function invoke<M extends Method>(core: Core, method: M, input: MethodInput<M>) {
  return core.router.invokeAsync(method, input);
}

async function add(core: Core, input: MethodInput<'evidence.add'>): Promise<MethodOutput<'evidence.add'>> {
  const result = await invoke(core, 'evidence.add', input);
  if (!result.ok) throw new Error(`evidence.add failed: ${result.error.code} ${result.error.message}`);
  return contract['evidence.add'].output.parse(result.value);
}

async function read(core: Core, input: MethodInput<'evidence.read'>): Promise<MethodOutput<'evidence.read'>> {
  const result = await invoke(core, 'evidence.read', input);
  if (!result.ok) throw new Error(`evidence.read failed: ${result.error.code} ${result.error.message}`);
  return contract['evidence.read'].output.parse(result.value);
}

async function readErr(core: Core, input: MethodInput<'evidence.read'>) {
  const result = await invoke(core, 'evidence.read', input);
  if (result.ok) throw new Error('evidence.read unexpectedly succeeded');
  return result.error;
}

async function addErr(core: Core, input: MethodInput<'evidence.add'>) {
  const result = await invoke(core, 'evidence.add', input);
  if (result.ok) throw new Error('evidence.add unexpectedly succeeded');
  return result.error;
}

function setup() {
  const core = startTestCore({ now: steppingClock() });
  const engagement = callOk(core, 'engagement.create', engagementFields());
  const target = { engagementId: engagement.id, targetKind: 'finding' as const, targetId: 'finding-1' };
  return { core, engagement, target };
}

/** Files under <dataDir>/evidence, temp files included. */
function storedFiles(core: Core): string[] {
  const root = join(core.context.dataDir, 'evidence');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
}

function rows(core: Core, table: string): number {
  return core.context.store.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/**
 * A 4000×3000 camera photo lying on its side: EXIF orientation 6 (display rotated 90° clockwise),
 * GPS position and camera make in its EXIF. Left half red, right half blue, so rotation shows.
 */
let photo: Buffer;
beforeAll(async () => {
  const blue = await sharp({ create: { width: 2000, height: 3000, channels: 3, background: '#0000ff' } })
    .png()
    .toBuffer();
  photo = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#ff0000' } })
    .composite([{ input: blue, left: 2000, top: 0 }])
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'VigilTestCam', Model: 'Model X' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 14/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 0/1' },
    })
    .toBuffer();
});

describe('evidence.add', () => {
  it('the sample photo really has orientation 6, GPS and a camera make', async () => {
    const meta = await sharp(photo).metadata();
    expect(meta.orientation).toBe(6);
    expect(meta.width).toBe(4000);
    expect(meta.exif?.includes(Buffer.from('VigilTestCam'))).toBe(true);
    // GPSInfo IFD pointer (tag 0x8825), big- or little-endian.
    expect(meta.exif?.includes(Buffer.from([0x88, 0x25])) || meta.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true);
  });

  it('stores a photo upright, at most 2560 px, without EXIF or GPS, with a thumbnail', async () => {
    const { core, target } = setup();
    const link = await add(core, {
      ...target,
      fileName: 'IMG_0001.JPG',
      mediaType: 'image/jpeg',
      dataBase64: b64(photo),
    });
    expect(link).toMatchObject({ fileName: 'IMG_0001.JPG', mediaType: 'image/jpeg', width: 1920, height: 2560 });
    expect(link.hasThumbnail).toBe(true);
    const stored = evidencePath(core.context.dataDir, link.sha256);
    const meta = await sharp(stored).metadata();
    expect([meta.width, meta.height]).toEqual([1920, 2560]);
    expect(meta.orientation).toBeUndefined();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    // Rotated clockwise: the red left half is now on top.
    const { data } = await sharp(stored)
      .extract({ left: 960, top: 100, width: 1, height: 1 })
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(200);
    expect(data[2]).toBeLessThan(60);

    const thumb = await read(core, { sha256: link.sha256, variant: 'thumbnail' });
    expect(thumb.mediaType).toBe('image/jpeg');
    const thumbMeta = await sharp(Buffer.from(thumb.dataBase64, 'base64')).metadata();
    expect(Math.max(thumbMeta.width ?? 0, thumbMeta.height ?? 0)).toBe(320);
    expect(thumbMeta.exif).toBeUndefined();
    const full = await read(core, { sha256: link.sha256, variant: 'full' });
    expect(full.mediaType).toBe('image/jpeg');
    expect(Buffer.from(full.dataBase64, 'base64').length).toBe(link.size);
    // The image, its thumbnail and its document variant.
    expect(storedFiles(core)).toHaveLength(3);
    expect(storedFiles(core).some((name) => name.endsWith('.tmp'))).toBe(false);
  });

  it('keeps a PNG with transparency as PNG and a GIF as its first frame', async () => {
    const { core, target } = setup();
    const png = await sharp({
      create: { width: 300, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } },
    })
      .png()
      .toBuffer();
    const shot = await add(core, { ...target, fileName: 'screen.png', mediaType: 'image/png', dataBase64: b64(png) });
    expect(shot).toMatchObject({ mediaType: 'image/png', width: 300, height: 200 });
    const gif = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#00ff00' } })
      .gif()
      .toBuffer();
    const anim = await add(core, { ...target, fileName: 'a.gif', mediaType: 'image/gif', dataBase64: b64(gif) });
    // libvips reads GIFs with an alpha channel: kept lossless.
    expect(anim).toMatchObject({ mediaType: 'image/png', width: 40, height: 30 });
  });

  it('stores the same content once; the last link removed takes the file and thumbnail with it', async () => {
    const { core, engagement, target } = setup();
    const input = { ...target, fileName: 'IMG_0001.JPG', mediaType: 'image/jpeg', dataBase64: b64(photo) };
    const first = await add(core, input);
    const again = await add(core, input);
    expect(again.id).toBe(first.id);
    const other = await add(core, { ...input, targetKind: 'answer', targetId: 'answer-9', caption: ' Rack 3 ' });
    expect(other.id).not.toBe(first.id);
    expect(other.sha256).toBe(first.sha256);
    expect(other.caption).toBe('Rack 3');
    expect(rows(core, 'evidence_files')).toBe(1);
    expect(rows(core, 'evidence_links')).toBe(2);
    expect(storedFiles(core)).toHaveLength(3);

    expect(callOk(core, 'evidence.list', { engagementId: engagement.id })).toHaveLength(2);
    expect(callOk(core, 'evidence.list', { ...target }).map((l) => l.id)).toEqual([first.id]);

    const captioned = callOk(core, 'evidence.caption', {
      engagementId: engagement.id,
      linkId: first.id,
      caption: 'East DC',
    });
    expect(captioned.caption).toBe('East DC');

    expect(callOk(core, 'evidence.remove', { engagementId: engagement.id, linkId: first.id })).toEqual({
      linkId: first.id,
      fileRemoved: false,
    });
    expect(storedFiles(core)).toHaveLength(3);
    expect(callErr(core, 'evidence.remove', { engagementId: engagement.id, linkId: first.id }).code).toBe('NOT_FOUND');
    expect(callOk(core, 'evidence.remove', { engagementId: engagement.id, linkId: other.id }).fileRemoved).toBe(true);
    expect(storedFiles(core)).toEqual([]);
    expect(rows(core, 'evidence_files')).toBe(0);
    // Links are soft-deleted: tombstones for a future merge.
    expect(rows(core, 'evidence_links')).toBe(2);
    expect(callOk(core, 'evidence.list', { engagementId: engagement.id })).toEqual([]);
    expect((await readErr(core, { sha256: first.sha256, variant: 'full' })).code).toBe('NOT_FOUND');
  });

  it('accepts PDF, text, CSV and JSON by their bytes', async () => {
    const { core, target } = setup();
    const cases: [string, string | Buffer, string][] = [
      ['report.pdf', Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n'), 'application/pdf'],
      ['app.log', '2026-05-04 10:00:01 ERROR timeout 连接超时\n', 'text/plain'],
      ['hosts.csv', 'host,ip\nweb-1,10.0.0.1\n', 'text/csv'],
      ['config.txt', '{"replicas": 3}', 'application/json'],
    ];
    for (const [fileName, content, mediaType] of cases) {
      const link = await add(core, { ...target, fileName, mediaType: '', dataBase64: b64(Buffer.from(content)) });
      expect(link).toMatchObject({ fileName, mediaType, hasThumbnail: false, width: null });
    }
  });

  it('refuses a corrupt JPEG, an oversized file, an .exe named .png and a HEIC photo, storing nothing', async () => {
    const { core, target } = setup();
    const corrupt = Buffer.concat([photo.subarray(0, 2000), Buffer.alloc(5000, 0x55)]);
    const exe = Buffer.concat([
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'),
      Buffer.alloc(4096, 0),
    ]);
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'),
      Buffer.alloc(64),
    ]);
    const big = Buffer.alloc(26 * 1024 * 1024, 0x61);
    const refused = [
      { fileName: 'broken.jpg', bytes: corrupt, key: 'evidence.errors.corrupt', says: /broken\.jpg.*cannot be read/ },
      { fileName: 'setup.png', bytes: exe, key: 'evidence.errors.type', says: /setup\.png.*not a type/ },
      { fileName: 'IMG_2001.HEIC', bytes: heic, key: 'evidence.errors.heic', says: /Convert HEIC to JPEG first/ },
      { fileName: 'huge.log', bytes: big, key: 'evidence.errors.tooLarge', says: /huge\.log.*26\.0 MB.*25\.0 MB/ },
      { fileName: 'empty.txt', bytes: Buffer.alloc(0), key: 'evidence.errors.empty', says: /empty\.txt/ },
    ];
    for (const { fileName, bytes, key, says } of refused) {
      const error = await addErr(core, { ...target, fileName, mediaType: 'image/png', dataBase64: b64(bytes) });
      expect(error).toMatchObject({ code: 'INVALID_INPUT', messageKey: key, details: [fileName] });
      expect(error.message).toMatch(says);
    }
    expect(rows(core, 'evidence_files')).toBe(0);
    expect(rows(core, 'evidence_links')).toBe(0);
    expect(storedFiles(core)).toEqual([]);
  });

  it('refuses an unknown engagement, an archived one and bad input, storing nothing', async () => {
    const { core, engagement, target } = setup();
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123456' } })
      .png()
      .toBuffer();
    const input = { ...target, fileName: 'a.png', mediaType: 'image/png', dataBase64: b64(png) };
    expect((await addErr(core, { ...input, engagementId: '0190f2a4-0000-7000-8000-000000000000' })).code).toBe(
      'NOT_FOUND',
    );
    expect((await addErr(core, { ...input, targetKind: 'plan' as 'answer' })).code).toBe('INVALID_INPUT');
    expect((await addErr(core, { ...input, dataBase64: '@@not base64@@' })).messageKey).toBe(
      'evidence.errors.unreadable',
    );
    callOk(core, 'engagement.archive', { id: engagement.id });
    expect((await addErr(core, input)).code).toBe('CONFLICT');
    expect(rows(core, 'evidence_links')).toBe(0);
    expect(storedFiles(core)).toEqual([]);
  });

  it('is refused by the synchronous invoke, which points to invokeAsync', () => {
    const { core, target } = setup();
    const result = core.router.invoke('evidence.add', {
      ...target,
      fileName: 'a.txt',
      mediaType: '',
      dataBase64: 'YQ==',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: /invokeAsync/ } });
  });
});

/** A 4000×3000 photo of noise, which JPEG compresses badly: the hard case for the 180 KB cap. */
async function noisyPhoto(seed = 0): Promise<Buffer> {
  return sharp({
    create: {
      width: 4000,
      height: 3000,
      channels: 3,
      background: { r: 40 + seed, g: 90, b: 160 },
      noise: { type: 'gaussian', mean: 128, sigma: 30 },
    },
  })
    .jpeg({ quality: 90 })
    .toBuffer();
}

describe('evidence document variant', () => {
  it('makes a JPEG of at most 1600 px and 180 KB beside the original at ingest', async () => {
    const { core, target } = setup();
    const link = await add(core, {
      ...target,
      fileName: 'noise.jpg',
      mediaType: 'image/jpeg',
      dataBase64: b64(await noisyPhoto()),
    });
    const path = documentPath(core.context.dataDir, link.sha256);
    expect(path).toBe(`${evidencePath(core.context.dataDir, link.sha256)}.doc.jpg`);
    expect(existsSync(path)).toBe(true);
    const doc = await read(core, { sha256: link.sha256, variant: 'document' });
    expect(doc.mediaType).toBe('image/jpeg');
    const bytes = Buffer.from(doc.dataBase64, 'base64');
    expect(bytes.length).toBeLessThanOrEqual(180 * 1024);
    expect(bytes.equals(readFileSync(path))).toBe(true);
    const meta = await sharp(bytes).metadata();
    expect(meta.format).toBe('jpeg');
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(1600);
    // Only as small as the cap needs: noise this heavy still keeps a useful size.
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeGreaterThanOrEqual(800);
    expect(meta.exif).toBeUndefined();
  });

  it('keeps a small image at its size and flattens transparency onto white', async () => {
    const { core, target } = setup();
    const png = await sharp({
      create: { width: 300, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const link = await add(core, { ...target, fileName: 'clear.png', mediaType: 'image/png', dataBase64: b64(png) });
    const doc = Buffer.from((await read(core, { sha256: link.sha256, variant: 'document' })).dataBase64, 'base64');
    const { data, info } = await sharp(doc).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([300, 200, 3]);
    expect(data[0]).toBeGreaterThan(245);
  });

  it('is removed with the original when its last link goes', async () => {
    const { core, engagement, target } = setup();
    const link = await add(core, { ...target, fileName: 'IMG.JPG', mediaType: 'image/jpeg', dataBase64: b64(photo) });
    const path = documentPath(core.context.dataDir, link.sha256);
    expect(existsSync(path)).toBe(true);
    callOk(core, 'evidence.remove', { engagementId: engagement.id, linkId: link.id });
    expect(existsSync(path)).toBe(false);
    expect(storedFiles(core)).toEqual([]);
    expect((await readErr(core, { sha256: link.sha256, variant: 'document' })).code).toBe('NOT_FOUND');
  });

  it('is made on demand and stored when an older store lacks it', async () => {
    const { core, target } = setup();
    const link = await add(core, { ...target, fileName: 'IMG.JPG', mediaType: 'image/jpeg', dataBase64: b64(photo) });
    const path = documentPath(core.context.dataDir, link.sha256);
    const atIngest = readFileSync(path);
    rmSync(path);
    const doc = Buffer.from((await read(core, { sha256: link.sha256, variant: 'document' })).dataBase64, 'base64');
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path).equals(doc)).toBe(true);
    // The same bytes as at ingest: both are made from the stored image.
    expect(doc.equals(atIngest)).toBe(true);
    const meta = await sharp(doc).metadata();
    expect([meta.width, meta.height]).toEqual([1200, 1600]);
    expect(storedFiles(core).some((name) => name.endsWith('.tmp'))).toBe(false);
  });

  it('is refused for a file that is not an image, and stores nothing for it', async () => {
    const { core, target } = setup();
    const link = await add(core, {
      ...target,
      fileName: 'app.log',
      mediaType: '',
      dataBase64: b64(Buffer.from('ERROR timeout\n')),
    });
    const error = await readErr(core, { sha256: link.sha256, variant: 'document' });
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: /app\.log.*not an image/ });
    expect(storedFiles(core)).toHaveLength(1);
    expect(core.router.invoke('evidence.read', { sha256: link.sha256, variant: 'full' })).toMatchObject({
      ok: false,
      error: { message: /invokeAsync/ },
    });
  });
});

describe('fixture L with photos', () => {
  it('attaches generated photos, each stored once, to answers and findings of L', async () => {
    const core = startTestCore({ now: steppingClock() });
    const large = await seedLargeEngagementWithPhotos(core, { photos: 6, width: 400, height: 300 });
    expect(large.evidenceLinkIds).toHaveLength(6);
    const links = callOk(core, 'evidence.list', { engagementId: large.engagementId });
    expect(new Set(links.map((l) => l.sha256)).size).toBe(6);
    expect(links.filter((l) => l.targetKind === 'finding')).toHaveLength(2);
    expect(links.every((l) => existsSync(documentPath(core.context.dataDir, l.sha256)))).toBe(true);
  });
});
