import { Alert, Badge, Button, Group, Modal, Select, Skeleton, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { localToUtc, utcToLocal } from '@shared/domain/time';
import { type LogEntry, WRITABLE_LOG_KINDS, type WritableLogKind } from '@shared/domain/war-room-log';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../errors';
import { wallTime } from '../../format';
import { useLogRevisions } from './logQueries';

type RevisionInput = { id: string; text: string; kind: WritableLogKind; occurredAt?: string };

/** Edits an entry by adding a revision: the earlier text stays readable under "revised". */
export function LogEntryEditor({
  entry,
  zone,
  onClose,
  onSave,
}: {
  entry: LogEntry | null;
  zone: string;
  onClose: () => void;
  onSave: (input: RevisionInput) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [kind, setKind] = useState<WritableLogKind>('observation');
  const [time, setTime] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!entry) return;
    setText(entry.text);
    setKind(WRITABLE_LOG_KINDS.find((k) => k === entry.kind) ?? 'observation');
    setTime(utcToLocal(entry.occurredAt, zone));
    setError(null);
  }, [entry, zone]);

  const save = async () => {
    if (!entry) return;
    const originalTime = utcToLocal(entry.occurredAt, zone);
    let occurredAt: string | undefined;
    if (time !== originalTime) {
      const utc = localToUtc(time, zone);
      if (utc === null) {
        setError(t('validation.localTimeMissing'));
        return;
      }
      occurredAt = utc;
    }
    setSaving(true);
    try {
      await onSave({ id: entry.id, text, kind, ...(occurredAt ? { occurredAt } : {}) });
      onClose();
    } catch (failure) {
      setError(errorText(t, failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened={entry !== null} onClose={onClose} title={t('warRoomLog.editTitle')} size="lg">
      <Stack gap="sm">
        <Group grow align="flex-start">
          <Select
            label={t('warRoomLog.kind')}
            data={WRITABLE_LOG_KINDS.map((k) => ({ value: k, label: t(`warRoomLog.kinds.${k}`) }))}
            value={kind}
            onChange={(value) => {
              const chosen = WRITABLE_LOG_KINDS.find((k) => k === value);
              if (chosen) setKind(chosen);
            }}
            allowDeselect={false}
          />
          <TextInput
            type="datetime-local"
            label={t('warRoomLog.time', { zone })}
            value={time}
            onChange={(e) => setTime(e.currentTarget.value)}
          />
        </Group>
        <Textarea
          label={t('warRoomLog.text')}
          data-autofocus
          autosize
          minRows={3}
          maxRows={12}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void save();
            }
          }}
          error={error}
        />
        <Text size="xs" c="dimmed">
          {t('warRoomLog.editHint')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button onClick={() => void save()} loading={saving} disabled={text.trim() === ''}>
            {t('warRoomLog.saveRevision')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Every text an entry has had, oldest first, with who wrote each and when. */
export function LogRevisionsModal({
  engagementId,
  entry,
  zone,
  onClose,
}: {
  engagementId: string;
  entry: LogEntry | null;
  zone: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const revisions = useLogRevisions(engagementId, entry?.id ?? null);
  return (
    <Modal opened={entry !== null} onClose={onClose} title={t('warRoomLog.revisionsTitle')} size="lg">
      {revisions.isError ? (
        <Alert color="red">{errorText(t, revisions.error)}</Alert>
      ) : revisions.isPending ? (
        <Skeleton h={120} />
      ) : (
        <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {revisions.data.map((revision, index) => (
            <li key={revision.revisionId} data-testid="log-revision">
              <Group gap="xs" mb={2}>
                <Badge size="xs" variant="light" color={index === revisions.data.length - 1 ? 'blue' : 'gray'}>
                  {index === 0 ? t('warRoomLog.original') : t('warRoomLog.revisionN', { n: index })}
                </Badge>
                <Text size="xs" c="dimmed">
                  {t('warRoomLog.writtenBy', {
                    who: revision.writtenBy,
                    when: wallTime(utcToLocal(revision.writtenAt, zone)),
                  })}
                </Text>
                <Text size="xs" c="dimmed">
                  · {t(`warRoomLog.kinds.${revision.kind}`)} · {wallTime(utcToLocal(revision.occurredAt, zone))}
                </Text>
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {revision.text}
              </Text>
            </li>
          ))}
        </Stack>
      )}
    </Modal>
  );
}
