import { describe, expect, it } from 'vitest';
import { auditSummaryLine, auditVerdict, type KnownAdvisory } from '../security/audit-verdict';

/** npm 11's `npm audit --json` report (auditReportVersion 2) with the given vulnerabilities. */
function report(vulnerabilities: Record<string, unknown>, counts: Partial<Record<string, number>> = {}): string {
  const metadata = { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts };
  const total = metadata.info + metadata.low + metadata.moderate + metadata.high + metadata.critical;
  return JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities,
    metadata: {
      vulnerabilities: { ...metadata, total },
      dependencies: { prod: 300, dev: 0, optional: 10, peer: 0, peerOptional: 0, total: 310 },
    },
  });
}

const HIGH_IN_PDF = {
  'pdf-thing': {
    name: 'pdf-thing',
    severity: 'high',
    isDirect: false,
    via: [
      {
        source: 1101234,
        name: 'pdf-thing',
        dependency: 'pdf-thing',
        title: 'Prototype pollution in pdf-thing',
        url: 'https://github.com/advisories/GHSA-abcd-1234-wxyz',
        severity: 'high',
        cwe: ['CWE-1321'],
        cvss: { score: 7.5, vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N' },
        range: '<2.0.1',
      },
    ],
    effects: ['pdfmake'],
    range: '<2.0.1',
    nodes: ['node_modules/pdf-thing'],
    fixAvailable: true,
  },
  // Vulnerable only through pdf-thing: the advisory is pdf-thing's, counted once.
  pdfmake: {
    name: 'pdfmake',
    severity: 'high',
    isDirect: true,
    via: ['pdf-thing'],
    effects: [],
    range: '*',
    nodes: ['node_modules/pdfmake'],
    fixAvailable: false,
  },
};

const MODERATE_ONLY = {
  'slow-regex': {
    name: 'slow-regex',
    severity: 'moderate',
    via: [
      {
        source: 1100001,
        name: 'slow-regex',
        title: 'ReDoS',
        url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc',
        severity: 'moderate',
        range: '<1.2.0',
      },
    ],
  },
};

const explainedPdf: KnownAdvisory = {
  advisory: 'GHSA-abcd-1234-wxyz',
  package: 'pdf-thing',
  why: 'Only reached with fonts we ship; no user input gets there.',
};

describe('npm audit gate verdict', () => {
  it('passes a report with no advisories', () => {
    const verdict = auditVerdict(report({}), []);
    expect(verdict.status).toBe('passed');
    expect(auditSummaryLine(verdict)).toBe('AUDIT_SUMMARY passed=1 failed=0 skipped=0');
  });

  it('passes moderate and low advisories (only high and critical fail)', () => {
    expect(auditVerdict(report(MODERATE_ONLY, { moderate: 1 }), []).status).toBe('passed');
  });

  it('fails on a high advisory nobody explained, naming it once though two packages carry it', () => {
    const verdict = auditVerdict(report(HIGH_IN_PDF, { high: 2 }), []);
    expect(verdict.status).toBe('failed');
    if (verdict.status !== 'failed') return;
    expect(verdict.unexplained).toEqual([
      {
        id: 'GHSA-abcd-1234-wxyz',
        packageName: 'pdf-thing',
        severity: 'high',
        title: 'Prototype pollution in pdf-thing',
      },
    ]);
    expect(auditSummaryLine(verdict)).toBe('AUDIT_SUMMARY passed=0 failed=1 skipped=0');
  });

  it('fails on a critical advisory', () => {
    const critical = {
      'tar-ish': {
        name: 'tar-ish',
        severity: 'critical',
        via: [
          {
            source: 7,
            name: 'tar-ish',
            title: 'Path traversal',
            url: 'https://github.com/advisories/GHSA-zzzz-yyyy-xxxx',
            severity: 'critical',
          },
        ],
      },
    };
    expect(auditVerdict(report(critical, { critical: 1 }), []).status).toBe('failed');
  });

  it('passes a high advisory explained in the known list, and says why', () => {
    const verdict = auditVerdict(report(HIGH_IN_PDF, { high: 2 }), [explainedPdf]);
    expect(verdict.status).toBe('passed');
    expect(verdict.status === 'passed' && verdict.explained.map((e) => e.why)).toEqual([explainedPdf.why]);
  });

  it('accepts the advisory URL in the known list, but not an explanation for another package', () => {
    const byUrl = { ...explainedPdf, advisory: 'https://github.com/advisories/GHSA-abcd-1234-wxyz' };
    expect(auditVerdict(report(HIGH_IN_PDF, { high: 2 }), [byUrl]).status).toBe('passed');
    const otherPackage = { ...explainedPdf, package: 'pdfmake' };
    expect(auditVerdict(report(HIGH_IN_PDF, { high: 2 }), [otherPackage]).status).toBe('failed');
  });

  it('fails a report counting high advisories it does not name', () => {
    const verdict = auditVerdict(report({}, { high: 1 }), []);
    expect(verdict.status).toBe('failed');
    expect(verdict.status === 'failed' && verdict.reason).toMatch(/names no advisory/);
  });

  it('skips, with the reason, when the advisory endpoint refuses the bulk request (HTTP 405)', () => {
    // What npm 11 printed on this machine, headers shortened.
    const refused = JSON.stringify({
      message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      method: 'POST',
      uri: 'https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
      headers: { allow: ['GET,HEAD'] },
      statusCode: 405,
      body: '',
      error: { summary: '', detail: '' },
    });
    const verdict = auditVerdict(refused, []);
    expect(verdict).toEqual({
      status: 'skipped',
      reason:
        'the advisory endpoint answered HTTP 405 (405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk): nothing was checked',
    });
    expect(auditSummaryLine(verdict)).toBe('AUDIT_SUMMARY passed=0 failed=0 skipped=1');
  });

  it('skips when the registry cannot be reached at all', () => {
    const offline = JSON.stringify({
      error: { code: 'ENOTFOUND', summary: 'request to https://registry.npmjs.org failed', detail: '' },
    });
    const verdict = auditVerdict(offline, []);
    expect(verdict.status).toBe('skipped');
    expect(verdict.status === 'skipped' && verdict.reason).toContain('ENOTFOUND');
    expect(auditVerdict('', []).status).toBe('skipped');
  });

  it('fails when npm audit itself cannot run (no lockfile), which is not the network', () => {
    const noLock = JSON.stringify({
      error: {
        code: 'ENOLOCK',
        summary: 'This command requires an existing lockfile.',
        detail: 'Try creating one first with: npm i --package-lock-only',
      },
    });
    const verdict = auditVerdict(noLock, []);
    expect(verdict.status).toBe('failed');
    expect(verdict.status === 'failed' && verdict.reason).toBe(
      'npm audit failed (ENOLOCK): This command requires an existing lockfile.',
    );
  });

  it('fails on output that is not JSON', () => {
    expect(auditVerdict('npm ERR! something odd', []).status).toBe('failed');
  });
});
