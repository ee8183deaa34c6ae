import { describe, expect, it, vi } from 'vitest';
import { offerSaveDialog, type SavableDownload, saveDialogOptions } from '../../electron/main/downloads';

describe('the save dialog for exported deliverables', () => {
  it('offers the file under its own name with a filter for its type', () => {
    expect(saveDialogOptions('Acme_Double 11_Work Plan_v0.1_2026-11-01.pdf', 'Save')).toEqual({
      title: 'Save',
      defaultPath: 'Acme_Double 11_Work Plan_v0.1_2026-11-01.pdf',
      filters: [{ name: 'PDF document', extensions: ['pdf'] }],
    });
    expect(saveDialogOptions('杭州示例_双12_验收报告_v1.0.DOCX', '保存').filters).toEqual([
      { name: 'Word document', extensions: ['docx'] },
    ]);
    expect(saveDialogOptions("Singles' Day 2026 2026-11-20.vigil", 'Save').filters).toEqual([
      { name: 'Vigil engagement bundle', extensions: ['vigil'] },
    ]);
  });

  it('gives no filter for a type it does not know, and never a path outside the name', () => {
    const options = saveDialogOptions('../../etc/notes.bin', 'Save');
    expect(options.defaultPath).toBe('notes.bin');
    expect('filters' in options).toBe(false);
  });

  it('sets the options on every download of the session, in the language chosen at that time', () => {
    let listener: ((event: unknown, item: SavableDownload) => void) | undefined;
    const session = { on: vi.fn((_event: 'will-download', l: typeof listener) => (listener = l)) };
    let language = 'en';
    offerSaveDialog(session, () => (language === 'en' ? 'Save' : '保存'));
    const item = { getFilename: () => 'plan.pdf', setSaveDialogOptions: vi.fn() };
    listener?.({}, item);
    language = 'zh-CN';
    listener?.({}, item);
    expect(item.setSaveDialogOptions.mock.calls.map(([options]) => options.title)).toEqual(['Save', '保存']);
  });
});
