import { Button, Group, Loader, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export type AutosaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'invalid' }
  | { kind: 'failed'; message: string };

/** Tells the consultant, at every moment, whether what is on screen is in the store. */
export function AutosaveIndicator({ state, onRetry }: { state: AutosaveState; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} role="status" aria-live="polite" data-testid="autosave" data-state={state.kind} wrap="nowrap">
      {state.kind === 'saving' && <Loader size={14} />}
      {(state.kind === 'saved' || state.kind === 'idle') && (
        <IconCircleCheck size={16} color="var(--mantine-color-teal-7)" aria-hidden />
      )}
      {(state.kind === 'failed' || state.kind === 'invalid') && (
        <IconAlertTriangle size={16} color="var(--mantine-color-red-7)" aria-hidden />
      )}
      <Text size="sm" c={state.kind === 'failed' || state.kind === 'invalid' ? 'red.8' : 'dimmed'}>
        {state.kind === 'failed' ? t('autosave.failed', { message: state.message }) : t(`autosave.${state.kind}`)}
      </Text>
      {state.kind === 'failed' && (
        <Button size="compact-xs" variant="light" color="red" onClick={onRetry}>
          {t('autosave.retry')}
        </Button>
      )}
    </Group>
  );
}
