import { Button, Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { nowLocal } from './eventQueries';

/**
 * A wall time in the event's zone (datetime-local) with a "Now" button beside it, so the war room
 * records a time with one key press; the label names the zone so nobody types laptop time.
 */
export function EventTimeInput({
  label,
  zone,
  value,
  onChange,
  error,
  disabled,
  testId,
}: {
  label: string;
  zone: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  disabled?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" gap="xs" wrap="nowrap">
      <TextInput
        type="datetime-local"
        label={`${label} (${zone})`}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={error}
        disabled={disabled}
        style={{ flex: 1 }}
        data-testid={testId}
      />
      <Button
        variant="default"
        size="sm"
        disabled={disabled}
        onClick={() => onChange(nowLocal(zone))}
        aria-label={t('incidents.nowFor', { field: label })}
        mb={error ? 22 : 0}
      >
        {t('incidents.now')}
      </Button>
    </Group>
  );
}
