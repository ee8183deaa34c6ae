/**
 * Bundles cross the bridge in parts: an export is fetched part by part from the file the core
 * wrote, then handed to the browser's download (Electron asks where with the OS dialog); an import
 * is read from the chosen file part by part and sent in order.
 */
import type { MethodOutput } from '@shared/contract';
import { call } from '../../api';
import { downloadFile } from '../../files';

type Exported = MethodOutput<'bundle.export'>;

function fromBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

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

/** A part of the file as base64, read natively (FileReader) rather than byte by byte in script. */
function sliceBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(blob);
  });
}

/**
 * Sends the bundle to the core in parts, in order. `onBegun` receives the upload id at once, so the
 * caller can cancel while parts are on their way.
 */
export async function uploadBundleFile(
  file: File,
  onBegun: (uploadId: string) => void,
  onProgress: (sent: number) => void,
  cancelled: () => boolean,
): Promise<string> {
  const { uploadId, chunkBytes } = await call('bundle.uploadBegin', { fileName: file.name, bytes: file.size });
  onBegun(uploadId);
  let index = 0;
  for (let start = 0; start < file.size; start += chunkBytes) {
    if (cancelled()) break;
    const dataBase64 = await sliceBase64(file.slice(start, Math.min(file.size, start + chunkBytes)));
    const { received } = await call('bundle.uploadChunk', { uploadId, index, dataBase64 });
    index += 1;
    onProgress(received);
  }
  return uploadId;
}
