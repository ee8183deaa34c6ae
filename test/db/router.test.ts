import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contract } from '@shared/contract';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/index';
import type { Logger } from '../../electron/core/log';
import { callErr, callOk, closeTestCores, startTestCore } from '../fixtures/core';
import { removeTempDataDirs, tempDataDir } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});

type LogLine = { at: string; level: string; message: string; error?: string; stack?: string };

function logLines(dataDir: string): LogLine[] {
  const file = join(dataDir, 'logs', 'vigil.log');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as LogLine);
}

/** The store goes away under a running core, as when a call races the app shutting down. */
function closeStoreUnder(core: Core): void {
  core.context.store.close();
}

describe('router errors', () => {
  it.each(['engagement.delete', 'toString', '__proto__', 'constructor', 42, null])(
    'answers UNKNOWN_METHOD for %s',
    (method) => {
      const result = startTestCore().router.invoke(method, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    },
  );

  it.each(Object.keys(contract))('routes %s to a handler', (method) => {
    const result = startTestCore().router.invoke(method, {});
    expect(result.ok || result.error.code !== 'UNKNOWN_METHOD').toBe(true);
  });

  it('treats missing input as an empty object', () => {
    const result = startTestCore().router.invoke('engagement.list', undefined);
    expect(result).toEqual({ ok: true, value: [] });
  });

  it('refuses input that is not an object with INVALID_INPUT', () => {
    expect(callErr(startTestCore(), 'engagement.create', 'Acme').code).toBe('INVALID_INPUT');
  });

  it('turns an unexpected error into INTERNAL with a generic message and no stack', () => {
    const core = startTestCore();
    closeStoreUnder(core);
    const error = callErr(core, 'engagement.list', {});
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('Something went wrong while saving or loading. The details are in the log file.');
    expect(error.message).not.toMatch(/\bat\s|\.ts:|node_modules|database connection/i);
    expect(Object.keys(error).sort()).toEqual(['code', 'message']);
  });

  it('writes the stack of an unexpected error to <dataDir>/logs/vigil.log', () => {
    const dataDir = tempDataDir();
    const core = startTestCore({ dataDir });
    closeStoreUnder(core);
    callErr(core, 'engagement.create', engagementFields());

    const failures = logLines(dataDir).filter((line) => line.level === 'error');
    expect(failures).toHaveLength(1);
    expect(failures[0]?.message).toBe('engagement.create failed');
    expect(failures[0]?.error).toBe('The database connection is not open');
    expect(failures[0]?.stack).toMatch(/database connection is not open/);
    expect(failures[0]?.stack).toMatch(/\n\s+at /);
  });

  it('does not log expected failures such as invalid input or a missing engagement', () => {
    const dataDir = tempDataDir();
    const core = startTestCore({ dataDir });
    callErr(core, 'engagement.create', engagementFields({ customerOrg: '' }));
    callErr(core, 'engagement.get', { id: '01900000-0000-7000-8000-000000000000' });
    expect(logLines(dataDir)).toEqual([]);
  });

  it('sends log.write from the renderer to the logger, marked as from the renderer', () => {
    const lines: { level: string; message: string }[] = [];
    const log: Logger = (level, message) => lines.push({ level, message });
    callOk(startTestCore({ log }), 'log.write', { level: 'warn', message: 'autosave retried' });
    expect(lines).toEqual([{ level: 'warn', message: 'renderer: autosave retried' }]);
  });
});

describe('app.info', () => {
  it('reports version, data folder, schema version and transport', () => {
    const dataDir = tempDataDir();
    expect(callOk(startTestCore({ dataDir, transport: 'electron' }), 'app.info', {})).toEqual({
      version: '0.0.0-test',
      dataDir,
      schemaVersion: expect.any(Number),
      transport: 'electron',
    });
  });
});
