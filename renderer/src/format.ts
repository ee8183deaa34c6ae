/** `2026-11-11T00:00` → `2026-11-11 00:00`: wall time in the event's zone, shown as typed. */
export function wallTime(local: string): string {
  return local.replace('T', ' ');
}

/** An instant in the laptop's zone and the UI language. */
export function instant(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
