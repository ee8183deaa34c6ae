import { Alert, Button, Group, Paper, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  type Engagement,
  type EngagementFields,
  type EngagementStatus,
  engagementDraftSchema,
  WORKING_STATUSES,
} from '@shared/domain/engagement';
import { IconArchive, IconArchiveOff, IconPackageExport, IconTrash } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { AutosaveIndicator } from '../../components/AutosaveIndicator';
import { StatusBadge } from '../../components/StatusBadge';
import { useAutosave } from '../../components/useAutosave';
import { errorText } from '../../errors';
import { instant, wallTime } from '../../format';
import type { EngagementSection } from '../../routing';
import { ExportBundleModal } from '../bundles/ExportBundleModal';
import { CapacityScreen } from '../capacity/CapacityScreen';
import { ChecklistScreen } from '../checklists/ChecklistScreen';
import { DeliverablesScreen } from '../deliverables/DeliverablesScreen';
import { FindingsScreen } from '../findings/FindingsScreen';
import { OnDutyScreen } from '../onduty/OnDutyScreen';
import { OptimizationScreen } from '../optimization/OptimizationScreen';
import { PlanScreen } from '../plan/PlanScreen';
import { ScopeAndTeam } from '../plan/ScopeAndTeam';
import { StressTestScreen } from '../stress/StressTestScreen';
import { EngagementFieldsForm } from './EngagementFields';
import { useEngagement, useEngagementMutation } from './queries';
import { useEngagementActions } from './useEngagementActions';

const FIELD_KEYS = [
  'customerOrg',
  'eventName',
  'eventKind',
  'eventStartLocal',
  'eventEndLocal',
  'timeZone',
  'catalogId',
  'editionId',
  'language',
] as const satisfies readonly (keyof EngagementFields)[];

function fieldsOf(engagement: Engagement): EngagementFields {
  return Object.fromEntries(FIELD_KEYS.map((key) => [key, engagement[key]])) as EngagementFields;
}

export function EngagementWorkspace({ id, section }: { id: string; section: EngagementSection }) {
  const { t } = useTranslation();
  const engagement = useEngagement(id);
  if (engagement.isPending) return <Skeleton h={240} />;
  if (engagement.isError) {
    const notFound = isApiError(engagement.error) && engagement.error.appError.code === 'NOT_FOUND';
    return (
      <Alert color={notFound ? 'gray' : 'red'} title={notFound ? t('workspace.notFound') : t('app.unexpected')}>
        {!notFound && (
          <Button size="compact-sm" variant="light" onClick={() => void engagement.refetch()}>
            {t('app.retry')}
          </Button>
        )}
      </Alert>
    );
  }
  const current = engagement.data;
  return (
    <Stack gap="lg">
      <WorkspaceHeader engagement={current} />
      {section === 'overview' ? (
        // Keyed by id so switching engagements starts a fresh form.
        <>
          <Overview key={current.id} engagement={current} />
          <ScopeAndTeam engagement={current} />
        </>
      ) : section === 'plan' ? (
        <PlanScreen engagement={current} />
      ) : section === 'capacity' ? (
        <CapacityScreen engagement={current} />
      ) : section === 'findings' ? (
        <FindingsScreen engagement={current} />
      ) : section === 'optimization' ? (
        <OptimizationScreen engagement={current} />
      ) : section === 'deliverables' ? (
        <DeliverablesScreen engagement={current} />
      ) : section === 'stressTest' ? (
        <StressTestScreen engagement={current} />
      ) : section === 'survey' || section === 'inspection' || section === 'security' ? (
        <ChecklistScreen engagement={current} kind={section === 'survey' ? 'survey' : section} />
      ) : (
        <OnDutyScreen engagement={current} />
      )}
    </Stack>
  );
}

function WorkspaceHeader({ engagement }: { engagement: Engagement }) {
  const { t, i18n } = useTranslation();
  const actions = useEngagementActions();
  const [exporting, setExporting] = useState(false);
  return (
    <Group justify="space-between" align="flex-start" wrap="wrap">
      <div>
        <Group gap="sm">
          <Title order={1} size="h2">
            {engagement.eventName}
          </Title>
          <StatusBadge status={engagement.status} />
        </Group>
        <Text c="dimmed">
          {engagement.customerOrg} ·{' '}
          {t('workspace.windowSummary', {
            start: wallTime(engagement.eventStartLocal),
            end: wallTime(engagement.eventEndLocal),
            zone: engagement.timeZone,
          })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('workspace.updatedBy', { when: instant(engagement.updatedAt, i18n.language), who: engagement.updatedBy })}
        </Text>
      </div>
      {engagement.deletedAt === null && (
        <Group gap="xs">
          <Button variant="default" leftSection={<IconPackageExport size={16} />} onClick={() => setExporting(true)}>
            {t('bundle.exportAction')}
          </Button>
          {engagement.status === 'archived' ? (
            <Button
              variant="default"
              leftSection={<IconArchiveOff size={16} />}
              onClick={() => void actions.unarchive(engagement)}
            >
              {t('actions.unarchive')}
            </Button>
          ) : (
            <Button
              variant="default"
              leftSection={<IconArchive size={16} />}
              onClick={() => void actions.archive(engagement)}
            >
              {t('actions.archive')}
            </Button>
          )}
          <Button
            variant="default"
            color="red"
            leftSection={<IconTrash size={16} />}
            onClick={() => void actions.trash(engagement)}
          >
            {t('actions.trash')}
          </Button>
        </Group>
      )}
      <ExportBundleModal engagement={engagement} opened={exporting} onClose={() => setExporting(false)} />
    </Group>
  );
}

/** The engagement's fields, saved as they are typed: there is no save button. */
function Overview({ engagement }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const update = useEngagementMutation('engagement.update');
  const readOnly = engagement.status === 'archived' || engagement.deletedAt !== null;
  const form = useForm<EngagementFields>({
    mode: 'controlled',
    initialValues: fieldsOf(engagement),
    validate: schemaResolver(engagementDraftSchema, { sync: true }),
    onValuesChange: (values) => {
      if (readOnly) return;
      const result = form.validate();
      if (!result.hasErrors) return autosave.schedule(values);
      // Valid edits are saved at once; a field in error keeps its stored value until it is fixed.
      const stored = fieldsOf(engagement);
      const safe = { ...values };
      for (const field of FIELD_KEYS) if (result.errors[field]) Object.assign(safe, { [field]: stored[field] });
      autosave.schedule(safe, { invalid: true });
    },
  });
  const describe = useCallback((error: unknown) => errorText(t, error), [t]);
  const autosave = useAutosave<EngagementFields>(async (values) => {
    try {
      await update.mutateAsync({ id: engagement.id, patch: values });
    } catch (error) {
      if (isApiError(error) && error.appError.field?.startsWith('patch.')) {
        form.setFieldError(
          error.appError.field.slice('patch.'.length),
          error.appError.messageKey ?? error.appError.message,
        );
      }
      throw error;
    }
  }, describe);

  const setStatus = (status: EngagementStatus) => {
    update.mutate(
      { id: engagement.id, patch: { status } },
      { onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }) },
    );
  };

  return (
    <Stack gap="md">
      {engagement.deletedAt !== null && <Alert color="gray">{t('workspace.trashedNote')}</Alert>}
      {engagement.deletedAt === null && engagement.status === 'archived' && (
        <Alert color="gray">{t('workspace.archivedNote')}</Alert>
      )}
      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" mb="md">
          <Select
            label={t('workspace.statusLabel')}
            data={(readOnly ? [engagement.status] : WORKING_STATUSES).map((s) => ({
              value: s,
              label: t(`status.${s}`),
            }))}
            value={engagement.status}
            onChange={(value) => value && setStatus(value as EngagementStatus)}
            allowDeselect={false}
            readOnly={readOnly}
            w={220}
          />
          {!readOnly && <AutosaveIndicator state={autosave.state} onRetry={() => void autosave.flush()} />}
        </Group>
        <Stack gap="md">
          <EngagementFieldsForm form={form} readOnly={readOnly} />
        </Stack>
      </Paper>
    </Stack>
  );
}
