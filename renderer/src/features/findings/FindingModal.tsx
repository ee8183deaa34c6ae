import { Button, Group, Modal, Select, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  EMPTY_FINDING,
  FINDING_STATUSES,
  type FindingInput,
  findingInputSchema,
  SEVERITIES,
} from '@shared/domain/finding';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { errorText } from '../../errors';
import { EvidencePanel } from '../evidence/EvidencePanel';
import { type Finding, useFindingMutation } from './queries';

type Values = Omit<FindingInput, 'answerId' | 'templateId' | 'itemId'>;
const FIELDS = Object.keys(EMPTY_FINDING) as (keyof Values)[];

function valuesOf(source: Partial<Values>): Values {
  const values = { ...EMPTY_FINDING };
  for (const field of FIELDS) if (source[field] !== undefined) Object.assign(values, { [field]: source[field] });
  return values;
}

/**
 * Adds a finding (by hand, or accepting one proposed from a failing answer) or edits one: every
 * field, with the disposition required once the status is risk accepted.
 */
export function FindingModal(props: {
  engagementId: string;
  opened: boolean;
  onClose: () => void;
  /** The finding to edit; without it a new one is created from `initial`. */
  finding?: Finding | null;
  initial?: Partial<FindingInput>;
  title?: string;
  readOnly?: boolean;
  onSaved?: (finding: Finding) => void;
}) {
  const { t } = useTranslation();
  const create = useFindingMutation('finding.create');
  const update = useFindingMutation('finding.update');
  const editing = props.finding ?? null;
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: valuesOf(editing ?? props.initial ?? {}),
    validate: schemaResolver(findingInputSchema, { sync: true }),
  });

  // A fresh form each time the dialog opens, for whichever finding it opens on.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when opened or the finding changes.
  useEffect(() => {
    if (props.opened) {
      form.setValues(valuesOf(editing ?? props.initial ?? {}));
      form.resetDirty();
      form.clearErrors();
    }
  }, [props.opened, editing?.id, editing?.updatedAt]);

  const errorOf = (field: keyof Values) => {
    const error = form.errors[field];
    return typeof error === 'string' ? t(error) : undefined;
  };
  const input = (field: keyof Values) => ({
    ...form.getInputProps(field),
    error: errorOf(field),
    readOnly: props.readOnly,
  });

  const submit = form.onSubmit(async (values) => {
    try {
      const saved = editing
        ? await update.mutateAsync({ engagementId: props.engagementId, id: editing.id, patch: values })
        : await create.mutateAsync({
            engagementId: props.engagementId,
            ...values,
            ...(props.initial?.answerId ? { answerId: props.initial.answerId } : {}),
            ...(props.initial?.templateId ? { templateId: props.initial.templateId } : {}),
            ...(props.initial?.itemId ? { itemId: props.initial.itemId } : {}),
          });
      notifications.show({ color: 'teal', message: t(editing ? 'findings.saved' : 'findings.created') });
      props.onSaved?.(saved);
      props.onClose();
    } catch (error) {
      const field = isApiError(error) ? error.appError.field?.replace(/^patch\./, '') : undefined;
      if (field && (FIELDS as string[]).includes(field)) {
        form.setFieldError(field, isApiError(error) ? (error.appError.messageKey ?? error.appError.message) : '');
      } else {
        notifications.show({ color: 'red', message: errorText(t, error) });
      }
    }
  });

  const status = form.getValues().status;
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.title ?? t(editing ? 'findings.editTitle' : 'findings.addTitle')}
      size="xl"
      closeButtonProps={{ 'aria-label': t('form.cancel') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('findings.fields.title')} withAsterisk data-autofocus {...input('title')} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('findings.fields.severity')}
              data={SEVERITIES.map((s) => ({ value: s, label: t(`findings.severity.${s}`) }))}
              allowDeselect={false}
              {...input('severity')}
            />
            <Select
              label={t('findings.fields.status')}
              data={FINDING_STATUSES.map((s) => ({ value: s, label: t(`findings.status.${s}`) }))}
              allowDeselect={false}
              {...input('status')}
            />
            <TextInput
              type="date"
              label={t('findings.fields.dueDate')}
              {...input('dueDate')}
              value={form.getValues().dueDate ?? ''}
              onChange={(event) => form.setFieldValue('dueDate', event.currentTarget.value || null)}
            />
          </SimpleGrid>
          <Textarea
            label={t('findings.fields.description')}
            autosize
            minRows={3}
            maxRows={10}
            {...input('description')}
          />
          <TagsInput
            label={t('findings.fields.affectedResources')}
            description={t('findings.fields.affectedResourcesHint')}
            clearable
            {...input('affectedResources')}
          />
          <Textarea
            label={t('findings.fields.recommendation')}
            autosize
            minRows={2}
            maxRows={8}
            {...input('recommendation')}
          />
          <TextInput label={t('findings.fields.owner')} {...input('owner')} />
          <Textarea
            label={t('findings.fields.disposition')}
            description={t('findings.fields.dispositionHint')}
            withAsterisk={status === 'riskAccepted'}
            autosize
            minRows={2}
            maxRows={6}
            {...input('disposition')}
          />
          {editing && (
            <EvidencePanel
              engagementId={props.engagementId}
              targetKind="finding"
              targetId={editing.id}
              readOnly={props.readOnly}
            />
          )}
          {!props.readOnly && (
            <Group justify="flex-end" mt="sm">
              <Button variant="default" onClick={props.onClose}>
                {t('form.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending || update.isPending}>
                {t(editing ? 'findings.save' : 'findings.create')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * For the answering screen: a finding proposed from a failing answer (title, severity and
 * recommendation from the item, plus answerId/templateId/itemId), reviewed and accepted here.
 * The core links a repeated proposal for the same answer to the finding already made.
 */
export function ProposeFindingModal(props: {
  engagementId: string;
  opened: boolean;
  initial: Partial<FindingInput>;
  onClose: () => void;
  onCreated?: (finding: Finding) => void;
}) {
  const { t } = useTranslation();
  return (
    <FindingModal
      engagementId={props.engagementId}
      opened={props.opened}
      onClose={props.onClose}
      initial={props.initial}
      title={t('findings.proposeTitle')}
      onSaved={props.onCreated}
    />
  );
}
