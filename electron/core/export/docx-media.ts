/**
 * Photos go into the DOCX as they are: JPEG and PNG are compressed already, and hashing and
 * deflating 15 MB of them again is most of a large deliverable's export time. The docx library
 * hashes (SHA-1 in JavaScript) and deflates every part it packs, so it is handed a small stand-in
 * for each image, and the real bytes replace the stand-ins afterwards, stored without compression.
 *
 * The package is rewritten entry by entry: the parts docx deflated are copied as they are (no
 * inflating and deflating the XML again; fflate has no raw copy), the stand-ins become stored
 * entries. Plain ZIP as docx writes it: no ZIP64, no data descriptors, no archive comment.
 */
import { crc32 } from 'node:zlib';
import { inflateSync, strFromU8, strToU8 } from 'fflate';

const MARKER = 'vigil-media:';
const STAND_IN_BYTES = MARKER.length + 64;

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;

/** The bytes docx packs in place of the image with this sha256 (unique per image, a few bytes). */
export function mediaStandIn(sha256: string): Uint8Array {
  return strToU8(`${MARKER}${sha256}`);
}

type Entry = {
  name: string;
  /** The central directory record, as read. */
  central: Uint8Array;
  /** The local header, name, extra field and compressed data, as read. */
  local: Uint8Array;
  method: number;
  compressedSize: number;
  data: Uint8Array;
};

function entries(zip: Uint8Array): Entry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.byteLength - 22;
  while (end >= 0 && view.getUint32(end, true) !== END_SIGNATURE) end -= 1;
  if (end < 0) throw new Error('DOCX package: no end of central directory');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const out: Entry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (view.getUint32(at, true) !== CENTRAL_SIGNATURE) throw new Error('DOCX package: damaged central directory');
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localAt = view.getUint32(at + 42, true);
    const name = strFromU8(zip.subarray(at + 46, at + 46 + nameLength));
    if (view.getUint32(localAt, true) !== LOCAL_SIGNATURE) throw new Error(`DOCX package: damaged entry ${name}`);
    const dataAt = localAt + 30 + view.getUint16(localAt + 26, true) + view.getUint16(localAt + 28, true);
    out.push({
      name,
      central: zip.subarray(at, at + 46 + nameLength + extraLength + commentLength),
      local: zip.subarray(localAt, dataAt + compressedSize),
      method,
      compressedSize,
      data: zip.subarray(dataAt, dataAt + compressedSize),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

/** The sha256 a stand-in names (docx deflates it like any part), or null for a real part. */
function standInOf(entry: Entry): string | null {
  // A stand-in is 76 bytes; deflated, a few more. Real images are far larger.
  if (!entry.name.startsWith('word/media/') || entry.compressedSize > 256) return null;
  let bytes: Uint8Array;
  try {
    bytes = entry.method === 0 ? entry.data : entry.method === 8 ? inflateSync(entry.data) : new Uint8Array();
  } catch {
    return null;
  }
  if (bytes.byteLength !== STAND_IN_BYTES) return null;
  const text = strFromU8(bytes);
  return text.startsWith(MARKER) ? text.slice(MARKER.length) : null;
}

/** A stored entry for `data`: its local part and its central record (offset filled in by the caller). */
function storedEntry(template: Entry, data: Uint8Array): { local: Uint8Array; central: Uint8Array } {
  const name = strToU8(template.name);
  const crc = crc32(data);
  const local = new Uint8Array(30 + name.byteLength + data.byteLength);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, LOCAL_SIGNATURE, true);
  lv.setUint16(4, 20, true); // version needed: 2.0
  lv.setUint16(6, 0x0800, true); // UTF-8 names
  lv.setUint16(8, 0, true); // stored
  lv.setUint32(10, new DataView(template.central.buffer, template.central.byteOffset).getUint32(12, true), true); // time, date
  lv.setUint32(14, crc, true);
  lv.setUint32(18, data.byteLength, true);
  lv.setUint32(22, data.byteLength, true);
  lv.setUint16(26, name.byteLength, true);
  lv.setUint16(28, 0, true);
  local.set(name, 30);
  local.set(data, 30 + name.byteLength);
  const central = new Uint8Array(46 + name.byteLength);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, CENTRAL_SIGNATURE, true);
  cv.setUint16(4, 20, true);
  cv.setUint16(6, 20, true);
  cv.setUint16(8, 0x0800, true);
  cv.setUint16(10, 0, true);
  cv.setUint32(12, lv.getUint32(10, true), true);
  cv.setUint32(16, crc, true);
  cv.setUint32(20, data.byteLength, true);
  cv.setUint32(24, data.byteLength, true);
  cv.setUint16(28, name.byteLength, true);
  central.set(name, 46);
  return { local, central };
}

/**
 * The package with every stand-in under word/media/ replaced by its image, stored; every other part
 * copied as docx compressed it. A stand-in without an image is an error of the caller.
 */
export function withMedia(docx: Uint8Array, images: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const parts: { local: Uint8Array; central: Uint8Array }[] = [];
  for (const entry of entries(docx)) {
    const sha256 = standInOf(entry);
    if (sha256 === null) {
      parts.push({ local: entry.local, central: entry.central.slice() });
      continue;
    }
    const image = images.get(sha256);
    if (!image) {
      throw new Error(`DOCX media ${entry.name} stands in for image ${sha256.slice(0, 12)}, which was not given`);
    }
    parts.push(storedEntry(entry, image));
  }
  const localBytes = parts.reduce((n, p) => n + p.local.byteLength, 0);
  const centralBytes = parts.reduce((n, p) => n + p.central.byteLength, 0);
  const out = new Uint8Array(localBytes + centralBytes + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  const offsets: number[] = [];
  for (const part of parts) {
    offsets.push(at);
    out.set(part.local, at);
    at += part.local.byteLength;
  }
  const centralAt = at;
  parts.forEach((part, i) => {
    out.set(part.central, at);
    view.setUint32(at + 42, offsets[i] ?? 0, true);
    at += part.central.byteLength;
  });
  view.setUint32(at, END_SIGNATURE, true);
  view.setUint16(at + 8, parts.length, true);
  view.setUint16(at + 10, parts.length, true);
  view.setUint32(at + 12, centralBytes, true);
  view.setUint32(at + 16, centralAt, true);
  return out;
}
