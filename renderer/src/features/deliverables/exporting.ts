/**
 * Exporting a deliverable from the window: one job per click, its progress from the core's
 * `deliverable.exportProgress` events, cancel, and the files handed to the browser's download —
 * which Electron turns into the OS save dialog.
 */
import type { EventPayload, MethodOutput } from '@shared/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call, isApiError, onEvent } from '../../api';
import { downloadFile, fromBase64 } from '../../files';

export type ExportFormat = 'docx' | 'pdf';
type ExportAnswer = MethodOutput<'deliverable.export'>;
/** A rendered file with its bytes, fetched part by part from the core. */
export type ExportedFile = ExportAnswer['files'][number] & { data: Uint8Array<ArrayBuffer> };
export type ExportResult = { files: ExportedFile[]; warnings: ExportAnswer['warnings'] };
export type ExportProgress = EventPayload<'deliverable.exportProgress'>;

export type ExportState =
  | { status: 'idle' }
  | { status: 'running'; jobId: string; formats: ExportFormat[]; progress: ExportProgress | null }
  | { status: 'done'; result: ExportResult }
  | { status: 'cancelled' }
  | { status: 'failed'; error: unknown };

/** The file's bytes, fetched in the parts the core keeps them in, one at a time. */
export async function fetchFile(jobId: string, file: ExportAnswer['files'][number]): Promise<ExportedFile> {
  const data = new Uint8Array(file.bytes);
  let offset = 0;
  for (let index = 0; index < file.chunks; index += 1) {
    const part = fromBase64((await call('deliverable.exportChunk', { jobId, format: file.format, index })).dataBase64);
    data.set(part, offset);
    offset += part.byteLength;
  }
  return { ...file, data };
}

/** Hands the file to the browser's download: the harness saves it, Electron asks where with the OS dialog. */
export function saveFile(file: ExportedFile): void {
  downloadFile(file.fileName, new Blob([file.data], { type: file.mediaType }));
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
        const answer = await call('deliverable.export', { engagementId, documentId, formats, jobId });
        if (jobRef.current !== jobId) return null;
        const files: ExportedFile[] = [];
        for (const file of answer.files) files.push(await fetchFile(jobId, file));
        const result: ExportResult = { files, warnings: answer.warnings };
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
