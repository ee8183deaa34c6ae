/**
 * Binary assets a renderer (DOCX or PDF) needs beyond the render-agnostic document model.
 * The model references images by content hash; the caller resolves them (evidence store,
 * branding logo) so renderers stay pure and testable.
 */
export type ExportAssets = {
  /**
   * The image's bytes by its sha256; `null` when missing (rendered as a captioned placeholder).
   * The renderers decode the bytes themselves (`decodeImage`), so a size or type given here is
   * only the caller's claim and is not trusted.
   */
  image: (ref: { sha256: string }) => Promise<{
    data: Uint8Array;
    width?: number;
    height?: number;
    type?: 'jpg' | 'png';
  } | null>;
};
