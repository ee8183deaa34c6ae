/**
 * Check a signed file someone hands back: drop a PDF or DOCX and see whether it is intact, who
 * signed it when, its fingerprint, and the version signed on this laptop it matches, if any.
 */
import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import type { MethodOutput } from '@shared/contract';
import { IconCertificate, IconFileCertificate } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { errorText } from '../../errors';
import { downloadFile, toBase64 } from '../../files';
import { routeHref } from '../../routing';

type Verification = MethodOutput<'signoff.verify'>;

const COLOURS: Record<Verification['status'], string> = {
  valid: 'teal',
  modified: 'red',
  unknown: 'yellow',
  unreadable: 'gray',
};

export function VerifyPanel() {
  const { t } = useTranslation();
  const [result, setResult] = useState<Verification | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);

  const [certificate, setCertificate] = useState<MethodOutput<'signoff.certificate'> | null>(null);

  /** The certificate a customer imports to trust this laptop's signatures, saved as a .pem file. */
  const saveCertificate = async () => {
    setFailed(null);
    try {
      const answer = await call('signoff.certificate', {});
      setCertificate(answer);
      downloadFile(answer.fileName, new Blob([answer.pem], { type: 'application/x-pem-file' }));
    } catch (error) {
      setFailed(error);
    }
  };

  const check = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setFailed(null);
    setResult(null);
    try {
      setResult(await call('signoff.verify', { fileName: file.name, dataBase64: toBase64(await file.arrayBuffer()) }));
    } catch (error) {
      setFailed(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="verify-title">
      <Stack gap="sm">
        <div>
          <Group gap="xs">
            <IconFileCertificate size={20} aria-hidden />
            <Title order={3} size="h4" id="verify-title">
              {t('verify.title')}
            </Title>
          </Group>
          <Text c="dimmed" size="sm" maw={760}>
            {t('verify.subtitle')}
          </Text>
        </div>
        <Group gap="xs">
          <Button
            size="compact-sm"
            variant="default"
            leftSection={<IconCertificate size={14} />}
            onClick={() => void saveCertificate()}
          >
            {t('verify.saveCertificate')}
          </Button>
          {certificate && (
            <Text size="xs" c="dimmed" ff="monospace" data-testid="certificate-fingerprint">
              {t('verify.certificateSaved', { subject: certificate.subject, sha256: certificate.sha256 })}
            </Text>
          )}
        </Group>
        <Dropzone
          onDrop={(files) => void check(files[0])}
          onReject={(rejections) => void check(rejections[0]?.file)}
          multiple={false}
          loading={busy}
          aria-label={t('verify.choose')}
        >
          <Group justify="center" mih={64} style={{ pointerEvents: 'none' }}>
            <Text size="sm">{t('verify.drop')}</Text>
          </Group>
        </Dropzone>
        {failed !== null && <Alert color="red">{errorText(t, failed)}</Alert>}
        {result && (
          <Alert
            color={COLOURS[result.status]}
            title={t(`verify.status.${result.status}`, { fileName: result.fileName })}
            data-testid="verify-result"
            role="status"
          >
            <Stack gap={2}>
              {result.signer && <Text size="sm">{t('verify.signer', { signer: result.signer })}</Text>}
              {result.signedAt && (
                <Text size="sm">
                  {t('verify.signedAt', { at: `${result.signedAt.slice(0, 16).replace('T', ' ')} UTC` })}
                </Text>
              )}
              {result.fingerprint && (
                <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                  {t('verify.fingerprint', { fingerprint: result.fingerprint })}
                </Text>
              )}
              {result.status === 'valid' && result.format === 'pdf' && (
                <Text size="sm">{result.ours ? t('verify.ours') : t('verify.notOurs')}</Text>
              )}
              {result.match ? (
                <Text size="sm">
                  {t(result.match.sameFile ? 'verify.matchSame' : 'verify.matchDiffers', {
                    version: result.match.version,
                    number: result.match.number,
                    at: result.match.signedAtText,
                  })}{' '}
                  <Anchor
                    size="sm"
                    href={routeHref({ name: 'engagement', id: result.match.engagementId, section: 'deliverables' })}
                  >
                    {result.match.customerOrg} · {result.match.eventName}
                  </Anchor>
                </Text>
              ) : (
                result.status !== 'unreadable' && <Text size="sm">{t('verify.noMatch')}</Text>
              )}
              {result.reason && (
                <Text size="xs" c="dimmed">
                  {result.reason}
                </Text>
              )}
            </Stack>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
