import type { MethodInput } from '@shared/contract';
import type { Engagement } from '@shared/domain/engagement';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { call, onEvent } from '../../api';

export const engagementKeys = {
  all: ['engagements'] as const,
  list: (query: MethodInput<'engagement.list'>) => ['engagements', 'list', query] as const,
  one: (id: string) => ['engagements', 'one', id] as const,
  trash: ['engagements', 'trash'] as const,
};

export function useEngagementList(query: MethodInput<'engagement.list'>) {
  return useQuery({
    queryKey: engagementKeys.list(query),
    queryFn: () => call('engagement.list', query),
    placeholderData: (previous) => previous,
  });
}

export function useEngagement(id: string) {
  return useQuery({ queryKey: engagementKeys.one(id), queryFn: () => call('engagement.get', { id }) });
}

export function useTrash() {
  return useQuery({ queryKey: engagementKeys.trash, queryFn: () => call('engagement.listTrash', {}) });
}

/** Keeps lists fresh when the core reports a change made elsewhere (menu, another window). */
export function useEngagementChangeEvents() {
  const queryClient = useQueryClient();
  useEffect(
    () => onEvent('engagement.changed', () => queryClient.invalidateQueries({ queryKey: engagementKeys.all })),
    [queryClient],
  );
}

/** Mutations of one engagement that also refresh every list holding it. */
export function useEngagementMutation<
  M extends
    | 'engagement.archive'
    | 'engagement.unarchive'
    | 'engagement.trash'
    | 'engagement.restore'
    | 'engagement.update'
    | 'engagement.create'
    | 'engagement.createPlanned',
>(method: M) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MethodInput<M>) => call(method, input) as Promise<Engagement>,
    onSuccess: (engagement) => {
      queryClient.setQueryData(engagementKeys.one(engagement.id), engagement);
      return queryClient.invalidateQueries({ queryKey: engagementKeys.all, refetchType: 'active' });
    },
  });
}

export function useEmptyTrash() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call('engagement.emptyTrash', {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: engagementKeys.all }),
  });
}
