/**
 * The verdict of the dependency audit gate, from what `npm audit --omit=dev --json` printed (npm 11,
 * auditReportVersion 2): high and critical advisories fail the gate unless each is explained in
 * test/security/known-advisories.json (see the README's "Known advisories"); an advisory endpoint
 * that cannot be reached makes the check skipped, never passed, since nothing was checked.
 * Pure, so the unit tests feed it canned reports.
 */
import { z } from 'zod';

const FAILING_SEVERITIES = new Set(['high', 'critical']);

const advisorySchema = z.object({
  source: z.union([z.number(), z.string()]).optional(),
  name: z.string(),
  title: z.string().optional(),
  url: z.string().optional(),
  severity: z.string(),
  range: z.string().optional(),
});
type AdvisoryEntry = z.infer<typeof advisorySchema>;

const reportSchema = z.object({
  auditReportVersion: z.literal(2),
  vulnerabilities: z.record(
    z.string(),
    z.object({
      name: z.string().optional(),
      severity: z.string(),
      // Either an advisory on this package or the name of a vulnerable package it depends on.
      via: z.array(z.union([z.string(), advisorySchema])),
    }),
  ),
  metadata: z.object({
    vulnerabilities: z.object({
      info: z.number(),
      low: z.number(),
      moderate: z.number(),
      high: z.number(),
      critical: z.number(),
      total: z.number(),
    }),
  }),
});

/** npm's error output: `{ error: { code, summary, detail } }`, HTTP failures also with statusCode. */
const errorSchema = z.object({
  message: z.string().optional(),
  statusCode: z.number().optional(),
  uri: z.string().optional(),
  error: z.object({
    code: z.string().nullish(),
    summary: z.string().nullish(),
    detail: z.string().nullish(),
  }),
});

export const knownAdvisoriesSchema = z.array(
  z.object({
    /** The GitHub advisory id (GHSA-…) or the advisory's URL, as npm audit names it. */
    advisory: z.string().min(1),
    package: z.string().min(1),
    /** Why it does not reach Vigil's users, or what is done about it: shown by the gate. */
    why: z.string().min(1),
  }),
);
export type KnownAdvisory = z.infer<typeof knownAdvisoriesSchema>[number];

export type Advisory = { id: string; packageName: string; severity: string; title: string };

export type AuditVerdict =
  | { status: 'passed'; counts: Record<string, number>; explained: { advisory: Advisory; why: string }[] }
  | { status: 'failed'; reason: string; unexplained: Advisory[]; explained: { advisory: Advisory; why: string }[] }
  | { status: 'skipped'; reason: string };

/** Network failures that mean the advisory endpoint was never asked. */
const UNREACHABLE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENOTCONN',
  'EPROTO',
]);

/** GHSA-xxxx-xxxx-xxxx from an advisory URL, else the URL, else npm's numeric source id. */
function advisoryId(entry: AdvisoryEntry): string {
  const ghsa = entry.url?.match(/GHSA-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}/i)?.[0];
  return ghsa ?? entry.url ?? String(entry.source ?? `${entry.name}: ${entry.title ?? 'advisory'}`);
}

function isExplainedBy(advisory: Advisory, url: string | undefined, known: KnownAdvisory): boolean {
  const names = [advisory.id.toLowerCase(), url?.toLowerCase()];
  return known.package === advisory.packageName && names.includes(known.advisory.toLowerCase());
}

function unreachableReason(output: z.infer<typeof errorSchema>): string | null {
  const code = output.error.code ?? '';
  const where = output.uri ?? 'the npm advisory endpoint';
  if (output.statusCode !== undefined) {
    return `the advisory endpoint answered HTTP ${output.statusCode} (${output.message ?? where}): nothing was checked`;
  }
  // npm names an HTTP failure E<status> when it has no statusCode to report.
  if (/^E\d{3}$/.test(code) || UNREACHABLE_CODES.has(code)) {
    return `the advisory endpoint could not be reached (${code}${output.error.summary ? `: ${output.error.summary}` : ''}): nothing was checked`;
  }
  return null;
}

/**
 * The gate's verdict. `stdout` is npm audit's JSON (exit status ignored: npm exits 1 whenever it
 * finds anything); `known` is the explained list.
 */
export function auditVerdict(stdout: string, known: readonly KnownAdvisory[]): AuditVerdict {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    const head = stdout.trim().slice(0, 120);
    return head === ''
      ? { status: 'skipped', reason: 'npm audit printed nothing (no network, or it was stopped): nothing was checked' }
      : { status: 'failed', reason: `npm audit printed no JSON: ${head}`, unexplained: [], explained: [] };
  }

  const report = reportSchema.safeParse(parsed);
  if (!report.success) {
    const failure = errorSchema.safeParse(parsed);
    if (failure.success) {
      const unreachable = unreachableReason(failure.data);
      if (unreachable) return { status: 'skipped', reason: unreachable };
      const { code, summary } = failure.data.error;
      return {
        status: 'failed',
        reason: `npm audit failed (${code ?? 'no code'}): ${summary || failure.data.message || 'no summary'}`,
        unexplained: [],
        explained: [],
      };
    }
    return {
      status: 'failed',
      reason: `npm audit's JSON is not an audit report (auditReportVersion 2): ${report.error.issues[0]?.message ?? ''}`,
      unexplained: [],
      explained: [],
    };
  }

  const seen = new Map<string, { advisory: Advisory; url: string | undefined }>();
  for (const [packageName, vulnerability] of Object.entries(report.data.vulnerabilities)) {
    for (const via of vulnerability.via) {
      if (typeof via === 'string' || !FAILING_SEVERITIES.has(via.severity)) continue;
      const advisory: Advisory = {
        id: advisoryId(via),
        packageName: via.name || packageName,
        severity: via.severity,
        title: via.title ?? '',
      };
      seen.set(`${advisory.packageName} ${advisory.id}`, { advisory, url: via.url });
    }
  }
  const explained: { advisory: Advisory; why: string }[] = [];
  const unexplained: Advisory[] = [];
  for (const { advisory, url } of seen.values()) {
    const entry = known.find((k) => isExplainedBy(advisory, url, k));
    if (entry) explained.push({ advisory, why: entry.why });
    else unexplained.push(advisory);
  }

  const counts = report.data.metadata.vulnerabilities;
  // Counted high/critical packages with no advisory found behind them: the report cannot be judged.
  if (counts.high + counts.critical > 0 && seen.size === 0) {
    return {
      status: 'failed',
      reason: `npm audit counts ${counts.high} high and ${counts.critical} critical but names no advisory`,
      unexplained,
      explained,
    };
  }
  if (unexplained.length > 0) {
    return {
      status: 'failed',
      reason: `${unexplained.length} high or critical advisory(ies) not explained in test/security/known-advisories.json`,
      unexplained,
      explained,
    };
  }
  return { status: 'passed', counts: { ...counts }, explained };
}

/** The one line run-all.ts counts: exactly one of passed, failed or skipped is 1. */
export function auditSummaryLine(verdict: AuditVerdict): string {
  const one = (status: AuditVerdict['status']) => (verdict.status === status ? 1 : 0);
  return `AUDIT_SUMMARY passed=${one('passed')} failed=${one('failed')} skipped=${one('skipped')}`;
}
