/**
 * Photos go into the DOCX as they are: JPEG and PNG are compressed already, and hashing and
 * deflating 15 MB of them again is most of a large deliverable's export time. The docx library
 * hashes (SHA-1 in JavaScript) and deflates every part it packs, so it is handed a small stand-in
 * for each image, and the real bytes replace the stand-ins afterwards, stored without compression.
 */
import { strFromU8, strToU8, unzipSync, type Zippable, zipSync } from 'fflate';

const MARKER = 'vigil-media:';

/** The bytes docx packs in place of the image with this sha256 (unique per image, a few bytes). */
export function mediaStandIn(sha256: string): Uint8Array {
  return strToU8(`${MARKER}${sha256}`);
}

/** The sha256 a stand-in names, or null for a real part. */
function standInOf(bytes: Uint8Array): string | null {
  if (bytes.byteLength !== MARKER.length + 64) return null;
  const text = strFromU8(bytes);
  return text.startsWith(MARKER) ? text.slice(MARKER.length) : null;
}

/**
 * The package with every stand-in under word/media/ replaced by its image, stored (level 0); the
 * XML parts deflated as before. A stand-in without an image is an error of the caller.
 */
export function withMedia(docx: Uint8Array, images: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const parts = unzipSync(docx);
  const out: Zippable = {};
  for (const [path, bytes] of Object.entries(parts)) {
    const sha256 = path.startsWith('word/media/') ? standInOf(bytes) : null;
    if (sha256 === null) {
      // Level 1: the XML parts shrink nearly as much, in a third of the time.
      out[path] = [bytes, { level: 1 }];
      continue;
    }
    const image = images.get(sha256);
    if (!image) throw new Error(`DOCX media ${path} stands in for image ${sha256.slice(0, 12)}, which was not given`);
    out[path] = [image, { level: 0 }];
  }
  return zipSync(out);
}
