import type { Method, MethodInput, MethodOutput } from '@shared/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api';
import { findingKeys } from '../findings/queries';

export type StressView = MethodOutput<'stress.view'>;
export type StressRun = MethodOutput<'stress.run'>;

export const stressKeys = {
  engagement: (engagementId: string) => ['stress', engagementId] as const,
  view: (engagementId: string) => ['stress', engagementId, 'view'] as const,
  run: (engagementId: string, runId: string) => ['stress', engagementId, 'run', runId] as const,
};

export function useStressView(engagementId: string) {
  return useQuery({ queryKey: stressKeys.view(engagementId), queryFn: () => call('stress.view', { engagementId }) });
}

export function useStressRun(engagementId: string, runId: string | null) {
  return useQuery({
    queryKey: stressKeys.run(engagementId, runId ?? ''),
    queryFn: () => call('stress.run', { engagementId, id: runId ?? '' }),
    enabled: runId !== null,
  });
}

type StressWrite = Extract<
  Method,
  | 'stress.savePlan'
  | 'stress.saveScenario'
  | 'stress.removeScenario'
  | 'stress.restoreScenario'
  | 'stress.updateRun'
  | 'stress.removeRun'
  | 'stress.restoreRun'
  | 'stress.mapLabels'
>;

/** Every stress write may re-judge scenarios and raise findings: both lists are refreshed. */
export function useStressMutation<M extends StressWrite>(method: M, engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<MethodInput<M>, 'engagementId'>) =>
      call(method, { ...input, engagementId } as MethodInput<M>) as Promise<MethodOutput<M>>,
    onSuccess: () =>
      Promise.all([
        // The plan's own cache is what the form was typed from: refetching it would only echo it.
        method === 'stress.savePlan'
          ? null
          : queryClient.invalidateQueries({ queryKey: stressKeys.engagement(engagementId) }),
        method === 'stress.savePlan'
          ? null
          : queryClient.invalidateQueries({ queryKey: findingKeys.engagement(engagementId) }),
      ]),
  });
}

/** A part of the file as base64, read natively (FileReader) rather than byte by byte in script. */
function sliceBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

/**
 * Sends a results file to the core in parts, in order; `onProgress` gets the bytes sent so far.
 * `onBegun` receives the upload id at once, so the caller can cancel while parts are on their way.
 */
export async function uploadResultsFile(
  engagementId: string,
  file: File,
  onBegun: (uploadId: string) => void,
  onProgress: (sent: number) => void,
  cancelled: () => boolean,
): Promise<string> {
  const { uploadId, chunkBytes } = await call('stress.uploadBegin', {
    engagementId,
    fileName: file.name,
    bytes: file.size,
  });
  onBegun(uploadId);
  let index = 0;
  for (let start = 0; start < file.size; start += chunkBytes) {
    if (cancelled()) break;
    const dataBase64 = await sliceBase64(file.slice(start, Math.min(file.size, start + chunkBytes)));
    const { received } = await call('stress.uploadChunk', { uploadId, index, dataBase64 });
    index += 1;
    onProgress(received);
  }
  return uploadId;
}
