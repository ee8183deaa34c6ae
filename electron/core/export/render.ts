/**
 * One entry point for both formats, so the export worker, the tests and the bench render a
 * deliverable the same way. Images come from files on disk (the document variants the evidence store
 * keeps, the firm logo): the worker reads them itself so the main thread never holds their bytes.
 */
import { readFile } from 'node:fs/promises';
import type { Document } from '../../../shared/report/model';
import type { ExportAssets } from './assets';
import { renderDocx } from './docx';
import { renderPdf } from './pdf';

export const EXPORT_FORMATS = ['docx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const MEDIA_TYPES: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/** Where each image the document references lives on disk, by sha256; absent ones print as placeholders. */
export type ImageFiles = Readonly<Record<string, string>>;

/** Width and height from a JPEG's frame header or a PNG's IHDR; null when the bytes are neither. */
export function imageSize(bytes: Uint8Array): { width: number; height: number; type: 'jpg' | 'png' } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length > 24 && view.getUint32(0) === 0x89504e47 && view.getUint32(12) === 0x49484452) {
    return { width: view.getUint32(16), height: view.getUint32(20), type: 'png' };
  }
  if (bytes.length < 4 || view.getUint16(0) !== 0xffd8) return null;
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1] ?? 0;
    // Fill bytes and markers without a length.
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      offset += 2;
      continue;
    }
    const length = view.getUint16(offset + 2);
    // Start-of-frame markers (baseline, progressive…), not DHT (C4), JPG (C8) or DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = view.getUint16(offset + 5);
      const width = view.getUint16(offset + 7);
      return width > 0 && height > 0 ? { width, height, type: 'jpg' } : null;
    }
    offset += 2 + length;
  }
  return null;
}

/**
 * Assets read from files. An image that is missing, unreadable or not a JPEG/PNG resolves to null:
 * the renderers print a captioned placeholder and the export lists a warning naming the file.
 */
export function fileAssets(files: ImageFiles, warn: (sha256: string, problem: string) => void): ExportAssets {
  return {
    async image({ sha256 }) {
      const path = files[sha256];
      if (path === undefined) {
        warn(sha256, 'missing');
        return null;
      }
      try {
        const data = new Uint8Array(await readFile(path));
        const size = imageSize(data);
        if (size === null) warn(sha256, 'undecodable');
        return size === null ? null : { data, ...size };
      } catch {
        warn(sha256, 'unreadable');
        return null;
      }
    },
  };
}

export async function renderDocument(
  document: Document,
  format: ExportFormat,
  assets: ExportAssets,
): Promise<Uint8Array> {
  return format === 'pdf' ? renderPdf(document, assets) : renderDocx(document, assets);
}
