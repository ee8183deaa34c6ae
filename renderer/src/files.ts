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
