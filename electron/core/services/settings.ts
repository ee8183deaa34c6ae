import { DEFAULT_SETTINGS, type Settings, settingsSchema } from '@shared/domain/settings';
import type Database from 'better-sqlite3';
import type { CoreContext } from '../context';

const DEVICE_ID_KEY = 'deviceId';

function readValues(sqlite: Database.Database): Map<string, unknown> {
  const rows = sqlite.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const values = new Map<string, unknown>();
  for (const row of rows) {
    try {
      values.set(row.key, JSON.parse(row.value) as unknown);
    } catch {
      // A damaged value must not keep Vigil from starting: it reads as unset and its default applies.
    }
  }
  return values;
}

function writeValue(sqlite: Database.Database, key: string, value: unknown, now: string): void {
  sqlite
    .prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    )
    .run(key, JSON.stringify(value), now);
}

/** The id of this installation, made once and kept: every row records the device that wrote it. */
export function ensureDeviceId(sqlite: Database.Database, newId: () => string, now: string): string {
  const existing = readValues(sqlite).get(DEVICE_ID_KEY);
  if (typeof existing === 'string') return existing;
  const id = newId();
  writeValue(sqlite, DEVICE_ID_KEY, id, now);
  return id;
}

export function getSettings(ctx: CoreContext): Settings {
  const values = readValues(ctx.store.sqlite);
  const merged = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const parsed = settingsSchema.shape[key].safeParse(values.get(key));
    // A value an older or newer build wrote that no longer fits falls back to the default.
    if (parsed.success) Object.assign(merged, { [key]: parsed.data });
  }
  return merged;
}

export function updateSettings(ctx: CoreContext, patch: Partial<Settings>): Settings {
  const now = ctx.now();
  ctx.store.sqlite.transaction(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) writeValue(ctx.store.sqlite, key, value, now);
    }
  })();
  return getSettings(ctx);
}
