import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'info' | 'warn' | 'error';
export type Logger = (level: LogLevel, message: string, details?: Record<string, unknown>) => void;

const MAX_BYTES = 2 * 1024 * 1024;

/**
 * JSON lines in `<dataDir>/logs/vigil.log`, rolled once to `vigil.1.log` at 2 MiB. Stack traces go
 * here and never to the screen.
 */
export function createFileLogger(dataDir: string): Logger {
  const dir = join(dataDir, 'logs');
  const file = join(dir, 'vigil.log');
  mkdirSync(dir, { recursive: true });
  return (level, message, details) => {
    try {
      if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > MAX_BYTES)
        renameSync(file, join(dir, 'vigil.1.log'));
      appendFileSync(file, `${JSON.stringify({ ...details, at: new Date().toISOString(), level, message })}\n`);
    } catch {
      // Logging must never take the app down; a full disk shows up elsewhere first.
    }
  };
}
