import { TZDate } from '@date-fns/tz';

/** Local wall time as typed by the consultant, e.g. `2026-11-11T00:00`. */
export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const knownZones = new Map<string, boolean>();

/** True when the runtime's ICU knows the IANA zone (Asia/Shanghai, Europe/Berlin, UTC …). */
export function isKnownTimeZone(zone: string): boolean {
  const cached = knownZones.get(zone);
  if (cached !== undefined) return cached;
  let known = zone.length > 0;
  if (known) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
    } catch {
      known = false;
    }
  }
  knownZones.set(zone, known);
  return known;
}

/**
 * Converts wall time in an IANA zone to a UTC instant. Returns null when the wall time does not
 * exist in that zone (the hour skipped when clocks go forward), so the caller can say so instead
 * of silently moving the event by an hour.
 */
export function localToUtc(local: string, zone: string): string | null {
  const m = LOCAL_DATE_TIME.exec(local);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const instant = new TZDate(year, month - 1, day, hour, minute, zone);
  if (Number.isNaN(instant.getTime())) return null;
  if (utcToLocal(new Date(instant.getTime()).toISOString(), zone) !== local) return null;
  return new Date(instant.getTime()).toISOString();
}

/** The wall time of a UTC instant in an IANA zone, as `YYYY-MM-DDTHH:mm`. */
export function utcToLocal(utcIso: string, zone: string): string {
  const d = new TZDate(new Date(utcIso).getTime(), zone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A short list to offer first; any IANA zone the runtime knows is accepted. */
export const COMMON_TIME_ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Jakarta',
  'Asia/Kolkata',
  'Asia/Dubai',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Australia/Sydney',
  'UTC',
] as const;
