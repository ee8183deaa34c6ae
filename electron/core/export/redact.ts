/**
 * Secret redaction of a deliverable's input, as pure functions of the consultant's decisions: the
 * core reads the decisions from the store, and the document is built from them wherever it is
 * built — on the main thread for a preview, in the export worker for an export.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../../../shared/domain/finding';
import {
  applyRedactions,
  type FingerprintedHit,
  findSecrets,
  type RedactionDecision,
  type RedactionField,
  type RedactionSourceKind,
} from '../../../shared/domain/redaction';
import type { ReportInput } from '../../../shared/report/input';

/** SHA-256 hex of the matched text: what a decision is stored under. */
export function secretFingerprint(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The secrets in one text, each with its fingerprint. */
export function fingerprintedSecrets(text: string): FingerprintedHit[] {
  return findSecrets(text).map((hit) => ({ ...hit, fingerprint: secretFingerprint(text.slice(hit.start, hit.end)) }));
}

export const decisionKey = (t: { sourceKind: string; sourceId: string; field: string; fingerprint: string }) =>
  `${t.sourceKind}/${t.sourceId}/${t.field}/${t.fingerprint}`;

/** The engagement's live decisions, plain data that crosses to the export worker. */
export type RedactionRules = {
  /** By `decisionKey`: where each decided secret is and what was decided. */
  decided: readonly (readonly [string, RedactionDecision])[];
  /** Fingerprints kept somewhere in the engagement: free text elsewhere keeps them too. */
  kept: readonly string[];
};

/** Masks the secrets of one scanned field per the decisions taken on it; undecided ones are masked. */
export function redactField(
  rules: RedactionRules,
): (sourceKind: RedactionSourceKind, sourceId: string, field: RedactionField, text: string) => string {
  const decided = new Map(rules.decided);
  return (sourceKind, sourceId, field, text) => {
    const hits = fingerprintedSecrets(text);
    if (hits.length === 0) return text;
    const byFingerprint = new Map<string, RedactionDecision>();
    for (const hit of hits) {
      const decision = decided.get(decisionKey({ sourceKind, sourceId, field, fingerprint: hit.fingerprint }));
      if (decision) byFingerprint.set(hit.fingerprint, decision);
    }
    return applyRedactions(text, hits, byFingerprint);
  };
}

/**
 * The input with every scanned field (finding title, description, recommendation) masked per the
 * consultant's decisions, and a redact function for the builders' other free text: a secret is
 * masked unless that very secret was kept where the consultant decided on it.
 */
export function redactReportInput(
  input: ReportInput,
  rules: RedactionRules,
): { input: ReportInput; redact: (text: string) => string } {
  const bySource = redactField(rules);
  const kept = new Map(rules.kept.map((fingerprint) => [fingerprint, 'keep' as const]));
  const redact = (text: string) => {
    const hits = fingerprintedSecrets(text);
    return hits.length === 0 ? text : applyRedactions(text, hits, kept);
  };
  const findings: Finding[] = input.findings.map((f) => ({
    ...f,
    title: bySource('finding', f.id, 'title', f.title),
    description: bySource('finding', f.id, 'description', f.description),
    recommendation: bySource('finding', f.id, 'recommendation', f.recommendation),
  }));
  const evidence = input.evidence?.map((e) => ({ ...e, caption: redact(e.caption) }));
  return { input: { ...input, findings, ...(evidence ? { evidence } : {}) }, redact };
}
