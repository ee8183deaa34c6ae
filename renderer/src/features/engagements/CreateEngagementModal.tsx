import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { type EngagementFields, engagementDraftSchema } from '@shared/domain/engagement';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { errorText } from '../../errors';
import { EngagementFieldsForm, newEngagementDefaults } from './EngagementFields';
import { useEngagementMutation } from './queries';

type Props = { opened: boolean; onClose: () => void; onCreated: (id: string) => void };

export function CreateEngagementModal({ opened, onClose, onCreated }: Props) {
  const { t, i18n } = useTranslation();
  const create = useEngagementMutation('engagement.create');
  const form = useForm<EngagementFields>({
    mode: 'controlled',
    initialValues: newEngagementDefaults(i18n.language === 'zh-CN' ? 'zh-CN' : 'en'),
    validate: schemaResolver(engagementDraftSchema, { sync: true }),
    validateInputOnBlur: true,
  });

  // Each opening starts from fresh defaults rather than a half-typed earlier draft.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the dialog opens.
  useEffect(() => {
    if (opened) {
      form.setValues(newEngagementDefaults(i18n.language === 'zh-CN' ? 'zh-CN' : 'en'));
      form.clearErrors();
      create.reset();
    }
  }, [opened]);

  const submit = form.onSubmit(async (values) => {
    try {
      const engagement = await create.mutateAsync(values);
      notifications.show({ color: 'teal', message: t('form.created') });
      onClose();
      onCreated(engagement.id);
    } catch (error) {
      // The core checks again; a field it refuses is shown on that field.
      if (isApiError(error) && error.appError.field && error.appError.field in values) {
        form.setFieldError(error.appError.field, error.appError.messageKey ?? error.appError.message);
      }
    }
  });

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('form.createTitle')}
      size="min(1080px, calc(100vw - 64px))"
      centered
      closeButtonProps={{ 'aria-label': t('form.cancel') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <EngagementFieldsForm form={form} />
          {create.isError && !(isApiError(create.error) && create.error.appError.field) && (
            <Text c="red.8" size="sm" role="alert">
              {errorText(t, create.error)}
            </Text>
          )}
          {Object.keys(form.errors).length > 0 && (
            <Text c="red.8" size="sm" role="alert">
              {t('form.fixFields')}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('form.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
