/** A file's bytes as base64, for contract methods that take a file (evidence, the firm logo). */
export function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  // In slices: spreading a whole 25 MB file into one call would overflow the argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Saves a file through a temporary Blob link: no network, nothing inline. The browser harness
 * downloads it; Electron asks where with the OS save dialog (electron/main/downloads.ts).
 */
export function downloadFile(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once click() returns; the next tick is safe.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Bytes of a part the core sent as base64. */
export function fromBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A part of a file as base64, read natively (FileReader) rather than byte by byte in script. */
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

/** How a file goes to the core in parts: the contract methods that begin an upload and take a part. */
export type PartsUpload = {
  begin: () => Promise<{ uploadId: string; chunkBytes: number }>;
  sendPart: (part: { uploadId: string; index: number; dataBase64: string }) => Promise<{ received: number }>;
  /** Receives the upload id at once, so the caller can cancel while parts are on their way. */
  onBegun?: (uploadId: string) => void;
  onProgress?: (sent: number) => void;
  cancelled?: () => boolean;
};

/** Sends a chosen file to the core in parts, in order (the window has bytes, not paths); answers the upload id. */
export async function sendInParts(file: File, upload: PartsUpload): Promise<string> {
  const { uploadId, chunkBytes } = await upload.begin();
  upload.onBegun?.(uploadId);
  let index = 0;
  for (let start = 0; start < file.size; start += chunkBytes) {
    if (upload.cancelled?.()) break;
    const dataBase64 = await sliceBase64(file.slice(start, Math.min(file.size, start + chunkBytes)));
    const { received } = await upload.sendPart({ uploadId, index, dataBase64 });
    index += 1;
    upload.onProgress?.(received);
  }
  return uploadId;
}
