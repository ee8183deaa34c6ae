import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { forgetSigningIdentities } from '../../electron/core/signing';
import { closeTestCores, REPO_ROOT } from '../fixtures/core';
import { removeTempDataDirs, tempDataDir } from '../fixtures/dataDir';
import { exportDir } from '../fixtures/export-tools';
import { acceptanceReportPdf, signedAcceptanceReport, signedRanges, signingCore } from '../fixtures/signing';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const dir = exportDir('signing-cli');
const files = {
  valid: '',
  modified: '',
  unsigned: '',
  garbage: join(dir, 'notes.pdf'),
  missing: join(dir, 'nope.pdf'),
};

beforeAll(async () => {
  forgetSigningIdentities();
  const core = signingCore({ dataDir: tempDataDir() });
  const signed = await signedAcceptanceReport(core, 'feedface'.repeat(8));
  const modified = new Uint8Array(signed);
  const { holeStart } = signedRanges(signed);
  modified[Math.floor(holeStart / 2)] = (modified[Math.floor(holeStart / 2)] ?? 0) ^ 0x20;
  const write = (name: string, bytes: Uint8Array | string) => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    return file;
  };
  files.valid = write('signed.pdf', signed);
  files.modified = write('modified.pdf', modified);
  files.unsigned = write('unsigned.pdf', await acceptanceReportPdf());
  write('notes.pdf', 'meeting notes, not a PDF');
});

afterAll(() => {
  forgetSigningIdentities();
  closeTestCores();
  removeTempDataDirs();
});

/** The command as a customer runs it: a separate Node process, no app, no data folder. */
function vigil(...args: string[]) {
  const run = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'vigil.mjs'), ...args], {
    encoding: 'utf8',
    cwd: dir,
    env: { PATH: process.env.PATH ?? '' },
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('vigil verify', () => {
  it('prints status, signer, time, fingerprint and certificate, and exits 0 for a valid signed PDF', () => {
    const { code, out } = vigil('verify', files.valid);
    expect(out).toMatch(/^Status:\s+valid$/m);
    expect(out).toMatch(/^Signer:\s+Zhang Min$/m);
    expect(out).toMatch(/^Signed at:\s+2026-10-20T09:30:00.000Z$/m);
    expect(out).toMatch(/^Fingerprint:\s+(feedface){8}$/m);
    expect(out).toMatch(/^Certificate:\s+CN=Li Wei, O=Acme Assurance$/m);
    expect(out).toMatch(/^Certificate SHA-256:\s+[0-9a-f]{64}$/m);
    expect(code).toBe(0);
  });

  it('exits 1 for a modified PDF and says why', () => {
    const { code, out } = vigil('verify', files.modified);
    expect(out).toMatch(/^Status:\s+modified$/m);
    expect(out).toMatch(/^Reason:\s+the document digest does not match$/m);
    expect(code).toBe(1);
  });

  it('exits 1 for a PDF without our signature (unknown)', () => {
    const { code, out } = vigil('verify', files.unsigned);
    expect(out).toMatch(/^Status:\s+unknown$/m);
    expect(code).toBe(1);
  });

  it('exits 2 for a file that is not a PDF, a missing file, and a wrong command line', () => {
    const garbage = vigil('verify', files.garbage);
    expect(garbage.out).toMatch(/^Status:\s+unreadable$/m);
    expect(garbage.code).toBe(2);
    const missing = vigil('verify', files.missing);
    expect(missing.err).toContain(`Cannot read ${files.missing}: ENOENT`);
    expect(missing.code).toBe(2);
    const usage = vigil('sign', files.valid);
    expect(usage.err).toContain('Usage: vigil verify <file.pdf|file.docx>');
    expect(usage.code).toBe(2);
  });

  it('answers in JSON with --json', () => {
    const { code, out } = vigil('verify', files.valid, '--json');
    expect(JSON.parse(out)).toMatchObject({ status: 'valid', signer: 'Zhang Min', fingerprint: 'feedface'.repeat(8) });
    expect(code).toBe(0);
  });
});
