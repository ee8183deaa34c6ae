import type { Method, MethodInput, MethodOutput } from '@shared/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api';
import { sendInParts } from '../../files';
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

/**
 * Sends a results file to the core in parts, in order; `onProgress` gets the bytes sent so far.
 * `onBegun` receives the upload id at once, so the caller can cancel while parts are on their way.
 */
export function uploadResultsFile(
  engagementId: string,
  file: File,
  onBegun: (uploadId: string) => void,
  onProgress: (sent: number) => void,
  cancelled: () => boolean,
): Promise<string> {
  return sendInParts(file, {
    begin: () => call('stress.uploadBegin', { engagementId, fileName: file.name, bytes: file.size }),
    sendPart: (part) => call('stress.uploadChunk', part),
    onBegun,
    onProgress,
    cancelled,
  });
}
