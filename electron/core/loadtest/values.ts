/**
 * Reading the numbers and times load-test tools write: epoch times in s/ms/µs/ns, date-times with or
 * without a zone, durations, and the many ways of saying "this request succeeded".
 */

const DIGITS = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;
// What load-test tools write: an optional sign, digits and a fraction. JavaScript's own number
// reading also takes "0x10", "0b11", "1e3" and "Infinity", which no tool writes: such a field is a
// broken or mis-mapped column, so it is refused rather than read as 16 or 1000.
const SIGNED_DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A field that must be a plain decimal number (surrounding spaces allowed): NaN otherwise. */
export function numberField(text: string): number {
  const trimmed = text.trim();
  return SIGNED_DECIMAL.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** Epoch time in an explicit unit ('ms' or 's'), fractions allowed; NaN when not a number. */
export function epochField(text: string, unit: 'ms' | 's'): number {
  const value = numberField(text.trim());
  return unit === 's' ? value * 1000 : value;
}

/**
 * An epoch time whose unit is told by its size (k6's timeFormat options): up to 11 integer digits
 * seconds, up to 14 milliseconds, up to 17 microseconds, else nanoseconds. NaN when not a number.
 */
export function epochAutoMs(text: string): number {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return Number.NaN;
  const digits = trimmed.indexOf('.') === -1 ? trimmed.length : trimmed.indexOf('.');
  const value = +trimmed;
  if (digits <= 11) return value * 1000;
  if (digits <= 14) return value;
  if (digits <= 17) return value / 1000;
  return value / 1e6;
}

// 2024/05/01 10:11:12.123, 2024-05-01T10:11:12,5 and the like, optionally with Z or ±hh:mm.
const DATE_TIME =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A date-time written as text. Without a zone it is read as this computer's local time (JMeter
 * writes its formatted timestamps in the test machine's zone and does not say which).
 * NaN when it is not a date-time.
 */
export function dateTimeField(text: string): number {
  const match = DATE_TIME.exec(text.trim());
  if (!match) return Number.NaN;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const ms = fraction ? Math.floor(Number(`0.${fraction}`) * 1000 + 1e-6) : 0;
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), ms] as const;
  if (parts[1] > 11 || parts[2] < 1 || parts[2] > 31 || parts[3] > 23 || parts[4] > 59 || parts[5] > 60)
    return Number.NaN;
  if (!zone) return new Date(...parts).getTime();
  const utc = Date.UTC(...parts);
  if (zone.toUpperCase() === 'Z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return utc - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

/** Whether a date-time text carries its zone (else it was read as local time). */
export function hasZone(text: string): boolean {
  return /(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim());
}

export function isDigits(text: string): boolean {
  return DIGITS.test(text);
}

/** Epoch ms within 1990..2100: anything else is a unit mix-up or a broken value. */
export function plausibleEpochMs(ms: number): boolean {
  return ms >= 631_152_000_000 && ms <= 4_102_444_800_000;
}

export const DEFAULT_SUCCESS_VALUES = ['true', 'ok', 'success', 'pass', 'passed', '1'] as const;

/**
 * Whether a success column's value means success: one of `values` (case-insensitive), or with the
 * defaults also an HTTP status 200-399.
 */
export function successMatcher(values: readonly string[] | undefined): (text: string) => boolean {
  const accepted = new Set((values ?? DEFAULT_SUCCESS_VALUES).map((v) => v.trim().toLowerCase()));
  const statuses = values === undefined;
  return (text) => {
    const value = text.trim().toLowerCase();
    if (accepted.has(value)) return true;
    if (!statuses || !DIGITS.test(value)) return false;
    const code = Number(value);
    return code >= 200 && code < 400;
  };
}
