import { Button, Group, Modal, Paper, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { libraryText } from '@shared/domain/finding';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../errors';
import { type Finding, useFindingMutation, useLibrary } from './queries';
import { SeverityBadge } from './SeverityBadge';

/** "Insert from library": a searchable list; the entry becomes an open finding in the deliverable language. */
export function LibraryPicker(props: {
  engagementId: string;
  language: 'en' | 'zh-CN';
  opened: boolean;
  onClose: () => void;
  onInserted: (finding: Finding) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const library = useLibrary(debounced, props.opened);
  const insert = useFindingMutation('library.insert');
  useEffect(() => {
    if (props.opened) setSearch('');
  }, [props.opened]);
  const entries = library.data ?? [];

  const choose = (libraryId: string) =>
    insert.mutate(
      { engagementId: props.engagementId, libraryId, language: props.language },
      {
        onSuccess: (finding) => {
          notifications.show({ color: 'teal', message: t('findings.library.inserted', { title: finding.title }) });
          props.onInserted(finding);
          props.onClose();
        },
        onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }),
      },
    );

  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t('findings.library.pickTitle')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('form.cancel') }}
    >
      <Stack gap="sm">
        <TextInput
          label={t('findings.library.search')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          data-autofocus
        />
        <Text size="xs" c="dimmed">
          {t('findings.library.insertLanguage', { language: t(`languages.${props.language}`) })}
        </Text>
        <ScrollArea.Autosize mah={420}>
          <Stack gap="xs" data-testid="library-picker">
            {entries.length === 0 && !library.isPending && (
              <Text c="dimmed" size="sm">
                {t(debounced.trim() ? 'findings.library.noMatch' : 'findings.library.empty')}
              </Text>
            )}
            {entries.map((entry) => {
              const title = libraryText(entry.title, props.language);
              return (
                <Paper key={entry.id} withBorder p="sm" radius="md">
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <Stack gap={4} style={{ minWidth: 0 }}>
                      <Group gap="xs">
                        <SeverityBadge severity={entry.severity} />
                        <Text fw={600}>{title}</Text>
                      </Group>
                      <Text size="sm" c="dimmed" lineClamp={2}>
                        {libraryText(entry.recommendation, props.language)}
                      </Text>
                      {entry.tags.length > 0 && (
                        <Text size="xs" c="dimmed">
                          {entry.tags.map((tag) => `#${tag}`).join(' ')}
                        </Text>
                      )}
                    </Stack>
                    <Button
                      size="compact-sm"
                      variant="light"
                      loading={insert.isPending && insert.variables?.libraryId === entry.id}
                      onClick={() => choose(entry.id)}
                      aria-label={t('findings.library.insertNamed', { title })}
                    >
                      {t('findings.library.insert')}
                    </Button>
                  </Group>
                </Paper>
              );
            })}
          </Stack>
        </ScrollArea.Autosize>
      </Stack>
    </Modal>
  );
}
