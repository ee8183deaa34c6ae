import { DEFAULT_SETTINGS } from '@shared/domain/settings';
import { afterEach, describe, expect, it } from 'vitest';
import { callErr, callOk, closeTestCores, startTestCore } from '../fixtures/core';
import { removeTempDataDirs, tempDataDir } from '../fixtures/dataDir';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});

describe('settings', () => {
  it('a new store answers the defaults', () => {
    expect(callOk(startTestCore(), 'settings.get', {})).toEqual({
      uiLanguage: 'en',
      colorScheme: 'auto',
      consultantName: '',
      firmName: '',
      primaryColor: '#1F3A5F',
      documentNumberPattern: '{firm}-{year}-{seq}',
      fileNamePattern: '{customer}_{event}_{deliverable}_v{version}_{date}',
      firmLogo: null,
      backupsKept: 10,
    });
  });

  it('update changes only the given keys and answers the whole set', () => {
    const core = startTestCore();
    const updated = callOk(core, 'settings.update', { colorScheme: 'dark' });
    expect(updated).toEqual({ ...DEFAULT_SETTINGS, colorScheme: 'dark' });
    expect(callOk(core, 'settings.update', { uiLanguage: 'zh-CN' })).toEqual({
      ...DEFAULT_SETTINGS,
      colorScheme: 'dark',
      uiLanguage: 'zh-CN',
    });
  });

  it('a damaged stored value reads as its default and does not stop the store from opening', () => {
    const dataDir = tempDataDir();
    const first = startTestCore({ dataDir });
    callOk(first, 'settings.update', { colorScheme: 'dark', uiLanguage: 'zh-CN' });
    first.context.store.sqlite.prepare("UPDATE settings SET value = '{not json' WHERE key = 'colorScheme'").run();
    first.close();
    const reopened = startTestCore({ dataDir });
    expect(callOk(reopened, 'settings.get', {})).toEqual({ ...DEFAULT_SETTINGS, uiLanguage: 'zh-CN' });
  });

  it('keeps updated values across a reopen', () => {
    const dataDir = tempDataDir();
    const first = startTestCore({ dataDir });
    callOk(first, 'settings.update', { consultantName: '  Mei Chen ', colorScheme: 'light' });
    first.close();
    expect(callOk(startTestCore({ dataDir }), 'settings.get', {})).toEqual({
      ...DEFAULT_SETTINGS,
      consultantName: 'Mei Chen',
      colorScheme: 'light',
    });
  });

  const invalid = [
    { patch: { colorScheme: 'purple' }, field: 'colorScheme', messageKey: 'validation.colorScheme' },
    { patch: { uiLanguage: 'fr' }, field: 'uiLanguage', messageKey: 'validation.language' },
    { patch: { consultantName: 'x'.repeat(121) }, field: 'consultantName', messageKey: 'validation.tooLong' },
    { patch: { colorScheme: 'dark', consultantName: 42 }, field: 'consultantName', messageKey: undefined },
    { patch: { firmName: 'Blue\u200bHarbor' }, field: 'firmName', messageKey: 'validation.invisibleCharacters' },
    { patch: { primaryColor: 'navy' }, field: 'primaryColor', messageKey: 'validation.primaryColor' },
    {
      patch: { firmName: 'Blue Harbor', documentNumberPattern: '{firm}-{year}' },
      field: 'documentNumberPattern',
      messageKey: 'validation.documentNumberSeq',
    },
    {
      patch: { documentNumberPattern: '{firm}-{month}-{seq}' },
      field: 'documentNumberPattern',
      messageKey: 'validation.patternUnknownPlaceholder',
    },
    {
      patch: { fileNamePattern: '{customer}_{date}' },
      field: 'fileNamePattern',
      messageKey: 'validation.fileNameDistinct',
    },
  ];

  it.each(invalid)(
    'refuses an invalid $field naming the field, and changes nothing',
    ({ patch, field, messageKey }) => {
      const core = startTestCore();
      callOk(core, 'settings.update', { consultantName: 'Mei Chen' });
      const error = callErr(core, 'settings.update', patch);
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.field).toBe(field);
      if (messageKey) expect(error.messageKey).toBe(messageKey);
      expect(callOk(core, 'settings.get', {})).toEqual({ ...DEFAULT_SETTINGS, consultantName: 'Mei Chen' });
    },
  );

  it('falls back to the default for a stored value this build does not accept', () => {
    const core = startTestCore();
    core.context.store.sqlite
      .prepare("INSERT INTO settings (key, value, updated_at) VALUES ('colorScheme', '\"sepia\"', ?)")
      .run(new Date().toISOString());
    expect(callOk(core, 'settings.get', {}).colorScheme).toBe('auto');
  });
});
