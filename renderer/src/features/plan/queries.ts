import type { Method, MethodInput, MethodOutput } from '@shared/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api';

export type PlanView = MethodOutput<'plan.get'>;
export const planKey = (engagementId: string) => ['plan', engagementId] as const;

export function usePlan(engagementId: string) {
  return useQuery({ queryKey: planKey(engagementId), queryFn: () => call('plan.get', { engagementId }) });
}

type PlanMethod = Extract<Method, `plan.${string}`> & Exclude<Method, 'plan.get'>;

/** Every plan change answers the whole plan, so the cache is replaced rather than refetched. */
export function usePlanMutation<M extends PlanMethod>(method: M, engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<MethodInput<M>, 'engagementId'>) =>
      call(method, { ...input, engagementId } as MethodInput<M>) as Promise<PlanView>,
    onSuccess: (plan) => queryClient.setQueryData(planKey(engagementId), plan),
  });
}

export function useCalendars() {
  return useQuery({ queryKey: ['calendars'], queryFn: () => call('calendar.list', {}) });
}
