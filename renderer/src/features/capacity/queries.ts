import type { MethodInput, MethodOutput } from '@shared/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api';
import { findingKeys } from '../findings/queries';

export type CapacityList = MethodOutput<'capacity.list'>;
export type CapacityItem = CapacityList['items'][number];

export const capacityKeys = {
  list: (engagementId: string) => ['capacity', engagementId] as const,
  formulas: ['capacityFormulas'] as const,
};

export function useCapacity(engagementId: string) {
  return useQuery({
    queryKey: capacityKeys.list(engagementId),
    queryFn: () => call('capacity.list', { engagementId }),
  });
}

/** Shipped data: it does not change while the app runs. */
export function useCapacityFormulas() {
  return useQuery({
    queryKey: capacityKeys.formulas,
    queryFn: () => call('capacity.formulas', {}),
    staleTime: Infinity,
  });
}

type CapacityWrite = 'capacity.save' | 'capacity.remove' | 'capacity.restore' | 'capacity.seed' | 'capacity.evaluate';

/**
 * Every write answers the whole list, which replaces the cache; findings are refreshed too, since
 * an evaluation may have raised or updated one.
 */
export function useCapacityMutation<M extends CapacityWrite>(method: M, engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<MethodInput<M>, 'engagementId'>) =>
      call(method, { ...input, engagementId } as MethodInput<M>) as Promise<MethodOutput<M>>,
    onSuccess: (list) => {
      queryClient.setQueryData(capacityKeys.list(engagementId), list);
      return queryClient.invalidateQueries({ queryKey: findingKeys.engagement(engagementId) });
    },
  });
}
