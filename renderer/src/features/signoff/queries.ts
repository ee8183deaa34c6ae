import type { MethodInput } from '@shared/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api';
import { deliverableKeys } from '../deliverables/queries';

export const signoffKeys = {
  all: ['signoff'] as const,
  versions: (engagementId: string, documentId: string) => ['signoff', engagementId, documentId] as const,
};

/** Signed versions (newest first), today's data against the latest, and what blocks signing. */
export function useSignoffVersions(engagementId: string, documentId: string) {
  return useQuery({
    queryKey: signoffKeys.versions(engagementId, documentId),
    queryFn: () => call('signoff.versions', { engagementId, documentId }),
  });
}

/** Signs and freezes a new version; the deliverable, its versions and the list follow. */
export function useSign(engagementId: string, documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MethodInput<'signoff.sign'>) => call('signoff.sign', input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: signoffKeys.versions(engagementId, documentId) });
      void queryClient.invalidateQueries({ queryKey: [...deliverableKeys.all, engagementId] });
    },
  });
}

/** Fixes the signing time and shows the fingerprint the signers consent to; stores nothing. */
export function usePrepareSigning() {
  return useMutation({
    mutationFn: (input: MethodInput<'signoff.prepare'>) => call('signoff.prepare', input),
  });
}
