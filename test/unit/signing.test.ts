import { createHash, X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core/index';
import {
  forgetSigningIdentities,
  PASSPHRASE_VARIABLE,
  parsePdfDate,
  passphraseProtection,
  passphraseProtectionFromEnv,
  signingCertificatePem,
  signingDir,
  signPdf,
  verifyPdf,
} from '../../electron/core/signing';
import { closeTestCores } from '../fixtures/core';
import { removeTempDataDirs, tempDataDir } from '../fixtures/dataDir';
import { exportDir } from '../fixtures/export-tools';
import {
  acceptanceReportPdf,
  pdfsig,
  SIGNED_AT,
  SIGNING_PASSPHRASE,
  signedAcceptanceReport,
  signedRanges,
  signingCore,
  tamperRun,
} from '../fixtures/signing';

// Rendering, RSA key generation and scrypt take seconds on a busy 2-core machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

/** `npm test` runs this many single-byte changes; `npm run bench` runs 1,000. */
const TAMPER_CHANGES = 50;
const FINGERPRINT = '3c'.repeat(32);

const dir = exportDir('signing');
let core: Core;
let signed: Uint8Array;
let signedFile: string;

beforeAll(async () => {
  forgetSigningIdentities();
  core = signingCore({ dataDir: tempDataDir() });
  signed = await signedAcceptanceReport(core, FINGERPRINT);
  signedFile = join(dir, 'acceptance-signed.pdf');
  writeFileSync(signedFile, signed);
});

afterAll(() => {
  forgetSigningIdentities();
  closeTestCores();
  removeTempDataDirs();
});

const certificateSha256 = (pem: string) => createHash('sha256').update(new X509Certificate(pem).raw).digest('hex');

describe('a signed deliverable PDF', () => {
  it('is reported valid and covering the whole document by poppler pdfsig, as PAdES (ETSI.CAdES.detached)', () => {
    const report = pdfsig(signedFile);
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Total document signed');
    expect(report).not.toContain('Not total document signed');
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Signing Hash Algorithm: SHA-256');
    expect(report).toContain('Signer full Distinguished Name: CN=Li Wei,O=Acme Assurance');
    expect(report).toContain('Signing Time: Oct 20 2026 09:30:00');
  });

  it('is valid for our verifier, with signer, time, fingerprint and the installation certificate', () => {
    const result = verifyPdf(signed);
    expect(result).toMatchObject({
      status: 'valid',
      signer: 'Zhang Min',
      signedAt: SIGNED_AT.toISOString(),
      fingerprint: FINGERPRINT,
      certificateSubject: 'CN=Li Wei, O=Acme Assurance',
    });
    expect(result.certificateSha256).toBe(certificateSha256(signingCertificatePem(core.context)));
  });

  it('carries content-type, message-digest and ESS signing-certificate-v2 and no signing-time attribute', () => {
    const text = Buffer.from(signed).toString('latin1');
    const { holeStart, holeEnd } = signedRanges(signed);
    const hex = text.slice(holeStart + 1, holeEnd - 1);
    const cms = Buffer.from(hex.replace(/(00)+$/, ''), 'hex');
    const has = (oid: number[]) => cms.includes(Buffer.from([0x06, oid.length, ...oid]));
    // DER object identifiers: 1.2.840.113549.1.9.{3,4,5} and 1.2.840.113549.1.9.16.2.47
    const pkcs9 = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09];
    expect(has([...pkcs9, 0x03])).toBe(true);
    expect(has([...pkcs9, 0x04])).toBe(true);
    expect(has([...pkcs9, 0x10, 0x02, 0x2f])).toBe(true);
    expect(has([...pkcs9, 0x05])).toBe(false);
  });

  it(`detects each of ${TAMPER_CHANGES} random single-byte changes inside the signed byte range`, () => {
    const run = tamperRun(signed, TAMPER_CHANGES, 20261020);
    expect(run.missed).toEqual([]);
    expect(run.detected).toBe(TAMPER_CHANGES);
  });

  it('is rejected by pdfsig too when one byte of the page content changes', () => {
    const { holeStart } = signedRanges(signed);
    const changed = new Uint8Array(signed);
    const at = Math.floor(holeStart / 3);
    changed[at] = (changed[at] ?? 0) ^ 0x01;
    const report = pdfsig(writeTemp('changed.pdf', changed));
    expect(report).toContain('Signature Validation: Digest Mismatch.');
    expect(verifyPdf(changed)).toMatchObject({ status: 'modified', reason: 'the document digest does not match' });
  });

  it('is modified when a byte is appended after the signed range (the signature no longer covers the file)', () => {
    const extended = new Uint8Array([...signed, 0x0a]);
    expect(verifyPdf(extended)).toMatchObject({
      status: 'modified',
      reason: 'the signature does not cover the whole document',
    });
    const lengthened = Buffer.concat([Buffer.from(signed), Buffer.from('\n% appended\n')]);
    expect(pdfsig(writeTemp('appended.pdf', lengthened))).toContain('Not total document signed');
  });

  it('is modified, not unsigned, when a change makes the byte range unreadable', () => {
    const text = Buffer.from(signed).toString('latin1');
    const damaged = new Uint8Array(signed);
    damaged[text.lastIndexOf('/ByteRange [0 ') + '/ByteRange [0 '.length] = 'x'.charCodeAt(0);
    expect(verifyPdf(damaged)).toMatchObject({ status: 'modified', reason: 'the signature dictionary is damaged' });
  });

  it('keeps a Chinese signer name readable in the signature dictionary', async () => {
    const pdf = await signPdf(core.context, await acceptanceReportPdf('zh-CN'), {
      reason: '客户验收',
      signerName: '张敏',
      signingTime: SIGNED_AT,
    });
    expect(verifyPdf(pdf)).toMatchObject({ status: 'valid', signer: '张敏' });
    expect(pdfsig(writeTemp('zh.pdf', pdf))).toContain('Signature Validation: Signature is Valid.');
  });
});

function writeTemp(name: string, bytes: Uint8Array): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

describe('verifying what is not ours', () => {
  it('says unknown for a PDF without a signature, keeping its fingerprint if it has one', async () => {
    expect(verifyPdf(await acceptanceReportPdf())).toEqual({
      status: 'unknown',
      reason: 'the PDF carries no signature',
      fingerprint: undefined,
    });
    expect(verifyPdf(await acceptanceReportPdf('en', FINGERPRINT))).toMatchObject({
      status: 'unknown',
      fingerprint: FINGERPRINT,
    });
  });

  it('reads the fingerprint from the keywords when a tool dropped the custom Info key', async () => {
    const document = await PDFDocument.load(await acceptanceReportPdf(), { updateMetadata: false });
    document.setKeywords(['Vigil', `VigilFingerprint:${FINGERPRINT}`]);
    const pdf = await document.save({ useObjectStreams: false });
    expect(verifyPdf(pdf)).toMatchObject({ status: 'unknown', fingerprint: FINGERPRINT });
  });

  it('says unreadable for bytes that are not a PDF', () => {
    expect(verifyPdf(new TextEncoder().encode('PK\u0003\u0004 not a pdf')).status).toBe('unreadable');
    expect(verifyPdf(new Uint8Array(0)).status).toBe('unreadable');
  });

  it('says unknown for a PDF whose signature value is not CMS', () => {
    const { holeStart, holeEnd } = signedRanges(signed);
    const forged = new Uint8Array(signed);
    forged.fill(0x30, holeStart + 1, holeEnd - 1); // all '0' hex digits: an empty signature
    expect(verifyPdf(forged)).toMatchObject({ status: 'unknown', reason: 'the signature is not readable CMS' });
  });
});

describe('signing input', () => {
  it('refuses an empty signer name and bytes that are not a PDF, naming the field', async () => {
    await expect(
      signPdf(core.context, await acceptanceReportPdf(), { reason: 'r', signerName: '  ', signingTime: SIGNED_AT }),
    ).rejects.toMatchObject({ appError: { code: 'INVALID_INPUT', field: 'signerName' } });
    await expect(
      signPdf(core.context, new TextEncoder().encode('hello'), {
        reason: 'r',
        signerName: 'A',
        signingTime: SIGNED_AT,
      }),
    ).rejects.toMatchObject({ appError: { code: 'INVALID_INPUT', field: 'pdfBytes' } });
  });

  it('parses PDF dates with offsets to UTC instants', () => {
    expect(parsePdfDate("D:20261020173000+08'00'")).toBe('2026-10-20T09:30:00.000Z');
    expect(parsePdfDate('D:20261020093000Z')).toBe('2026-10-20T09:30:00.000Z');
    expect(parsePdfDate('yesterday')).toBeUndefined();
  });
});

describe('the installation identity', () => {
  it('is created once, kept under <dataDir>/signing with the private key only in protected form', () => {
    const files = readdirSync(signingDir(core.context.dataDir)).sort();
    expect(files).toEqual(['certificate.pem', 'private-key.protected']);
    const sealed = readFileSync(join(signingDir(core.context.dataDir), 'private-key.protected'));
    expect(sealed.subarray(0, 4).toString('latin1')).toBe('VGK1');
    // A PKCS#8 RSA key starts with SEQUENCE + rsaEncryption OID; the sealed file must not contain it.
    expect(sealed.includes(Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]))).toBe(
      false,
    );
    const pem = signingCertificatePem(core.context);
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
    expect(new X509Certificate(pem).subject).toBe('O=Acme Assurance\nCN=Li Wei');
  });

  it('is opened again from disk by the same passphrase, and the same certificate signs', async () => {
    const before = certificateSha256(signingCertificatePem(core.context));
    forgetSigningIdentities();
    const again = signingCore({ dataDir: core.context.dataDir });
    expect(certificateSha256(signingCertificatePem(again.context))).toBe(before);
  });

  it('does not open with a wrong passphrase, and says which variable to set', () => {
    forgetSigningIdentities();
    const wrong = signingCore({ dataDir: core.context.dataDir, keyProtection: passphraseProtection('wrong') });
    expect(() => signingCertificatePem(wrong.context)).toThrow(PASSPHRASE_VARIABLE);
    forgetSigningIdentities();
  });

  it('asks for VIGIL_SIGNING_PASSPHRASE by name when it is missing', () => {
    expect(() => passphraseProtectionFromEnv({})).toThrow(/set the environment variable VIGIL_SIGNING_PASSPHRASE/);
    const protection = passphraseProtectionFromEnv({ [PASSPHRASE_VARIABLE]: SIGNING_PASSPHRASE });
    const sealed = protection.protect(new Uint8Array([1, 2, 3]));
    expect([...protection.unprotect(sealed)]).toEqual([1, 2, 3]);
    sealed[sealed.length - 1] = (sealed[sealed.length - 1] ?? 0) ^ 1;
    expect(() => protection.unprotect(sealed)).toThrow(PASSPHRASE_VARIABLE);
  });
});
