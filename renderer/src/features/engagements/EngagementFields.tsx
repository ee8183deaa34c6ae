import { Fieldset, Select, SimpleGrid, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { DELIVERABLE_LANGUAGES, type EngagementFields, EVENT_KINDS } from '@shared/domain/engagement';
import { COMMON_TIME_ZONES } from '@shared/domain/time';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';

export type EngagementForm = UseFormReturnType<EngagementFields>;

function allTimeZones(): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set<string>([...COMMON_TIME_ZONES, ...known])];
}

/** Default values for a new engagement: the laptop's zone, a window starting in four weeks. */
export function newEngagementDefaults(language: 'en' | 'zh-CN'): EngagementFields {
  const start = new Date(Date.now() + 28 * 24 * 3600 * 1000);
  const day = (d: Date) =>
    `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const end = new Date(start.getTime() + 24 * 3600 * 1000);
  return {
    customerOrg: '',
    eventName: '',
    eventKind: 'promotion',
    eventStartLocal: `${day(start)}T00:00`,
    eventEndLocal: `${day(end)}T00:00`,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    catalogId: 'alibaba-hypercare',
    editionId: 'standard',
    language,
  };
}

/** The fields of an engagement, shared by the create dialog and the overview's autosaving form. */
export function EngagementFieldsForm({
  form,
  readOnly = false,
  hideOffering = false,
}: {
  form: EngagementForm;
  readOnly?: boolean;
  hideOffering?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const zones = useMemo(allTimeZones, []);
  const catalogs = useCatalogList();
  const catalogId = form.getValues().catalogId;
  const editionsOf = (id: string) => catalogs.data?.find((c) => c.catalogId === id)?.editions ?? [];
  const editions = editionsOf(catalogId);
  const errorOf = (field: keyof EngagementFields) => {
    const error = form.errors[field];
    return typeof error === 'string' ? t(error) : undefined;
  };
  const input = (field: keyof EngagementFields) => ({
    ...form.getInputProps(field),
    error: errorOf(field),
    readOnly,
    // Hints under the input keep the inputs of a row aligned.
    inputWrapperOrder: ['label', 'input', 'description', 'error'] as ('label' | 'input' | 'description' | 'error')[],
  });

  return (
    <>
      <Fieldset legend={t('form.customerSection')} disabled={readOnly}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('form.customerOrg')}
            placeholder={t('form.customerOrgPlaceholder')}
            withAsterisk
            data-autofocus
            {...input('customerOrg')}
          />
          <TextInput
            label={t('form.eventName')}
            placeholder={t('form.eventNamePlaceholder')}
            withAsterisk
            {...input('eventName')}
          />
          <Select
            label={t('form.eventKind')}
            data={EVENT_KINDS.map((kind) => ({ value: kind, label: t(`eventKind.${kind}`) }))}
            allowDeselect={false}
            withAsterisk
            {...input('eventKind')}
          />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('form.windowSection')} disabled={readOnly}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput type="datetime-local" label={t('form.eventStart')} withAsterisk {...input('eventStartLocal')} />
          <TextInput type="datetime-local" label={t('form.eventEnd')} withAsterisk {...input('eventEndLocal')} />
          <Select
            label={t('form.timeZone')}
            description={t('form.timeZoneHint')}
            placeholder={t('form.timeZonePlaceholder')}
            data={zones}
            searchable
            allowDeselect={false}
            limit={50}
            withAsterisk
            {...input('timeZone')}
          />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('form.offeringSection')} disabled={readOnly}>
        <SimpleGrid cols={{ base: 1, sm: hideOffering ? 1 : 3 }}>
          {hideOffering ? null : (
            <>
              <Select
                label={t('form.catalog')}
                data={(catalogs.data ?? []).map((c) => ({ value: c.catalogId, label: c.name[language] }))}
                allowDeselect={false}
                withAsterisk
                {...input('catalogId')}
                onChange={(value) => {
                  if (!value) return;
                  form.setFieldValue('catalogId', value);
                  const next = editionsOf(value);
                  if (!next.some((e) => e.id === form.getValues().editionId))
                    form.setFieldValue('editionId', next[0]?.id ?? '');
                }}
              />
              <Select
                label={t('form.edition')}
                data={editions.map((e) => ({ value: e.id, label: e.name[language] }))}
                allowDeselect={false}
                withAsterisk
                {...input('editionId')}
              />
            </>
          )}
          <Select
            label={t('form.language')}
            description={t('form.languageHint')}
            data={DELIVERABLE_LANGUAGES.map((id) => ({ value: id, label: t(`languages.${id}`) }))}
            allowDeselect={false}
            withAsterisk
            {...input('language')}
          />
        </SimpleGrid>
      </Fieldset>
    </>
  );
}

/** The catalogs this installation offers (shipped and the firm's own). */
export function useCatalogList() {
  return useQuery({ queryKey: ['catalogs', 'list'], queryFn: () => call('catalog.list', {}) });
}
