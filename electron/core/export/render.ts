/**
 * One entry point for both formats, so the export worker, the tests and the bench render a
 * deliverable the same way. Images come from files on disk (the document variants the evidence store
 * keeps, the firm logo): the worker reads them itself so the main thread never holds their bytes.
 */
import { readFile } from 'node:fs/promises';
import type { Document } from '../../../shared/report/model';
import type { ExportAssets } from './assets';
import type { RenderOptions } from './common';
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

/**
 * Assets read from files. An image that is missing or unreadable resolves to null: the renderers
 * print a captioned placeholder and the export lists a warning naming the file. The renderers
 * decode what is read, so a damaged file is caught there.
 */
export function fileAssets(
  files: ImageFiles,
  warn: (sha256: string, problem: 'missing' | 'unreadable') => void,
): ExportAssets {
  return {
    async image({ sha256 }) {
      const path = files[sha256];
      if (path === undefined) {
        warn(sha256, 'missing');
        return null;
      }
      try {
        return { data: new Uint8Array(await readFile(path)) };
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
  options: RenderOptions = {},
): Promise<Uint8Array> {
  return format === 'pdf' ? renderPdf(document, assets, options) : renderDocx(document, assets, options);
}
