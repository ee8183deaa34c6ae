/** Types of image-worker.mjs, for code that runs its functions on the calling thread (the bench). */
export declare const DOCUMENT_MAX_SIDE: number;
export declare const DOCUMENT_MAX_BYTES: number;
export declare function documentVariant(
  input: Uint8Array,
): Promise<{ document: Uint8Array; width: number; height: number }>;
export declare function processImage(input: Uint8Array): Promise<{
  full: Uint8Array;
  mediaType: string;
  width: number;
  height: number;
  thumbnail: Uint8Array;
  document: Uint8Array;
}>;
export declare const LOGO_MAX_SIDE: number;
export declare function logoImage(
  input: Uint8Array,
): Promise<{ logo: Uint8Array; width: number; height: number; format: string; visible: boolean }>;
