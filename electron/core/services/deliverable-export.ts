/**
 * Exporting a deliverable: the document is built and redacted on the main thread (milliseconds),
 * then each format is rendered in the long-lived export worker, which reads the images from disk
 * itself. Progress reaches the window as `deliverable.exportProgress` events; a job can be cancelled.
 */
import type { MethodInput, MethodOutput } from '@shared/contract';
import type { CoreContext } from '../context';
import { failure } from '../errors';
import type { DocumentSource } from '../export/build';
import { type ExportFormat, MEDIA_TYPES } from '../export/render';
import { cancelRenders, RenderCancelled, renderInWorker } from '../export/worker-client';
import { brandingTheme, deliverableFileName, firmLogoFile } from './branding';
import { gatherSource } from './deliverables';
import { documentImageFiles, listEvidence } from './evidence';

type ExportOutput = MethodOutput<'deliverable.export'>;

/** Every image the document may print, by sha256: the evidence photos and the firm logo. */
export function sourceImages({ input }: DocumentSource): string[] {
  const refs = new Set((input.evidence ?? []).filter((e) => e.mediaType.startsWith('image/')).map((e) => e.sha256));
  if (input.firm?.logo) refs.add(input.firm.logo.sha256);
  return [...refs];
}

/** Lets the window's requests through between the steps of an export that run on the main thread. */
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function exportDeliverable(
  ctx: CoreContext,
  input: MethodInput<'deliverable.export'>,
): Promise<ExportOutput> {
  const { engagementId, documentId, jobId } = input;
  const formats = [...new Set(input.formats)] as ExportFormat[];
  const progress = (format: ExportFormat, stage: 'building' | 'images' | 'layout' | 'done', share: number) => {
    // Each format gets an equal part of the bar; within it, images take the first half.
    const index = formats.indexOf(format);
    ctx.emit('deliverable.exportProgress', {
      jobId,
      format,
      stage,
      fraction: Math.min(1, (index + share) / formats.length),
    });
  };
  const first = formats[0] ?? 'pdf';
  progress(first, 'building', 0);
  // On the main thread: reading the engagement (milliseconds each step, with the loop free between);
  // building, redacting and laying out happen in the worker.
  const source = await gatherSource(ctx, engagementId, documentId);
  const images = await documentImageFiles(ctx, sourceImages(source));
  // The logo is not evidence: it lives in the branding folder.
  const logo = firmLogoFile(ctx);
  if (logo && source.input.firm?.logo?.sha256 === logo.sha256) images[logo.sha256] = logo.path;
  const theme = brandingTheme(ctx);
  const names = imageNames(ctx, engagementId);
  await yieldToLoop();
  const fileNames = new Map(formats.map((f) => [f, deliverableFileName(ctx, engagementId, documentId, f)]));
  await yieldToLoop();
  const files: ExportOutput['files'] = [];
  const warnings = new Map<string, ExportOutput['warnings'][number]>();
  for (const format of formats) {
    try {
      const result = await renderInWorker(jobId, source, format, images, theme, ({ stage, fraction }) =>
        progress(format, stage, stage === 'images' ? 0.05 + fraction * 0.45 : stage === 'layout' ? 0.5 : 1),
      );
      for (const warning of result.warnings) {
        warnings.set(warning.sha256, {
          fileName: names.get(warning.sha256) ?? warning.sha256.slice(0, 12),
          problem: warning.problem,
        });
      }
      files.push({
        format,
        fileName: fileNames.get(format) ?? `${documentId}.${format}`,
        mediaType: MEDIA_TYPES[format],
        bytes: result.bytes.byteLength,
        chunks: keepForFetching(jobId, format, result.bytes),
        millis: Math.round(result.millis),
      });
      progress(format, 'done', 1);
    } catch (error) {
      if (error instanceof RenderCancelled) throw failure('CANCELLED', 'The export was cancelled.');
      throw error;
    }
  }
  // Photos the store could not give a document version of print as placeholders too.
  for (const sha256 of sourceImages(source)) {
    if (!Object.hasOwn(images, sha256) && !warnings.has(sha256)) {
      warnings.set(sha256, { fileName: names.get(sha256) ?? sha256.slice(0, 12), problem: 'unreadable' });
    }
  }
  ctx.log('info', 'deliverable exported', {
    engagementId,
    documentId,
    formats: formats.join(','),
    millis: files.map((f) => `${f.format} ${f.millis}`).join(', '),
  });
  return { files, warnings: [...warnings.values()] };
}

/** The file name each image was added under, for warnings a consultant can act on. */
function imageNames(ctx: CoreContext, engagementId: string): Map<string, string> {
  return new Map(listEvidence(ctx, { engagementId }).map((link) => [link.sha256, link.fileName]));
}

/** 1 MiB: about 1.4 MB of base64, a few milliseconds to encode and send. */
export const EXPORT_CHUNK_BYTES = 1024 * 1024;
const KEPT_FOR_MS = 10 * 60 * 1000;
const rendered = new Map<string, { bytes: Uint8Array; timer: ReturnType<typeof setTimeout> }>();
const renderedKey = (jobId: string, format: ExportFormat) => `${jobId}/${format}`;

/** Keeps the file until the window has fetched it; returns how many chunks that takes. */
export function keepForFetching(jobId: string, format: ExportFormat, bytes: Uint8Array): number {
  const key = renderedKey(jobId, format);
  const previous = rendered.get(key);
  if (previous) clearTimeout(previous.timer);
  const timer = setTimeout(() => rendered.delete(key), KEPT_FOR_MS);
  // A file nobody fetches must not keep the process alive.
  timer.unref();
  rendered.set(key, { bytes, timer });
  return Math.max(1, Math.ceil(bytes.byteLength / EXPORT_CHUNK_BYTES));
}

export function exportChunk(_ctx: CoreContext, { jobId, format, index }: MethodInput<'deliverable.exportChunk'>) {
  const key = renderedKey(jobId, format);
  const file = rendered.get(key);
  if (!file) {
    throw failure('NOT_FOUND', 'This export is no longer available; export the document again.', { field: 'jobId' });
  }
  const start = index * EXPORT_CHUNK_BYTES;
  if (start >= Math.max(1, file.bytes.byteLength)) {
    throw failure('INVALID_INPUT', `The export has no part ${index}.`, { field: 'index' });
  }
  const end = Math.min(file.bytes.byteLength, start + EXPORT_CHUNK_BYTES);
  const last = end >= file.bytes.byteLength;
  if (last) {
    clearTimeout(file.timer);
    rendered.delete(key);
  }
  const part = file.bytes.subarray(start, end);
  return { dataBase64: Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString('base64'), last };
}

export function cancelExport(_ctx: CoreContext, { jobId }: MethodInput<'deliverable.cancelExport'>) {
  return { cancelled: cancelRenders(jobId) };
}
