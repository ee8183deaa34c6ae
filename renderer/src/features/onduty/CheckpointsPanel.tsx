import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  CHECKPOINT_TEMPLATES,
  type Checkpoint,
  type CheckpointTemplate,
  DEFAULT_CHECKPOINT_METRICS,
  METRIC_KINDS,
  metricLabel,
  metricUnit,
  metricValueText,
  observedVsPredicted,
} from '@shared/domain/checkpoints';
import type { Engagement } from '@shared/domain/engagement';
import { eventTimeToSave } from '@shared/domain/incidents';
import { localToUtc } from '@shared/domain/time';
import { IconClipboardCheck, IconPencil, IconPlus, IconTemplate, IconTrash } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { showUndoNotice } from '../../components/UndoNotice';
import { errorText } from '../../errors';
import { usePlan } from '../plan/queries';
import { EventTimeInput } from './EventTimeInput';
import { localInput, nowLocal, useCheckpoints, useEventMutation } from './eventQueries';
import type { OnDutyPanelProps } from './OnDutyScreen';
import { wallIn } from './rosterFormat';

const showError = (t: TFunction, error: unknown) => notifications.show({ color: 'red', message: errorText(t, error) });

/**
 * Checkpoints of the on-duty period: quick-add from templates relative to the window, planned
 * checks with their metrics, recording what was observed (which also writes the war-room log),
 * and the observed peak against the plan's prediction.
 */
export function CheckpointsPanel({ engagement }: OnDutyPanelProps) {
  const { t } = useTranslation();
  const list = useCheckpoints(engagement.id);
  const plan = usePlan(engagement.id);
  const remove = useEventMutation('checkpoint.remove', engagement.id);
  const restore = useEventMutation('checkpoint.restore', engagement.id);
  const [editing, setEditing] = useState<Checkpoint | 'new' | null>(null);
  const [recording, setRecording] = useState<Checkpoint | null>(null);
  const [picking, setPicking] = useState(false);
  const readOnly = engagement.status === 'archived' || engagement.deletedAt !== null;
  const zone = engagement.timeZone;
  const checkpoints = list.data ?? [];
  const predicted = plan.data?.details.peak ?? { qps: null, tps: null };
  const peaks = observedVsPredicted(checkpoints, predicted);

  const removeCheckpoint = (checkpoint: Checkpoint) =>
    remove.mutate(
      { engagementId: engagement.id, id: checkpoint.id },
      {
        onSuccess: () =>
          showUndoNotice(t, t('checkpoints.removed', { name: checkpoint.name }), () =>
            restore.mutate({ engagementId: engagement.id, id: checkpoint.id }, { onError: (e) => showError(t, e) }),
          ),
        onError: (e) => showError(t, e),
      },
    );

  if (list.isPending) return <Skeleton height={200} />;

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} data-testid="peak-comparison">
        {peaks.map((peak) => (
          <Paper key={peak.metric} withBorder p="sm">
            <Text size="sm" fw={600}>
              {t(`checkpoints.peak.${peak.metric}`)}
            </Text>
            <Text size="sm">
              {t('checkpoints.peak.observed')}: {peak.observed === null ? '—' : peak.observed.toLocaleString()}
              {peak.checkpointName ? ` (${peak.checkpointName})` : ''}
            </Text>
            <Text size="sm">
              {t('checkpoints.peak.predicted')}: {peak.predicted === null ? '—' : peak.predicted.toLocaleString()}
            </Text>
            <Text size="sm" fw={500}>
              {peak.ratio === null
                ? t('checkpoints.peak.noRatio')
                : t('checkpoints.peak.ratio', { percent: Math.round(peak.ratio * 100) })}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {!readOnly && (
        <Group>
          <Button leftSection={<IconTemplate size={16} />} variant="default" onClick={() => setPicking(true)}>
            {t('checkpoints.quickAdd')}
          </Button>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('checkpoints.add')}
          </Button>
        </Group>
      )}
      {checkpoints.length === 0 ? (
        <EmptyState
          icon={<IconClipboardCheck size={32} />}
          title={t('checkpoints.emptyTitle')}
          body={t('checkpoints.empty')}
        />
      ) : (
        <Table data-testid="checkpoint-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('checkpoints.plannedAt', { zone })}</Table.Th>
              <Table.Th>{t('checkpoints.name')}</Table.Th>
              <Table.Th>{t('checkpoints.observed')}</Table.Th>
              <Table.Th>
                <span className="visually-hidden">{t('checkpoints.rowActions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {checkpoints.map((checkpoint) => (
              <Table.Tr key={checkpoint.id} data-checkpoint={checkpoint.name}>
                <Table.Td>{wallIn(checkpoint.plannedAt, zone)}</Table.Td>
                <Table.Td>
                  {checkpoint.name}
                  {checkpoint.notes !== '' && (
                    <Text size="xs" c="dimmed">
                      {checkpoint.notes}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {checkpoint.metrics.map((m) => (
                      <Badge key={m.id} variant={m.value === null ? 'outline' : 'light'} color="gray" tt="none">
                        {metricLabel(m)}: {metricValueText(m)}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {!readOnly && (
                      <Button size="compact-sm" onClick={() => setRecording(checkpoint)}>
                        {t('checkpoints.record')}
                      </Button>
                    )}
                    {!readOnly && (
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('checkpoints.edit', { name: checkpoint.name })}
                        onClick={() => setEditing(checkpoint)}
                      >
                        <IconPencil size={16} />
                      </ActionIcon>
                    )}
                    {!readOnly && (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('checkpoints.remove', { name: checkpoint.name })}
                        onClick={() => removeCheckpoint(checkpoint)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {picking && <QuickAddModal engagement={engagement} onClose={() => setPicking(false)} />}
      {editing !== null && (
        <CheckpointModal
          engagement={engagement}
          checkpoint={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
      {recording && <RecordModal engagement={engagement} checkpoint={recording} onClose={() => setRecording(null)} />}
    </Stack>
  );
}

function QuickAddModal({ engagement, onClose }: { engagement: Engagement; onClose: () => void }) {
  const { t } = useTranslation();
  const add = useEventMutation('checkpoint.addFromTemplates', engagement.id);
  const [chosen, setChosen] = useState<CheckpointTemplate[]>([
    'tMinus24h',
    'tMinus1h',
    'windowStart',
    'tPlus1h',
    'windowEnd',
  ]);
  const [peak, setPeak] = useState('');
  const [peakError, setPeakError] = useState<string | undefined>();
  const submit = () => {
    const peakAt = peak === '' ? null : localToUtc(peak, engagement.timeZone);
    if (chosen.includes('peak') && peakAt === null) {
      setPeakError(peak === '' ? t('checkpoints.peakRequired') : t('validation.localTimeMissing'));
      return;
    }
    add.mutate(
      { engagementId: engagement.id, templates: chosen, ...(peakAt ? { peakAt } : {}) },
      {
        onSuccess: ({ added, skipped }) => {
          notifications.show({
            color: 'teal',
            message: t('checkpoints.added', { count: added.length, skipped: skipped.length }),
          });
          onClose();
        },
        onError: (e) => showError(t, e),
      },
    );
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('incidents.cancel') }}
      opened
      onClose={onClose}
      title={t('checkpoints.quickAdd')}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('checkpoints.quickAddHint')}
          </Text>
          <Checkbox.Group
            label={t('checkpoints.templatesLabel')}
            value={chosen}
            onChange={(values) => setChosen(CHECKPOINT_TEMPLATES.filter((c) => values.includes(c)))}
          >
            <Stack gap={6} mt={6}>
              {CHECKPOINT_TEMPLATES.map((template) => (
                <Checkbox key={template} value={template} label={t(`checkpoints.templates.${template}`)} />
              ))}
            </Stack>
          </Checkbox.Group>
          {chosen.includes('peak') && (
            <EventTimeInput
              label={t('checkpoints.peakAt')}
              zone={engagement.timeZone}
              value={peak}
              onChange={setPeak}
              error={peakError}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('incidents.cancel')}
            </Button>
            <Button type="submit" disabled={chosen.length === 0} loading={add.isPending}>
              {t('checkpoints.addChosen', { count: chosen.length })}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A metric being planned: stored ones keep their id (and values); new ones get one when saved. */
type MetricDraft = Omit<Checkpoint['metrics'][number], 'id'> & { id?: string };

function CheckpointModal({
  engagement,
  checkpoint,
  onClose,
}: {
  engagement: Engagement;
  checkpoint: Checkpoint | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const zone = engagement.timeZone;
  const save = useEventMutation('checkpoint.save', engagement.id);
  const [name, setName] = useState(checkpoint?.name ?? '');
  const [planned, setPlanned] = useState(localInput(checkpoint?.plannedAt ?? null, zone));
  const [notes, setNotes] = useState(checkpoint?.notes ?? '');
  const [metrics, setMetrics] = useState<MetricDraft[]>(
    checkpoint?.metrics ??
      DEFAULT_CHECKPOINT_METRICS.map((kind) => ({
        kind,
        resource: '',
        name: '',
        unit: '',
        value: null,
        observedAt: null,
      })),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const setMetric = (index: number, patch: Partial<MetricDraft>) =>
    setMetrics((list) => list.map((m, i): MetricDraft => (i === index ? { ...m, ...patch } : m)));

  const submit = () => {
    const plannedAt = planned === '' ? null : localToUtc(planned, zone);
    if (plannedAt === null) {
      setErrors({ plannedAt: t(planned === '' ? 'validation.checkpointPlannedAt' : 'validation.localTimeMissing') });
      return;
    }
    save.mutate(
      {
        engagementId: engagement.id,
        ...(checkpoint ? { id: checkpoint.id } : {}),
        checkpoint: { name, plannedAt, notes, metrics },
      },
      {
        onSuccess: () => onClose(),
        onError: (error) => {
          const field = isApiError(error) ? error.appError.field?.replace(/^checkpoint\./, '') : undefined;
          if (field) setErrors({ [field]: errorText(t, error) });
          else showError(t, error);
        },
      },
    );
  };

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('incidents.cancel') }}
      opened
      onClose={onClose}
      size="lg"
      title={checkpoint ? checkpoint.name : t('checkpoints.add')}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('checkpoints.name')}
            withAsterisk
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.name}
            data-autofocus
          />
          <EventTimeInput
            label={t('checkpoints.plannedLabel')}
            zone={zone}
            value={planned}
            onChange={setPlanned}
            error={errors.plannedAt}
          />
          <Text size="sm" fw={500}>
            {t('checkpoints.metrics')}
          </Text>
          {metrics.map((metric, index) => {
            const prefix = `metrics.${index}`;
            return (
              <Group key={metric.id ?? `new-${index}`} align="flex-end" gap="xs" wrap="nowrap">
                <Select
                  label={t('checkpoints.metricKind')}
                  w={170}
                  allowDeselect={false}
                  data={METRIC_KINDS.map((k) => ({ value: k, label: t(`checkpoints.kinds.${k}`) }))}
                  value={metric.kind}
                  onChange={(value) => {
                    const kind = METRIC_KINDS.find((k) => k === value);
                    if (kind) setMetric(index, { kind });
                  }}
                />
                {(metric.kind === 'cpu' || metric.kind === 'memory' || metric.kind === 'custom') && (
                  <TextInput
                    label={t('checkpoints.resource')}
                    style={{ flex: 1 }}
                    value={metric.resource}
                    onChange={(event) => setMetric(index, { resource: event.currentTarget.value })}
                    error={errors[`${prefix}.resource`]}
                  />
                )}
                {metric.kind === 'custom' && (
                  <>
                    <TextInput
                      label={t('checkpoints.metricName')}
                      style={{ flex: 1 }}
                      value={metric.name}
                      onChange={(event) => setMetric(index, { name: event.currentTarget.value })}
                      error={errors[`${prefix}.name`]}
                    />
                    <TextInput
                      label={t('checkpoints.unit')}
                      w={90}
                      value={metric.unit}
                      onChange={(event) => setMetric(index, { unit: event.currentTarget.value })}
                      error={errors[`${prefix}.unit`]}
                    />
                  </>
                )}
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={t('checkpoints.removeMetric', { index: index + 1 })}
                  onClick={() => setMetrics((list) => list.filter((_, i) => i !== index))}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            );
          })}
          <Group>
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<IconPlus size={14} />}
              onClick={() =>
                setMetrics((list) => [
                  ...list,
                  { kind: 'cpu', resource: '', name: '', unit: '', value: null, observedAt: null },
                ])
              }
            >
              {t('checkpoints.addMetric')}
            </Button>
          </Group>
          <Textarea
            label={t('checkpoints.notes')}
            autosize
            minRows={2}
            value={notes}
            onChange={(event) => setNotes(event.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('incidents.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('checkpoints.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** What was observed at a checkpoint: one number per metric, when, and notes; also written to the log. */
function RecordModal({
  engagement,
  checkpoint,
  onClose,
}: {
  engagement: Engagement;
  checkpoint: Checkpoint;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const zone = engagement.timeZone;
  const record = useEventMutation('checkpoint.record', engagement.id);
  const [observed, setObserved] = useState(nowLocal(zone));
  // The instant "Now" stood for: its wall text in a repeated hour would convert to the first occurrence.
  const [observedKnown, setObservedKnown] = useState<{ text: string; instant: string } | null>(null);
  const [values, setValues] = useState<Record<string, number | null>>(
    Object.fromEntries(checkpoint.metrics.map((m) => [m.id, m.value])),
  );
  const [notes, setNotes] = useState(checkpoint.notes);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = () => {
    const resolved = eventTimeToSave(observed, observedKnown, zone);
    const observedAt = 'missing' in resolved ? null : resolved.at;
    if (observedAt === null) {
      setErrors({ observedAt: t('validation.localTimeMissing') });
      return;
    }
    const list = checkpoint.metrics.map((m) => ({ metricId: m.id, value: values[m.id] ?? null }));
    record.mutate(
      { engagementId: engagement.id, id: checkpoint.id, observedAt, values: list, notes },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('checkpoints.recorded', { name: checkpoint.name }) });
          onClose();
        },
        onError: (error) => {
          const field = isApiError(error) ? error.appError.field : undefined;
          const match = field?.match(/^values\.(\d+)/);
          const metric = match ? checkpoint.metrics[Number(match[1])] : undefined;
          if (metric) setErrors({ [metric.id]: errorText(t, error) });
          else if (field === 'observedAt') setErrors({ observedAt: errorText(t, error) });
          else showError(t, error);
        },
      },
    );
  };

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('incidents.cancel') }}
      opened
      onClose={onClose}
      title={t('checkpoints.recordTitle', { name: checkpoint.name })}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <EventTimeInput
            label={t('checkpoints.observedAt')}
            zone={zone}
            value={observed}
            instant={observedKnown?.text === observed ? observedKnown.instant : undefined}
            onChange={(value, instant) => {
              setObserved(value);
              if (instant !== undefined) setObservedKnown({ text: value, instant });
            }}
            error={errors.observedAt}
          />
          {checkpoint.metrics.map((metric, index) => (
            <NumberInput
              key={metric.id}
              label={`${metricLabel(metric)} (${metricUnit(metric)})`}
              value={values[metric.id] ?? ''}
              onChange={(value) =>
                setValues((v) => ({
                  ...v,
                  [metric.id]: typeof value === 'number' ? value : value === '' ? null : Number(value),
                }))
              }
              error={errors[metric.id]}
              thousandSeparator=","
              decimalScale={3}
              data-autofocus={index === 0 ? true : undefined}
            />
          ))}
          <Textarea
            label={t('checkpoints.notes')}
            autosize
            minRows={2}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
          />
          <Text size="xs" c="dimmed">
            {t('checkpoints.recordHint')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('incidents.cancel')}
            </Button>
            <Button type="submit" loading={record.isPending}>
              {t('checkpoints.saveRecord')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
