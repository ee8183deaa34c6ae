import { Button, List, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileImport } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { errorText } from '../../errors';
import { useLocalized } from '../catalogs/queries';
import { useSaveCalendar } from './queries';

type Refusal = { file: string; message: string; problems: string[] };

/**
 * "Import from file": the file is read and parsed here, then saved through calendar.save, which
 * validates it and stores nothing when it is bad. A calendar with an existing id becomes the firm's version of it.
 */
export function ImportCalendar({ onImported }: { onImported: (calendarId: string) => void }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const input = useRef<HTMLInputElement>(null);
  const save = useSaveCalendar();
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const read = async (file: File) => {
    let data: unknown;
    try {
      data = JSON.parse(await file.text());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setRefusal({
        file: file.name,
        message: t('calendars.import.notJson', { file: file.name, message }),
        problems: [],
      });
      return;
    }
    try {
      const saved = await save.mutateAsync(data);
      notifications.show({ color: 'teal', message: t('calendars.import.done', { name: localized(saved.name) }) });
      onImported(saved.id);
    } catch (error) {
      const details = isApiError(error) ? (error.appError.details ?? []) : [];
      setRefusal({ file: file.name, message: details.length ? '' : errorText(t, error), problems: details });
    }
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t('calendars.import.chooseFile')}
        data-testid="calendar-import-input"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          // Cleared so choosing the same file again after fixing it fires a change.
          event.currentTarget.value = '';
          if (file) void read(file);
        }}
      />
      <Button
        variant="default"
        leftSection={<IconFileImport size={18} />}
        loading={save.isPending}
        onClick={() => input.current?.click()}
      >
        {t('calendars.actions.import')}
      </Button>
      <Modal
        opened={refusal !== null}
        onClose={() => setRefusal(null)}
        title={refusal ? t('calendars.import.failedTitle', { file: refusal.file }) : ''}
        size="lg"
        centered
        closeButtonProps={{ 'aria-label': t('form.cancel') }}
      >
        <Stack gap="sm">
          {refusal?.message && <Text data-testid="calendar-import-message">{refusal.message}</Text>}
          {refusal && refusal.problems.length > 0 && (
            <List size="sm" spacing={4} data-testid="calendar-import-errors">
              {refusal.problems.map((problem) => (
                <List.Item key={problem}>
                  <Text component="code" ff="monospace" size="sm">
                    {problem}
                  </Text>
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
      </Modal>
    </>
  );
}
