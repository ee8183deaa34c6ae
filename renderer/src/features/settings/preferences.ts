import { useMantineColorScheme } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Settings } from '@shared/domain/settings';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../errors';
import { applyLanguage } from '../../i18n';
import { useUpdateSettings } from './queries';

/** Switches language and colour scheme at once and stores the choice for the next start. */
export function usePreferenceSwitches() {
  const { t } = useTranslation();
  const update = useUpdateSettings();
  const { setColorScheme } = useMantineColorScheme();
  const persist = (patch: Partial<Settings>) =>
    update
      .mutateAsync(patch)
      .catch((error: unknown) => notifications.show({ color: 'red', message: errorText(t, error) }));
  return {
    setLanguage: (language: Settings['uiLanguage']) => {
      void applyLanguage(language);
      void persist({ uiLanguage: language });
    },
    setColorScheme: (scheme: Settings['colorScheme']) => {
      setColorScheme(scheme);
      void persist({ colorScheme: scheme });
    },
  };
}
