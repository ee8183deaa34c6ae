import type { MethodOutput } from '@shared/contract';
import type { Calendar } from '@shared/domain/calendar';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api';
import { downloadFile } from '../../files';

export type CalendarSummary = MethodOutput<'calendar.list'>[number];
export type CalendarOrigin = CalendarSummary['origin'];

/** Every key starts with 'calendars', so one invalidation also refreshes the plan screen's calendar list. */
export const calendarKeys = {
  all: ['calendars'] as const,
  list: ['calendars', 'list'] as const,
  one: (id: string) => ['calendars', 'one', id] as const,
};

export function useCalendarList() {
  return useQuery({ queryKey: calendarKeys.list, queryFn: () => call('calendar.list', {}) });
}

export function useCalendar(id: string) {
  return useQuery({
    queryKey: calendarKeys.one(id),
    queryFn: () => call('calendar.get', { calendarId: id }),
    retry: false,
  });
}

/** The full calendars behind the list (the summaries carry no years); there are only a handful. */
export function useCalendars(ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: calendarKeys.one(id),
      queryFn: () => call('calendar.get', { calendarId: id }),
      retry: false,
    })),
  });
}

/** calendar.save, refreshing every calendar query once it succeeds; a refused save stores nothing. */
export function useSaveCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (calendar: unknown) => call('calendar.save', { calendar }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}

/** Saves the calendar as a JSON file through a temporary Blob link: no network, nothing inline. */
export function exportCalendar(calendar: Calendar) {
  downloadFile(
    `${calendar.id}.json`,
    new Blob([`${JSON.stringify(calendar, null, 2)}\n`], { type: 'application/json' }),
  );
}
