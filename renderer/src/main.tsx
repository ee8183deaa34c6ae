import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import {
  type CSSVariablesResolver,
  createTheme,
  type MantineColorSchemeManager,
  MantineProvider,
  Notification,
} from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { DEFAULT_SETTINGS, type Settings } from '@shared/domain/settings';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './App';
import { call, logError } from './api';
import { applyLanguage, i18n, initI18n } from './i18n';

// zod would probe `new Function` for speed; the CSP forbids eval, so tell it not to try.
z.config({ jitless: true });

const buildTheme = (closeLabel: string) =>
  createTheme({
    primaryColor: 'indigo',
    // Shade 8 keeps white button text above the WCAG AA contrast ratio of 4.5:1.
    primaryShade: { light: 8, dark: 7 },
    defaultRadius: 'md',
    fontFamily:
      'Inter, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", system-ui, sans-serif',
    headings: { fontWeight: '700' },
    components: {
      // Toasts and dialogs get a named close button, so screen readers say what it does.
      Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': closeLabel } } }),
    },
  });

/** Mantine's default dimmed grey is below AA contrast on white; secondary text must stay readable. */
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-8)',
  },
  dark: { '--mantine-color-dimmed': 'var(--mantine-color-dark-1)' },
});

/** The store keeps the colour scheme; Mantine only needs to read the starting value. */
function storeColorSchemeManager(initial: Settings['colorScheme']): MantineColorSchemeManager {
  return { get: () => initial, set: () => {}, subscribe: () => {}, unsubscribe: () => {}, clear: () => {} };
}

const queryClient = new QueryClient({
  defaultOptions: {
    // The core is local: a laptop going offline must not pause anything.
    queries: { networkMode: 'always', retry: 1, refetchOnWindowFocus: false },
    mutations: { networkMode: 'always' },
  },
});

window.addEventListener('error', (event) => logError(`${event.message} at ${event.filename}:${event.lineno}`));
window.addEventListener('unhandledrejection', (event) => logError(String(event.reason)));

async function start() {
  const settings = await call('settings.get', {}).catch(() => DEFAULT_SETTINGS);
  queryClient.setQueryData(['settings'], settings);
  await initI18n(settings.uiLanguage);
  await applyLanguage(settings.uiLanguage);
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <MantineProvider
          theme={buildTheme(i18n.t('app.close'))}
          cssVariablesResolver={cssVariablesResolver}
          defaultColorScheme={settings.colorScheme}
          colorSchemeManager={storeColorSchemeManager(settings.colorScheme)}
        >
          <Notifications position="bottom-right" />
          <App initialSettings={settings} />
        </MantineProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}

void start();
