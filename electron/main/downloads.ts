/**
 * Exported deliverables reach the disk as downloads of the window: Electron asks where to save
 * them with the OS save dialog, here told the file's own name and a filter for its type, so the
 * consultant picks a folder and nothing is written behind their back.
 */
import { basename, extname } from 'node:path';

/** The part of a DownloadItem we set; a real one fits, and so does a test double. */
export type SavableDownload = {
  getFilename: () => string;
  setSaveDialogOptions: (options: {
    title?: string;
    defaultPath?: string;
    filters?: { name: string; extensions: string[] }[];
  }) => void;
};

export type DownloadingSession = {
  on: (event: 'will-download', listener: (event: unknown, item: SavableDownload) => void) => unknown;
};

const FILTERS: Record<string, string> = {
  '.pdf': 'PDF document',
  '.docx': 'Word document',
  '.json': 'JSON file',
  '.vigil': 'Vigil engagement bundle',
};

export function saveDialogOptions(fileName: string, title: string) {
  const extension = extname(fileName).toLowerCase();
  const name = FILTERS[extension];
  return {
    title,
    defaultPath: basename(fileName),
    ...(name ? { filters: [{ name, extensions: [extension.slice(1)] }] } : {}),
  };
}

/** `title` is asked each time: the dialog follows the language the consultant has chosen since. */
export function offerSaveDialog(session: DownloadingSession, title: () => string): void {
  session.on('will-download', (_event, item) => {
    item.setSaveDialogOptions(saveDialogOptions(item.getFilename(), title()));
  });
}
