import type { DocumentLanguage, DutyRole } from '@shared/domain/roster';
import { utcToLocal } from '@shared/domain/time';
import type { TFunction } from 'i18next';

/** The laptop's own zone: shown beside the event's, since the team may sit elsewhere. */
export function laptopZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** `YYYY-MM-DD HH:mm` of an instant in a zone. */
export function wallIn(utc: string, zone: string): string {
  return utcToLocal(utc, zone).replace('T', ' ');
}

/** A role as the screen names it: the kind, then its free name (the product of a product expert). */
export function roleName(t: TFunction, role: Pick<DutyRole, 'kind' | 'name'>): string {
  const kind = t(`roster.kinds.${role.kind}`);
  return role.name === '' ? kind : `${kind} · ${role.name}`;
}

export function documentLanguage(language: string): DocumentLanguage {
  return language.startsWith('zh') ? 'zh-CN' : 'en';
}

/** Whole hours as `8 h`, others to one decimal: `7.5 h`. */
export function hoursText(hours: number): string {
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} h`;
}
