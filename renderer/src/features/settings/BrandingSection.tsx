/**
 * Branding of deliverables: firm name, logo, primary colour and the two patterns, each pattern with
 * a live example made by the same functions the core numbers and names documents with. Fields are
 * saved as they are typed; a field in error keeps its stored value until it is fixed.
 */
import '@mantine/dropzone/styles.css';
import { Alert, Button, ColorInput, Group, Image, Input, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { notifications } from '@mantine/notifications';
import {
  DOCUMENT_NUMBER_PLACEHOLDERS,
  documentNumberPatternProblem,
  FILE_NAME_PLACEHOLDERS,
  fileNamePatternProblem,
  formatDocumentNumber,
  formatFileName,
  LOGO_ACCEPT,
  LOGO_MAX_BYTES,
  type PatternProblem,
} from '@shared/domain/branding';
import { formatBytes } from '@shared/domain/evidence';
import { type Settings, type SettingsPatch, settingsSchema } from '@shared/domain/settings';
import { IconPhoto, IconTrash, IconUpload } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useCallback, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { call, isApiError } from '../../api';
import { AutosaveIndicator } from '../../components/AutosaveIndicator';
import { useAutosave } from '../../components/useAutosave';
import { errorText } from '../../errors';
import { toBase64 } from '../../files';
import { settingsKey, useUpdateSettings } from './queries';

type Draft = Pick<Settings, 'firmName' | 'primaryColor' | 'documentNumberPattern' | 'fileNamePattern'>;
const FIELDS = ['firmName', 'primaryColor', 'documentNumberPattern', 'fileNamePattern'] as const;

/** Colours that print well as headings on white paper; any other can be typed. */
const SWATCHES = ['#1F3A5F', '#0B5394', '#00695C', '#2E7D32', '#7B1FA2', '#B71C1C', '#E65100', '#37474F'];
const EXAMPLE_DELIVERABLE = 'work-plan';
const EXAMPLE_SEQ = 7;

const placeholderList = (names: readonly string[]) => names.map((n) => `{${n}}`).join(' ');

function patternError(t: TFunction, problem: PatternProblem | null, known: readonly string[]): string | undefined {
  if (!problem) return undefined;
  if (problem.placeholder) {
    return t('branding.unknownPlaceholder', { placeholder: problem.placeholder, known: placeholderList(known) });
  }
  return t(problem.messageKey);
}

function fieldError(t: TFunction, field: 'firmName' | 'primaryColor', value: string): string | undefined {
  const parsed = settingsSchema.shape[field].safeParse(value);
  return parsed.success ? undefined : t(parsed.error.issues[0]?.message ?? 'app.unexpected');
}

function today(): { year: number; date: string } {
  const now = new Date();
  const date = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return { year: now.getFullYear(), date };
}

function Logo({ settings, firmName }: { settings: Settings; firmName: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const openRef = useRef<() => void>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const logo = useQuery({
    queryKey: ['settings.logo', settings.firmLogo],
    queryFn: () => call('settings.logo', {}),
    enabled: settings.firmLogo !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });

  const upload = async (file: File | undefined) => {
    if (!file) return;
    const name = file.name || 'logo';
    setProblem(null);
    if (file.size > LOGO_MAX_BYTES) {
      setProblem(t('branding.errors.tooLarge', { name, size: formatBytes(file.size) }));
      return;
    }
    setBusy(name);
    try {
      const dataBase64 = toBase64(await file.arrayBuffer());
      const updated = await call('settings.setLogo', { fileName: name, dataBase64 });
      queryClient.setQueryData(settingsKey, updated);
      notifications.show({ message: t('branding.logoSaved') });
    } catch (failure) {
      const key = isApiError(failure) ? failure.appError.messageKey : undefined;
      setProblem(
        key?.startsWith('branding.errors.')
          ? t(key, { name, size: formatBytes(file.size) })
          : t('branding.logoFailed', { name, message: errorText(t, failure) }),
      );
    } finally {
      setBusy(null);
    }
  };

  const remove = async () => {
    setProblem(null);
    try {
      queryClient.setQueryData(settingsKey, await call('settings.clearLogo', {}));
      notifications.show({ message: t('branding.logoRemoved') });
    } catch (failure) {
      notifications.show({ color: 'red', message: errorText(t, failure) });
    }
  };

  const stored = settings.firmLogo !== null ? logo.data : null;
  return (
    <Input.Wrapper label={t('branding.logo')} description={t('branding.logoHint')} labelElement="div">
      <Stack gap={6} mt={4}>
        <Group align="stretch" gap="md" wrap="nowrap">
          <Paper
            withBorder
            radius="sm"
            w={200}
            h={96}
            p="xs"
            // A checkerboard shows which parts of the logo are transparent.
            style={{
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
              flexShrink: 0,
              backgroundColor: '#ffffff',
              backgroundImage: 'repeating-conic-gradient(#f1f3f5 0 25%, #ffffff 0 50%)',
              backgroundSize: '16px 16px',
            }}
            data-testid="logo-preview"
          >
            {stored ? (
              <Image
                src={`data:${stored.mediaType};base64,${stored.dataBase64}`}
                alt={t('branding.logoAlt')}
                mah={76}
                maw={180}
                fit="contain"
              />
            ) : (
              <Stack gap={2} align="center">
                <IconPhoto size={28} color="var(--mantine-color-gray-5)" aria-hidden />
                <Text size="xs" c="dimmed">
                  {t('branding.logoNone')}
                </Text>
              </Stack>
            )}
          </Paper>
          <Dropzone
            openRef={openRef}
            onDrop={(files) => void upload(files[0])}
            // The core decides by the bytes; a file the filter rejects still goes there for its message.
            onReject={(rejections) => void upload(rejections[0]?.file)}
            accept={LOGO_ACCEPT}
            multiple={false}
            loading={busy !== null}
            aria-label={t('branding.logoChoose')}
            style={{ flex: 1 }}
          >
            <Group justify="center" gap="sm" mih={72} style={{ pointerEvents: 'none' }}>
              <IconUpload size={22} aria-hidden />
              <Text size="sm">{busy ? t('branding.logoSaving', { name: busy }) : t('branding.logoDrop')}</Text>
            </Group>
          </Dropzone>
        </Group>
        <Group gap="xs">
          {stored && (
            <Text size="xs" c="dimmed">
              {t('branding.logoSize', { width: stored.width, height: stored.height })}
            </Text>
          )}
          {settings.firmLogo !== null && (
            <Button
              size="compact-sm"
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={14} />}
              onClick={() => void remove()}
            >
              {t('branding.logoRemove')}
            </Button>
          )}
        </Group>
        {settings.firmLogo !== null && logo.isSuccess && logo.data === null && (
          <Alert color="yellow">{t('branding.logoMissing')}</Alert>
        )}
        {settings.firmLogo !== null && firmName.trim() === '' && (
          <Alert color="blue">{t('branding.logoNeedsName')}</Alert>
        )}
        {problem && (
          <Alert color="red" withCloseButton closeButtonLabel={t('evidence.dismiss')} onClose={() => setProblem(null)}>
            {problem}
          </Alert>
        )}
      </Stack>
    </Input.Wrapper>
  );
}

function Example({ testId, value, color }: { testId: string; value: string | null; color?: string }) {
  if (value === null) return null;
  return (
    <Text size="sm" mt={6} data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
      <Trans
        i18nKey="branding.example"
        values={{ value }}
        components={[<Text key="value" span ff="monospace" fw={600} c={color} />]}
      />
    </Text>
  );
}

export function BrandingSection({ settings }: { settings: Settings }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateSettings();
  const [draft, setDraft] = useState<Draft>(() => ({
    firmName: settings.firmName,
    primaryColor: settings.primaryColor,
    documentNumberPattern: settings.documentNumberPattern,
    fileNamePattern: settings.fileNamePattern,
  }));
  const describe = useCallback((error: unknown) => errorText(t, error), [t]);
  const autosave = useAutosave<SettingsPatch>(async (patch) => {
    await update.mutateAsync(patch);
  }, describe);

  const errors: Record<keyof Draft, string | undefined> = {
    firmName: fieldError(t, 'firmName', draft.firmName),
    primaryColor: fieldError(t, 'primaryColor', draft.primaryColor),
    documentNumberPattern: patternError(
      t,
      documentNumberPatternProblem(draft.documentNumberPattern),
      DOCUMENT_NUMBER_PLACEHOLDERS,
    ),
    fileNamePattern: patternError(t, fileNamePatternProblem(draft.fileNamePattern), FILE_NAME_PLACEHOLDERS),
  };

  const change = (field: keyof Draft, value: string) => {
    const next = { ...draft, [field]: value };
    setDraft(next);
    // Valid fields are saved at once; one in error keeps its stored value until it is fixed.
    const patch: SettingsPatch = {};
    let invalid = false;
    for (const key of FIELDS) {
      const ok =
        key === 'documentNumberPattern'
          ? documentNumberPatternProblem(next[key]) === null
          : key === 'fileNamePattern'
            ? fileNamePatternProblem(next[key]) === null
            : settingsSchema.shape[key].safeParse(next[key]).success;
      if (ok) patch[key] = next[key];
      else invalid = true;
    }
    autosave.schedule(patch, { invalid });
  };

  const { year, date } = today();
  const sample = {
    customer: t('branding.sample.customer'),
    event: t('branding.sample.event'),
    deliverable: t('branding.sample.deliverable'),
  };
  const number = errors.documentNumberPattern
    ? null
    : formatDocumentNumber(draft.documentNumberPattern, {
        firm: draft.firmName,
        year,
        seq: EXAMPLE_SEQ,
        customer: sample.customer,
        event: sample.event,
        deliverable: EXAMPLE_DELIVERABLE,
      });
  const fileName = errors.fileNamePattern
    ? null
    : formatFileName(
        draft.fileNamePattern,
        { ...sample, version: '0.1', date, language: i18n.language, number: number ?? '', firm: draft.firmName },
        'pdf',
      );
  const color = errors.primaryColor ? undefined : draft.primaryColor;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="branding-title">
      <Stack gap="lg">
        <div>
          <Title order={2} size="h3" id="branding-title">
            {t('branding.title')}
          </Title>
          <Text size="sm" c="dimmed" mt={4}>
            {t('branding.intro')}
          </Text>
        </div>
        <TextInput
          label={t('branding.firmName')}
          description={t('branding.firmNameHint')}
          value={draft.firmName}
          maxLength={200}
          error={errors.firmName}
          onChange={(event) => change('firmName', event.currentTarget.value)}
        />
        <Logo settings={settings} firmName={draft.firmName} />
        <ColorInput
          label={t('branding.primaryColor')}
          description={t('branding.primaryColorHint')}
          format="hex"
          swatches={SWATCHES}
          swatchesPerRow={8}
          eyeDropperButtonProps={{ 'aria-label': t('branding.pickColor') }}
          value={draft.primaryColor}
          error={errors.primaryColor}
          onChange={(value) => change('primaryColor', value)}
          maw={320}
        />
        <div>
          <TextInput
            label={t('branding.documentNumber')}
            description={t('branding.documentNumberHint', {
              placeholders: placeholderList(DOCUMENT_NUMBER_PLACEHOLDERS),
            })}
            value={draft.documentNumberPattern}
            maxLength={120}
            error={errors.documentNumberPattern}
            spellCheck={false}
            onChange={(event) => change('documentNumberPattern', event.currentTarget.value)}
          />
          <Example testId="document-number-example" value={number} color={color} />
        </div>
        <div>
          <TextInput
            label={t('branding.fileName')}
            description={t('branding.fileNameHint', { placeholders: placeholderList(FILE_NAME_PLACEHOLDERS) })}
            value={draft.fileNamePattern}
            maxLength={120}
            error={errors.fileNamePattern}
            spellCheck={false}
            onChange={(event) => change('fileNamePattern', event.currentTarget.value)}
          />
          <Example testId="file-name-example" value={fileName} />
        </div>
        <Group>
          <AutosaveIndicator state={autosave.state} onRetry={() => void autosave.flush()} />
        </Group>
      </Stack>
    </Paper>
  );
}
