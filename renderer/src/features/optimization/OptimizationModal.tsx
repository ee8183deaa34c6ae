import { Button, Group, Modal, Select, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  emptyOptimization,
  OPTIMIZATION_PRIORITIES,
  OPTIMIZATION_STATUSES,
  type OptimizationInput,
  type OptimizationKind,
  optimizationInputSchema,
} from '@shared/domain/optimization';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { errorText } from '../../errors';
import { FIELD_SPECS, type FieldSpec } from './fields';
import { type OptimizationItem, useOptimizationMutation } from './queries';

/** The editable part of a stored entry: what `optimization.save` takes. */
function inputOf(item: OptimizationItem): OptimizationInput {
  const { id, engagementId, templateId, sortOrder, createdAt, updatedAt, updatedBy, ...input } = item;
  return input;
}

/**
 * Adds an entry of one kind or edits one: the common fields (title, status, priority, owner, due
 * date, notes) and the kind's own, each error shown under its field, from the form or the core.
 */
export function OptimizationModal(props: {
  engagementId: string;
  kind: OptimizationKind;
  opened: boolean;
  onClose: () => void;
  /** The entry to edit; without it a new one of `kind` is added. */
  item: OptimizationItem | null;
  /** Emergency plans a drill can name. */
  plans: { id: string; title: string }[];
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const save = useOptimizationMutation('optimization.save');
  const editing = props.item;
  const initial = (): OptimizationInput => (editing ? inputOf(editing) : emptyOptimization(props.kind));
  const form = useForm<OptimizationInput>({
    mode: 'controlled',
    initialValues: initial(),
    validate: schemaResolver(optimizationInputSchema, { sync: true }),
  });

  // A fresh form each time the dialog opens, for whichever entry or kind it opens on.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when opened or the entry changes.
  useEffect(() => {
    if (props.opened) {
      form.setInitialValues(initial());
      form.reset();
    }
  }, [props.opened, props.kind, editing?.id, editing?.updatedAt]);

  const values = form.getValues();
  const fieldValues: Record<string, unknown> = values.fields;
  const errorOf = (path: string) => {
    const error = form.errors[path];
    return typeof error === 'string' ? t(error) : undefined;
  };
  const common = (field: 'title' | 'owner' | 'notes') => ({
    ...form.getInputProps(field),
    error: errorOf(field),
    readOnly: props.readOnly,
  });

  const submit = form.onSubmit(async (input) => {
    try {
      const saved = await save.mutateAsync({
        engagementId: props.engagementId,
        ...(editing ? { id: editing.id } : {}),
        item: input,
      });
      notifications.show({
        color: 'teal',
        message: t(editing ? 'optimization.saved' : 'optimization.created', { title: saved.title }),
      });
      props.onClose();
    } catch (error) {
      const field = isApiError(error) ? error.appError.field?.replace(/^item\./, '') : undefined;
      if (isApiError(error) && field && field !== 'engagementId') {
        form.setFieldError(field, error.appError.messageKey ?? error.appError.message);
      } else {
        notifications.show({ color: 'red', message: errorText(t, error) });
      }
    }
  });

  const fieldInput = (spec: FieldSpec) => {
    const path = `fields.${spec.name}`;
    const label = t(`optimization.fields.${spec.name}`);
    const hintKey = `optimization.hints.${spec.name}`;
    const description = t(hintKey) === hintKey ? undefined : t(hintKey);
    const base = { key: spec.name, label, error: errorOf(path), readOnly: props.readOnly };
    switch (spec.type) {
      case 'choice':
        return (
          <Select
            {...base}
            data={spec.options.map((o) => ({ value: o, label: t(`optimization.${spec.labels}.${o}`) }))}
            allowDeselect={false}
            value={String(fieldValues[spec.name] ?? '')}
            onChange={(value) => value && form.setFieldValue(path, value)}
          />
        );
      case 'plan':
        return (
          <Select
            {...base}
            description={description}
            data={[
              { value: '', label: t('optimization.noPlan') },
              ...props.plans.map((p) => ({ value: p.id, label: p.title })),
            ]}
            allowDeselect={false}
            value={String(fieldValues.emergencyId ?? '')}
            onChange={(value) => {
              form.setFieldValue(path, value || null);
              const plan = props.plans.find((p) => p.id === value);
              const scenario = String(fieldValues.scenario ?? '');
              if (plan && scenario.trim() === '') form.setFieldValue('fields.scenario', plan.title);
            }}
          />
        );
      case 'date':
        return (
          <TextInput
            {...base}
            type="date"
            value={String(fieldValues[spec.name] ?? '')}
            onChange={(event) => form.setFieldValue(path, event.currentTarget.value || null)}
          />
        );
      case 'addresses': {
        const addresses = fieldValues.addresses;
        // Shown for Anti-DDoS, or whenever addresses were recorded, so none are hidden.
        if (fieldValues.mechanism !== 'antiDdos' && !(Array.isArray(addresses) && addresses.length > 0)) return null;
        const issue = Object.keys(form.errors).find((k) => k.startsWith(`${path}.`));
        return (
          <TagsInput
            {...base}
            description={description}
            error={errorOf(path) ?? (issue ? errorOf(issue) : undefined)}
            clearable
            {...form.getInputProps(path)}
          />
        );
      }
      case 'long':
        return (
          <Textarea
            {...base}
            description={description}
            withAsterisk={spec.required}
            autosize
            minRows={2}
            maxRows={8}
            {...form.getInputProps(path)}
            error={errorOf(path)}
          />
        );
      case 'text':
        return (
          <TextInput
            {...base}
            description={description}
            withAsterisk={spec.required}
            {...form.getInputProps(path)}
            error={errorOf(path)}
          />
        );
    }
  };

  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={
        editing
          ? t(props.readOnly ? 'optimization.viewTitle' : 'optimization.editTitle', { title: editing.title })
          : t(`optimization.add.${props.kind}`)
      }
      size="xl"
      closeButtonProps={{ 'aria-label': t('form.cancel') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('optimization.common.title')} withAsterisk data-autofocus {...common('title')} />
          {FIELD_SPECS[props.kind].map(fieldInput)}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('optimization.common.status')}
              data={OPTIMIZATION_STATUSES.map((s) => ({ value: s, label: t(`optimization.status.${s}`) }))}
              allowDeselect={false}
              readOnly={props.readOnly}
              {...form.getInputProps('status')}
              error={errorOf('status')}
            />
            <Select
              label={t('optimization.common.priority')}
              data={OPTIMIZATION_PRIORITIES.map((p) => ({ value: p, label: t(`optimization.priority.${p}`) }))}
              allowDeselect={false}
              readOnly={props.readOnly}
              {...form.getInputProps('priority')}
              error={errorOf('priority')}
            />
            <TextInput
              label={t('optimization.common.owner')}
              description={t('optimization.common.ownerHint')}
              {...common('owner')}
            />
            <TextInput
              type="date"
              label={t('optimization.common.dueDate')}
              readOnly={props.readOnly}
              error={errorOf('dueDate')}
              value={values.dueDate ?? ''}
              onChange={(event) => form.setFieldValue('dueDate', event.currentTarget.value || null)}
            />
          </SimpleGrid>
          <Textarea
            label={t('optimization.common.notes')}
            description={t('optimization.common.notesHint')}
            withAsterisk={values.status === 'declined'}
            autosize
            minRows={2}
            maxRows={6}
            {...common('notes')}
          />
          {!props.readOnly && (
            <Group justify="flex-end" mt="sm">
              <Button variant="default" onClick={props.onClose}>
                {t('form.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t(editing ? 'optimization.save' : 'optimization.create')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Modal>
  );
}
