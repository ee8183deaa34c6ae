import { TZDate, tzOffset } from '@date-fns/tz';

const DAY_MS = 86_400_000;

/** Local wall time as typed by the consultant, e.g. `2026-11-11T00:00`. */
export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * True when `YYYY-MM-DDTHH:mm` names a real calendar date and time in a plausible planning range
 * (2000–2100): 2026-02-30 or 24:00 are typing mistakes, not times a zone skips.
 */
export function isRealLocalDateTime(local: string): boolean {
  const m = LOCAL_DATE_TIME.exec(local);
  if (!m) return false;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (year < 2000 || year > 2100 || hour > 23 || minute > 59) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

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

const canonicalZones = new Map<string, string>();

/** The runtime's spelling of a zone (`asia/shanghai` → `Asia/Shanghai`), so peers compare equal strings. */
export function canonicalTimeZone(zone: string): string {
  let canonical = canonicalZones.get(zone);
  if (canonical === undefined) {
    canonical = isKnownTimeZone(zone)
      ? new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone
      : zone;
    canonicalZones.set(zone, canonical);
  }
  return canonical;
}

/**
 * Converts wall time in an IANA zone to a UTC instant. Returns null when the wall time does not
 * exist in that zone (the hour skipped when clocks go forward), so the caller can say so instead
 * of silently moving the event by an hour. A wall time in the hour clocks repeat happens twice;
 * the first is taken, as RFC 5545 and Temporal do. Only the event zone's offsets are used, never
 * the computer's own zone, so every laptop stores the same instant for the same engagement.
 */
export function localToUtc(local: string, zone: string): string | null {
  const m = LOCAL_DATE_TIME.exec(local);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // The zone's offsets a day either side: across a clock change they differ, and each gives a candidate.
  const candidates = [wall - DAY_MS, wall + DAY_MS].map((t) => wall - tzOffset(zone, new Date(t)) * 60_000);
  const matching = candidates.filter((t) => !Number.isNaN(t) && utcToLocal(new Date(t).toISOString(), zone) === local);
  if (matching.length === 0) return null;
  return new Date(Math.min(...matching)).toISOString();
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
