/**
 * The dependency half of the security gate: `npm audit --omit=dev` over what ships, failing on any
 * high or critical advisory not explained in test/security/known-advisories.json (the README's
 * "Known advisories" says how to add one). When the advisory endpoint cannot be reached (offline,
 * or a registry mirror that refuses the bulk advisory POST with 405) the check is SKIPPED with the
 * reason: not passed, since nothing was checked, and not failed, since nothing was found. Prints one
 * `AUDIT_SUMMARY` line for test/run-all.ts.
 *
 * Run: npx tsx test/security/npm-audit.ts
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type AuditVerdict, auditSummaryLine, auditVerdict, knownAdvisoriesSchema } from './audit-verdict';

const root = resolve(import.meta.dirname, '../..');
const KNOWN_PATH = join(import.meta.dirname, 'known-advisories.json');
/** The endpoint answers in seconds; a stalled connection must not hold CI for npm's own retries. */
const AUDIT_TIMEOUT_MS = 120_000;

function runAudit(): AuditVerdict {
  const known = knownAdvisoriesSchema.parse(JSON.parse(readFileSync(KNOWN_PATH, 'utf8')));
  const audit = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
    cwd: root,
    encoding: 'utf8',
    timeout: AUDIT_TIMEOUT_MS,
    // npm on Windows is npm.cmd, which only a shell starts.
    shell: process.platform === 'win32',
  });
  if (audit.error && 'code' in audit.error && audit.error.code === 'ETIMEDOUT') {
    return {
      status: 'skipped',
      reason: `npm audit did not answer within ${AUDIT_TIMEOUT_MS / 1000} s: nothing was checked`,
    };
  }
  return auditVerdict(audit.stdout ?? '', known);
}

const verdict = runAudit();
if (verdict.status === 'skipped') {
  console.log(`npm audit: SKIPPED: ${verdict.reason}`);
} else {
  for (const { advisory, why } of verdict.explained) {
    console.log(`  explained  ${advisory.severity.padEnd(8)} ${advisory.packageName} ${advisory.id}: ${why}`);
  }
  if (verdict.status === 'failed') {
    for (const advisory of verdict.unexplained) {
      console.log(
        `  FAILING    ${advisory.severity.padEnd(8)} ${advisory.packageName} ${advisory.id} ${advisory.title}`,
      );
    }
    console.log(`npm audit: FAILED: ${verdict.reason}`);
  } else {
    const { low = 0, moderate = 0, high = 0, critical = 0 } = verdict.counts;
    console.log(
      `npm audit --omit=dev: ${critical} critical, ${high} high (${verdict.explained.length} explained), ${moderate} moderate, ${low} low`,
    );
  }
}
console.log(auditSummaryLine(verdict));
process.exitCode = verdict.status === 'failed' ? 1 : 0;
