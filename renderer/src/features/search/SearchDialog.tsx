import { Badge, Group, Loader, Modal, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { SearchResult, SnippetSegment } from '@shared/domain/search';
import { IconAlertTriangle, IconBriefcase, IconChecklist, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { errorText } from '../../errors';
import classes from './search.module.css';

const KIND_ICONS: Record<SearchResult['kind'], ReactNode> = {
  engagement: <IconBriefcase size={18} aria-hidden />,
  answer: <IconChecklist size={18} aria-hidden />,
  finding: <IconAlertTriangle size={18} aria-hidden />,
};

/** Where a result opens: the engagement, its findings, or the checklist the answer belongs to. */
export function resultHref(result: SearchResult): string {
  const base = `#/engagements/${result.engagementId}`;
  if (result.kind === 'finding') return `${base}/findings`;
  if (result.kind === 'answer' && result.checklistKind) return `${base}/${result.checklistKind}`;
  return `${base}/overview`;
}

/** Snippet text with each match in <mark>; React escapes the text, nothing is parsed as HTML. */
export function Snippet({ segments }: { segments: SnippetSegment[] }) {
  return (
    <>
      {segments.map((segment, i) =>
        segment.mark ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are a fixed sequence of one result.
          <mark key={i}>{segment.text}</mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are a fixed sequence of one result.
          <span key={i}>{segment.text}</span>
        ),
      )}
    </>
  );
}

function useSearch(query: string) {
  const trimmed = query.trim();
  return useQuery({
    queryKey: ['search', trimmed],
    queryFn: () => call('search.query', { query: trimmed, limit: 30 }),
    enabled: trimmed !== '',
    placeholderData: keepPreviousData,
    // Every keystroke is a new question; answers and findings change under it while the dialog is closed.
    staleTime: 0,
    gcTime: 30_000,
  });
}

/**
 * The global search box (Ctrl/Cmd+K): a combobox over a list of results. Arrow keys move the
 * active result, Enter opens it, Escape closes.
 */
export function SearchDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 120);
  const [active, setActive] = useState(0);
  const search = useSearch(debounced);
  const results = debounced.trim() === '' ? [] : (search.data ?? []);
  const listId = useId();
  const optionId = (i: number) => `${listId}-option-${i}`;
  const language = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

  useEffect(() => {
    if (!opened) {
      setQuery('');
      setActive(0);
    }
  }, [opened]);
  // A new list starts at its best result.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset whenever the results change.
  useEffect(() => setActive(0), [search.data]);

  const open = (result: SearchResult | undefined) => {
    if (!result) return;
    onClose();
    window.location.hash = resultHref(result);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && results.length > 0) {
      event.preventDefault();
      setActive((i) => (i + 1) % results.length);
    } else if (event.key === 'ArrowUp' && results.length > 0) {
      event.preventDefault();
      setActive((i) => (i - 1 + results.length) % results.length);
    } else if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      // Not while an input method is composing Chinese: that Enter confirms the characters.
      event.preventDefault();
      open(results[active]);
    }
  };

  const showEmpty = debounced.trim() !== '' && search.isSuccess && results.length === 0 && !search.isFetching;

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('search.title')}
      size="xl"
      yOffset="10vh"
      closeButtonProps={{ 'aria-label': t('app.close') }}
      data-testid="search-dialog"
    >
      <TextInput
        data-autofocus
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={search.isFetching ? <Loader size={14} /> : null}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={results.length > 0}
        aria-controls={results.length > 0 ? listId : undefined}
        aria-activedescendant={results.length > 0 ? optionId(active) : undefined}
        autoComplete="off"
        spellCheck={false}
      />
      <Group justify="space-between" mt={6} mb="xs">
        <Text size="xs" c="dimmed">
          {t(isMac ? 'search.openMac' : 'search.open')} · {t('search.hint')}
        </Text>
        <Text size="xs" c="dimmed" aria-live="polite">
          {debounced.trim() !== '' && search.isSuccess ? t('search.count', { count: results.length }) : ''}
        </Text>
      </Group>
      {search.isError && (
        <Text c="red" size="sm" role="alert">
          {t('search.failed', { message: errorText(t, search.error) })}
        </Text>
      )}
      {showEmpty && (
        <Text c="dimmed" size="sm" py="md" ta="center">
          {t('search.noResults', { query: debounced.trim() })}
        </Text>
      )}
      {results.length > 0 && (
        <div id={listId} role="listbox" aria-label={t('search.results')} className={classes.list}>
          {results.map((result, i) => {
            const title = (result.kind === 'answer' && result.prompt?.[language]) || result.title;
            return (
              // The input owns the keyboard (aria-activedescendant); a click picks a result with the mouse.
              // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled by the combobox input.
              <div
                key={result.refId}
                id={optionId(i)}
                role="option"
                tabIndex={-1}
                aria-selected={i === active}
                className={classes.option}
                data-active={i === active || undefined}
                data-testid="search-result"
                onMouseMove={() => setActive(i)}
                onClick={() => open(result)}
              >
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <span className={classes.icon}>{KIND_ICONS[result.kind]}</span>
                  <div className={classes.body}>
                    <Group gap="xs" wrap="nowrap" justify="space-between">
                      <Text fw={600} size="sm" truncate>
                        {title}
                      </Text>
                      <Badge variant="light" color="gray" size="sm" className={classes.badge}>
                        {t(`search.kinds.${result.kind}`)}
                      </Badge>
                    </Group>
                    <Text size="xs" c="dimmed" truncate>
                      {result.engagementName} · {result.customerOrg}
                    </Text>
                    <Text size="sm" className={classes.snippet}>
                      <Snippet segments={result.snippet} />
                    </Text>
                  </div>
                </Group>
              </div>
            );
          })}
        </div>
      )}
    </Modal>
  );
}
