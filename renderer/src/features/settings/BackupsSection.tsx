/**
 * Settings → Backups: what the backups folder holds, how many rolling backups are kept, a backup
 * now saved where the consultant chooses, and restoring one (after the core has checked it and
 * kept the current data as a backup of its own).
 */
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  FileButton,
  Group,
  Modal,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { BackupInfo } from '@shared/domain/backup';
import { MAX_BACKUPS_KEPT } from '@shared/domain/backup';
import { formatBytes } from '@shared/domain/evidence';
import type { Settings } from '@shared/domain/settings';
import { IconDatabaseExport, IconDeviceFloppy, IconFolderOpen, IconRestore, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { errorText } from '../../errors';
import { downloadFile, fromBase64, sendInParts } from '../../files';
import { instant } from '../../format';
import { useUpdateSettings } from './queries';

const backupsKey = ['backups'] as const;

/** Sends a backup file from elsewhere part by part; the core checks it in full before listing it. */
async function addBackupFile(file: File): Promise<BackupInfo> {
  const uploadId = await sendInParts(file, {
    begin: () => call('backup.uploadBegin', { fileName: file.name, bytes: file.size }),
    sendPart: (part) => call('backup.uploadChunk', part),
  });
  return call('backup.add', { uploadId });
}

/** Fetches the backup part by part and hands it to the download (Electron: the OS save dialog). */
async function saveBackupCopy(backup: BackupInfo): Promise<void> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (let index = 0; ; index += 1) {
    const part = await call('backup.chunk', { fileName: backup.fileName, index });
    parts.push(fromBase64(part.dataBase64));
    if (part.last) break;
  }
  downloadFile(backup.fileName, new Blob(parts, { type: 'application/vnd.sqlite3' }));
}

function StatusBadge({ backup }: { backup: BackupInfo }) {
  const { t } = useTranslation();
  if (backup.status === 'ok') return null;
  return (
    <Badge color={backup.status === 'newer' ? 'yellow' : 'red'} variant="light">
      {t(`backups.status.${backup.status}`)}
    </Badge>
  );
}

export function BackupsSection({ settings }: { settings: Settings }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const update = useUpdateSettings();
  const backups = useQuery({ queryKey: backupsKey, queryFn: () => call('backup.list', {}) });
  const [kept, setKept] = useState<number | string>(settings.backupsKept);
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);
  const [removing, setRemoving] = useState<BackupInfo | null>(null);
  const [saving, setSaving] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: backupsKey });
  const failed = (error: unknown) => notifications.show({ color: 'red', message: errorText(t, error) });

  const backUpNow = useMutation({
    mutationFn: async () => {
      const backup = await call('backup.create', {});
      await saveBackupCopy(backup);
      return backup;
    },
    onSuccess: (backup) => {
      void refresh();
      notifications.show({
        color: 'green',
        message: t('backups.created', { name: backup.fileName, size: formatBytes(backup.bytes) }),
      });
    },
    onError: failed,
  });

  const addFile = useMutation({
    mutationFn: addBackupFile,
    onSuccess: (backup) => {
      void refresh();
      notifications.show({
        color: 'green',
        message: t('backups.added', {
          when: backup.createdAt ? instant(backup.createdAt, i18n.language) : backup.fileName,
        }),
      });
    },
    onError: failed,
  });

  const restore = useMutation({
    mutationFn: (backup: BackupInfo) => call('backup.restore', { fileName: backup.fileName }),
    onSuccess: () => {
      // Every screen's data changed at once: start the window afresh on the restored store.
      window.location.hash = '#/';
      window.location.reload();
    },
    onError: (error) => {
      setRestoring(null);
      void refresh();
      failed(error);
    },
  });

  const remove = useMutation({
    mutationFn: (backup: BackupInfo) => call('backup.remove', { fileName: backup.fileName }),
    onSuccess: () => {
      setRemoving(null);
      void refresh();
    },
    onError: (error) => {
      setRemoving(null);
      failed(error);
    },
  });

  const saveKept = (value: number | string) => {
    setKept(value);
    if (typeof value !== 'number' || value < 1 || value > MAX_BACKUPS_KEPT || value === settings.backupsKept) return;
    update.mutate({ backupsKept: value }, { onError: failed });
  };

  const saveCopy = async (backup: BackupInfo) => {
    setSaving(backup.fileName);
    try {
      await saveBackupCopy(backup);
    } catch (error) {
      failed(error);
    } finally {
      setSaving(null);
    }
  };

  const list = backups.data ?? [];
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="backups-title">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} size="h4" id="backups-title">
              {t('backups.title')}
            </Title>
            <Text size="sm" c="dimmed" maw={520}>
              {t('backups.intro')}
            </Text>
          </div>
          <Group gap="xs">
            <FileButton accept=".vigilbackup" onChange={(file) => file && addFile.mutate(file)}>
              {(props) => (
                <Button
                  {...props}
                  variant="default"
                  leftSection={<IconFolderOpen size={18} />}
                  loading={addFile.isPending}
                >
                  {t('backups.openFile')}
                </Button>
              )}
            </FileButton>
            <Button
              leftSection={<IconDatabaseExport size={18} />}
              onClick={() => backUpNow.mutate()}
              loading={backUpNow.isPending}
            >
              {t('backups.backUpNow')}
            </Button>
          </Group>
        </Group>
        <NumberInput
          label={t('backups.kept')}
          description={t('backups.keptHint')}
          value={kept}
          onChange={saveKept}
          min={1}
          max={MAX_BACKUPS_KEPT}
          allowDecimal={false}
          clampBehavior="strict"
          w={260}
        />
        {list.length === 0 ? (
          <Text size="sm" c="dimmed">
            {backups.isLoading ? '…' : t('backups.none')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" aria-labelledby="backups-title">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('backups.columns.createdAt')}</Table.Th>
                  <Table.Th>{t('backups.columns.reason')}</Table.Th>
                  <Table.Th ta="right">{t('backups.columns.engagements')}</Table.Th>
                  <Table.Th ta="right">{t('backups.columns.size')}</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">{t('list.columns.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((backup) => (
                  <Table.Tr key={backup.fileName}>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Text size="sm" title={backup.fileName} style={{ whiteSpace: 'nowrap' }}>
                          {backup.createdAt ? instant(backup.createdAt, i18n.language) : backup.fileName}
                        </Text>
                        <StatusBadge backup={backup} />
                      </Group>
                      {backup.problem && (
                        <Text size="xs" c="dimmed">
                          {backup.problem}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {backup.reason ? t(`backups.reason.${backup.reason}`) : '—'}
                    </Table.Td>
                    <Table.Td ta="right">{backup.engagements ?? '—'}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {formatBytes(backup.bytes)}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} justify="flex-end" wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          leftSection={<IconDeviceFloppy size={16} />}
                          loading={saving === backup.fileName}
                          aria-label={t('backups.saveCopyNamed', { name: backup.fileName })}
                          onClick={() => void saveCopy(backup)}
                        >
                          {t('backups.saveCopy')}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="light"
                          leftSection={<IconRestore size={16} />}
                          disabled={backup.status !== 'ok'}
                          aria-label={t('backups.restoreNamed', { name: backup.fileName })}
                          onClick={() => setRestoring(backup)}
                        >
                          {t('backups.restore')}
                        </Button>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('backups.removeNamed', { name: backup.fileName })}
                          onClick={() => setRemoving(backup)}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <Modal
        opened={restoring !== null}
        onClose={() => {
          if (!restore.isPending) setRestoring(null);
        }}
        title={t('backups.confirmTitle')}
        centered
        closeButtonProps={{ 'aria-label': t('form.cancel') }}
      >
        {restoring && (
          <Stack>
            <Text>
              {t('backups.confirmBody', {
                when: restoring.createdAt ? instant(restoring.createdAt, i18n.language) : restoring.fileName,
                count: restoring.engagements ?? 0,
              })}
            </Text>
            <Alert color="blue" variant="light">
              {t('backups.confirmSafety')}
            </Alert>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRestoring(null)} disabled={restore.isPending} data-autofocus>
                {t('form.cancel')}
              </Button>
              <Button color="red" onClick={() => restore.mutate(restoring)} loading={restore.isPending}>
                {t('backups.confirm')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <Modal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={t('backups.removeTitle')}
        centered
        closeButtonProps={{ 'aria-label': t('form.cancel') }}
      >
        {removing && (
          <Stack>
            <Text>
              {t('backups.removeBody', {
                when: removing.createdAt ? instant(removing.createdAt, i18n.language) : removing.fileName,
              })}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRemoving(null)} data-autofocus>
                {t('form.cancel')}
              </Button>
              <Button color="red" onClick={() => remove.mutate(removing)} loading={remove.isPending}>
                {t('backups.removeConfirm')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Paper>
  );
}
