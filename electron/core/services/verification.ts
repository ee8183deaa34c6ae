/**
 * Checking a signed deliverable someone hands back: a PDF by its PAdES signature (from the file
 * alone) and, like a DOCX, against the versions signed on this laptop by its fingerprint and hash.
 * Reads only; a file that is not ours is "unknown", bytes that are neither PDF nor DOCX "unreadable".
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MethodInput, MethodOutput } from '@shared/contract';
import { utcToLocal } from '@shared/domain/time';
import { utcOffset } from '@shared/report/builders/common';
import { eq } from 'drizzle-orm';
import type { CoreContext } from '../context';
import { engagements, signedVersions } from '../db/schema';
import { ensureSigningIdentity, signingCertificatePem, signingDir, verifyPdf } from '../signing';
import { docxFingerprint, isZip } from '../signing/docx-check';

type Verification = MethodOutput<'signoff.verify'>;
type Match = NonNullable<Verification['match']>;

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The SHA-256 of this installation's certificate, or null when it has never signed. */
function installationCertificateSha256(ctx: CoreContext): string | null {
  const path = join(signingDir(ctx.dataDir), 'certificate.pem');
  if (!existsSync(path)) return null;
  const der = Buffer.from(readFileSync(path, 'utf8').replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
  return sha256Of(der);
}

/** Signed versions with this fingerprint, newest first, with the engagement they belong to. */
function versionsWith(ctx: CoreContext, fingerprint: string) {
  return ctx.store.db
    .select({
      engagementId: signedVersions.engagementId,
      documentId: signedVersions.documentId,
      version: signedVersions.version,
      number: signedVersions.number,
      signedAt: signedVersions.signedAt,
      timeZone: signedVersions.timeZone,
      pdfSha256: signedVersions.pdfSha256,
      docxSha256: signedVersions.docxSha256,
      customerOrg: engagements.customerOrg,
      eventName: engagements.eventName,
    })
    .from(signedVersions)
    .innerJoin(engagements, eq(engagements.id, signedVersions.engagementId))
    .where(eq(signedVersions.fingerprint, fingerprint))
    .all()
    .sort((a, b) => b.version - a.version);
}

function matchOf(row: ReturnType<typeof versionsWith>[number], sameFile: boolean): Match {
  return {
    engagementId: row.engagementId,
    customerOrg: row.customerOrg,
    eventName: row.eventName,
    documentId: row.documentId,
    version: row.version,
    number: row.number,
    signedAtText: `${utcToLocal(row.signedAt, row.timeZone).replace('T', ' ')} (UTC${utcOffset(row.signedAt, row.timeZone)})`,
    sameFile,
  };
}

export function verifyFile(ctx: CoreContext, { fileName, dataBase64 }: MethodInput<'signoff.verify'>): Verification {
  const bytes = new Uint8Array(Buffer.from(dataBase64, 'base64'));
  const sha256 = sha256Of(bytes);
  if (isZip(bytes)) {
    let fingerprint: string | null;
    try {
      fingerprint = docxFingerprint(bytes);
    } catch {
      return { fileName, format: 'docx', status: 'unreadable', ours: false, match: null };
    }
    if (fingerprint === null) return { fileName, format: 'docx', status: 'unknown', ours: false, match: null };
    const rows = versionsWith(ctx, fingerprint);
    const same = rows.find((r) => r.docxSha256 === sha256);
    const row = same ?? rows[0];
    return {
      fileName,
      format: 'docx',
      // A DOCX has no signature of its own: it is valid when it is byte for byte the one kept at signing.
      status: same ? 'valid' : row ? 'modified' : 'unknown',
      fingerprint,
      ours: row !== undefined,
      match: row ? matchOf(row, same !== undefined) : null,
    };
  }
  const pdf = verifyPdf(bytes);
  const certificate = installationCertificateSha256(ctx);
  const rows = pdf.fingerprint ? versionsWith(ctx, pdf.fingerprint) : [];
  const same = rows.find((r) => r.pdfSha256 === sha256);
  const row = same ?? rows[0];
  return {
    fileName,
    format: pdf.status === 'unreadable' ? 'other' : 'pdf',
    status: pdf.status,
    ...(pdf.reason ? { reason: pdf.reason } : {}),
    ...(pdf.signer ? { signer: pdf.signer } : {}),
    ...(pdf.signedAt ? { signedAt: pdf.signedAt } : {}),
    ...(pdf.fingerprint ? { fingerprint: pdf.fingerprint } : {}),
    ours: certificate !== null && pdf.certificateSha256 === certificate,
    match: row ? matchOf(row, same !== undefined) : null,
  };
}

/** The certificate a customer imports to trust this laptop's signatures (made on first use). */
export function signingCertificate(ctx: CoreContext): MethodOutput<'signoff.certificate'> {
  const identity = ensureSigningIdentity(ctx);
  const pem = signingCertificatePem(ctx);
  const sha256 = sha256Of(identity.certificateDer);
  // node:crypto's X509Certificate gives the subject as lines (CN=…\nO=…).
  const subject = identity.certificate.subject.split('\n').join(', ');
  return { fileName: `vigil-signing-certificate-${sha256.slice(0, 8)}.pem`, pem, sha256, subject };
}
