import type { MethodInput, MethodOutput } from '@shared/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api';

export type OptimizationItem = MethodOutput<'optimization.save'>;

export const optimizationKeys = {
  all: ['optimization'] as const,
  engagement: (engagementId: string) => ['optimization', engagementId] as const,
  templates: ['optimizationTemplates'] as const,
};

export function useOptimizationItems(engagementId: string) {
  return useQuery({
    queryKey: optimizationKeys.engagement(engagementId),
    queryFn: () => call('optimization.list', { engagementId }),
  });
}

/** The shipped templates never change while the app runs. */
export function useOptimizationTemplates(enabled = true) {
  return useQuery({
    queryKey: optimizationKeys.templates,
    queryFn: () => call('optimization.templates', {}),
    staleTime: Number.POSITIVE_INFINITY,
    enabled,
  });
}

type OptimizationWrite =
  | 'optimization.save'
  | 'optimization.remove'
  | 'optimization.restore'
  | 'optimization.addFromTemplates'
  | 'optimization.reorder';

/** Any write to an engagement's optimization plans refreshes its list. */
export function useOptimizationMutation<M extends OptimizationWrite>(method: M) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MethodInput<M>) => call(method, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: optimizationKeys.all }),
  });
}
