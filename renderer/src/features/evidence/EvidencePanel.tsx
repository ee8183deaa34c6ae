/**
 * Evidence on one answer or finding: thumbnails with editable captions, added by drag-and-drop,
 * paste (Ctrl/Cmd+V on the panel) or the file dialog; removal waits a few seconds for an undo.
 */
import '@mantine/dropzone/styles.css';
import { ActionIcon, Alert, Anchor, Group, Image, Loader, Paper, Stack, Text, TextInput } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { notifications } from '@mantine/notifications';
import type { EvidenceLink, EvidenceTargetKind } from '@shared/domain/evidence';
import { EVIDENCE_ACCEPT, EVIDENCE_MAX_BYTES, formatBytes } from '@shared/domain/evidence';
import { IconFile, IconTrash, IconUpload } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, isApiError } from '../../api';
import { errorText } from '../../errors';
import { toBase64 } from '../../files';

export type EvidencePanelProps = {
  engagementId: string;
  targetKind: EvidenceTargetKind;
  targetId: string;
  readOnly?: boolean;
};

/** What the answering screen binds a key to. */
export type EvidencePanelHandle = { openFileDialog: () => void; addFiles: (files: File[]) => Promise<void> };

const UNDO_MS = 5000;

const evidenceKey = (engagementId: string, targetKind: string, targetId: string) =>
  ['evidence', engagementId, targetKind, targetId] as const;

function Thumbnail({ link }: { link: EvidenceLink }) {
  const { t } = useTranslation();
  const { data } = useQuery({
    queryKey: ['evidence.read', link.sha256, 'thumbnail'],
    queryFn: () => call('evidence.read', { sha256: link.sha256, variant: 'thumbnail' }),
    enabled: link.hasThumbnail,
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (!link.hasThumbnail) return <IconFile size={48} aria-hidden />;
  if (!data) return <Loader size="sm" />;
  return (
    <Image
      src={`data:${data.mediaType};base64,${data.dataBase64}`}
      alt={t('evidence.thumbnailAlt', { name: link.fileName })}
      w={160}
      h={120}
      fit="contain"
    />
  );
}

function Caption({ link, readOnly }: { link: EvidenceLink; readOnly: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [value, setValue] = useState(link.caption);
  useEffect(() => setValue(link.caption), [link.caption]);
  const save = async () => {
    if (value.trim() === link.caption) return;
    try {
      await call('evidence.caption', { engagementId: link.engagementId, linkId: link.id, caption: value });
      await queryClient.invalidateQueries({ queryKey: ['evidence', link.engagementId] });
    } catch (error) {
      notifications.show({ color: 'red', message: errorText(t, error) });
    }
  };
  return (
    <TextInput
      size="xs"
      aria-label={t('evidence.captionOf', { name: link.fileName })}
      placeholder={t('evidence.captionPlaceholder')}
      value={value}
      readOnly={readOnly}
      maxLength={2000}
      onChange={(event) => setValue(event.currentTarget.value)}
      onBlur={save}
      onKeyDown={(event) => {
        if (event.key === 'Enter') event.currentTarget.blur();
      }}
    />
  );
}

export const EvidencePanel = forwardRef<EvidencePanelHandle, EvidencePanelProps>(function EvidencePanel(
  { engagementId, targetKind, targetId, readOnly = false },
  ref,
) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const openRef = useRef<() => void>(null);
  const [adding, setAdding] = useState<string[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const pending = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const key = evidenceKey(engagementId, targetKind, targetId);
  const { data: links = [], error } = useQuery({
    queryKey: key,
    queryFn: () => call('evidence.list', { engagementId, targetKind, targetId }),
  });

  const fileError = useCallback(
    (file: File, failure: unknown): string => {
      const messageKey = isApiError(failure) ? failure.appError.messageKey : undefined;
      if (messageKey?.startsWith('evidence.errors.')) {
        return t(messageKey, { name: file.name, size: formatBytes(file.size) });
      }
      return t('evidence.errors.failed', { name: file.name, message: errorText(t, failure) });
    },
    [t],
  );

  const addFiles = useCallback(
    async (files: File[]) => {
      if (readOnly || files.length === 0) return;
      setErrors([]);
      let added = 0;
      const problems: string[] = [];
      for (const file of files) {
        const name = file.name || 'pasted.png';
        if (file.size > EVIDENCE_MAX_BYTES) {
          problems.push(t('evidence.errors.tooLarge', { name, size: formatBytes(file.size) }));
          continue;
        }
        setAdding((names) => [...names, name]);
        try {
          const dataBase64 = toBase64(await file.arrayBuffer());
          await call('evidence.add', {
            engagementId,
            targetKind,
            targetId,
            fileName: name,
            mediaType: file.type,
            dataBase64,
          });
          added += 1;
        } catch (failure) {
          problems.push(fileError(new File([], name, { type: file.type }), failure));
        } finally {
          setAdding((names) => names.filter((n) => n !== name));
        }
      }
      setErrors(problems);
      await queryClient.invalidateQueries({ queryKey: key });
      if (added > 0) notifications.show({ message: t('evidence.added', { count: added }) });
    },
    [engagementId, targetKind, targetId, readOnly, queryClient, t, fileError, key],
  );

  useImperativeHandle(ref, () => ({ openFileDialog: () => openRef.current?.(), addFiles }), [addFiles]);

  const commitRemove = useCallback(
    async (link: EvidenceLink) => {
      pending.current.delete(link.id);
      try {
        await call('evidence.remove', { engagementId, linkId: link.id });
      } catch (failure) {
        notifications.show({ color: 'red', message: errorText(t, failure) });
      }
      await queryClient.invalidateQueries({ queryKey: key });
      setHidden((set) => {
        const next = new Set(set);
        next.delete(link.id);
        return next;
      });
    },
    [engagementId, queryClient, key, t],
  );

  // Removals still waiting for their undo happen when the panel goes away.
  useEffect(() => {
    const timers = pending.current;
    return () => {
      for (const [linkId, timer] of timers) {
        clearTimeout(timer);
        void call('evidence.remove', { engagementId, linkId }).catch(() => {});
      }
      timers.clear();
    };
  }, [engagementId]);

  const remove = (link: EvidenceLink) => {
    setHidden((set) => new Set(set).add(link.id));
    const id = `evidence-remove-${link.id}`;
    const timer = setTimeout(() => {
      notifications.hide(id);
      void commitRemove(link);
    }, UNDO_MS);
    pending.current.set(link.id, timer);
    notifications.show({
      id,
      autoClose: UNDO_MS,
      message: (
        <Group justify="space-between">
          <Text size="sm">{t('evidence.removed', { name: link.fileName })}</Text>
          <Anchor
            component="button"
            size="sm"
            onClick={() => {
              clearTimeout(timer);
              pending.current.delete(link.id);
              notifications.hide(id);
              setHidden((set) => {
                const next = new Set(set);
                next.delete(link.id);
                return next;
              });
            }}
          >
            {t('evidence.undo')}
          </Anchor>
        </Group>
      ),
    });
  };

  const onPaste = (event: React.ClipboardEvent) => {
    const files = Array.from(event.clipboardData.files);
    if (files.length === 0 || readOnly) return;
    // A caption field keeps pasted text; only files become evidence.
    event.preventDefault();
    void addFiles(files);
  };

  const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
  const visible = links.filter((link) => !hidden.has(link.id));

  return (
    <Stack gap="xs" onPaste={onPaste} data-testid="evidence-panel">
      {error ? <Alert color="red">{errorText(t, error)}</Alert> : null}
      {visible.length === 0 && adding.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('evidence.empty')}
        </Text>
      ) : null}
      <Group align="flex-start" gap="sm">
        {visible.map((link) => (
          <Paper key={link.id} withBorder p="xs" w={180} data-testid="evidence-item">
            <Stack gap={4} align="center">
              <Thumbnail link={link} />
              <Group gap={4} wrap="nowrap" w="100%" justify="space-between">
                <Text size="xs" truncate title={link.fileName}>
                  {link.fileName}
                </Text>
                {readOnly ? null : (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="sm"
                    aria-label={t('evidence.remove', { name: link.fileName })}
                    onClick={() => remove(link)}
                  >
                    <IconTrash size={14} />
                  </ActionIcon>
                )}
              </Group>
              <Caption link={link} readOnly={readOnly} />
            </Stack>
          </Paper>
        ))}
        {adding.map((name) => (
          <Paper key={`adding-${name}`} withBorder p="xs" w={180}>
            <Group gap="xs" wrap="nowrap">
              <Loader size="xs" />
              <Text size="xs" truncate>
                {t('evidence.adding', { name })}
              </Text>
            </Group>
          </Paper>
        ))}
      </Group>
      {errors.map((message) => (
        <Alert
          key={message}
          color="red"
          withCloseButton
          closeButtonLabel={t('evidence.dismiss')}
          onClose={() => setErrors((list) => list.filter((m) => m !== message))}
        >
          {message}
        </Alert>
      ))}
      {readOnly ? null : (
        <Dropzone
          openRef={openRef}
          onDrop={(files) => void addFiles(files)}
          // The core decides by the bytes; the dialog filter only helps the consultant find files.
          accept={EVIDENCE_ACCEPT}
          multiple
          loading={adding.length > 0}
          aria-label={t('evidence.choose')}
        >
          <Group justify="center" gap="sm" mih={60} style={{ pointerEvents: 'none' }}>
            <IconUpload size={24} aria-hidden />
            <div>
              <Text size="sm">{t(isMac ? 'evidence.dropMac' : 'evidence.drop')}</Text>
              <Text size="xs" c="dimmed">
                {t('evidence.accepts')}
              </Text>
            </div>
          </Group>
        </Dropzone>
      )}
    </Stack>
  );
});

/**
 * Binds a key (default `e`, ignored while typing in a field) to the panel's file dialog, for the
 * answering screen's keyboard-first flow.
 */
export function useEvidenceShortcut(panel: React.RefObject<EvidencePanelHandle | null>, key = 'e', enabled = true) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (event.key !== key || event.ctrlKey || event.metaKey || event.altKey) return;
      event.preventDefault();
      panel.current?.openFileDialog();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [panel, key, enabled]);
}
