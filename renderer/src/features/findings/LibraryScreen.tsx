import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { type LibraryEntryInput, libraryEntryInputSchema, SEVERITIES, type Severity } from '@shared/domain/finding';
import { IconDownload, IconPencil, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, isApiError } from '../../api';
import { JsonFileImport } from '../../components/JsonFileImport';
import { errorText } from '../../errors';
import { downloadFile } from '../../files';
import { instant } from '../../format';
import { type LibraryEntry, useLibrary, useLibraryMutation } from './queries';
import { SeverityBadge } from './SeverityBadge';

const LANGS = ['en', 'zh-CN'] as const;
const TEXTS = ['title', 'description', 'recommendation'] as const;

/** Downloads text as a file through a temporary Blob link: no network, nothing inline. */
function download(fileName: string, text: string) {
  downloadFile(fileName, new Blob([text], { type: 'application/json' }));
}

/** The firm's findings library: reusable findings in both languages, searchable, editable, portable. */
export function LibraryScreen() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const library = useLibrary(debounced);
  const remove = useLibraryMutation('library.remove');
  const [editing, setEditing] = useState<LibraryEntry | 'new' | null>(null);
  const [removing, setRemoving] = useState<LibraryEntry | null>(null);
  const entries = library.data ?? [];
  const language = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const shown = (value: { en: string; 'zh-CN': string }) =>
    value[language].trim() !== '' ? value[language] : value[language === 'en' ? 'zh-CN' : 'en'];

  const exportAll = async () => {
    try {
      const file = await call('library.export', {});
      download(file.fileName, file.text);
    } catch (error) {
      notifications.show({ color: 'red', message: errorText(t, error) });
    }
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t('library.title')}
          </Title>
          <Text c="dimmed" maw={760}>
            {t('library.subtitle')}
          </Text>
        </div>
        <Group gap="xs">
          <ImportLibrary />
          <Button variant="default" leftSection={<IconDownload size={18} />} onClick={() => void exportAll()}>
            {t('library.export')}
          </Button>
          <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>
            {t('library.add')}
          </Button>
        </Group>
      </Group>
      <TextInput
        label={t('library.search')}
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        maw={420}
      />
      {library.isPending ? (
        <Skeleton h={160} />
      ) : library.isError ? (
        <Alert color="red">{errorText(t, library.error)}</Alert>
      ) : entries.length === 0 ? (
        <Paper withBorder p="xl" radius="md">
          <Text c="dimmed" ta="center">
            {t(debounced.trim() ? 'library.noMatch' : 'library.empty')}
          </Text>
        </Paper>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" data-testid="library-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('library.fields.severity')}</Table.Th>
                  <Table.Th>{t('library.fields.title')}</Table.Th>
                  <Table.Th>{t('library.fields.tags')}</Table.Th>
                  <Table.Th>{t('library.updated')}</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">{t('findings.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((entry) => {
                  const title = shown(entry.title);
                  const untranslated =
                    LANGS.some((l) => entry.title[l].trim() === '') || entry.title.en === entry.title['zh-CN'];
                  return (
                    <Table.Tr key={entry.id} data-entry={title}>
                      <Table.Td>
                        <SeverityBadge severity={entry.severity} />
                      </Table.Td>
                      <Table.Td>
                        <Text fw={600}>{title}</Text>
                        <Text size="sm" c="dimmed" lineClamp={1}>
                          {shown(entry.recommendation)}
                        </Text>
                        {untranslated && (
                          <Badge color="grape" variant="light" radius="sm" tt="none" mt={4}>
                            {t('library.needsTranslation')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{entry.tags.map((tag) => `#${tag}`).join(' ')}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{instant(entry.updatedAt, i18n.language)}</Text>
                        <Text size="xs" c="dimmed">
                          {entry.updatedBy}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Tooltip label={t('library.edit')}>
                            <ActionIcon
                              variant="subtle"
                              aria-label={t('library.editNamed', { title })}
                              onClick={() => setEditing(entry)}
                            >
                              <IconPencil size={18} />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label={t('library.remove')}>
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={t('library.removeNamed', { title })}
                              onClick={() => setRemoving(entry)}
                            >
                              <IconTrash size={18} />
                            </ActionIcon>
                          </Tooltip>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {entries.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('library.count', { count: entries.length })}
        </Text>
      )}
      <EntryModal entry={editing} onClose={() => setEditing(null)} />
      <Modal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={t('library.removeTitle')}
        closeButtonProps={{ 'aria-label': t('form.cancel') }}
      >
        <Stack>
          <Text>{t('library.removeBody', { title: removing ? shown(removing.title) : '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              {t('form.cancel')}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                removing &&
                remove.mutate(
                  { id: removing.id },
                  {
                    onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }),
                    onSettled: () => setRemoving(null),
                  },
                )
              }
            >
              {t('library.remove')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

const EMPTY_ENTRY: LibraryEntryInput = {
  severity: 'medium',
  title: { en: '', 'zh-CN': '' },
  description: { en: '', 'zh-CN': '' },
  recommendation: { en: '', 'zh-CN': '' },
  tags: [],
};

/** A library entry edited side by side in English and Simplified Chinese. */
function EntryModal({ entry, onClose }: { entry: LibraryEntry | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useLibraryMutation('library.save');
  const [draft, setDraft] = useState<LibraryEntryInput>(EMPTY_ENTRY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (entry === null) return;
    setErrors({});
    setDraft(
      entry === 'new'
        ? EMPTY_ENTRY
        : {
            id: entry.id,
            severity: entry.severity,
            title: entry.title,
            description: entry.description,
            recommendation: entry.recommendation,
            tags: entry.tags,
          },
    );
  }, [entry]);

  const submit = () => {
    const parsed = libraryEntryInputSchema.safeParse(draft);
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.filter((p) => typeof p !== 'number').join('.');
        found[key] ??= issue.message;
      }
      setErrors(found);
      return;
    }
    save.mutate(
      { entry: parsed.data },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('library.saved') });
          onClose();
        },
        onError: (error) => {
          const field = isApiError(error) ? error.appError.field?.replace(/^entry\./, '') : undefined;
          if (field && isApiError(error)) setErrors({ [field]: error.appError.messageKey ?? error.appError.message });
          else notifications.show({ color: 'red', message: errorText(t, error) });
        },
      },
    );
  };
  const errorOf = (key: string) => (errors[key] ? t(errors[key]) : undefined);
  const setText = (field: (typeof TEXTS)[number], lang: (typeof LANGS)[number], value: string) => {
    setDraft((d) => ({ ...d, [field]: { ...d[field], [lang]: value } }));
    setErrors((e) => {
      const { [field]: _, [`${field}.${lang}`]: __, ...rest } = e;
      return rest;
    });
  };

  return (
    <Modal
      opened={entry !== null}
      onClose={onClose}
      title={t(entry === 'new' ? 'library.addTitle' : 'library.editTitle')}
      size="xl"
      closeButtonProps={{ 'aria-label': t('form.cancel') }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('library.fields.severity')}
              data={SEVERITIES.map((s) => ({ value: s, label: t(`findings.severity.${s}`) }))}
              value={draft.severity}
              onChange={(value) => value && setDraft((d) => ({ ...d, severity: value as Severity }))}
              allowDeselect={false}
            />
            <TagsInput
              label={t('library.fields.tags')}
              value={draft.tags}
              onChange={(tags) => setDraft((d) => ({ ...d, tags }))}
              error={errorOf('tags')}
              clearable
            />
          </SimpleGrid>
          {TEXTS.map((field) => (
            <SimpleGrid key={field} cols={{ base: 1, sm: 2 }}>
              {LANGS.map((lang) => {
                const label = t('library.fieldIn', {
                  field: t(`library.fields.${field}`),
                  language: t(`library.languages.${lang}`),
                });
                const common = {
                  label,
                  lang,
                  value: draft[field][lang],
                  error: errorOf(`${field}.${lang}`) ?? (lang === 'en' ? errorOf(field) : undefined),
                };
                return field === 'title' ? (
                  <TextInput
                    key={lang}
                    {...common}
                    data-autofocus={lang === 'en' ? true : undefined}
                    onChange={(event) => setText(field, lang, event.currentTarget.value)}
                  />
                ) : (
                  <Textarea
                    key={lang}
                    {...common}
                    autosize
                    minRows={3}
                    maxRows={8}
                    onChange={(event) => setText(field, lang, event.currentTarget.value)}
                  />
                );
              })}
            </SimpleGrid>
          ))}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('form.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('library.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** "Import": the file is read here as text; the core validates all of it and stores nothing if it is bad. */
function ImportLibrary() {
  const { t } = useTranslation();
  const importFile = useLibraryMutation('library.import');

  return (
    <JsonFileImport
      read="text"
      mutation={importFile}
      labels={{ button: 'library.import', chooseFile: 'library.chooseFile', failedTitle: 'library.importFailed' }}
      testId="library-import"
      onImported={(result) => notifications.show({ color: 'teal', message: t('library.imported', result) })}
    />
  );
}
