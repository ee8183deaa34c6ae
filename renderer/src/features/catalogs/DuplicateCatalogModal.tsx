import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { Catalog } from '@shared/domain/catalog';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { errorText } from '../../errors';
import { useCatalogMutation, useLocalized } from './queries';

type Values = { newId: string; nameEn: string; nameZh: string };
const ID = /^[a-z0-9][a-z0-9-]*$/;

export function DuplicateCatalogModal(props: {
  source: Catalog;
  opened: boolean;
  onClose: () => void;
  onDuplicated: (catalogId: string) => void;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const duplicate = useCatalogMutation('catalog.duplicate');
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { newId: '', nameEn: '', nameZh: '' },
    validate: {
      newId: (value) => (ID.test(value) ? null : t('catalogs.duplicate.idRequired')),
      nameEn: (value) => (value.trim() ? null : t('catalogs.duplicate.nameRequired')),
      nameZh: (value) => (value.trim() ? null : t('catalogs.duplicate.nameRequired')),
    },
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: start from the source's names each time the dialog opens.
  useEffect(() => {
    if (props.opened) {
      form.setValues({ newId: '', nameEn: props.source.name.en, nameZh: props.source.name['zh-CN'] });
      form.clearErrors();
      duplicate.reset();
    }
  }, [props.opened]);

  const submit = form.onSubmit(async (values) => {
    try {
      const copy = await duplicate.mutateAsync({
        sourceId: props.source.id,
        newId: values.newId,
        name: { en: values.nameEn, 'zh-CN': values.nameZh },
      });
      notifications.show({
        color: 'teal',
        message: t('catalogs.duplicate.done', { name: localized(copy.catalog.name) }),
      });
      props.onClose();
      props.onDuplicated(copy.catalog.id);
    } catch (error) {
      form.setFieldError(
        isApiError(error) && error.appError.field?.startsWith('name') ? 'nameEn' : 'newId',
        errorText(t, error),
      );
    }
  });

  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t('catalogs.duplicate.title', { name: localized(props.source.name) })}
      centered
      closeButtonProps={{ 'aria-label': t('form.cancel') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('catalogs.duplicate.newId')}
            description={t('catalogs.duplicate.newIdHint')}
            required
            data-autofocus
            {...form.getInputProps('newId')}
          />
          <TextInput label={t('catalogs.duplicate.nameEn')} required {...form.getInputProps('nameEn')} />
          <TextInput label={t('catalogs.duplicate.nameZh')} required {...form.getInputProps('nameZh')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('form.cancel')}
            </Button>
            <Button type="submit" loading={duplicate.isPending}>
              {t('catalogs.duplicate.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
