import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Chip,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { currentMinute, eventTimeToSave } from '@shared/domain/incidents';
import { utcToLocal } from '@shared/domain/time';
import {
  LOG_KIND_PREFIXES,
  LOG_KINDS,
  type LogEntry,
  type LogKind,
  parseLogLine,
  WRITABLE_LOG_KINDS,
  type WritableLogKind,
} from '@shared/domain/war-room-log';
import { IconClockEdit, IconLock, IconPencil, IconSearch } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { errorText } from '../../errors';
import { onDutyTabHref, useWarRoom } from './eventQueries';
import { LogEntryEditor, LogRevisionsModal } from './LogEntryModals';
import { type LogFilters, useLogEntries, useLogWrites } from './logQueries';
import type { OnDutyPanelProps } from './OnDutyScreen';

export const KIND_COLORS: Record<LogKind, string> = {
  observation: 'gray',
  decision: 'violet',
  action: 'blue',
  checkpoint: 'teal',
  incidentUpdate: 'red',
  handover: 'orange',
  closure: 'dark',
};

/** `2026-11-11T09:05` → `11-11 09:05`: the event zone's wall time, short enough for a log line. */
function shortTime(occurredAt: string, zone: string): string {
  return utcToLocal(occurredAt, zone).slice(5).replace('T', ' ');
}

/**
 * The war-room log: one line and Enter appends an entry. The box keeps the focus so the war room
 * types without reaching for the mouse; a prefix ("d: ") or Alt+1…6 chooses the kind.
 */
export function LogPanel({ engagement }: OnDutyPanelProps) {
  const { t } = useTranslation();
  const zone = engagement.timeZone;
  const readOnly = engagement.status === 'archived' || engagement.deletedAt !== null;
  const [kinds, setKinds] = useState<LogKind[]>([]);
  const [searchInput, setSearchInput] = useState('');
  const [search] = useDebouncedValue(searchInput, 200);
  const filters = useMemo<LogFilters>(() => ({ kinds, search }), [kinds, search]);
  const entries = useLogEntries(engagement.id, filters);
  const { append, revise } = useLogWrites(engagement.id, filters);
  const [editing, setEditing] = useState<LogEntry | null>(null);
  const [history, setHistory] = useState<LogEntry | null>(null);
  const closedAt = useWarRoom(engagement.id).data?.closedAt ?? null;
  const filtered = kinds.length > 0 || search.trim() !== '';

  const list = entries.data ?? [];
  // ↑ edits the newest entry of the whole log, not of the filtered list: that is the one just typed.
  const editLast = async () => {
    const source = filtered ? (await call('log.list', { engagementId: engagement.id, limit: 20 })).entries : list;
    const last = source.findLast((e) => e.kind !== 'closure');
    if (last) setEditing(last);
  };
  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Chip.Group multiple value={kinds} onChange={(value) => setKinds(LOG_KINDS.filter((k) => value.includes(k)))}>
          <Group gap={6} role="group" aria-label={t('warRoomLog.filterKinds')}>
            {LOG_KINDS.map((kind) => (
              <Chip key={kind} value={kind} size="xs" color={KIND_COLORS[kind]}>
                {t(`warRoomLog.kinds.${kind}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <TextInput
          ml="auto"
          size="xs"
          w={240}
          leftSection={<IconSearch size={14} />}
          aria-label={t('warRoomLog.search')}
          placeholder={t('warRoomLog.search')}
          value={searchInput}
          onChange={(e) => setSearchInput(e.currentTarget.value)}
        />
      </Group>
      {entries.isError ? (
        <Alert color="red">{errorText(t, entries.error)}</Alert>
      ) : entries.isPending ? (
        <Skeleton h={420} />
      ) : (
        <LogList
          entries={list}
          zone={zone}
          filtered={filtered}
          readOnly={readOnly || closedAt !== null}
          onEdit={setEditing}
          onHistory={setHistory}
        />
      )}
      {readOnly ? (
        <Alert color="gray">{t('warRoomLog.readOnly')}</Alert>
      ) : closedAt !== null ? (
        <Alert color="gray" data-testid="log-closed" icon={<IconLock size={16} />}>
          {t('warRoomLog.closedNotice', { at: shortTime(closedAt, zone), zone })}{' '}
          <Anchor href={onDutyTabHref(engagement.id, 'close')}>{t('warRoomLog.goToClose')}</Anchor>
        </Alert>
      ) : (
        <EntryBar
          engagementId={engagement.id}
          zone={zone}
          busy={append.isPending}
          onAppend={(input) => append.mutateAsync(input)}
          onEditLast={() => void editLast()}
        />
      )}
      <LogEntryEditor
        entry={editing}
        zone={zone}
        onClose={() => setEditing(null)}
        onSave={(input) => revise.mutateAsync(input)}
      />
      <LogRevisionsModal engagementId={engagement.id} entry={history} zone={zone} onClose={() => setHistory(null)} />
    </Stack>
  );
}

function LogList({
  entries,
  zone,
  filtered,
  readOnly,
  onEdit,
  onHistory,
}: {
  entries: LogEntry[];
  zone: string;
  filtered: boolean;
  readOnly: boolean;
  onEdit: (entry: LogEntry) => void;
  onHistory: (entry: LogEntry) => void;
}) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 34,
    overscan: 12,
    getItemKey: (index) => entries[index]?.id ?? index,
  });
  // Newest at the bottom, like a chat: stay there while new lines come in, unless the reader scrolled up.
  const atBottom = useRef(true);
  const lastId = entries.at(-1)?.id;
  useLayoutEffect(() => {
    if (lastId !== undefined && atBottom.current) virtualizer.scrollToIndex(entries.length - 1, { align: 'end' });
  }, [lastId, entries.length, virtualizer]);

  if (entries.length === 0) {
    return (
      <Paper withBorder radius="md" p="xl">
        <Text c="dimmed" ta="center">
          {filtered ? t('warRoomLog.noMatch') : t('warRoomLog.empty')}
        </Text>
      </Paper>
    );
  }
  return (
    <Paper withBorder radius="md">
      <div
        ref={scroller}
        role="log"
        aria-label={t('warRoomLog.listLabel', { count: entries.length })}
        data-testid="war-room-log"
        // Tall enough to read back, short enough that the entry box stays on screen below it.
        style={{ height: 'max(240px, calc(100vh - 440px))', overflowY: 'auto', contain: 'strict' }}
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
        }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const entry = entries[item.index];
            if (!entry) return null;
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  width: '100%',
                  transform: `translateY(${item.start}px)`,
                }}
              >
                <LogLine entry={entry} zone={zone} readOnly={readOnly} onEdit={onEdit} onHistory={onHistory} />
              </div>
            );
          })}
        </div>
      </div>
    </Paper>
  );
}

function LogLine({
  entry,
  zone,
  readOnly,
  onEdit,
  onHistory,
}: {
  entry: LogEntry;
  zone: string;
  readOnly: boolean;
  onEdit: (entry: LogEntry) => void;
  onHistory: (entry: LogEntry) => void;
}) {
  const { t } = useTranslation();
  return (
    <Group
      gap="xs"
      wrap="nowrap"
      align="flex-start"
      px="sm"
      py={6}
      data-testid="log-entry"
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <Text size="sm" ff="monospace" c="dimmed" miw={92} title={entry.occurredAt}>
        {shortTime(entry.occurredAt, zone)}
      </Text>
      <Badge size="sm" variant="light" color={KIND_COLORS[entry.kind]} w={124} style={{ flexShrink: 0 }}>
        {t(`warRoomLog.kinds.${entry.kind}`)}
      </Badge>
      <Text size="sm" style={{ flex: 1, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {entry.text}
        {entry.late && (
          <Tooltip
            label={t('warRoomLog.lateHint', { written: shortTime(entry.writtenAt, zone) })}
            events={{ hover: true, focus: true, touch: true }}
          >
            <Badge
              ml={6}
              size="xs"
              color="yellow"
              variant="outline"
              component="span"
              // Focusable so the keyboard reaches the tooltip; the label carries it for screen readers.
              tabIndex={0}
              aria-label={`${t('warRoomLog.late')}: ${t('warRoomLog.lateHint', { written: shortTime(entry.writtenAt, zone) })}`}
            >
              {t('warRoomLog.late')}
            </Badge>
          </Tooltip>
        )}
        {entry.revisions > 0 && (
          <UnstyledButton ml={6} onClick={() => onHistory(entry)} aria-label={t('warRoomLog.showRevisions')}>
            <Badge size="xs" color="gray" variant="outline" component="span" style={{ cursor: 'pointer' }}>
              {t('warRoomLog.revised', { count: entry.revisions })}
            </Badge>
          </UnstyledButton>
        )}
      </Text>
      <Text size="xs" c="dimmed" maw={140} truncate="end">
        {entry.author}
      </Text>
      {!readOnly && entry.kind !== 'closure' && (
        <ActionIcon
          size="sm"
          variant="subtle"
          color="gray"
          aria-label={t('warRoomLog.edit', { text: entry.text.slice(0, 40) })}
          onClick={() => onEdit(entry)}
        >
          <IconPencil size={14} />
        </ActionIcon>
      )}
    </Group>
  );
}

type AppendInput = { kind: WritableLogKind; text: string; occurredAt?: string; incidentRef?: string };

/**
 * Half-typed lines per engagement: switching to another on-duty tab unmounts the log, and a line
 * typed during an incident must still be there when the war room comes back to it.
 */
const entryDrafts = new Map<string, { kind: WritableLogKind; line: string; time: string }>();

/** The one-line box: always focused, Enter appends, Alt+1…6 or a prefix picks the kind, Alt+T sets the time. */
function EntryBar({
  engagementId,
  zone,
  busy,
  onAppend,
  onEditLast,
}: {
  engagementId: string;
  zone: string;
  busy: boolean;
  onAppend: (input: AppendInput) => Promise<unknown>;
  onEditLast: () => void;
}) {
  const { t } = useTranslation();
  const draft = entryDrafts.get(engagementId);
  const [kind, setKind] = useState<WritableLogKind>(draft?.kind ?? 'observation');
  const [line, setLine] = useState(draft?.line ?? '');
  const [time, setTime] = useState(draft?.time ?? '');
  useEffect(() => {
    if (line === '' && time === '' && kind === 'observation') entryDrafts.delete(engagementId);
    else entryDrafts.set(engagementId, { kind, line, time });
  }, [engagementId, kind, line, time]);
  // Alt+T's instant: in the hour clocks repeat, converting its wall text back would give the first occurrence.
  const [timeNow, setTimeNow] = useState<{ text: string; instant: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLInputElement>(null);
  const timeBox = useRef<HTMLInputElement>(null);
  useEffect(() => box.current?.focus(), []);

  const typed = parseLogLine(line, kind);
  const submit = async () => {
    if (typed.text.trim() === '') return;
    let occurredAt: string | undefined;
    if (time !== '') {
      const resolved = eventTimeToSave(time, timeNow, zone);
      if ('missing' in resolved || resolved.at === null) {
        setError(t('validation.localTimeMissing'));
        return;
      }
      occurredAt = resolved.at;
    }
    // The box empties at once, so the next line can be typed while this one is being saved;
    // clearing it after the save would wipe what was typed meanwhile.
    const sent = { line, time };
    setLine('');
    setTime('');
    setError(null);
    try {
      await onAppend({
        kind: typed.kind,
        text: typed.text,
        ...(occurredAt ? { occurredAt } : {}),
        ...(typed.incidentRef ? { incidentRef: typed.incidentRef } : {}),
      });
    } catch (failure) {
      // Give the line back to be corrected, unless something new was typed; then name it in the error.
      setLine((current) => (current === '' ? sent.line : current));
      setTime((current) => (current === '' ? sent.time : current));
      setError(`${errorText(t, failure)} (${typed.text})`);
    }
    box.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
      return;
    }
    if (e.altKey && /^Digit[1-6]$/.test(e.code)) {
      e.preventDefault();
      const chosen = WRITABLE_LOG_KINDS[Number(e.code.slice(5)) - 1];
      if (chosen) setKind(chosen);
      return;
    }
    if (e.altKey && e.code === 'KeyT') {
      e.preventDefault();
      if (time === '') {
        const now = currentMinute(new Date().toISOString());
        setTime(utcToLocal(now, zone));
        setTimeNow({ text: utcToLocal(now, zone), instant: now });
      }
      timeBox.current?.focus();
      return;
    }
    if (e.key === 'ArrowUp' && line === '') {
      e.preventDefault();
      onEditLast();
    }
  };

  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Select
          w={170}
          aria-label={t('warRoomLog.kind')}
          data={WRITABLE_LOG_KINDS.map((k, i) => ({ value: k, label: `${i + 1} · ${t(`warRoomLog.kinds.${k}`)}` }))}
          value={kind}
          onChange={(value) => {
            const chosen = WRITABLE_LOG_KINDS.find((k) => k === value);
            if (chosen) setKind(chosen);
            box.current?.focus();
          }}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          ref={box}
          style={{ flex: 1 }}
          aria-label={t('warRoomLog.entry')}
          placeholder={t('warRoomLog.placeholder')}
          value={line}
          maxLength={4100}
          onChange={(e) => setLine(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          error={error}
          leftSection={
            typed.kind !== kind || typed.incidentRef ? (
              <Badge size="xs" variant="light" color={KIND_COLORS[typed.kind]}>
                {typed.incidentRef ?? LOG_KIND_PREFIXES[typed.kind]}
              </Badge>
            ) : undefined
          }
          leftSectionWidth={typed.incidentRef ? 84 : typed.kind !== kind ? 36 : undefined}
        />
        <TextInput
          ref={timeBox}
          type="datetime-local"
          w={200}
          aria-label={t('warRoomLog.time', { zone })}
          value={time}
          onChange={(e) => setTime(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void submit();
            } else if (e.key === 'Escape') {
              setTime('');
              box.current?.focus();
            }
          }}
          leftSection={<IconClockEdit size={14} />}
          placeholder={t('warRoomLog.now')}
        />
        <Button onClick={() => void submit()} loading={busy} disabled={typed.text.trim() === ''}>
          {t('warRoomLog.add')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {time === ''
          ? t('warRoomLog.hint', { kind: t(`warRoomLog.kinds.${typed.kind}`) })
          : t('warRoomLog.hintLate', { zone })}
      </Text>
    </Stack>
  );
}
