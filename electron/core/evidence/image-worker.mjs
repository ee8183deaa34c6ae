// @ts-check
/**
 * Image evidence, off the main thread: decode (first frame of a GIF), apply the EXIF orientation,
 * cap the longest side, re-encode without metadata (no GPS, no camera serials), make a thumbnail
 * and a document-ready JPEG (≤ 1600 px, ≤ 180 KB) that deliverables embed as it is.
 * Plain JavaScript so that it runs as it is under Node in tests and the harness; electron-vite
 * builds it into out/main/image-worker.js for Electron.
 */
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';

const MAX_SIDE = 2560;
const THUMB_SIDE = 320;
const JPEG_QUALITY = 82;
// A 25 MiB file can still claim an absurd canvas; refuse beyond 100 megapixels (sharp's default is 268).
const MAX_PIXELS = 100_000_000;

/** The document variant: longest side and size caps, and the qualities tried at each size. */
export const DOCUMENT_MAX_SIDE = 1600;
export const DOCUMENT_MAX_BYTES = 180 * 1024;
const DOCUMENT_QUALITIES = [82, 72, 62, 52, 42];
/** Each further size is this share of the one before when no quality fits (1600, 1280, 1024, …). */
const DOCUMENT_SHRINK = 0.8;

/**
 * A JPEG for documents from an image already stored (upright, no metadata): longest side at most
 * 1600 px, quality stepped down until it fits 180 KB, then smaller sizes. Transparency is
 * flattened onto white, as on paper.
 * @param {Uint8Array} input
 * @returns {Promise<{ document: Uint8Array, width: number, height: number }>}
 */
export async function documentVariant(input) {
  const options = /** @type {const} */ ({ failOn: 'error', limitInputPixels: MAX_PIXELS });
  const meta = await sharp(input, options).metadata();
  const longest = Math.max(meta.width ?? 1, meta.height ?? 1);
  let side = Math.min(longest, DOCUMENT_MAX_SIDE);
  for (;;) {
    // Decoded and resized once per size; each quality step only re-encodes the pixels.
    const { data: pixels, info } = await sharp(input, options)
      .flatten({ background: '#ffffff' })
      .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
    let smallest = null;
    for (const quality of DOCUMENT_QUALITIES) {
      smallest = await sharp(pixels, raw).jpeg({ quality }).toBuffer();
      if (smallest.length <= DOCUMENT_MAX_BYTES) return { document: smallest, width: info.width, height: info.height };
    }
    // A 32 px JPEG is far below the cap whatever its content; the guard only ends the loop.
    if (side <= 32 && smallest) return { document: smallest, width: info.width, height: info.height };
    side = Math.max(32, Math.floor(side * DOCUMENT_SHRINK));
  }
}

/**
 * @param {Uint8Array} input
 * @returns {Promise<{ full: Uint8Array, mediaType: string, width: number, height: number, thumbnail: Uint8Array, document: Uint8Array }>}
 */
export async function processImage(input) {
  const options = /** @type {const} */ ({ failOn: 'error', limitInputPixels: MAX_PIXELS });
  const meta = await sharp(input, options).metadata();
  const alpha = meta.hasAlpha === true;
  const scaled = sharp(input, options)
    .rotate()
    .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true });
  // Screenshots with transparency stay lossless PNG; everything else becomes a JPEG.
  const encoded = alpha ? scaled.png({ compressionLevel: 6 }) : scaled.jpeg({ quality: JPEG_QUALITY });
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
  const thumbPipeline = sharp(data).resize({
    width: THUMB_SIDE,
    height: THUMB_SIDE,
    fit: 'inside',
    withoutEnlargement: true,
  });
  // Both from the stored image, so a document made later on demand is the same as one made now.
  const [thumbnail, { document }] = await Promise.all([
    (alpha ? thumbPipeline.png() : thumbPipeline.jpeg({ quality: 75 })).toBuffer(),
    documentVariant(data),
  ]);
  return {
    full: data,
    mediaType: alpha ? 'image/png' : 'image/jpeg',
    width: info.width,
    height: info.height,
    thumbnail,
    document,
  };
}

/** The firm's logo on document covers: longest side at most this, lossless PNG with its transparency. */
export const LOGO_MAX_SIDE = 1200;
/** SVG is drawn at this density at most (72 is its nominal size), so a tiny viewBox cannot explode. */
const SVG_MAX_DENSITY = 2400;

/**
 * A logo as documents embed it: decoded (SVG drawn so its longest side reaches the cap, as the
 * cover prints it crisply), upright, scaled down to 1200 px, a PNG without metadata. Also says
 * what sharp decoded and whether any pixel is visible, so a blank drawing can be refused.
 * @param {Uint8Array} input
 * @returns {Promise<{ logo: Uint8Array, width: number, height: number, format: string, visible: boolean }>}
 */
export async function logoImage(input) {
  const base = /** @type {const} */ ({ failOn: 'error', limitInputPixels: MAX_PIXELS });
  const meta = await sharp(input, base).metadata();
  let options = /** @type {import('sharp').SharpOptions} */ (base);
  if (meta.format === 'svg') {
    const longest = Math.max(meta.width ?? 1, meta.height ?? 1);
    const density = Math.min(Math.max((72 * LOGO_MAX_SIDE) / longest, 1), SVG_MAX_DENSITY);
    options = { ...base, density };
  }
  const { data, info } = await sharp(input, options)
    .rotate()
    .resize({ width: LOGO_MAX_SIDE, height: LOGO_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
    .png({ compressionLevel: 9 })
    .toBuffer({ resolveWithObject: true });
  const stats = await sharp(data).stats();
  const alpha = stats.channels[3];
  const visible = info.channels < 4 || alpha === undefined || alpha.max > 0;
  return { logo: data, width: info.width, height: info.height, format: meta.format ?? '', visible };
}

/** @typedef {{ id: number, task: 'ingest' | 'document' | 'logo', input: Uint8Array }} TaskMessage */

if (parentPort) {
  const port = parentPort;
  port.on('message', async (/** @type {TaskMessage} */ message) => {
    try {
      if (message.task === 'logo') {
        const result = await logoImage(message.input);
        const logo = new Uint8Array(result.logo);
        port.postMessage({ id: message.id, ok: true, ...result, logo }, [logo.buffer]);
        return;
      }
      if (message.task === 'document') {
        const result = await documentVariant(message.input);
        const document = new Uint8Array(result.document);
        port.postMessage({ id: message.id, ok: true, ...result, document }, [document.buffer]);
        return;
      }
      const result = await processImage(message.input);
      const full = new Uint8Array(result.full);
      const thumbnail = new Uint8Array(result.thumbnail);
      const document = new Uint8Array(result.document);
      port.postMessage({ id: message.id, ok: true, ...result, full, thumbnail, document }, [
        full.buffer,
        thumbnail.buffer,
        document.buffer,
      ]);
    } catch (error) {
      port.postMessage({ id: message.id, ok: false, reason: error instanceof Error ? error.message : String(error) });
    }
  });
}
