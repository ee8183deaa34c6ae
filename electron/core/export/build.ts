/**
 * A deliverable's document from its gathered input and the redaction decisions: pure, so the
 * preview builds it on the main thread and an export builds it in the worker.
 */
import { BUILDERS } from '../../../shared/report/builders';
import type { ReportInput } from '../../../shared/report/input';
import { type Document, validateDocument } from '../../../shared/report/model';
import { type RedactionRules, redactReportInput } from './redact';
import { documentFingerprint, sealed } from './signed';

/** What the core gathers for one document; plain data that crosses to the export worker. */
export type DocumentSource = { documentId: string; input: ReportInput; rules: RedactionRules };

/**
 * Builds, redacts and validates; throws when no builder makes the document (checked by the caller
 * first). A document being signed (`input.signoff.signing`) comes back sealed: fingerprinted and
 * printing its fingerprint, exactly as the signed files show it.
 */
export function buildDocument(source: DocumentSource): Document {
  const built = buildSigned(source);
  return built.fingerprint === null ? built.frozen : sealed(built.frozen, built.fingerprint, built.version);
}

/**
 * The document as the builder made it (`frozen`: what a signed version stores) and, when it is
 * being signed, its fingerprint and version.
 */
export function buildSigned({ documentId, input, rules }: DocumentSource): {
  frozen: Document;
  fingerprint: string | null;
  version: number;
} {
  const builder = BUILDERS[documentId];
  if (!builder) throw new Error(`No builder makes "${documentId}".`);
  const { input: redacted, redact } = redactReportInput(input, rules);
  const frozen = validateDocument(builder(redacted, { redact }));
  const signing = input.signoff?.signing;
  return signing
    ? { frozen, fingerprint: documentFingerprint(frozen), version: signing.version }
    : { frozen, fingerprint: null, version: 0 };
}
