import type { Method, MethodInput, MethodOutput } from '@shared/contract';
import { utcToLocal } from '@shared/domain/time';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { call, onEvent } from '../../api';
import { routeHref } from '../../routing';

/** Checkpoints, incidents and the war room's state share one refresh: each write can touch the others' log. */
export const eventKeys = {
  all: (engagementId: string) => ['onDutyEvent', engagementId] as const,
  checkpoints: (engagementId: string) => ['onDutyEvent', engagementId, 'checkpoints'] as const,
  incidents: (engagementId: string) => ['onDutyEvent', engagementId, 'incidents'] as const,
  timeline: (engagementId: string, id: string) => ['onDutyEvent', engagementId, 'timeline', id] as const,
  warRoom: (engagementId: string) => ['onDutyEvent', engagementId, 'warRoom'] as const,
};

/** Refetches when anything of the engagement changes (another window, a log entry naming an incident). */
function useEngagementRefresh(engagementId: string) {
  const queryClient = useQueryClient();
  useEffect(() => {
    const refresh = () => void queryClient.invalidateQueries({ queryKey: eventKeys.all(engagementId) });
    const offChanged = onEvent('engagement.changed', ({ id }) => {
      if (id === engagementId || id === '*') refresh();
    });
    const offLog = onEvent('log.appended', (payload) => {
      if (payload.engagementId === engagementId) refresh();
    });
    return () => {
      offChanged();
      offLog();
    };
  }, [queryClient, engagementId]);
}

export function useCheckpoints(engagementId: string) {
  useEngagementRefresh(engagementId);
  return useQuery({
    queryKey: eventKeys.checkpoints(engagementId),
    queryFn: () => call('checkpoint.list', { engagementId }),
  });
}

export function useIncidents(engagementId: string) {
  useEngagementRefresh(engagementId);
  return useQuery({
    queryKey: eventKeys.incidents(engagementId),
    queryFn: () => call('incident.list', { engagementId }),
  });
}

export function useIncidentTimeline(engagementId: string, id: string | null) {
  return useQuery({
    queryKey: eventKeys.timeline(engagementId, id ?? ''),
    queryFn: () => call('incident.timeline', { engagementId, id: id ?? '' }),
    enabled: id !== null,
  });
}

export function useWarRoom(engagementId: string) {
  useEngagementRefresh(engagementId);
  return useQuery({
    queryKey: eventKeys.warRoom(engagementId),
    queryFn: () => call('warroom.state', { engagementId }),
  });
}

type EventMethod = Extract<Method, `checkpoint.${string}` | `incident.${string}` | `warroom.${string}`>;

/** A write; afterwards everything of the engagement's event record is fetched again. */
export function useEventMutation<M extends EventMethod>(method: M, engagementId: string) {
  const queryClient = useQueryClient();
  return useMutation<MethodOutput<M>, unknown, MethodInput<M>>({
    mutationFn: (input) => call(method, input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: eventKeys.all(engagementId) }),
  });
}

/** `YYYY-MM-DDTHH:mm` in the event zone for a datetime-local input; empty for an unknown time. */
export function localInput(utc: string | null, zone: string): string {
  return utc === null ? '' : utcToLocal(utc, zone);
}

/** The current minute in the event zone, for the "now" buttons. */
export function nowLocal(zone: string): string {
  return utcToLocal(new Date().toISOString(), zone);
}

export const ON_DUTY_TABS = ['log', 'roster', 'checkpoints', 'incidents', 'close'] as const;
export type OnDutyTab = (typeof ON_DUTY_TABS)[number];

/**
 * A link to one on-duty tab: `#/engagements/<id>/onDuty/close`. The router reads the section and
 * ignores the rest; the screen reads the tab, so the sign-off gate can send the reader to Close.
 */
export function onDutyTabHref(engagementId: string, tab: OnDutyTab): string {
  return `${routeHref({ name: 'engagement', id: engagementId, section: 'onDuty' })}/${tab}`;
}

/** The tab a hash names (its fourth part), or null. */
export function tabOfHash(hash: string): OnDutyTab | null {
  const named = hash.replace(/^#\/?/, '').split('/')[3];
  return ON_DUTY_TABS.find((tab) => tab === named) ?? null;
}
