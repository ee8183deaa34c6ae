import type { MethodInput, MethodOutput } from '@shared/contract';
import type { SEVERITIES } from '@shared/domain/finding';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api';

export type Finding = MethodOutput<'finding.get'>;
export type LibraryEntry = MethodOutput<'library.save'>;
export type FindingQuery = Omit<MethodInput<'finding.list'>, 'engagementId'>;

export const findingKeys = {
  all: ['findings'] as const,
  engagement: (engagementId: string) => ['findings', engagementId] as const,
  list: (engagementId: string, query: FindingQuery) => ['findings', engagementId, 'list', query] as const,
};
export const libraryKeys = {
  all: ['findingsLibrary'] as const,
  list: (search: string) => ['findingsLibrary', 'list', search] as const,
};

/** Colours of the severities, the same in the summary strip, badges and filters. */
export const SEVERITY_COLORS: Record<(typeof SEVERITIES)[number], string> = {
  critical: 'red',
  high: 'orange',
  medium: 'yellow',
  low: 'blue',
  info: 'gray',
};

export const STATUS_COLORS: Record<Finding['status'], string> = {
  open: 'red',
  inProgress: 'blue',
  rectified: 'cyan',
  riskAccepted: 'grape',
};

export function useFindings(engagementId: string, query: FindingQuery = {}) {
  return useQuery({
    queryKey: findingKeys.list(engagementId, query),
    queryFn: () => call('finding.list', { ...query, engagementId }),
    placeholderData: (previous) => previous,
  });
}

type FindingWrite =
  | 'finding.create'
  | 'finding.update'
  | 'finding.bulkStatus'
  | 'finding.remove'
  | 'library.insert'
  | 'library.saveFromFinding';

/** Any write that touches an engagement's findings (or the library) refreshes their lists. */
export function useFindingMutation<M extends FindingWrite>(method: M) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MethodInput<M>) => call(method, input) as Promise<MethodOutput<M>>,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: findingKeys.all }),
        method === 'library.saveFromFinding' ? queryClient.invalidateQueries({ queryKey: libraryKeys.all }) : null,
      ]),
  });
}

export function useLibrary(search: string, enabled = true) {
  return useQuery({
    queryKey: libraryKeys.list(search),
    queryFn: () => call('library.list', search.trim() ? { search: search.trim() } : {}),
    placeholderData: (previous) => previous,
    enabled,
  });
}

export function useLibraryMutation<M extends 'library.save' | 'library.remove' | 'library.import'>(method: M) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MethodInput<M>) => call(method, input) as Promise<MethodOutput<M>>,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: libraryKeys.all }),
  });
}
