import { z } from 'zod';
import { nameProblem } from './names';

/** The first entry of every bundle: what the rest must be, byte for byte. */
export const MANIFEST_NAME = 'manifest.json';

export const manifestEntrySchema = z.object({
  name: z.string().refine((name) => nameProblem(name) === null && name !== MANIFEST_NAME, {
    message: 'not a name a bundle may hold',
  }),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'not a lowercase hex SHA-256'),
});

/** Other fields (schema version, engagement id…) belong to the exporter and pass through untouched. */
export const archiveManifestSchema = z.looseObject({
  entries: z
    .array(manifestEntrySchema)
    .refine((entries) => new Set(entries.map((e) => e.name)).size === entries.length, {
      message: 'names a file twice',
    }),
});

export type ArchiveManifestEntry = z.infer<typeof manifestEntrySchema>;
export type ArchiveManifest = z.infer<typeof archiveManifestSchema>;

/**
 * Caps on what a bundle may unpack to, checked on the central directory and again on the bytes as
 * they stream (headers can lie). An engagement holds photos, PDFs and load-test results: thousands
 * of files, a few of them hundreds of MB; the caps sit well above that and well below what fills a
 * laptop's disk.
 */
export type ArchiveLimits = {
  /** Entries in the zip, folders included. 20,000 leaves room for years of evidence photos. */
  maxEntries: number;
  /** One entry unpacked: 1 GiB covers a long screen recording or a big results file. */
  maxEntryBytes: number;
  /** All entries unpacked: 8 GiB, the most a consultant's laptop can be expected to spare. */
  maxTotalBytes: number;
  /**
   * Unpacked ÷ packed size for entries above `ratioFloorBytes`. Real evidence (JPEG, PDF, CSV)
   * packs 1–20×; deflate tops out near 1032×, which is what bombs use. Small entries are exempt:
   * a 10 KB run of spaces can pack 100× and harms nobody.
   */
  maxRatio: number;
  ratioFloorBytes: number;
  /** The manifest is read into memory: 16 MiB holds far more than `maxEntries` lines. */
  maxManifestBytes: number;
};

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 20_000,
  maxEntryBytes: GiB,
  maxTotalBytes: 8 * GiB,
  maxRatio: 100,
  ratioFloorBytes: MiB,
  maxManifestBytes: 16 * MiB,
};
