// @ts-check
/**
 * Image evidence, off the main thread: decode (first frame of a GIF), apply the EXIF orientation,
 * cap the longest side, re-encode without metadata (no GPS, no camera serials), make a thumbnail.
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

/**
 * @param {Uint8Array} input
 * @returns {Promise<{ full: Uint8Array, mediaType: string, width: number, height: number, thumbnail: Uint8Array }>}
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
  const thumbnail = await (alpha ? thumbPipeline.png() : thumbPipeline.jpeg({ quality: 75 })).toBuffer();
  return {
    full: data,
    mediaType: alpha ? 'image/png' : 'image/jpeg',
    width: info.width,
    height: info.height,
    thumbnail,
  };
}

if (parentPort) {
  const port = parentPort;
  port.on('message', async (/** @type {{ id: number, input: Uint8Array }} */ task) => {
    try {
      const result = await processImage(task.input);
      const full = new Uint8Array(result.full);
      const thumbnail = new Uint8Array(result.thumbnail);
      port.postMessage({ id: task.id, ok: true, ...result, full, thumbnail }, [full.buffer, thumbnail.buffer]);
    } catch (error) {
      port.postMessage({ id: task.id, ok: false, reason: error instanceof Error ? error.message : String(error) });
    }
  });
}
