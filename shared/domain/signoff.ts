/**
 * Customer sign-off of a deliverable: what the signing screen sends, and the signed versions, the
 * state of the current data against them and what blocks signing, as the core answers.
 */
import { z } from 'zod';
import { FINDING_STATUSES, SEVERITIES } from './checklist';

/** A drawn signature is a small PNG; 4 MB of base64 is far more than a canvas makes. */
export const SIGNATURE_MAX_BASE64_CHARS = 4 * 1024 * 1024;
/** A scanned company seal, PNG or JPEG: at most 10 MB of file. */
export const SEAL_MAX_BASE64_CHARS = Math.ceil((10 * 1024 * 1024 * 4) / 3) + 4;

const name = z.string().max(200);

export const signoffInputSchema = z.object({
  engagementId: z.string().uuid({ message: 'validation.id' }),
  documentId: z.string().min(1).max(100),
  customer: z.object({
    name,
    title: name,
    org: name,
    /** The drawn signature, PNG, base64. */
    signatureBase64: z.string().max(SIGNATURE_MAX_BASE64_CHARS),
    /** The company seal (公章), PNG or JPEG, base64; transparency is kept. */
    sealBase64: z.string().max(SEAL_MAX_BASE64_CHARS).optional(),
  }),
  consultant: z.object({
    name,
    title: name,
    signatureBase64: z.string().max(SIGNATURE_MAX_BASE64_CHARS),
  }),
  /** The acceptance reports' conclusion (required for them): accepted, with reservations, or not. */
  conclusion: z
    .object({ verdict: z.enum(['accepted', 'reservations', 'notAccepted']), note: z.string().max(4000) })
    .optional(),
  /**
   * What `signoff.prepare` showed the signers: the time it fixed and the fingerprint they consented
   * to. Signing refuses when the document built now has another fingerprint.
   */
  confirm: z.object({ signedAt: z.string().datetime(), fingerprint: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
});
export type SignoffRequest = z.infer<typeof signoffInputSchema>;

const signerSchema = z.object({ name: z.string(), title: z.string(), org: z.string() });

export const signedVersionSchema = z.object({
  id: z.string(),
  documentId: z.string(),
  version: z.number().int().positive(),
  number: z.string(),
  /** sha256 (hex) of the model as signed, canonical JSON. */
  fingerprint: z.string(),
  /** ISO-8601 UTC. */
  signedAt: z.string(),
  timeZone: z.string(),
  /** As the document prints it: "2026-10-20 17:30 (UTC+08:00)". */
  signedAtText: z.string(),
  customer: signerSchema.extend({ sealed: z.boolean() }),
  consultant: signerSchema,
  /** Who recorded the signing, on which device. */
  recordedBy: z.string(),
  deviceId: z.string(),
  pdfSha256: z.string(),
  docxSha256: z.string(),
  /** Section ids whose content differs from the version before ('documentControl' for the control table); empty for version 1. */
  changedSections: z.array(z.string()),
});
export type SignedVersion = z.infer<typeof signedVersionSchema>;

/** The current data against the latest signed version. */
export const signoffStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('unsigned') }),
  z.object({ state: z.literal('signed'), version: z.number().int().positive() }),
  /** The document built now differs from signed version N: a new version must be signed. */
  z.object({ state: z.literal('changedSince'), version: z.number().int().positive() }),
]);
export type SignoffState = z.infer<typeof signoffStateSchema>;

/** What keeps a document from being signed, for the screen to link: a finding, or the open war room. */
export const signoffBlockerSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('finding'),
    findingId: z.string(),
    /** F-nnn as every document prints it. */
    ref: z.string(),
    title: z.string(),
    severity: z.enum(SEVERITIES),
    status: z.enum(FINDING_STATUSES),
  }),
  /** The war room is still open: the summaries and acceptance reports record a closed period. */
  z.object({ kind: z.literal('warRoomOpen') }),
]);
export type SignoffBlocker = z.infer<typeof signoffBlockerSchema>;

/** What signing would freeze, for the consent line: nothing is stored. */
export const preparedSigningSchema = z.object({
  version: z.number().int().positive(),
  fingerprint: z.string(),
  signedAt: z.string(),
  signedAtText: z.string(),
});
export type PreparedSigning = z.infer<typeof preparedSigningSchema>;
