import {
  ActionIcon,
  Alert,
  Button,
  Group,
  List,
  Modal,
  Paper,
  Radio,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { isOpenIncident } from '@shared/domain/incidents';
import { CLOSURE_OUTCOMES, type ClosureOutcome, type StoredClosure } from '@shared/domain/war-room-closure';
import { IconLock, IconLockOpen, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { errorText } from '../../errors';
import { useEventMutation, useIncidents, useWarRoom } from './eventQueries';
import type { OnDutyPanelProps } from './OnDutyScreen';
import { wallIn } from './rosterFormat';

type FollowUpDraft = { action: string; owner: string; due: string };

/**
 * Closing the war room: the period's outcome, lessons learned and follow-up actions. Closing
 * writes the closure entry to the log, stops further log entries and lets the summaries and the
 * acceptance report be signed; reopening asks for a reason and keeps the closing to start from.
 */
export function ClosePanel({ engagement }: OnDutyPanelProps) {
  const state = useWarRoom(engagement.id);
  if (state.isPending || !state.data) return <Skeleton height={200} />;
  const { closedAt, closure } = state.data;
  return closedAt !== null && closure !== null ? (
    <ClosedView engagementId={engagement.id} zone={engagement.timeZone} closedAt={closedAt} closure={closure} />
  ) : (
    <CloseForm
      key={closure?.reopened?.at ?? 'first'}
      engagementId={engagement.id}
      windowEnd={engagement.eventEndUtc}
      readOnly={engagement.status === 'archived' || engagement.deletedAt !== null}
      previous={closure}
      zone={engagement.timeZone}
    />
  );
}

function ClosedView({
  engagementId,
  zone,
  closedAt,
  closure,
}: {
  engagementId: string;
  zone: string;
  closedAt: string;
  closure: StoredClosure;
}) {
  const { t } = useTranslation();
  const [reopening, setReopening] = useState(false);
  return (
    <Stack gap="md" data-testid="war-room-closed">
      <Paper withBorder p="md">
        <Group gap="sm" wrap="nowrap">
          <IconLock size={20} aria-hidden />
          <div>
            <Text fw={600}>{t('warRoomClose.closedTitle')}</Text>
            <Text size="sm">
              {t('warRoomClose.closedLine', { at: wallIn(closedAt, zone), zone, by: closure.closedBy })}
            </Text>
          </div>
        </Group>
      </Paper>
      {(closure.closedBeforeWindowEnd || closure.openIncidentsAtClose.length > 0) && (
        <Alert color="yellow" data-testid="closed-early">
          {closure.closedBeforeWindowEnd && <Text size="sm">{t('warRoomClose.closedEarly')}</Text>}
          {closure.openIncidentsAtClose.length > 0 && (
            <Text size="sm">{t('warRoomClose.closedWithOpen', { refs: closure.openIncidentsAtClose.join(', ') })}</Text>
          )}
        </Alert>
      )}
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Text fw={600}>{t(`warRoomClose.outcomes.${closure.outcome}`)}</Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{closure.summary}</Text>
        </Stack>
      </Paper>
      <Title order={3} size="h5">
        {t('warRoomClose.lessons')}
      </Title>
      {closure.lessons.length === 0 ? (
        <Text c="dimmed">{t('warRoomClose.noLessons')}</Text>
      ) : (
        <List>
          {closure.lessons.map((lesson) => (
            <List.Item key={lesson}>{lesson}</List.Item>
          ))}
        </List>
      )}
      <Title order={3} size="h5">
        {t('warRoomClose.followUps')}
      </Title>
      {closure.followUps.length === 0 ? (
        <Text c="dimmed">{t('warRoomClose.noFollowUps')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('warRoomClose.action')}</Table.Th>
              <Table.Th>{t('warRoomClose.owner')}</Table.Th>
              <Table.Th>{t('warRoomClose.due')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {closure.followUps.map((f) => (
              <Table.Tr key={`${f.action}-${f.owner}`}>
                <Table.Td>{f.action}</Table.Td>
                <Table.Td>{f.owner}</Table.Td>
                <Table.Td>{f.due ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group>
        <Button variant="default" leftSection={<IconLockOpen size={16} />} onClick={() => setReopening(true)}>
          {t('warRoomClose.reopen')}
        </Button>
      </Group>
      {reopening && <ReopenModal engagementId={engagementId} onClose={() => setReopening(false)} />}
    </Stack>
  );
}

function ReopenModal({ engagementId, onClose }: { engagementId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const reopen = useEventMutation('warroom.reopen', engagementId);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('incidents.cancel') }}
      opened
      onClose={onClose}
      title={t('warRoomClose.reopenTitle')}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          reopen.mutate({ engagementId, reason }, { onSuccess: onClose, onError: (e) => setError(errorText(t, e)) });
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('warRoomClose.reopenHint')}</Text>
          <Textarea
            label={t('warRoomClose.reason')}
            withAsterisk
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={error}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('incidents.cancel')}
            </Button>
            <Button type="submit" loading={reopen.isPending}>
              {t('warRoomClose.reopen')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function CloseForm({
  engagementId,
  windowEnd,
  readOnly,
  previous,
  zone,
}: {
  engagementId: string;
  /** The event window's end, ISO-8601 UTC: closing before it is allowed but said. */
  windowEnd: string;
  readOnly: boolean;
  previous: StoredClosure | null;
  zone: string;
}) {
  const { t } = useTranslation();
  const close = useEventMutation('warroom.close', engagementId);
  const incidents = useIncidents(engagementId);
  const openIncidents = (incidents.data ?? []).filter(isOpenIncident);
  const [outcome, setOutcome] = useState<ClosureOutcome | null>(previous?.outcome ?? null);
  const [summary, setSummary] = useState(previous?.summary ?? '');
  const [lessons, setLessons] = useState<string[]>(previous?.lessons ?? []);
  const [followUps, setFollowUps] = useState<FollowUpDraft[]>(
    (previous?.followUps ?? []).map((f) => ({ ...f, due: f.due ?? '' })),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);

  const submit = () => {
    setConfirming(false);
    if (outcome === null) {
      setErrors({ outcome: t('validation.closureOutcome') });
      return;
    }
    close.mutate(
      {
        engagementId,
        closure: {
          outcome,
          summary,
          lessons: lessons.filter((l) => l.trim() !== ''),
          followUps: followUps
            .filter((f) => f.action.trim() !== '' || f.owner.trim() !== '')
            .map((f) => ({ ...f, due: f.due === '' ? null : f.due })),
        },
      },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('warRoomClose.closedNotice') }),
        onError: (error) => {
          const field = isApiError(error) ? error.appError.field?.replace(/^closure\./, '') : undefined;
          if (field) setErrors({ [field]: errorText(t, error) });
          else notifications.show({ color: 'red', message: errorText(t, error) });
        },
      },
    );
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        setConfirming(true);
      }}
    >
      <Stack gap="md" maw={860}>
        <Text size="sm" c="dimmed">
          {t('warRoomClose.intro')}
        </Text>
        {previous?.reopened && (
          <Alert color="yellow" title={t('warRoomClose.reopenedTitle')}>
            {t('warRoomClose.reopenedLine', {
              at: wallIn(previous.reopened.at, zone),
              by: previous.reopened.by,
              reason: previous.reopened.reason,
            })}
          </Alert>
        )}
        <Radio.Group
          label={t('warRoomClose.outcome')}
          withAsterisk
          value={outcome}
          onChange={(value) => setOutcome(CLOSURE_OUTCOMES.find((o) => o === value) ?? null)}
          error={errors.outcome}
        >
          <Group mt={6}>
            {CLOSURE_OUTCOMES.map((o) => (
              <Radio key={o} value={o} label={t(`warRoomClose.outcomes.${o}`)} disabled={readOnly} />
            ))}
          </Group>
        </Radio.Group>
        <Textarea
          label={t('warRoomClose.summary')}
          description={t('warRoomClose.summaryHint')}
          withAsterisk
          autosize
          minRows={3}
          value={summary}
          onChange={(event) => setSummary(event.currentTarget.value)}
          error={errors.summary}
          disabled={readOnly}
        />
        <Group justify="space-between">
          <Title order={3} size="h5">
            {t('warRoomClose.lessons')}
          </Title>
          <Button
            size="compact-sm"
            variant="default"
            leftSection={<IconPlus size={14} />}
            onClick={() => setLessons((l) => [...l, ''])}
            disabled={readOnly}
          >
            {t('warRoomClose.addLesson')}
          </Button>
        </Group>
        {lessons.map((lesson, index) => (
          <Group key={`lesson-${index.toString()}`} gap="xs" wrap="nowrap" align="flex-end">
            <TextInput
              label={t('warRoomClose.lessonN', { n: index + 1 })}
              style={{ flex: 1 }}
              value={lesson}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setLessons((l) => l.map((x, i) => (i === index ? value : x)));
              }}
              error={errors[`lessons.${index}`]}
              disabled={readOnly}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={t('warRoomClose.removeLesson', { n: index + 1 })}
              onClick={() => setLessons((l) => l.filter((_, i) => i !== index))}
              disabled={readOnly}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Group justify="space-between">
          <Title order={3} size="h5">
            {t('warRoomClose.followUps')}
          </Title>
          <Button
            size="compact-sm"
            variant="default"
            leftSection={<IconPlus size={14} />}
            onClick={() => setFollowUps((f) => [...f, { action: '', owner: '', due: '' }])}
            disabled={readOnly}
          >
            {t('warRoomClose.addFollowUp')}
          </Button>
        </Group>
        {followUps.map((followUp, index) => {
          const set = (patch: Partial<FollowUpDraft>) =>
            setFollowUps((list) => list.map((f, i) => (i === index ? { ...f, ...patch } : f)));
          return (
            <Group key={`follow-${index.toString()}`} gap="xs" wrap="nowrap" align="flex-end">
              <TextInput
                label={t('warRoomClose.action')}
                style={{ flex: 2 }}
                value={followUp.action}
                onChange={(event) => set({ action: event.currentTarget.value })}
                error={errors[`followUps.${index}.action`]}
                disabled={readOnly}
              />
              <TextInput
                label={t('warRoomClose.owner')}
                style={{ flex: 1 }}
                value={followUp.owner}
                onChange={(event) => set({ owner: event.currentTarget.value })}
                error={errors[`followUps.${index}.owner`]}
                disabled={readOnly}
              />
              <TextInput
                type="date"
                label={t('warRoomClose.due')}
                value={followUp.due}
                onChange={(event) => set({ due: event.currentTarget.value })}
                error={errors[`followUps.${index}.due`]}
                disabled={readOnly}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={t('warRoomClose.removeFollowUp', { n: index + 1 })}
                onClick={() => setFollowUps((list) => list.filter((_, i) => i !== index))}
                disabled={readOnly}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          );
        })}
        {!readOnly && (
          <Group>
            <Button type="submit" leftSection={<IconLock size={16} />} loading={close.isPending}>
              {t('warRoomClose.close')}
            </Button>
          </Group>
        )}
      </Stack>
      <Modal
        closeButtonProps={{ 'aria-label': t('incidents.cancel') }}
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('warRoomClose.confirmTitle')}
      >
        <Stack gap="sm">
          <Text size="sm">{t('warRoomClose.confirmBody')}</Text>
          {confirming && Date.now() < Date.parse(windowEnd) && (
            <Alert color="yellow" data-testid="close-window-open">
              {t('warRoomClose.windowNotEnded', { end: wallIn(windowEnd, zone), zone })}
            </Alert>
          )}
          {openIncidents.length > 0 && (
            <Alert color="orange" title={t('warRoomClose.openIncidents', { count: openIncidents.length })}>
              <List size="sm" data-testid="close-open-incidents">
                {openIncidents.map((incident) => (
                  <List.Item key={incident.id}>
                    {incident.ref} · {incident.severity} · {incident.title}
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('incidents.cancel')}
            </Button>
            <Button onClick={submit} data-autofocus>
              {t('warRoomClose.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}
