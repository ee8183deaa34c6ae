import { Fieldset, Select, SimpleGrid, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import {
  DELIVERABLE_LANGUAGES,
  type EngagementFields,
  EVENT_KINDS,
  SERVICE_CATALOG_IDS,
  SERVICE_CATALOGS,
} from '@shared/domain/engagement';
import { COMMON_TIME_ZONES } from '@shared/domain/time';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

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
export function EngagementFieldsForm({ form, readOnly = false }: { form: EngagementForm; readOnly?: boolean }) {
  const { t } = useTranslation();
  const zones = useMemo(allTimeZones, []);
  const catalogId = form.getValues().catalogId;
  const editions: readonly string[] = SERVICE_CATALOGS[catalogId]?.editions ?? [];
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
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('form.catalog')}
            data={SERVICE_CATALOG_IDS.map((id) => ({ value: id, label: t(`catalog.${id}`) }))}
            allowDeselect={false}
            withAsterisk
            {...input('catalogId')}
            onChange={(value) => {
              if (!value) return;
              form.setFieldValue('catalogId', value as EngagementFields['catalogId']);
              const next: readonly string[] = SERVICE_CATALOGS[value as EngagementFields['catalogId']].editions;
              if (!next.includes(form.getValues().editionId)) form.setFieldValue('editionId', next[0] ?? '');
            }}
          />
          <Select
            label={t('form.edition')}
            data={editions.map((id) => ({ value: id, label: t(`edition.${id}`) }))}
            allowDeselect={false}
            withAsterisk
            {...input('editionId')}
          />
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
