import type { MethodInput, MethodOutput } from '@shared/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api';

export type RedactionHit = MethodOutput<'redaction.scan'>[number];

export const redactionKeys = {
  all: ['redaction'] as const,
  scan: (engagementId: string) => ['redaction', engagementId] as const,
};

/** The credentials found in the engagement's text; rescanned each time the screen opens. */
export function useRedactionScan(engagementId: string) {
  return useQuery({
    queryKey: redactionKeys.scan(engagementId),
    queryFn: () => call('redaction.scan', { engagementId }),
  });
}

/** One hit's decision, shown at once and saved; put back if the core refuses it. */
export function useDecide(engagementId: string) {
  const queryClient = useQueryClient();
  const key = redactionKeys.scan(engagementId);
  return useMutation({
    mutationFn: (input: MethodInput<'redaction.decide'>) => call('redaction.decide', input),
    onMutate: async (input) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<RedactionHit[]>(key);
      queryClient.setQueryData<RedactionHit[]>(key, (hits) =>
        hits?.map((hit) =>
          hit.sourceKind === input.sourceKind &&
          hit.sourceId === input.sourceId &&
          hit.field === input.field &&
          hit.fingerprint === input.fingerprint
            ? { ...hit, decision: input.decision }
            : hit,
        ),
      );
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useMaskUndecided(engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call('redaction.maskUndecided', { engagementId }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: redactionKeys.scan(engagementId) }),
  });
}

export type DeliverableSummary = MethodOutput<'deliverable.list'>[number];
export type DeliverableDocument = MethodOutput<'deliverable.preview'>;

export const deliverableKeys = {
  all: ['deliverable'] as const,
  list: (engagementId: string) => ['deliverable', engagementId, 'list'] as const,
  preview: (engagementId: string, documentId: string) => ['deliverable', engagementId, 'preview', documentId] as const,
};

/** The documents the engagement's catalog names, with availability and the preflight count. */
export function useDeliverables(engagementId: string) {
  return useQuery({
    queryKey: deliverableKeys.list(engagementId),
    queryFn: () => call('deliverable.list', { engagementId }),
  });
}

/** One document as the model the renderers lay out; fetched only while its preview is open. */
export function useDeliverablePreview(engagementId: string, documentId: string | null) {
  return useQuery({
    queryKey: deliverableKeys.preview(engagementId, documentId ?? ''),
    queryFn: () => call('deliverable.preview', { engagementId, documentId: documentId ?? '' }),
    enabled: documentId !== null,
  });
}
