import type { SettingsPatch } from '@shared/domain/settings';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api';

export const settingsKey = ['settings'] as const;

export function useSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => call('settings.get', {}) });
}

export function useUpdateSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: SettingsPatch) => call('settings.update', patch),
    onSuccess: (settings) => queryClient.setQueryData(settingsKey, settings),
  });
}

export function useAppInfo() {
  return useQuery({ queryKey: ['app.info'], queryFn: () => call('app.info', {}), staleTime: Number.POSITIVE_INFINITY });
}
