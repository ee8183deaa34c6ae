import type { MethodInput } from '@shared/contract';
import type { LogEntry, LogKind } from '@shared/domain/war-room-log';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { call, onEvent } from '../../api';

export type LogFilters = { kinds: LogKind[]; search: string };

export const logKeys = {
  engagement: (engagementId: string) => ['warRoomLog', engagementId] as const,
  list: (engagementId: string, filters: LogFilters) => ['warRoomLog', engagementId, 'list', filters] as const,
  revisions: (engagementId: string, id: string) => ['warRoomLog', engagementId, 'revisions', id] as const,
};

function hasFilters(filters: LogFilters): boolean {
  return filters.kinds.length > 0 || filters.search.trim() !== '';
}

/** The whole (filtered) log, oldest first: pages of 10,000 fetched back in time until none are left. */
export function useLogEntries(engagementId: string, filters: LogFilters) {
  return useQuery({
    queryKey: logKeys.list(engagementId, filters),
    queryFn: async () => {
      const query = {
        engagementId,
        ...(filters.kinds.length > 0 ? { kinds: filters.kinds } : {}),
        ...(filters.search.trim() !== '' ? { search: filters.search.trim() } : {}),
      };
      let page = await call('log.list', query);
      const pages = [page.entries];
      while (page.olderCursor !== null) {
        page = await call('log.list', { ...query, before: page.olderCursor });
        pages.unshift(page.entries);
      }
      return pages.flat();
    },
    placeholderData: (previous) => previous,
  });
}

export function useLogRevisions(engagementId: string, id: string | null) {
  return useQuery({
    queryKey: logKeys.revisions(engagementId, id ?? ''),
    queryFn: () => call('log.revisions', { engagementId, id: id ?? '' }),
    enabled: id !== null,
  });
}

function before(a: LogEntry, b: LogEntry): boolean {
  return a.occurredAt === b.occurredAt ? a.id < b.id : a.occurredAt < b.occurredAt;
}

/** Puts a written entry in its place in the unfiltered list, so a line appears without reloading 10,000. */
function placeEntry(entries: readonly LogEntry[], entry: LogEntry): LogEntry[] {
  const rest = entries.filter((e) => e.id !== entry.id);
  let index = rest.length;
  for (let previous = rest[index - 1]; previous && before(entry, previous); previous = rest[index - 1]) index -= 1;
  return [...rest.slice(0, index), entry, ...rest.slice(index)];
}

/**
 * Whether an entry belongs in the list under these filters, as `log.list` decides it: one of the
 * kinds, and the search text in its text or author (LIKE: ASCII letters without regard to case).
 */
export function matchesLogFilters(entry: Pick<LogEntry, 'kind' | 'text' | 'author'>, filters: LogFilters): boolean {
  if (filters.kinds.length > 0 && !filters.kinds.includes(entry.kind)) return false;
  const search = filters.search.trim();
  if (search === '') return true;
  const fold = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return fold(entry.text).includes(fold(search)) || fold(entry.author).includes(fold(search));
}

/**
 * True when some announced entry was not written by this window: an id not in the lists shown
 * (or shown with a revision another window wrote) and not one of ours kept out by the filters.
 */
export function someoneElseWrote(
  announced: Iterable<string>,
  lists: readonly (readonly LogEntry[] | undefined)[],
  ownRevisions: ReadonlySet<string>,
  ownEntries: ReadonlySet<string>,
): boolean {
  for (const id of announced) {
    const known = lists.map((list) => list?.find((e) => e.id === id)).find((e) => e !== undefined);
    if (known ? !ownRevisions.has(known.revisionId) : !ownEntries.has(id)) return true;
  }
  return false;
}

/**
 * Places what this window wrote in the cached lists directly, the filtered one too when the entry
 * matches, so an Enter under a filter does not reload the whole log.
 */
function afterWrite(queryClient: QueryClient, engagementId: string, entry: LogEntry, filters: LogFilters) {
  const unfiltered: LogFilters = { kinds: [], search: '' };
  for (const shown of hasFilters(filters) ? [unfiltered, filters] : [unfiltered]) {
    queryClient.setQueryData<LogEntry[]>(logKeys.list(engagementId, shown), (entries) => {
      if (!entries) return entries;
      return matchesLogFilters(entry, shown) ? placeEntry(entries, entry) : entries.filter((e) => e.id !== entry.id);
    });
  }
  void queryClient.invalidateQueries({ queryKey: logKeys.revisions(engagementId, entry.id) });
}

/**
 * Append and revise. What this window wrote is placed in the list directly; `log.appended` from
 * elsewhere (another window) reloads it.
 */
export function useLogWrites(engagementId: string, filters: LogFilters) {
  const queryClient = useQueryClient();
  const written = useRef(new Set<string>());
  const writtenEntries = useRef(new Set<string>());
  const append = useMutation({
    mutationFn: (input: Omit<MethodInput<'log.append'>, 'engagementId'>) =>
      call('log.append', { ...input, engagementId }),
    onSuccess: (entry) => {
      written.current.add(entry.revisionId);
      writtenEntries.current.add(entry.id);
      afterWrite(queryClient, engagementId, entry, filters);
    },
  });
  const revise = useMutation({
    mutationFn: (input: Omit<MethodInput<'log.revise'>, 'engagementId'>) =>
      call('log.revise', { ...input, engagementId }),
    onSuccess: (entry) => {
      written.current.add(entry.revisionId);
      writtenEntries.current.add(entry.id);
      afterWrite(queryClient, engagementId, entry, filters);
    },
  });

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Every entry announced while waiting is checked, not only the last: another window's line
    // followed within the wait by our own must still be fetched.
    const announced = new Set<string>();
    const stop = onEvent('log.appended', (payload) => {
      if (payload.engagementId !== engagementId) return;
      announced.add(payload.id);
      // Our own line may announce itself before its reply arrives; a short wait lets the reply land first.
      clearTimeout(timer);
      timer = setTimeout(() => {
        const lists = [filters, { kinds: [], search: '' }].map((shown) =>
          queryClient.getQueryData<LogEntry[]>(logKeys.list(engagementId, shown)),
        );
        const reload = someoneElseWrote(announced, lists, written.current, writtenEntries.current);
        announced.clear();
        if (reload) void queryClient.invalidateQueries({ queryKey: logKeys.engagement(engagementId) });
      }, 250);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [queryClient, engagementId, filters]);

  return { append, revise };
}
