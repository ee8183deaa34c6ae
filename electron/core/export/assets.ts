/**
 * Binary assets a renderer (DOCX or PDF) needs beyond the render-agnostic document model.
 * The model references images by content hash; the caller resolves them (evidence store,
 * branding logo) so renderers stay pure and testable.
 */
export type ExportAssets = {
  /** Resolve an image by its sha256; `null` when missing or undecodable (rendered as a captioned placeholder). */
  image: (ref: { sha256: string }) => Promise<{
    data: Uint8Array;
    width: number;
    height: number;
    type: 'jpg' | 'png';
  } | null>;
};
