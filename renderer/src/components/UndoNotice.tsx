/**
 * The notice a removal shows: what was removed and an Undo button, for eight seconds. One place
 * for it, so every screen's undo looks and behaves the same.
 */
import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';

export function showUndoNotice(t: TFunction, message: string, undo: () => void): void {
  const id = notifications.show({
    color: 'teal',
    autoClose: 8000,
    message: (
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text size="sm">{message}</Text>
        <Button
          size="compact-sm"
          variant="light"
          onClick={() => {
            notifications.hide(id);
            undo();
          }}
        >
          {t('actions.undo')}
        </Button>
      </Group>
    ),
  });
}
