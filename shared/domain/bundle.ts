/**
 * Engagement bundles (`.vigil`): one engagement with its evidence, signed files and a manifest, to
 * hand to a colleague or archive. What the manifest says and what the window is told about a
 * bundle before importing it; the checks themselves run in the core.
 */
import { z } from 'zod';

export const BUNDLE_FORMAT = 'vigil-engagement-bundle';
export const BUNDLE_FORMAT_VERSION = 1;
export const BUNDLE_FILE_EXTENSION = '.vigil';
/** The largest part of a bundle one `bundle.uploadChunk` carries: 4 MiB (about 5.6 MB of base64). */
export const BUNDLE_UPLOAD_CHUNK_MAX_BYTES = 4 * 1024 * 1024;
/** The largest bundle accepted for import (the archive layer caps what it may unpack on top). */
export const BUNDLE_MAX_BYTES = 8 * 1024 * 1024 * 1024;
/** A passphrase shorter than this protects little; the window asks for it twice. */
export const BUNDLE_PASSPHRASE_MIN_CHARS = 8;
export const BUNDLE_PASSPHRASE_MAX_CHARS = 1024;

export const ON_EXISTING = ['keep-both', 'replace'] as const;
export type OnExisting = (typeof ON_EXISTING)[number];

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

/** The manifest fields the engagement layer writes; the archive layer adds `entries`. */
export const bundleManifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.number().int(),
  /** Number of migrations applied to the store the bundle came from. */
  schemaVersion: z.number().int().min(1),
  /** Their hashes in order: an older bundle is only upgraded along the same path. */
  migrations: z.array(sha256Schema),
  appVersion: z.string().max(100),
  createdAt: z.string().max(40),
  engagement: z.object({ id: z.string().uuid(), name: z.string().max(1000), customer: z.string().max(1000) }),
  /** Rows per table, as written to `data/<table>.json`. */
  tables: z.record(z.string().max(100), z.number().int().min(0)),
  entries: z.array(z.object({ name: z.string(), size: z.number().int().min(0), sha256: sha256Schema })),
});
export type BundleManifest = z.infer<typeof bundleManifestSchema>;

export const bundleSummarySchema = z.object({
  fileName: z.string(),
  /** Size of the file as chosen (encrypted or not). */
  bytes: z.number().int(),
  encrypted: z.boolean(),
  engagementId: z.string(),
  eventName: z.string(),
  customerOrg: z.string(),
  createdAt: z.string(),
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  /** Rows and files the bundle carries. */
  rows: z.number().int(),
  files: z.number().int(),
  /** Uncompressed bytes of every entry. */
  contentBytes: z.number().int(),
});
export type BundleSummary = z.infer<typeof bundleSummarySchema>;

/** The engagement of the same id already in this store, so the window can ask keep both or replace. */
export const existingEngagementSchema = z.object({
  id: z.string(),
  eventName: z.string(),
  customerOrg: z.string(),
  updatedAt: z.string(),
});

export const bundleInspectionSchema = z.discriminatedUnion('state', [
  /** Encrypted and no passphrase given yet: ask for it. */
  z.object({ state: z.literal('needsPassphrase'), fileName: z.string(), bytes: z.number().int() }),
  z.object({ state: z.literal('ready'), summary: bundleSummarySchema, existing: existingEngagementSchema.nullable() }),
]);
export type BundleInspection = z.infer<typeof bundleInspectionSchema>;

/** `bundle.export`'s file name: the engagement's name made safe for every file system. */
export function bundleFileName(eventName: string, createdAt: string): string {
  const stem =
    eventName
      .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 80) || 'engagement';
  return `${stem} ${createdAt.slice(0, 10)}${BUNDLE_FILE_EXTENSION}`;
}

/** The imported copy's name when both are kept, in the engagement's language. */
export function keptBothName(eventName: string, language: string): string {
  return language.startsWith('zh') ? `${eventName}（导入）` : `${eventName} (imported)`;
}
