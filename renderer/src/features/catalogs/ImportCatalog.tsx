import { Button, List, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileImport } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { errorText } from '../../errors';
import { useCatalogMutation, useLocalized } from './queries';

type Refusal = { file: string; message: string; problems: string[] };

/** "Import from file": the file is read here as text; the core validates it and stores nothing if it is bad. */
export function ImportCatalog({ onImported }: { onImported: (catalogId: string) => void }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const input = useRef<HTMLInputElement>(null);
  const importCatalog = useCatalogMutation('catalog.import');
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  const read = async (file: File) => {
    try {
      const imported = await importCatalog.mutateAsync({ fileName: file.name, text: await file.text() });
      notifications.show({
        color: 'teal',
        message: t('catalogs.import.done', {
          name: localized(imported.catalog.name),
          version: imported.catalog.version,
        }),
      });
      onImported(imported.catalog.id);
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
        aria-label={t('catalogs.import.chooseFile')}
        data-testid="catalog-import-input"
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
        loading={importCatalog.isPending}
        onClick={() => input.current?.click()}
      >
        {t('catalogs.actions.import')}
      </Button>
      <Modal
        opened={refusal !== null}
        onClose={() => setRefusal(null)}
        title={refusal ? t('catalogs.import.failedTitle', { file: refusal.file }) : ''}
        size="lg"
        centered
        closeButtonProps={{ 'aria-label': t('form.cancel') }}
      >
        <Stack gap="sm">
          {refusal?.message && <Text>{refusal.message}</Text>}
          {refusal && refusal.problems.length > 0 && (
            <List size="sm" spacing={4} data-testid="catalog-import-errors">
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
