import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Engagement } from '@shared/domain/engagement';
import {
  eventTimeToSave,
  formatMinutes,
  INCIDENT_ACTION_STATUSES,
  INCIDENT_SEVERITIES,
  INCIDENT_TIMES,
  type Incident,
  type IncidentActionStatus,
  type IncidentSeverity,
  type IncidentTime,
  mttaMinutes,
  mttrMinutes,
} from '@shared/domain/incidents';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { errorText } from '../../errors';
import { EventTimeInput } from './EventTimeInput';
import { localInput, useEventMutation, useIncidentTimeline } from './eventQueries';
import { wallIn } from './rosterFormat';

type ActionDraft = { id?: string; action: string; owner: string; due: string; status: IncidentActionStatus };
/** The instant known for a time field's text: the stored one, "Now", or the occurrence chosen in a repeated hour. */
type KnownTime = { text: string; instant: string } | null;
type Draft = {
  severity: IncidentSeverity;
  title: string;
  times: Record<IncidentTime, string>;
  known: Record<IncidentTime, KnownTime>;
  impact: string;
  affectedServices: string[];
  rootCause: string;
  security: boolean;
  actions: ActionDraft[];
};

function draftOf(incident: Incident | null, zone: string): Draft {
  const times = Object.fromEntries(
    INCIDENT_TIMES.map((field) => [field, localInput(incident?.[field] ?? null, zone)]),
  ) as Record<IncidentTime, string>;
  const known = Object.fromEntries(
    INCIDENT_TIMES.map((field) => {
      const at = incident?.[field] ?? null;
      return [field, at === null ? null : { text: localInput(at, zone), instant: at }];
    }),
  ) as Record<IncidentTime, KnownTime>;
  return {
    severity: incident?.severity ?? 'P3',
    title: incident?.title ?? '',
    times,
    known,
    impact: incident?.impact ?? '',
    affectedServices: incident?.affectedServices ?? [],
    rootCause: incident?.rootCause ?? '',
    security: incident?.security ?? false,
    actions: (incident?.actions ?? []).map((a) => ({ ...a, due: a.due ?? '' })),
  };
}

/**
 * An incident's record: severity, title, the five times in the event's zone (each with a "now"
 * button), impact, affected services, root cause, actions with owners, and its timeline of own
 * times and the war-room log entries naming it. Saving refuses times out of order naming the field.
 */
export function IncidentModal({
  engagement,
  incident,
  onClose,
}: {
  engagement: Engagement;
  /** null: a new incident. */
  incident: Incident | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const zone = engagement.timeZone;
  const [draft, setDraft] = useState<Draft>(() => draftOf(incident, zone));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useEventMutation('incident.save', engagement.id);
  const timeline = useIncidentTimeline(engagement.id, incident?.id ?? null);
  const lang = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const readOnly = engagement.status === 'archived' || engagement.deletedAt !== null;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setTime = (field: IncidentTime, value: string, instant?: string) =>
    setDraft((d) => ({
      ...d,
      times: { ...d.times, [field]: value },
      known: instant === undefined ? d.known : { ...d.known, [field]: { text: value, instant } },
    }));
  const setAction = (index: number, patch: Partial<ActionDraft>) =>
    setDraft((d) => ({ ...d, actions: d.actions.map((a, i) => (i === index ? { ...a, ...patch } : a)) }));

  const submit = () => {
    const problems: Record<string, string> = {};
    const utc: Partial<Record<IncidentTime, string | null>> = {};
    for (const field of INCIDENT_TIMES) {
      // An unchanged text keeps its stored instant: converting it again would move a time in the
      // repeated hour of a clock change to the first occurrence.
      const resolved = eventTimeToSave(draft.times[field], draft.known[field], zone);
      if ('missing' in resolved) problems[field] = t('validation.localTimeMissing');
      else utc[field] = resolved.at;
    }
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    save.mutate(
      {
        engagementId: engagement.id,
        ...(incident ? { id: incident.id } : {}),
        incident: {
          severity: draft.severity,
          title: draft.title,
          startedAt: utc.startedAt ?? null,
          detectedAt: utc.detectedAt ?? null,
          acknowledgedAt: utc.acknowledgedAt ?? null,
          mitigatedAt: utc.mitigatedAt ?? null,
          resolvedAt: utc.resolvedAt ?? null,
          impact: draft.impact,
          affectedServices: draft.affectedServices,
          rootCause: draft.rootCause,
          security: draft.security,
          actions: draft.actions.map((a) => ({ ...a, due: a.due === '' ? null : a.due })),
        },
      },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: t('incidents.saved', { ref: saved.ref }) });
          onClose();
        },
        onError: (error) => {
          const field = isApiError(error) ? error.appError.field?.replace(/^incident\./, '') : undefined;
          if (field) setErrors({ [field.split('.')[0] ?? field]: errorText(t, error) });
          else notifications.show({ color: 'red', message: errorText(t, error) });
        },
      },
    );
  };

  const known = {
    detectedAt: incident?.detectedAt ?? null,
    acknowledgedAt: incident?.acknowledgedAt ?? null,
    resolvedAt: incident?.resolvedAt ?? null,
  };

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('incidents.cancel') }}
      opened
      onClose={onClose}
      size="xl"
      title={incident ? `${incident.ref} · ${incident.title}` : t('incidents.new')}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Group align="flex-end">
            <div>
              <Text size="sm" fw={500} id="incident-severity-label">
                {t('incidents.severity')}
              </Text>
              <SegmentedControl
                aria-labelledby="incident-severity-label"
                data={INCIDENT_SEVERITIES.map((s) => ({ value: s, label: s }))}
                value={draft.severity}
                onChange={(value) => {
                  const severity = INCIDENT_SEVERITIES.find((s) => s === value);
                  if (severity) set('severity', severity);
                }}
                disabled={readOnly}
              />
            </div>
            <TextInput
              label={t('incidents.title')}
              withAsterisk
              style={{ flex: 1 }}
              value={draft.title}
              onChange={(event) => set('title', event.currentTarget.value)}
              error={errors.title}
              disabled={readOnly}
              data-autofocus
            />
          </Group>
          <Text size="xs" c="dimmed">
            {t('incidents.timesHint', { zone })}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {INCIDENT_TIMES.map((field) => (
              <EventTimeInput
                key={field}
                label={t(`incidents.times.${field}`)}
                zone={zone}
                value={draft.times[field]}
                instant={draft.known[field]?.text === draft.times[field] ? draft.known[field]?.instant : undefined}
                onChange={(value, instant) => setTime(field, value, instant)}
                error={errors[field]}
                disabled={readOnly}
                testId={`incident-${field}`}
              />
            ))}
          </SimpleGrid>
          {incident && (
            <Text size="sm" data-testid="incident-mttx">
              {t('incidents.mtta')}: {formatMinutes(mttaMinutes(known), lang)} · {t('incidents.mttr')}:{' '}
              {formatMinutes(mttrMinutes(known), lang)}
            </Text>
          )}
          <Textarea
            label={t('incidents.impact')}
            autosize
            minRows={2}
            value={draft.impact}
            onChange={(event) => set('impact', event.currentTarget.value)}
            error={errors.impact}
            disabled={readOnly}
          />
          <TagsInput
            label={t('incidents.affectedServices')}
            description={t('incidents.affectedServicesHint')}
            value={draft.affectedServices}
            onChange={(value) => set('affectedServices', value)}
            error={errors.affectedServices}
            disabled={readOnly}
          />
          <Textarea
            label={t('incidents.rootCause')}
            autosize
            minRows={2}
            value={draft.rootCause}
            onChange={(event) => set('rootCause', event.currentTarget.value)}
            error={errors.rootCause}
            disabled={readOnly}
          />
          <Checkbox
            label={t('incidents.security')}
            description={t('incidents.securityHint')}
            checked={draft.security}
            onChange={(event) => set('security', event.currentTarget.checked)}
            disabled={readOnly}
          />
          <Group justify="space-between">
            <Title order={4} size="h6">
              {t('incidents.actions')}
            </Title>
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<IconPlus size={14} />}
              onClick={() => set('actions', [...draft.actions, { action: '', owner: '', due: '', status: 'open' }])}
              disabled={readOnly}
            >
              {t('incidents.addAction')}
            </Button>
          </Group>
          {errors.actions && (
            <Text size="sm" c="red">
              {errors.actions}
            </Text>
          )}
          {draft.actions.map((action, index) => (
            <Group key={action.id ?? `new-${index}`} align="flex-end" gap="xs" wrap="nowrap">
              <TextInput
                label={t('incidents.action')}
                style={{ flex: 2 }}
                value={action.action}
                onChange={(event) => setAction(index, { action: event.currentTarget.value })}
                disabled={readOnly}
              />
              <TextInput
                label={t('incidents.owner')}
                style={{ flex: 1 }}
                value={action.owner}
                onChange={(event) => setAction(index, { owner: event.currentTarget.value })}
                disabled={readOnly}
              />
              <TextInput
                type="date"
                label={t('incidents.due')}
                value={action.due}
                onChange={(event) => setAction(index, { due: event.currentTarget.value })}
                disabled={readOnly}
              />
              <Select
                label={t('incidents.actionStatus')}
                w={130}
                allowDeselect={false}
                data={INCIDENT_ACTION_STATUSES.map((s) => ({ value: s, label: t(`incidents.actionStatuses.${s}`) }))}
                value={action.status}
                onChange={(value) => {
                  const status = INCIDENT_ACTION_STATUSES.find((s) => s === value);
                  if (status) setAction(index, { status });
                }}
                disabled={readOnly}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={t('incidents.removeAction', { index: index + 1 })}
                onClick={() =>
                  set(
                    'actions',
                    draft.actions.filter((_, i) => i !== index),
                  )
                }
                disabled={readOnly}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          {incident && (
            <>
              <Title order={4} size="h6">
                {t('incidents.timeline')}
              </Title>
              {timeline.data && timeline.data.length > 0 ? (
                <Timeline bulletSize={12} lineWidth={2} data-testid="incident-timeline">
                  {timeline.data.map((item) => (
                    <Timeline.Item
                      key={item.kind === 'time' ? item.field : item.entry.id}
                      title={
                        item.kind === 'time'
                          ? t(`incidents.times.${item.field}`)
                          : `${t(`warRoomLog.kinds.${item.entry.kind}`, { defaultValue: item.entry.kind })} · ${item.entry.author}`
                      }
                    >
                      <Text size="xs" c="dimmed">
                        {wallIn(item.at, zone)}
                      </Text>
                      {item.kind === 'log' && <Text size="sm">{item.entry.text}</Text>}
                    </Timeline.Item>
                  ))}
                </Timeline>
              ) : (
                <Alert color="gray">{t('incidents.timelineEmpty')}</Alert>
              )}
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('incidents.cancel')}
            </Button>
            {!readOnly && (
              <Button type="submit" loading={save.isPending}>
                {t('incidents.save')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Filled badge shades with readable text (autoContrast picks black on the light ones). */
export const SEVERITY_COLORS: Record<IncidentSeverity, string> = {
  P1: 'red.9',
  P2: 'orange.4',
  P3: 'yellow.3',
  P4: 'gray.7',
};

/** The table of severities: count, open, mean MTTA and MTTR (over resolved incidents). */
export function SeverityTable({
  rows,
}: {
  rows: readonly {
    severity: IncidentSeverity;
    count: number;
    open: number;
    mttaMinutes: number | null;
    mttrMinutes: number | null;
  }[];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  return (
    <Table withTableBorder data-testid="severity-summary">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('incidents.severity')}</Table.Th>
          <Table.Th>{t('incidents.count')}</Table.Th>
          <Table.Th>{t('incidents.open')}</Table.Th>
          <Table.Th>{t('incidents.meanMtta')}</Table.Th>
          <Table.Th>{t('incidents.meanMttr')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.severity} data-severity={row.severity}>
            <Table.Td>{row.severity}</Table.Td>
            <Table.Td>{row.count}</Table.Td>
            <Table.Td>{row.open}</Table.Td>
            <Table.Td>{formatMinutes(row.mttaMinutes, lang)}</Table.Td>
            <Table.Td>{formatMinutes(row.mttrMinutes, lang)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
