/**
 * Bundles cross the bridge in parts: an export is fetched part by part from the file the core
 * wrote, then handed to the browser's download (Electron asks where with the OS dialog); an import
 * is read from the chosen file part by part and sent in order.
 */
import type { MethodOutput } from '@shared/contract';
import { call } from '../../api';
import { downloadFile, fromBase64, sendInParts } from '../../files';

type Exported = MethodOutput<'bundle.export'>;

/** Fetches the exported bundle and saves it; `onProgress` gets the bytes fetched so far. */
export async function saveExportedBundle(exported: Exported, onProgress: (done: number) => void): Promise<void> {
  const data = new Uint8Array(exported.bytes);
  let offset = 0;
  for (let index = 0; index < exported.chunks; index += 1) {
    const part = fromBase64((await call('bundle.exportChunk', { exportId: exported.exportId, index })).dataBase64);
    data.set(part, offset);
    offset += part.byteLength;
    onProgress(offset);
  }
  downloadFile(exported.fileName, new Blob([data], { type: 'application/octet-stream' }));
}

/**
 * Sends the bundle to the core in parts, in order. `onBegun` receives the upload id at once, so the
 * caller can cancel while parts are on their way.
 */
export function uploadBundleFile(
  file: File,
  onBegun: (uploadId: string) => void,
  onProgress: (sent: number) => void,
  cancelled: () => boolean,
): Promise<string> {
  return sendInParts(file, {
    begin: () => call('bundle.uploadBegin', { fileName: file.name, bytes: file.size }),
    sendPart: (part) => call('bundle.uploadChunk', part),
    onBegun,
    onProgress,
    cancelled,
  });
}
