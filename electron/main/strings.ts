/**
 * The few words the main process shows itself: the native menu and the start-up failure dialog.
 * The renderer's i18n files are bundled into the renderer, not here, so main keeps its own table.
 */
import type { AppError } from '@shared/contract';
import type { BackupInfo } from '@shared/domain/backup';
import { type Settings, UI_LANGUAGES } from '@shared/domain/settings';

export type UiLanguage = Settings['uiLanguage'];

export type MenuText = {
  file: string;
  edit: string;
  view: string;
  window: string;
  help: string;
  newEngagement: string;
  settings: string;
  showLogs: string;
};

export const MENU_TEXT: Record<UiLanguage, MenuText> = {
  en: {
    file: 'File',
    edit: 'Edit',
    view: 'View',
    window: 'Window',
    help: 'Help',
    newEngagement: 'New engagement',
    settings: 'Settings…',
    showLogs: 'Show log files',
  },
  'zh-CN': {
    file: '文件',
    edit: '编辑',
    view: '视图',
    window: '窗口',
    help: '帮助',
    newEngagement: '新建保障项目',
    settings: '设置…',
    showLogs: '显示日志文件',
  },
};

/** The stored language, or English when the value is missing or not one we know. */
export function uiLanguageOf(settings: unknown): UiLanguage {
  const language =
    typeof settings === 'object' && settings !== null ? (settings as { uiLanguage?: unknown }).uiLanguage : undefined;
  return (UI_LANGUAGES as readonly unknown[]).includes(language) ? (language as UiLanguage) : 'en';
}

/** The settings cannot be read when the store fails to open, so the dialog speaks both languages. */
export const STARTUP_FAILURE_TITLE = 'Vigil cannot start / Vigil 无法启动';

/**
 * What the consultant is told when the store cannot be opened: sentences, never a stack. The
 * core's refusal is English; the Chinese line says the same for the refusals start-up can meet.
 */
export function startupFailureText(appError: AppError | null, dataDir: string): string {
  const english =
    appError?.message ?? `Vigil could not open its data in ${dataDir}. The details are in the log file there.`;
  const chinese =
    appError?.code === 'STORE_TOO_NEW'
      ? `${dataDir} 中的数据由更新版本的 Vigil 写入。请更新 Vigil 后再打开；数据文件未被更改。`
      : appError?.code === 'STORE_DAMAGED'
        ? `${dataDir} 中的数据文件已损坏，且没有可用的完好备份。文件未被更改；请联系技术支持。`
        : `Vigil 无法打开 ${dataDir} 中的数据。详细信息见该文件夹中的日志文件。`;
  return `${english}\n\n${chinese}`;
}

/**
 * The question start-up asks when the store is damaged and a good backup exists. Both languages,
 * like the failure dialog: the settings that say which one are in the damaged store.
 */
export function recoveryDialogOptions(refusal: AppError, backup: BackupInfo) {
  const when = backup.createdAt ? backup.createdAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC') : '?';
  const count = backup.engagements ?? 0;
  return {
    type: 'warning' as const,
    title: STARTUP_FAILURE_TITLE,
    message: "Vigil's data file is damaged. / Vigil 的数据文件已损坏。",
    detail: [
      refusal.message,
      `The newest good backup is from ${when} (${count} engagement(s)). Restore it? Work after that time is not in it. The damaged file is kept in the data folder as vigil-damaged-….db.`,
      '',
      `最新的完好备份创建于 ${when}（${count} 个保障项目）。是否恢复？此后的工作不在备份中。损坏的文件会以 vigil-damaged-….db 保留在数据文件夹中。`,
    ].join('\n'),
    buttons: ['Restore backup / 恢复备份', 'Quit / 退出'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  };
}
