import { useCallback, useSyncExternalStore } from 'react';

export const ENGAGEMENT_SECTIONS = [
  'overview',
  'survey',
  'inspection',
  'security',
  'findings',
  'capacity',
  'stressTest',
  'optimization',
  'plan',
  'onDuty',
  'deliverables',
] as const;
export type EngagementSection = (typeof ENGAGEMENT_SECTIONS)[number];

export type Route =
  | { name: 'list' }
  | { name: 'trash' }
  | { name: 'settings' }
  | { name: 'catalogs' }
  | { name: 'catalog'; id: string }
  | { name: 'calendars' }
  | { name: 'calendar'; id: string; editing: boolean }
  | { name: 'library' }
  | { name: 'engagement'; id: string; section: EngagementSection };

/** Hash routes work the same from file:// in Electron and from the harness over HTTP. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'trash') return { name: 'trash' };
  if (parts[0] === 'settings') return { name: 'settings' };
  if (parts[0] === 'catalogs')
    return parts[1] ? { name: 'catalog', id: decodeURIComponent(parts[1]) } : { name: 'catalogs' };
  if (parts[0] === 'calendars')
    return parts[1]
      ? { name: 'calendar', id: decodeURIComponent(parts[1]), editing: parts[2] === 'edit' }
      : { name: 'calendars' };
  if (parts[0] === 'library') return { name: 'library' };
  if (parts[0] === 'engagements' && parts[1]) {
    const section = ENGAGEMENT_SECTIONS.find((s) => s === parts[2]) ?? 'overview';
    return { name: 'engagement', id: parts[1], section };
  }
  return { name: 'list' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'list':
      return '#/';
    case 'trash':
      return '#/trash';
    case 'settings':
      return '#/settings';
    case 'catalogs':
      return '#/catalogs';
    case 'catalog':
      return `#/catalogs/${encodeURIComponent(route.id)}`;
    case 'calendars':
      return '#/calendars';
    case 'calendar':
      return `#/calendars/${encodeURIComponent(route.id)}${route.editing ? '/edit' : ''}`;
    case 'library':
      return '#/library';
    case 'engagement':
      return `#/engagements/${route.id}/${route.section}`;
  }
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useRoute(): [Route, (route: Route) => void] {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const navigate = useCallback((route: Route) => {
    window.location.hash = routeHref(route);
  }, []);
  return [parseRoute(hash), navigate];
}
