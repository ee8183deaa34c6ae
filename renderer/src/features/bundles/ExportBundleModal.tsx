import { Alert, Button, Group, Modal, PasswordInput, Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { BUNDLE_PASSPHRASE_MIN_CHARS } from '@shared/domain/bundle';
import type { Engagement } from '@shared/domain/engagement';
import { formatBytes } from '@shared/domain/evidence';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { errorText } from '../../errors';
import { saveExportedBundle } from './transfer';

type Step =
  | { kind: 'form'; error?: string }
  | { kind: 'exporting' }
  | { kind: 'downloading'; done: number; total: number };

/**
 * Export an engagement as a `.vigil` bundle: an optional passphrase (typed twice), then the core
 * writes the bundle and the window fetches it and hands it to the download (the save dialog).
 */
export function ExportBundleModal(props: { engagement: Engagement; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [step, setStep] = useState<Step>({ kind: 'form' });

  useEffect(() => {
    if (props.opened) {
      setPassphrase('');
      setConfirm('');
      setSubmitted(false);
      setStep({ kind: 'form' });
    }
  }, [props.opened]);

  const tooShort = passphrase !== '' && passphrase.length < BUNDLE_PASSPHRASE_MIN_CHARS;
  const mismatch = passphrase !== '' && confirm !== passphrase;
  const busy = step.kind !== 'form';

  const start = async () => {
    setSubmitted(true);
    if (tooShort || mismatch) return;
    setStep({ kind: 'exporting' });
    try {
      const exported = await call('bundle.export', {
        engagementId: props.engagement.id,
        ...(passphrase ? { passphrase } : {}),
      });
      setStep({ kind: 'downloading', done: 0, total: exported.bytes });
      await saveExportedBundle(exported, (done) => setStep({ kind: 'downloading', done, total: exported.bytes }));
      notifications.show({
        color: 'teal',
        message: t('bundle.exported', { name: exported.fileName, size: formatBytes(exported.bytes) }),
      });
      props.onClose();
    } catch (error) {
      setStep({ kind: 'form', error: errorText(t, error) });
    }
  };

  return (
    <Modal
      opened={props.opened}
      onClose={() => {
        if (!busy) props.onClose();
      }}
      title={t('bundle.exportTitle', { name: props.engagement.eventName })}
      closeButtonProps={{ 'aria-label': t('form.cancel') }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('bundle.exportIntro')}</Text>
          {step.kind === 'form' && step.error && (
            <Alert color="red" data-testid="bundle-export-error">
              {step.error}
            </Alert>
          )}
          <PasswordInput
            label={t('bundle.passphrase')}
            description={t('bundle.passphraseHint')}
            value={passphrase}
            onChange={(event) => setPassphrase(event.currentTarget.value)}
            disabled={busy}
            error={submitted && tooShort ? t('bundle.passphraseShort', { count: BUNDLE_PASSPHRASE_MIN_CHARS }) : null}
            autoComplete="new-password"
            data-autofocus
          />
          {passphrase !== '' && (
            <PasswordInput
              label={t('bundle.passphraseConfirm')}
              value={confirm}
              onChange={(event) => setConfirm(event.currentTarget.value)}
              disabled={busy}
              error={submitted && mismatch ? t('bundle.passphraseMismatch') : null}
              autoComplete="new-password"
            />
          )}
          {step.kind === 'exporting' && (
            <Stack gap={4}>
              <Text size="sm">{t('bundle.exporting')}</Text>
              <Progress value={100} animated aria-label={t('bundle.exporting')} />
            </Stack>
          )}
          {step.kind === 'downloading' && (
            <Stack gap={4}>
              <Text size="sm">
                {t('bundle.downloading', { done: formatBytes(step.done), total: formatBytes(step.total) })}
              </Text>
              <Progress value={step.total ? (step.done / step.total) * 100 : 0} aria-label={t('bundle.exporting')} />
            </Stack>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose} disabled={busy}>
              {t('form.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('bundle.export')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
