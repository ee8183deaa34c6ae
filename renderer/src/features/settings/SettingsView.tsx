import { Code, Group, Paper, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { COLOR_SCHEMES, type Settings, UI_LANGUAGES } from '@shared/domain/settings';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AutosaveIndicator } from '../../components/AutosaveIndicator';
import { useAutosave } from '../../components/useAutosave';
import { errorText } from '../../errors';
import { BackupsSection } from './BackupsSection';
import { BrandingSection } from './BrandingSection';
import { usePreferenceSwitches } from './preferences';
import { useAppInfo, useUpdateSettings } from './queries';

export function SettingsView({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const info = useAppInfo();
  const update = useUpdateSettings();
  const switches = usePreferenceSwitches();
  const [name, setName] = useState(settings.consultantName);
  const describe = useCallback((error: unknown) => errorText(t, error), [t]);
  const autosave = useAutosave<string>(async (consultantName) => {
    await update.mutateAsync({ consultantName });
  }, describe);

  return (
    <Stack gap="lg" maw={720}>
      <Title order={1} size="h2">
        {t('settings.title')}
      </Title>
      <Paper withBorder p="md" radius="md">
        <Stack gap="lg">
          <div>
            <TextInput
              label={t('settings.consultant')}
              description={t('settings.consultantHint')}
              value={name}
              maxLength={120}
              onChange={(event) => {
                setName(event.currentTarget.value);
                autosave.schedule(event.currentTarget.value);
              }}
            />
            <Group mt={6}>
              <AutosaveIndicator state={autosave.state} onRetry={() => void autosave.flush()} />
            </Group>
          </div>
          <Stack gap={4}>
            <Text fw={500} size="sm" id="settings-language">
              {t('settings.uiLanguage')}
            </Text>
            <SegmentedControl
              aria-labelledby="settings-language"
              value={settings.uiLanguage}
              onChange={(value) => switches.setLanguage(value as Settings['uiLanguage'])}
              data={UI_LANGUAGES.map((id) => ({ value: id, label: t(`languages.${id}`) }))}
            />
          </Stack>
          <Stack gap={4}>
            <Text fw={500} size="sm" id="settings-scheme">
              {t('settings.colorScheme')}
            </Text>
            <SegmentedControl
              aria-labelledby="settings-scheme"
              value={settings.colorScheme}
              onChange={(value) => switches.setColorScheme(value as Settings['colorScheme'])}
              data={COLOR_SCHEMES.map((id) => ({ value: id, label: t(`colorScheme.${id}`) }))}
            />
          </Stack>
          <Stack gap={4}>
            <Text fw={500} size="sm">
              {t('settings.dataFolder')}
            </Text>
            <Code block>{info.data?.dataDir ?? '…'}</Code>
            <Text size="xs" c="dimmed">
              {t('settings.dataFolderHint')}
            </Text>
          </Stack>
          {info.data && (
            <Text size="xs" c="dimmed">
              {t('settings.version', { version: info.data.version, schema: info.data.schemaVersion })}
            </Text>
          )}
        </Stack>
      </Paper>
      <BrandingSection settings={settings} />
      <BackupsSection settings={settings} />
    </Stack>
  );
}
