/**
 * Evidence: files attached to an answer or a finding. The bytes live once per SHA-256 in the data
 * folder; a link row says where a file is attached and with which caption.
 */
import { z } from 'zod';

/** Largest file accepted, before any re-encoding. */
export const EVIDENCE_MAX_BYTES = 25 * 1024 * 1024;
/** Longest side of a stored image; larger photos are scaled down. */
export const EVIDENCE_MAX_IMAGE_SIDE = 2560;
/** Longest side of an image's thumbnail. */
export const EVIDENCE_THUMBNAIL_SIDE = 320;
/** Base64 of a little more than the cap, so a file just over it gets the size message, not a schema one. */
export const EVIDENCE_MAX_BASE64_CHARS = Math.ceil(((EVIDENCE_MAX_BYTES + 2 * 1024 * 1024) * 4) / 3);

export const evidenceTargetKindSchema = z.enum(['answer', 'finding']);
export type EvidenceTargetKind = z.infer<typeof evidenceTargetKindSchema>;

/** What the file dialog offers; the core decides by the bytes, never by this list or the name. */
export const EVIDENCE_ACCEPT: Record<string, string[]> = {
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'image/webp': ['.webp'],
  'image/gif': ['.gif'],
  'application/pdf': ['.pdf'],
  'text/plain': ['.txt', '.log'],
  'text/csv': ['.csv'],
  'application/json': ['.json'],
};

export const evidenceCaptionSchema = z.string().max(2000, { message: 'A caption is at most 2000 characters.' });

export const evidenceLinkSchema = z.object({
  id: z.string(),
  engagementId: z.string(),
  targetKind: evidenceTargetKindSchema,
  targetId: z.string(),
  caption: z.string(),
  sha256: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** Images have one; open it with evidence.read variant 'thumbnail'. */
  hasThumbnail: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type EvidenceLink = z.infer<typeof evidenceLinkSchema>;

/** "3.4 MB": sizes in messages, in binary units as file managers show them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function isImageMediaType(mediaType: string): boolean {
  return mediaType.startsWith('image/');
}
