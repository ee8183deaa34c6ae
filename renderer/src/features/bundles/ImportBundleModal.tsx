import {
  Alert,
  Button,
  Group,
  List,
  Modal,
  PasswordInput,
  Progress,
  Radio,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { notifications } from '@mantine/notifications';
import type { BundleSummary, OnExisting } from '@shared/domain/bundle';
import type { Engagement } from '@shared/domain/engagement';
import { formatBytes } from '@shared/domain/evidence';
import { IconPackageImport } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, isApiError } from '../../api';
import { errorText } from '../../errors';
import { instant } from '../../format';
import { engagementKeys } from '../engagements/queries';
import { uploadBundleFile } from './transfer';

type Refusal = { text: string; details: string[] };
type Existing = { id: string; eventName: string; customerOrg: string; updatedAt: string };
type Step =
  | { kind: 'choose'; refusal?: Refusal }
  | { kind: 'uploading'; fileName: string; sent: number; bytes: number }
  | { kind: 'checking'; fileName: string }
  | { kind: 'passphrase'; fileName: string; error?: string }
  | { kind: 'ready'; summary: BundleSummary; existing: Existing | null; error?: string }
  | { kind: 'importing'; summary: BundleSummary; existing: Existing | null };

/**
 * Import a `.vigil` bundle: choose or drop the file, watch it upload, give the passphrase when it
 * is encrypted, read what it holds, choose keep both or replace when the engagement is already
 * here, and import. A refused file shows why, and nothing has changed.
 */
export function ImportBundleModal(props: {
  opened: boolean;
  onClose: () => void;
  onImported: (engagement: Engagement) => void;
  /** A bundle already in the core (opened from the desktop): the dialog starts by checking it. */
  initialUpload?: { uploadId: string; fileName: string } | null;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [passphrase, setPassphrase] = useState('');
  const [choice, setChoice] = useState<OnExisting>('keep-both');
  const uploadId = useRef<string | null>(null);
  const cancelled = useRef(false);

  useEffect(() => {
    if (props.opened) {
      setStep({ kind: 'choose' });
      setPassphrase('');
      setChoice('keep-both');
      uploadId.current = null;
      cancelled.current = false;
    }
  }, [props.opened]);

  const refused = (error: unknown) => {
    uploadId.current = null;
    const details = isApiError(error) ? (error.appError.details ?? []) : [];
    setStep({ kind: 'choose', refusal: { text: errorText(t, error), details } });
  };

  const inspect = async (fileName: string, secret?: string) => {
    const id = uploadId.current;
    if (!id) return;
    setStep({ kind: 'checking', fileName });
    try {
      const inspection = await call('bundle.inspect', { uploadId: id, ...(secret ? { passphrase: secret } : {}) });
      if (cancelled.current) return;
      if (inspection.state === 'needsPassphrase') setStep({ kind: 'passphrase', fileName });
      else setStep({ kind: 'ready', summary: inspection.summary, existing: inspection.existing });
    } catch (error) {
      if (cancelled.current) return;
      if (isApiError(error) && error.appError.messageKey === 'bundle.refused.wrongPassphrase') {
        // The core keeps the file: another passphrase can be tried without sending it again.
        setStep({ kind: 'passphrase', fileName, error: errorText(t, error) });
        return;
      }
      refused(error);
    }
  };

  const initialUpload = props.opened ? (props.initialUpload ?? null) : null;
  const inspectRef = useRef(inspect);
  inspectRef.current = inspect;
  useEffect(() => {
    if (!initialUpload) return;
    uploadId.current = initialUpload.uploadId;
    void inspectRef.current(initialUpload.fileName);
  }, [initialUpload]);

  const choose = async (file: File | undefined) => {
    if (!file) return;
    cancelled.current = false;
    setPassphrase('');
    setStep({ kind: 'uploading', fileName: file.name, sent: 0, bytes: file.size });
    try {
      await uploadBundleFile(
        file,
        (begun) => {
          uploadId.current = begun;
        },
        (sent) => setStep({ kind: 'uploading', fileName: file.name, sent, bytes: file.size }),
        () => cancelled.current,
      );
      if (cancelled.current) return;
      await inspect(file.name);
    } catch (error) {
      if (!cancelled.current) refused(error);
    }
  };

  const start = async (summary: BundleSummary, existing: Existing | null) => {
    const id = uploadId.current;
    if (!id) return;
    setStep({ kind: 'importing', summary, existing });
    try {
      const result = await call('bundle.import', {
        uploadId: id,
        ...(passphrase ? { passphrase } : {}),
        ...(existing ? { onExisting: choice } : {}),
      });
      uploadId.current = null;
      await queryClient.invalidateQueries({ queryKey: engagementKeys.all });
      notifications.show({ color: 'teal', message: t('bundle.imported', { name: result.engagement.eventName }) });
      props.onImported(result.engagement);
      props.onClose();
    } catch (error) {
      if (isApiError(error) && error.appError.code === 'INVALID_INPUT') {
        refused(error);
        return;
      }
      setStep({ kind: 'ready', summary, existing, error: errorText(t, error) });
    }
  };

  const close = () => {
    cancelled.current = true;
    const id = uploadId.current;
    uploadId.current = null;
    if (id) void call('bundle.cancel', { uploadId: id }).catch(() => {});
    props.onClose();
  };

  const busy = step.kind === 'importing' || step.kind === 'checking';

  return (
    <Modal
      opened={props.opened}
      onClose={() => {
        if (!busy) close();
      }}
      title={t('bundle.importTitle')}
      size="lg"
      closeOnClickOutside={step.kind === 'choose'}
      closeButtonProps={{ 'aria-label': t('form.cancel') }}
    >
      {step.kind === 'choose' && (
        <Stack gap="sm">
          {step.refusal && (
            <Alert color="red" title={t('bundle.refusedTitle')} data-testid="bundle-refused" role="alert">
              <Stack gap={4}>
                <Text size="sm">{step.refusal.text}</Text>
                {step.refusal.details.length > 0 && (
                  <List size="xs" c="dimmed">
                    {step.refusal.details.map((detail) => (
                      <List.Item key={detail}>
                        <Text span size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
                          {detail}
                        </Text>
                      </List.Item>
                    ))}
                  </List>
                )}
                <Text size="sm" fw={600}>
                  {t('bundle.refusedNothingChanged')}
                </Text>
              </Stack>
            </Alert>
          )}
          <Dropzone
            onDrop={(files) => void choose(files[0])}
            onReject={(rejections) => void choose(rejections[0]?.file)}
            multiple={false}
            aria-label={t('bundle.chooseFile')}
            data-autofocus
          >
            <Stack align="center" gap={4} mih={120} justify="center" style={{ pointerEvents: 'none' }}>
              <IconPackageImport size={32} aria-hidden />
              <Text fw={600}>{t('bundle.dropFile')}</Text>
              <Text size="sm" c="dimmed" ta="center">
                {t('bundle.dropFileHint')}
              </Text>
            </Stack>
          </Dropzone>
        </Stack>
      )}

      {step.kind === 'uploading' && (
        <Stack gap={4}>
          <Text size="sm">
            {t('bundle.uploading', {
              name: step.fileName,
              done: formatBytes(step.sent),
              total: formatBytes(step.bytes),
            })}
          </Text>
          <Progress value={step.bytes ? (step.sent / step.bytes) * 100 : 0} aria-label={t('bundle.chooseFile')} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              {t('form.cancel')}
            </Button>
          </Group>
        </Stack>
      )}

      {step.kind === 'checking' && (
        <Stack gap={4}>
          <Text size="sm">{t('bundle.checking', { name: step.fileName })}</Text>
          <Progress value={100} animated aria-label={t('bundle.checking', { name: step.fileName })} />
        </Stack>
      )}

      {step.kind === 'passphrase' && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (passphrase) void inspect(step.fileName, passphrase);
          }}
        >
          <Stack gap="sm">
            <Text size="sm">{t('bundle.needsPassphrase', { name: step.fileName })}</Text>
            <PasswordInput
              label={t('bundle.passphraseLabel')}
              value={passphrase}
              onChange={(event) => setPassphrase(event.currentTarget.value)}
              error={step.error}
              autoComplete="off"
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('form.cancel')}
              </Button>
              <Button type="submit" disabled={passphrase === ''}>
                {t('bundle.open')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}

      {(step.kind === 'ready' || step.kind === 'importing') && (
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t('bundle.summaryTitle')}
          </Title>
          <Table withRowBorders={false} verticalSpacing={4} data-testid="bundle-summary">
            <Table.Tbody>
              {[
                [t('bundle.summary.engagement'), step.summary.eventName],
                [t('bundle.summary.customer'), step.summary.customerOrg],
                [t('bundle.summary.created'), instant(step.summary.createdAt, i18n.language)],
                [
                  t('bundle.summary.appVersion'),
                  t('bundle.summary.appVersionValue', {
                    version: step.summary.appVersion,
                    schema: step.summary.schemaVersion,
                  }),
                ],
                [
                  t('bundle.summary.contents'),
                  t('bundle.summary.contentsValue', {
                    rows: step.summary.rows,
                    files: step.summary.files,
                    size: formatBytes(step.summary.bytes),
                  }),
                ],
                [
                  t('bundle.summary.encrypted'),
                  step.summary.encrypted ? t('bundle.summary.yes') : t('bundle.summary.no'),
                ],
              ].map(([label, value]) => (
                <Table.Tr key={label}>
                  <Table.Th w="35%" fw={500} c="dimmed">
                    {label}
                  </Table.Th>
                  <Table.Td>{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {step.existing && (
            <>
              {/* The title in the body: yellow's own title colour is too faint to read on its ground. */}
              <Alert color="yellow">
                <Text size="sm" fw={700}>
                  {t('bundle.existsTitle')}
                </Text>
                <Text size="sm">
                  {t('bundle.existsBody', {
                    name: step.existing.eventName,
                    customer: step.existing.customerOrg,
                    when: instant(step.existing.updatedAt, i18n.language),
                  })}
                </Text>
              </Alert>
              <Radio.Group
                value={choice}
                onChange={(value) => setChoice(value === 'replace' ? 'replace' : 'keep-both')}
                aria-label={t('bundle.existsTitle')}
              >
                <Stack gap="sm">
                  <Radio
                    value="keep-both"
                    label={t('bundle.keepBoth')}
                    description={t('bundle.keepBothHint')}
                    disabled={step.kind === 'importing'}
                  />
                  <Radio
                    value="replace"
                    label={t('bundle.replace')}
                    description={t('bundle.replaceHint')}
                    disabled={step.kind === 'importing'}
                  />
                </Stack>
              </Radio.Group>
            </>
          )}
          {step.kind === 'ready' && step.error && <Alert color="red">{step.error}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={step.kind === 'importing'}>
              {t('form.cancel')}
            </Button>
            <Button
              color={step.existing && choice === 'replace' ? 'red' : undefined}
              loading={step.kind === 'importing'}
              onClick={() => void start(step.summary, step.existing)}
              data-autofocus
            >
              {step.existing && choice === 'replace' ? t('bundle.replace') : t('bundle.import')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
