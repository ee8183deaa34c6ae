/**
 * A deliverable's document from its gathered input and the redaction decisions: pure, so the
 * preview builds it on the main thread and an export builds it in the worker.
 */
import { BUILDERS } from '../../../shared/report/builders';
import type { ReportInput } from '../../../shared/report/input';
import { type Document, validateDocument } from '../../../shared/report/model';
import { type RedactionRules, redactReportInput } from './redact';

/** What the core gathers for one document; plain data that crosses to the export worker. */
export type DocumentSource = { documentId: string; input: ReportInput; rules: RedactionRules };

/** Builds, redacts and validates; throws when no builder makes the document (checked by the caller first). */
export function buildDocument({ documentId, input, rules }: DocumentSource): Document {
  const builder = BUILDERS[documentId];
  if (!builder) throw new Error(`No builder makes "${documentId}".`);
  const { input: redacted, redact } = redactReportInput(input, rules);
  return validateDocument(builder(redacted, { redact }));
}
