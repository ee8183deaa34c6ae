import type { MethodInput } from '@shared/contract';
import type { RosterView } from '@shared/domain/roster';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { call, onEvent } from '../../api';

export const rosterKeys = {
  engagement: (engagementId: string) => ['roster', engagementId] as const,
};

/** The roster with its checks; refreshed when anything of the engagement changes (the plan's contacts, the window). */
export function useRoster(engagementId: string) {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      onEvent('engagement.changed', ({ id }) => {
        if (id === engagementId || id === '*')
          void queryClient.invalidateQueries({ queryKey: rosterKeys.engagement(engagementId) });
      }),
    [queryClient, engagementId],
  );
  return useQuery({
    queryKey: rosterKeys.engagement(engagementId),
    queryFn: () => call('roster.get', { engagementId }),
  });
}

/** Every roster write answers the whole roster, which replaces the cache. */
function useRosterWrite<I>(engagementId: string, write: (input: I) => Promise<RosterView>) {
  return useRosterWriteWith(engagementId, write, (view) => view);
}

/** A write answering more than the roster (generate's removed and created ids): `viewOf` finds the roster in it. */
function useRosterWriteWith<I, O>(
  engagementId: string,
  write: (input: I) => Promise<O>,
  viewOf: (output: O) => RosterView,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (output) => queryClient.setQueryData(rosterKeys.engagement(engagementId), viewOf(output)),
  });
}

type Without<
  M extends
    | 'roster.saveSettings'
    | 'roster.saveShift'
    | 'roster.removeShift'
    | 'roster.restoreShift'
    | 'roster.generate'
    | 'roster.undoGenerate',
> = Omit<MethodInput<M>, 'engagementId'>;

export function useRosterWrites(engagementId: string) {
  return {
    saveSettings: useRosterWrite(engagementId, (input: Without<'roster.saveSettings'>) =>
      call('roster.saveSettings', { ...input, engagementId }),
    ),
    saveShift: useRosterWrite(engagementId, (input: Without<'roster.saveShift'>) =>
      call('roster.saveShift', { ...input, engagementId }),
    ),
    removeShift: useRosterWrite(engagementId, (input: Without<'roster.removeShift'>) =>
      call('roster.removeShift', { ...input, engagementId }),
    ),
    restoreShift: useRosterWrite(engagementId, (input: Without<'roster.restoreShift'>) =>
      call('roster.restoreShift', { ...input, engagementId }),
    ),
    generate: useRosterWriteWith(
      engagementId,
      (input: Without<'roster.generate'>) => call('roster.generate', { ...input, engagementId }),
      (output) => output.view,
    ),
    undoGenerate: useRosterWrite(engagementId, (input: Without<'roster.undoGenerate'>) =>
      call('roster.undoGenerate', { ...input, engagementId }),
    ),
  };
}
