/**
 * Reading a deliverable's signed versions (table signed_versions, written only by signoff.ts):
 * shared by the signing service and by the drafts built after a signing, whose version history
 * names the signed versions they follow.
 */
import { dateInZone } from '@shared/domain/plan';
import type { SignedDeliverable, SignoffInput } from '@shared/report/input';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { CoreContext } from '../context';
import { signedVersions } from '../db/schema';

export type SignedRow = typeof signedVersions.$inferSelect;

/** The document's signed versions, oldest first. */
export function signedRows(ctx: CoreContext, engagementId: string, documentId: string): SignedRow[] {
  return ctx.store.db
    .select()
    .from(signedVersions)
    .where(
      and(
        eq(signedVersions.engagementId, engagementId),
        eq(signedVersions.documentId, documentId),
        isNull(signedVersions.deletedAt),
      ),
    )
    .orderBy(asc(signedVersions.version))
    .all();
}

/** Signed versions as the version history prints them. */
export function earlierVersions(rows: readonly SignedRow[]): SignoffInput['earlier'] {
  return rows.map((r) => ({
    version: r.version,
    date: dateInZone(r.signedAt, r.timeZone),
    author: r.consultantName,
    signer: r.customerName,
  }));
}

/**
 * The version a draft made after signed version N carries: N.1 (a signed version is N.0, the next
 * signing makes N+1.0); null before any signing, when drafts keep the first issue's number.
 */
export function draftVersionAfter(rows: readonly SignedRow[]): string | null {
  const latest = rows.at(-1);
  return latest ? `${latest.version}.1` : null;
}

/** The latest signed version of every other deliverable of the engagement, for later documents to cite. */
export function otherSignedDeliverables(
  ctx: CoreContext,
  engagementId: string,
  documentId: string,
): SignedDeliverable[] {
  const rows = ctx.store.db
    .select()
    .from(signedVersions)
    .where(and(eq(signedVersions.engagementId, engagementId), isNull(signedVersions.deletedAt)))
    .orderBy(asc(signedVersions.version))
    .all()
    .filter((r) => r.documentId !== documentId);
  const latest = new Map<string, SignedRow>();
  for (const row of rows) latest.set(row.documentId, row);
  return [...latest.values()].map((r) => ({
    documentId: r.documentId,
    version: r.version,
    number: r.number,
    signedAt: r.signedAt,
    fingerprint: r.fingerprint,
    signer: r.customerName,
  }));
}
