/**
 * Signing a deliverable on the laptop: the pages to read on the left, the signers on the right.
 * Full-screen, so the consultant can hand the laptop over; the customer signs and may add the
 * company seal, the consultant counter-signs, and the consent line says exactly what is signed.
 */
import {
  Alert,
  Anchor,
  Box,
  Button,
  Checkbox,
  Divider,
  Group,
  Image,
  Modal,
  Radio,
  ScrollArea,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import type { MethodInput } from '@shared/contract';
import type { Engagement } from '@shared/domain/engagement';
import type { PreparedSigning } from '@shared/domain/signoff';
import { IconMaximize, IconRubberStamp, IconSignature, IconX } from '@tabler/icons-react';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { errorText } from '../../errors';
import { toBase64 } from '../../files';
import { routeHref } from '../../routing';
import { useExport } from '../deliverables/exporting';
import { onDutyTabHref } from '../onduty/eventQueries';
import { usePlan } from '../plan/queries';
import { useSettings } from '../settings/queries';
import { usePrepareSigning, useSign, useSignoffVersions } from './queries';
import { SignaturePad, type SignaturePadHandle } from './SignaturePad';

const PdfPreview = lazy(() => import('../deliverables/PdfPreview'));

const SEAL_ACCEPT = ['image/png', 'image/jpeg'];

type Props = {
  engagement: Engagement;
  documentId: string;
  title: string;
  version: string;
  opened: boolean;
  onClose: () => void;
  onSigned: (version: number) => void;
};

/** The wall time now in the event's zone, as the signature page prints it. */
function nowInZone(timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(new Date());
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const offset = get('timeZoneName').replace('GMT', '') || '+00:00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} (${timeZone}, UTC${offset})`;
}

const pngBase64 = (dataUrl: string) => dataUrl.slice(dataUrl.indexOf(',') + 1);

export function SigningModal({ engagement, documentId, title, version, opened, onClose, onSigned }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      fullScreen
      title={
        <Group gap="xs">
          <IconSignature size={20} aria-hidden />
          <Title order={2} size="h4">
            {t('signoff.title', { title })}
          </Title>
        </Group>
      }
      closeButtonProps={{ 'aria-label': t('app.close') }}
    >
      {opened && (
        <SigningForm
          engagement={engagement}
          documentId={documentId}
          title={title}
          version={version}
          onSigned={onSigned}
          onCancel={onClose}
        />
      )}
    </Modal>
  );
}

function SigningForm({
  engagement,
  documentId,
  title,
  version,
  onSigned,
  onCancel,
}: Omit<Props, 'opened' | 'onClose'> & { onCancel: () => void }) {
  const { t } = useTranslation();
  const plan = usePlan(engagement.id);
  const settings = useSettings();
  const versions = useSignoffVersions(engagement.id, documentId);
  const sign = useSign(engagement.id, documentId);
  const prepare = usePrepareSigning();
  const [prepared, setPrepared] = useState<PreparedSigning | null>(null);
  const pages = useExport(engagement.id, documentId);
  const [pdf, setPdf] = useState<Uint8Array | null>(null);
  const customerPad = useRef<SignaturePadHandle>(null);
  const consultantPad = useRef<SignaturePadHandle>(null);
  const pm = plan.data?.contacts.find((c) => c.party === 'customer' && c.projectManager);
  const [customer, setCustomer] = useState({ name: '', title: '', org: engagement.customerOrg });
  const [consultant, setConsultant] = useState({ name: '', title: '' });
  const [seal, setSeal] = useState<{ name: string; base64: string; url: string } | null>(null);
  const [consent, setConsent] = useState(false);
  // The acceptance reports record the conclusion with the signatures.
  const acceptance = documentId === 'acceptance-report';
  const [verdict, setVerdict] = useState<'accepted' | 'reservations' | 'notAccepted'>('accepted');
  const [verdictNote, setVerdictNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  // The customer's project manager and the consultant from the plan and the settings, once loaded.
  useEffect(() => {
    if (pm) setCustomer((c) => (c.name === '' ? { ...c, name: pm.name, title: pm.role } : c));
  }, [pm]);
  useEffect(() => {
    const name = settings.data?.consultantName ?? '';
    const provider = plan.data?.contacts.find((c) => c.party === 'provider' && c.projectManager);
    setConsultant((c) => (c.name === '' ? { name: name || provider?.name || '', title: provider?.role ?? '' } : c));
  }, [settings.data, plan.data]);

  // The pages to read: the document as it stands, rendered like the export.
  const { start } = pages;
  useEffect(() => {
    void start(['pdf'], { save: false }).then((result) => {
      const file = result?.files[0];
      if (file) setPdf(file.data);
    });
  }, [start]);

  useEffect(
    () => () => {
      if (seal) URL.revokeObjectURL(seal.url);
    },
    [seal],
  );

  const blockers = versions.data?.blockers ?? [];
  const findingBlockers = blockers.flatMap((b) => (b.kind === 'finding' ? [b] : []));
  const nextVersion = (versions.data?.versions[0]?.version ?? 0) + 1;

  const chooseSeal = async (file: File | undefined) => {
    if (!file) return;
    setSeal({ name: file.name, base64: toBase64(await file.arrayBuffer()), url: URL.createObjectURL(file) });
    changed();
  };

  /** The request both steps send: the review that fixes time and fingerprint, then the signing. */
  const request = (): MethodInput<'signoff.sign'> | null => {
    setProblem(null);
    const customerSignature = customerPad.current?.toPng();
    const consultantSignature = consultantPad.current?.toPng();
    if (!customerSignature) {
      setProblem(t('signoff.needCustomerSignature'));
      return null;
    }
    if (!consultantSignature) {
      setProblem(t('signoff.needConsultantSignature'));
      return null;
    }
    return {
      engagementId: engagement.id,
      documentId,
      customer: {
        ...customer,
        signatureBase64: pngBase64(customerSignature),
        ...(seal ? { sealBase64: seal.base64 } : {}),
      },
      consultant: { ...consultant, signatureBase64: pngBase64(consultantSignature) },
      ...(acceptance ? { conclusion: { verdict, note: verdictNote } } : {}),
    };
  };

  const review = () => {
    const input = request();
    if (!input) return;
    setConsent(false);
    prepare.mutate(input, { onSuccess: (ready) => setPrepared(ready) });
  };

  const submit = () => {
    const input = request();
    if (!input || !prepared) return;
    sign.mutate(
      { ...input, confirm: { signedAt: prepared.signedAt, fingerprint: prepared.fingerprint } },
      { onSuccess: (signed) => onSigned(signed.version) },
    );
  };

  /** Any change after the review asks for a new one: the consent names exactly what is signed. */
  const changed = () => {
    setPrepared(null);
    setConsent(false);
  };

  const fullScreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.().catch(() => {});
  };

  return (
    <Group align="stretch" gap="lg" wrap="nowrap" h="calc(100vh - 90px)">
      <Box style={{ flex: 3, minWidth: 0 }}>
        <ScrollArea
          h="100%"
          type="auto"
          data-testid="signing-pages"
          // Reachable with the keyboard, so the pages can be scrolled without a mouse.
          viewportProps={{ tabIndex: 0, 'aria-label': t('signoff.pages', { title }) }}
        >
          {pdf ? (
            <Suspense fallback={<Skeleton h={600} />}>
              <PdfPreview bytes={pdf} title={title} />
            </Suspense>
          ) : pages.state.status === 'failed' ? (
            <Alert color="red">{t('deliverables.pdfPreviewFailed')}</Alert>
          ) : (
            <Skeleton h={600} />
          )}
        </ScrollArea>
      </Box>
      <ScrollArea
        style={{ flex: 2, minWidth: 360 }}
        type="auto"
        viewportProps={{ tabIndex: 0, 'aria-label': t('signoff.signers') }}
      >
        <Stack
          gap="md"
          pr="sm"
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('signoff.versionLine', { version: nextVersion, draft: version })}
            </Text>
            <Button size="compact-sm" variant="default" leftSection={<IconMaximize size={14} />} onClick={fullScreen}>
              {t('signoff.fullScreen')}
            </Button>
          </Group>
          {blockers.length > 0 && (
            <Alert color="red" title={t('signoff.blockedTitle')} data-testid="signing-blockers">
              <Stack gap={4}>
                {blockers.some((b) => b.kind === 'warRoomOpen') && (
                  <Anchor size="sm" href={onDutyTabHref(engagement.id, 'close')}>
                    {t('signoff.warRoomOpen')}
                  </Anchor>
                )}
                {findingBlockers.length > 0 && <Text size="sm">{t('signoff.blockedIntro')}</Text>}
                {findingBlockers.map((b) => (
                  <Anchor
                    key={b.findingId}
                    size="sm"
                    href={routeHref({ name: 'engagement', id: engagement.id, section: 'findings' })}
                  >
                    {b.ref} {b.title}
                  </Anchor>
                ))}
              </Stack>
            </Alert>
          )}
          <Title order={3} size="h5">
            {t('signoff.customer')}
          </Title>
          <TextInput
            label={t('signoff.name')}
            required
            value={customer.name}
            onChange={(e) => {
              setCustomer({ ...customer, name: e.currentTarget.value });
              changed();
            }}
          />
          <Group grow>
            <TextInput
              label={t('signoff.role')}
              required
              value={customer.title}
              onChange={(e) => {
                setCustomer({ ...customer, title: e.currentTarget.value });
                changed();
              }}
            />
            <TextInput
              label={t('signoff.org')}
              required
              value={customer.org}
              onChange={(e) => {
                setCustomer({ ...customer, org: e.currentTarget.value });
                changed();
              }}
            />
          </Group>
          <Text size="sm">
            {t('signoff.when')}: <strong>{nowInZone(engagement.timeZone)}</strong>
          </Text>
          <SignaturePad ref={customerPad} label={t('signoff.customerSignature')} onChange={changed} />
          <Group align="flex-start" gap="sm" wrap="nowrap">
            <Dropzone
              onDrop={(files) => void chooseSeal(files[0])}
              onReject={(rejections) => void chooseSeal(rejections[0]?.file)}
              accept={SEAL_ACCEPT}
              multiple={false}
              aria-label={t('signoff.sealChoose')}
              style={{ flex: 1 }}
            >
              <Group justify="center" gap="sm" mih={56} style={{ pointerEvents: 'none' }}>
                <IconRubberStamp size={20} aria-hidden />
                <Text size="sm">{seal ? seal.name : t('signoff.sealDrop')}</Text>
              </Group>
            </Dropzone>
            {seal && (
              <Group gap={4}>
                <Image src={seal.url} alt={t('signoff.sealPreview')} h={56} w={56} fit="contain" />
                <Button
                  size="compact-sm"
                  variant="subtle"
                  aria-label={t('signoff.sealRemove')}
                  onClick={() => {
                    setSeal(null);
                    changed();
                  }}
                >
                  <IconX size={14} />
                </Button>
              </Group>
            )}
          </Group>
          {acceptance && (
            <Stack gap="xs">
              <Radio.Group
                label={t('signoff.conclusion')}
                required
                value={verdict}
                onChange={(value) => {
                  setVerdict(value as typeof verdict);
                  changed();
                }}
              >
                <Stack gap={6} mt={6}>
                  <Radio value="accepted" label={t('signoff.verdict.accepted')} />
                  <Radio value="reservations" label={t('signoff.verdict.reservations')} />
                  <Radio value="notAccepted" label={t('signoff.verdict.notAccepted')} />
                </Stack>
              </Radio.Group>
              {verdict !== 'accepted' && (
                <Textarea
                  label={verdict === 'reservations' ? t('signoff.reservations') : t('signoff.reasons')}
                  required
                  autosize
                  minRows={2}
                  value={verdictNote}
                  onChange={(e) => {
                    setVerdictNote(e.currentTarget.value);
                    changed();
                  }}
                />
              )}
            </Stack>
          )}
          <Divider />
          <Title order={3} size="h5">
            {t('signoff.consultant')}
          </Title>
          <Group grow>
            <TextInput
              label={t('signoff.name')}
              required
              value={consultant.name}
              onChange={(e) => {
                setConsultant({ ...consultant, name: e.currentTarget.value });
                changed();
              }}
            />
            <TextInput
              label={t('signoff.role')}
              required
              value={consultant.title}
              onChange={(e) => {
                setConsultant({ ...consultant, title: e.currentTarget.value });
                changed();
              }}
            />
          </Group>
          <SignaturePad ref={consultantPad} label={t('signoff.consultantSignature')} height={140} onChange={changed} />
          {prepared ? (
            <Stack gap={4} data-testid="signing-consent">
              <Checkbox
                checked={consent}
                onChange={(e) => setConsent(e.currentTarget.checked)}
                label={t('signoff.consent', {
                  title,
                  version: prepared.version,
                  customer: customer.name || '…',
                  at: prepared.signedAtText,
                })}
              />
              <Text size="xs" ff="monospace" pl={32} style={{ wordBreak: 'break-all' }}>
                {t('signoff.fingerprint', { fingerprint: prepared.fingerprint })}
              </Text>
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              {t('signoff.reviewHint')}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {t('signoff.consentNote')}
          </Text>
          {(problem || sign.isError || prepare.isError) && (
            <Alert color="red" role="alert">
              {problem ?? errorText(t, sign.error ?? prepare.error)}
              {isApiError(sign.error) && (sign.error.appError.details ?? []).length > 0 && (
                <Stack gap={2} mt={4}>
                  {(sign.error.appError.details ?? []).map((detail) => (
                    <Text key={detail} size="sm">
                      {detail}
                    </Text>
                  ))}
                </Stack>
              )}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('signoff.cancel')}
            </Button>
            {prepared ? (
              <Button type="submit" loading={sign.isPending} disabled={!consent || blockers.length > 0}>
                {t('signoff.sign', { version: prepared.version })}
              </Button>
            ) : (
              <Button onClick={review} loading={prepare.isPending} disabled={blockers.length > 0}>
                {t('signoff.review')}
              </Button>
            )}
          </Group>
        </Stack>
      </ScrollArea>
    </Group>
  );
}
