/**
 * The application menu. Commands that change what the consultant sees are carried out by the
 * renderer, so the menu only announces them (`menu.command`); everything else is a native role.
 */
import type { EventPayload } from '@shared/contract';
import { Menu, type MenuItemConstructorOptions } from 'electron';
import { MENU_TEXT, type UiLanguage } from './strings';

export type MenuCommand = EventPayload<'menu.command'>['command'];

export type MenuOptions = {
  appName: string;
  isMac: boolean;
  /** Reload and DevTools are for development; a packaged build does not offer them. */
  isPackaged: boolean;
  /** The consultant's interface language; Electron's role items translate themselves. */
  language: UiLanguage;
  sendCommand: (command: MenuCommand) => void;
  showLogs: () => void;
};

export function menuTemplate({
  appName,
  isMac,
  isPackaged,
  language,
  sendCommand,
  showLogs,
}: MenuOptions): MenuItemConstructorOptions[] {
  const text = MENU_TEXT[language];
  const newEngagement: MenuItemConstructorOptions = {
    label: text.newEngagement,
    accelerator: 'CmdOrCtrl+N',
    click: () => sendCommand('engagement.new'),
  };
  // macOS keeps Settings in the application menu; elsewhere it lives under File.
  const settings: MenuItemConstructorOptions = {
    label: text.settings,
    accelerator: 'CmdOrCtrl+,',
    click: () => sendCommand('settings.open'),
  };
  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      settings,
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
  const fileMenu: MenuItemConstructorOptions = {
    label: text.file,
    submenu: isMac
      ? [newEngagement, { type: 'separator' }, { role: 'close' }]
      : [newEngagement, settings, { type: 'separator' }, { role: 'quit' }],
  };
  const developerItems: MenuItemConstructorOptions[] = isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  const viewMenu: MenuItemConstructorOptions = {
    label: text.view,
    submenu: [
      ...developerItems,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    label: text.help,
    submenu: [
      // Support asks for the log file; the consultant should not need to know where it lives.
      { label: text.showLogs, click: showLogs },
      ...(isMac ? [] : [{ role: 'about' } as const]),
    ],
  };
  // A label beside a role replaces only the title; the role still fills in the items.
  return [
    ...(isMac ? [appMenu] : []),
    fileMenu,
    { role: 'editMenu', label: text.edit },
    viewMenu,
    { role: 'windowMenu', label: text.window },
    helpMenu,
  ];
}

/** Sets the application menu; called again with another language, it replaces the menu. */
export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(options)));
}
