/**
 * Exporting a deliverable from the window: one job per click, its progress from the core's
 * `deliverable.exportProgress` events, cancel, and the files handed to the browser's download —
 * which Electron turns into the OS save dialog.
 */
import type { EventPayload, MethodOutput } from '@shared/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call, isApiError, onEvent } from '../../api';

export type ExportFormat = 'docx' | 'pdf';
export type ExportedFile = MethodOutput<'deliverable.export'>['files'][number];
export type ExportResult = MethodOutput<'deliverable.export'>;
export type ExportProgress = EventPayload<'deliverable.exportProgress'>;

export type ExportState =
  | { status: 'idle' }
  | { status: 'running'; jobId: string; formats: ExportFormat[]; progress: ExportProgress | null }
  | { status: 'done'; result: ExportResult }
  | { status: 'cancelled' }
  | { status: 'failed'; error: unknown };

export function fileBytes(file: ExportedFile): Uint8Array<ArrayBuffer> {
  const binary = atob(file.dataBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Hands the file to the browser's download: the harness saves it, Electron asks where with the OS dialog. */
export function saveFile(file: ExportedFile): void {
  const url = URL.createObjectURL(new Blob([fileBytes(file)], { type: file.mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once click() returns; the next tick is safe.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * One export at a time per document. `start` resolves with the files (also saved unless
 * `save` is false, as for the in-app preview); `cancel` stops the running job.
 */
export function useExport(engagementId: string, documentId: string) {
  const [state, setState] = useState<ExportState>({ status: 'idle' });
  const jobRef = useRef<string | null>(null);

  useEffect(
    () =>
      onEvent('deliverable.exportProgress', (progress) => {
        if (progress.jobId !== jobRef.current) return;
        setState((current) => (current.status === 'running' ? { ...current, progress } : current));
      }),
    [],
  );

  const start = useCallback(
    async (formats: ExportFormat[], options: { save: boolean }): Promise<ExportResult | null> => {
      const jobId = crypto.randomUUID();
      jobRef.current = jobId;
      setState({ status: 'running', jobId, formats, progress: null });
      try {
        const result = await call('deliverable.export', { engagementId, documentId, formats, jobId });
        if (jobRef.current !== jobId) return null;
        if (options.save) for (const file of result.files) saveFile(file);
        setState({ status: 'done', result });
        return result;
      } catch (error) {
        if (jobRef.current !== jobId) return null;
        setState(
          isApiError(error) && error.appError.code === 'CANCELLED'
            ? { status: 'cancelled' }
            : { status: 'failed', error },
        );
        return null;
      } finally {
        if (jobRef.current === jobId) jobRef.current = null;
      }
    },
    [engagementId, documentId],
  );

  const cancel = useCallback(async () => {
    const jobId = jobRef.current;
    if (jobId === null) return;
    await call('deliverable.cancelExport', { jobId });
  }, []);

  const reset = useCallback(() => setState({ status: 'idle' }), []);

  // Leaving the screen mid-export stops the job: nobody is left to save its files.
  useEffect(
    () => () => {
      const jobId = jobRef.current;
      jobRef.current = null;
      if (jobId !== null) void call('deliverable.cancelExport', { jobId }).catch(() => {});
    },
    [],
  );

  return { state, start, cancel, reset };
}
