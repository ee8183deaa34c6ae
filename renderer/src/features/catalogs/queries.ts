import type { MethodInput, MethodOutput } from '@shared/contract';
import type { Localized } from '@shared/domain/catalog';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';

export type LoadedCatalog = MethodOutput<'catalog.get'>;

export const catalogKeys = {
  all: ['catalogs'] as const,
  list: ['catalogs', 'list'] as const,
  one: (id: string) => ['catalogs', 'one', id] as const,
};

export function useCatalogList() {
  return useQuery({ queryKey: catalogKeys.list, queryFn: () => call('catalog.list', {}) });
}

export function useCatalog(id: string) {
  return useQuery({
    queryKey: catalogKeys.one(id),
    queryFn: () => call('catalog.get', { catalogId: id }),
    retry: false,
  });
}

/** A catalog-changing call that refreshes every catalog query once it succeeds. */
export function useCatalogMutation<
  M extends 'catalog.duplicate' | 'catalog.save' | 'catalog.import' | 'catalog.delete',
>(method: M) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MethodInput<M>) => call(method, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogKeys.all }),
  });
}

/** Catalog text in the interface language. */
export function useLocalized(): (text: Localized) => string {
  const { i18n } = useTranslation();
  const language = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  return useCallback((text: Localized) => text[language], [language]);
}
