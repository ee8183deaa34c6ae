import { Button, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { currentMinute, wallTimeInstants } from '@shared/domain/incidents';
import { utcToLocal } from '@shared/domain/time';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A wall time in the event's zone (datetime-local) with a "Now" button beside it, so the war room
 * records a time with one key press; the label names the zone so nobody types laptop time.
 *
 * `onChange` gets the instant too when it is known without converting the text: "Now" passes the
 * current minute (in the hour clocks repeat its wall text names two instants), and a wall time in
 * that hour offers both occurrences to choose from. `instant` is the one known for the text shown.
 */
export function EventTimeInput({
  label,
  zone,
  value,
  instant,
  onChange,
  error,
  disabled,
  testId,
}: {
  label: string;
  zone: string;
  value: string;
  instant?: string | null | undefined;
  onChange: (value: string, instant?: string) => void;
  error?: string | undefined;
  disabled?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const chooserLabel = useId();
  const occurrences = value === '' ? [] : wallTimeInstants(value, zone);
  const chosen = occurrences.find((at) => at === instant) ?? occurrences[0];
  return (
    <Stack gap={4}>
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
          onClick={() => {
            const now = currentMinute(new Date().toISOString());
            onChange(utcToLocal(now, zone), now);
          }}
          aria-label={t('incidents.nowFor', { field: label })}
          mb={error ? 22 : 0}
        >
          {t('incidents.now')}
        </Button>
      </Group>
      {occurrences.length === 2 && chosen !== undefined && (
        <Group gap="xs">
          <Text size="xs" c="orange.8" id={chooserLabel}>
            {t('incidents.repeatedHour')}
          </Text>
          <SegmentedControl
            size="xs"
            aria-labelledby={chooserLabel}
            disabled={disabled}
            value={chosen}
            onChange={(at) => onChange(value, at)}
            data={occurrences.map((at, index) => ({
              value: at,
              label: t(index === 0 ? 'incidents.firstOccurrence' : 'incidents.secondOccurrence', {
                utc: at.slice(11, 16),
              }),
            }))}
          />
        </Group>
      )}
    </Stack>
  );
}
