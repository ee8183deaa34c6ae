/**
 * The tamper run of issue 7 at full size: 1,000 random single-byte changes inside the signed byte
 * range of a signed acceptance report, each checked by our verifier. `npm test` runs 50 of them
 * (test/unit/signing.test.ts). Prints the detection rate; fails the bench on any miss, since a
 * missed change is a wrong answer, not a slow one.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { forgetSigningIdentities, verifyPdf } from '../../electron/core/signing';
import { closeTestCores } from '../fixtures/core';
import { pdfsig, signedAcceptanceReport, signingCore, tamperRun } from '../fixtures/signing';

export const TAMPER_CHANGES = 1_000;

export async function benchSigningTamper(root: string, notes: string[]): Promise<void> {
  forgetSigningIdentities();
  const core = signingCore({ dataDir: join(root, 'signing-core') });
  try {
    const signed = await signedAcceptanceReport(core);
    const file = join(root, 'signed-acceptance-report.pdf');
    writeFileSync(file, signed);
    const report = pdfsig(file);
    if (!report.includes('Signature is Valid.') || !report.includes('Total document signed')) {
      throw new Error(`pdfsig does not report the untouched signed PDF valid and total:\n${report}`);
    }
    if (verifyPdf(signed).status !== 'valid') throw new Error('our verifier rejects the untouched signed PDF');
    const seed = Number(process.env.VIGIL_TAMPER_SEED ?? Date.now() % 2 ** 31);
    const started = process.hrtime.bigint();
    const run = tamperRun(signed, TAMPER_CHANGES, seed);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rate = ((100 * run.detected) / run.changes).toFixed(1);
    const kinds = Object.entries(run.statuses)
      .map(([status, count]) => `${status} ${count}`)
      .join(', ');
    notes.push(
      `Signed PDF tamper run (seed ${seed}): ${run.detected}/${run.changes} single-byte changes inside the signed byte range detected (${rate}%; ${kinds}) in ${seconds.toFixed(1)} s; pdfsig: untouched file valid, total document signed.`,
    );
    if (run.missed.length > 0) {
      throw new Error(`tamper run seed ${seed}: changes at offsets ${run.missed.join(', ')} were not detected`);
    }
  } finally {
    forgetSigningIdentities();
    closeTestCores();
  }
}
