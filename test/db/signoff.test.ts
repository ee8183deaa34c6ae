/**
 * Signing deliverables through the router as the signing screen does: version 1 frozen with its
 * fingerprint, files and images; an edit marks it changed; version 2 supersedes it; refusals store
 * nothing; the acceptance report waits for every critical and high finding's disposition.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contract, type MethodInput } from '@shared/contract';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { canonicalJson } from '../../electron/core/canonical';
import { closeImagePool } from '../../electron/core/evidence/pool';
import { closeExportWorker } from '../../electron/core/export/worker-client';
import type { Core } from '../../electron/core/index';
import { signoffPath } from '../../electron/core/services/signoff';
import { signingCertificatePem, verifyPdf } from '../../electron/core/signing';
import { runCli } from '../../electron/core/signing/cli';
import { callOk, closeTestCores, startTestCore, steppingClock } from '../fixtures/core';
import { removeTempDataDirs } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';
import { docxParts, docxText, pdfText, squash } from '../fixtures/export-tools';

vi.setConfig({ testTimeout: 180_000 });

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});
afterAll(async () => {
  await closeImagePool();
  await closeExportWorker();
});

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let signaturePng: Buffer;
let dotPng: Buffer;
let sealPng: Buffer;
let sealJpeg: Buffer;
beforeAll(async () => {
  // A dark stroke on a transparent ground, as the signature pad draws it.
  signaturePng = await sharp(
    Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200"><path d="M20 150 C 120 20, 220 180, 320 60 S 520 160, 580 40" stroke="#0b1f44" stroke-width="6" fill="none"/></svg>',
    ),
  )
    .png()
    .toBuffer();
  // One touch of the pen: a few inked pixels on an empty pad.
  dotPng = await sharp(
    Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200"><circle cx="300" cy="100" r="3" fill="#000"/></svg>',
    ),
  )
    .png()
    .toBuffer();
  sealPng = await sharp(
    Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300"><circle cx="150" cy="150" r="130" stroke="#d0021b" stroke-width="12" fill="none"/></svg>',
    ),
  )
    .png()
    .toBuffer();
  sealJpeg = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#d0021b' } })
    .jpeg()
    .toBuffer();
});

type SignInput = MethodInput<'signoff.sign'>;

function signInput(engagementId: string, documentId: string, overrides: Partial<SignInput> = {}): SignInput {
  return {
    engagementId,
    documentId,
    customer: {
      name: 'Wang Fang',
      title: 'IT Director',
      org: 'Harbor Retail Ltd',
      signatureBase64: b64(signaturePng),
      sealBase64: b64(sealPng),
    },
    consultant: { name: 'Chen Jie', title: 'Technical account manager', signatureBase64: b64(signaturePng) },
    ...overrides,
  };
}

async function sign(core: Core, input: SignInput) {
  const result = await core.router.invokeAsync('signoff.sign', input);
  if (!result.ok) throw new Error(`signoff.sign failed: ${result.error.code} ${result.error.message}`);
  return contract['signoff.sign'].output.parse(result.value);
}

async function signErr(core: Core, input: SignInput) {
  const result = await core.router.invokeAsync('signoff.sign', input);
  if (result.ok) throw new Error('signoff.sign unexpectedly succeeded');
  return result.error;
}

function setUp() {
  const core = startTestCore({ now: steppingClock('2026-10-20T09:30:00.000Z') });
  callOk(core, 'settings.update', { consultantName: 'Chen Jie', firmName: 'Blue Harbor Consulting' });
  const engagement = callOk(
    core,
    'engagement.create',
    engagementFields({ catalogId: 'huawei-key-event-on-duty', editionId: 'basic' }),
  );
  const finding = callOk(core, 'finding.create', {
    engagementId: engagement.id,
    severity: 'medium',
    title: 'Log retention is seven days',
    description: 'Logs are kept for seven days only.',
    affectedResources: ['sls-shop'],
    recommendation: 'Keep logs for 180 days.',
    owner: 'Customer ops',
    dueDate: null,
    status: 'open',
    disposition: '',
  });
  return { core, engagement, finding };
}

const signoffFiles = (core: Core) => {
  const dir = join(core.context.dataDir, 'signoff');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};

const rowsIn = (core: Core) =>
  core.context.store.sqlite.prepare('SELECT * FROM signed_versions ORDER BY version').all() as Record<
    string,
    string | number | null
  >[];

describe('signoff.sign', () => {
  it('freezes version 1: model, fingerprint, signers, images and files kept; the PDF and DOCX are signed copies', async () => {
    const { core, engagement } = setUp();
    const signed = await sign(core, signInput(engagement.id, 'assurance-solution'));
    expect(signed).toMatchObject({
      documentId: 'assurance-solution',
      version: 1,
      customer: { name: 'Wang Fang', title: 'IT Director', org: 'Harbor Retail Ltd', sealed: true },
      consultant: { name: 'Chen Jie', org: 'Blue Harbor Consulting' },
      changedSections: [],
    });
    expect(signed.signedAtText).toMatch(/^2026-10-20 \d\d:\d\d \(UTC[+-]\d\d:\d\d\)$/);

    const [row] = rowsIn(core);
    const model = JSON.parse(String(row?.model));
    // The fingerprint is the SHA-256 of the canonical JSON kept, and that JSON is the model as signed.
    expect(createHash('sha256').update(String(row?.model)).digest('hex')).toBe(signed.fingerprint);
    expect(canonicalJson(model)).toBe(row?.model);
    expect(model.draft).toBe(false);
    expect(model.version).toBe('1.0');
    expect(model.number).toBe(signed.number);
    expect(model.control).toContainEqual({ key: 'Status', value: 'Signed' });

    // Every file the version names is kept, under its own hash.
    const files = signoffFiles(core);
    for (const [hash, ext] of [
      [signed.pdfSha256, 'pdf'],
      [signed.docxSha256, 'docx'],
      [row?.customer_signature, 'png'],
      [row?.customer_seal, 'png'],
    ] as const) {
      const path = signoffPath(core.context.dataDir, String(hash), ext);
      expect(existsSync(path)).toBe(true);
      expect(sha256(readFileSync(path))).toBe(hash);
    }
    expect(files).toHaveLength(5 - 1); // both signatures are the same drawing here: one file

    const pdf = signoffPath(core.context.dataDir, signed.pdfSha256, 'pdf');
    const text = pdfText(pdf);
    expect(text).not.toContain('DRAFT');
    expect(text).toContain('Wang Fang');
    expect(squash(text)).toContain(squash(`Document fingerprint (SHA-256): ${signed.fingerprint}`));
    expect(execFileSync('pdfinfo', ['-custom', pdf], { encoding: 'utf8' })).toContain(signed.fingerprint);
    const pictures = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .map((l) => l.trim().split(/\s+/))
      .filter((c) => c[2] === 'image');
    // The signatures are trimmed to their ink; the seal keeps its 300×300.
    expect(pictures.filter((c) => c[3] === '300' && c[4] === '300')).toHaveLength(1);
    expect(pictures.length).toBeGreaterThanOrEqual(3);

    const docx = docxParts(readFileSync(signoffPath(core.context.dataDir, signed.docxSha256, 'docx')));
    expect(docx.headers).not.toContain('DRAFT');
    expect(docxText(docx.document)).toContain(`Document fingerprint (SHA-256): ${signed.fingerprint}`);
    expect(docxText(docx.document)).toContain('Wang Fang');

    const versions = callOk(core, 'signoff.versions', {
      engagementId: engagement.id,
      documentId: 'assurance-solution',
    });
    expect(versions.versions.map((v) => v.version)).toEqual([1]);
    expect(versions.current).toEqual({ state: 'signed', version: 1 });
    expect(callOk(core, 'signoff.status', { engagementId: engagement.id })).toEqual([
      {
        documentId: 'assurance-solution',
        latestVersion: 1,
        fingerprint: signed.fingerprint,
        current: { state: 'signed', version: 1 },
      },
    ]);
    // The number the document was given stays; the draft preview carries it too.
    expect(
      callOk(core, 'deliverable.preview', { engagementId: engagement.id, documentId: 'assurance-solution' }).number,
    ).toBe(signed.number);
  });

  it('an edited finding marks version 1 changed; version 2 supersedes it and the history shows both', async () => {
    const { core, engagement, finding } = setUp();
    const first = await sign(core, signInput(engagement.id, 'assurance-solution'));
    const [before] = rowsIn(core);

    callOk(core, 'finding.update', {
      engagementId: engagement.id,
      id: finding.id,
      patch: { title: 'Log retention is seven days on the order service' },
    });
    const changed = callOk(core, 'signoff.versions', { engagementId: engagement.id, documentId: 'assurance-solution' });
    expect(changed.current).toEqual({ state: 'changedSince', version: 1 });
    const sinceSigned = callOk(core, 'signoff.diff', {
      engagementId: engagement.id,
      documentId: 'assurance-solution',
      from: 1,
    }).changedSections;
    expect(sinceSigned.length).toBeGreaterThan(0);
    expect(sinceSigned).not.toContain('distributionList');

    const second = await sign(
      core,
      signInput(engagement.id, 'assurance-solution', {
        customer: { name: 'Li Na', title: 'CTO', org: 'Harbor Retail Ltd', signatureBase64: b64(signaturePng) },
      }),
    );
    expect(second.version).toBe(2);
    expect(second.number).toBe(first.number);
    expect(second.fingerprint).not.toBe(first.fingerprint);
    expect(second.customer.sealed).toBe(false);
    expect(second.changedSections).toEqual(expect.arrayContaining(sinceSigned));
    expect(second.changedSections).toContain('versionHistory');

    const history = callOk(core, 'signoff.versions', { engagementId: engagement.id, documentId: 'assurance-solution' });
    expect(history.versions.map((v) => [v.version, v.customer.name, v.fingerprint])).toEqual([
      [2, 'Li Na', second.fingerprint],
      [1, 'Wang Fang', first.fingerprint],
    ]);
    expect(history.current).toEqual({ state: 'signed', version: 2 });
    expect(
      callOk(core, 'signoff.diff', { engagementId: engagement.id, documentId: 'assurance-solution', from: 1, to: 2 }),
    ).toEqual({ changedSections: second.changedSections });

    // Version 1 is as it was signed; version 2 names the version it supersedes.
    const [v1, v2] = rowsIn(core);
    expect(v1).toEqual(before);
    const model = JSON.parse(String(v2?.model));
    const table = model.frontMatter.find((s: { id: string }) => s.id === 'versionHistory').blocks[0];
    expect(table.rows.map((r: string[]) => [r[0], r[3]])).toEqual([
      ['1.0', 'Signed by Wang Fang.'],
      ['2.0', 'Supersedes signed version 1.'],
    ]);
    expect(pdfText(signoffPath(core.context.dataDir, second.pdfSha256, 'pdf'))).toContain(
      'Supersedes signed version 1.',
    );
  });

  it('a draft made after signing is version N.1, a draft again, and its history names the signed version', async () => {
    const { core, engagement } = setUp();
    const before = callOk(core, 'deliverable.preview', {
      engagementId: engagement.id,
      documentId: 'assurance-solution',
    });
    expect(before.version).toBe('0.1');
    const signed = await sign(core, signInput(engagement.id, 'assurance-solution'));
    const draft = callOk(core, 'deliverable.preview', {
      engagementId: engagement.id,
      documentId: 'assurance-solution',
    });
    expect(draft).toMatchObject({ draft: true, version: '1.1', number: signed.number });
    expect(draft.fingerprint).toBeUndefined();
    expect(draft.control).toContainEqual({ key: 'Status', value: 'Draft' });
    const history = draft.frontMatter.find((s) => s.id === 'versionHistory')?.blocks[0];
    expect(history?.kind === 'table' && history.rows.map((r) => [r[0], r[3]])).toEqual([
      ['1.0', 'Signed by Wang Fang.'],
      ['1.1', 'Supersedes signed version 1.'],
    ]);
    // Building the draft changes nothing signed: the version still matches today's data.
    expect(
      callOk(core, 'signoff.versions', { engagementId: engagement.id, documentId: 'assurance-solution' }).current,
    ).toEqual({ state: 'signed', version: 1 });
  });

  it('gives back the files exactly as signed, in parts, under a name with the signed version', async () => {
    const { core, engagement } = setUp();
    const signed = await sign(core, signInput(engagement.id, 'assurance-solution'));
    for (const format of ['pdf', 'docx'] as const) {
      const result = await core.router.invokeAsync('signoff.file', {
        engagementId: engagement.id,
        documentId: 'assurance-solution',
        version: 1,
        format,
        jobId: `signed-${format}`,
      });
      if (!result.ok) throw new Error(result.error.message);
      const file = contract['signoff.file'].output.parse(result.value);
      expect(file.sha256).toBe(format === 'pdf' ? signed.pdfSha256 : signed.docxSha256);
      expect(file.fileName.endsWith(`.${format}`)).toBe(true);
      const parts: Buffer[] = [];
      for (let index = 0; index < file.chunks; index += 1) {
        const chunk = callOk(core, 'deliverable.exportChunk', { jobId: `signed-${format}`, format, index });
        parts.push(Buffer.from(chunk.dataBase64, 'base64'));
      }
      const bytes = Buffer.concat(parts);
      expect(bytes.byteLength).toBe(file.bytes);
      expect(sha256(bytes)).toBe(file.sha256);
    }
    const missing = await core.router.invokeAsync('signoff.file', {
      engagementId: engagement.id,
      documentId: 'assurance-solution',
      version: 2,
      format: 'pdf',
      jobId: 'signed-none',
    });
    expect(missing.ok === false && [missing.error.code, missing.error.field]).toEqual(['NOT_FOUND', 'version']);
  });

  it('the kept PDF carries the PAdES signature of this installation over the whole file, with the fingerprint', async () => {
    const { core, engagement } = setUp();
    const signed = await sign(core, signInput(engagement.id, 'assurance-solution'));
    const result = await core.router.invokeAsync('signoff.file', {
      engagementId: engagement.id,
      documentId: 'assurance-solution',
      version: 1,
      format: 'pdf',
      jobId: 'signed-pades',
    });
    if (!result.ok) throw new Error(result.error.message);
    const file = contract['signoff.file'].output.parse(result.value);
    const parts: Buffer[] = [];
    for (let index = 0; index < file.chunks; index += 1) {
      parts.push(
        Buffer.from(
          callOk(core, 'deliverable.exportChunk', { jobId: 'signed-pades', format: 'pdf', index }).dataBase64,
          'base64',
        ),
      );
    }
    const pdf = new Uint8Array(Buffer.concat(parts));
    const verified = verifyPdf(pdf);
    expect(verified).toMatchObject({ status: 'valid', fingerprint: signed.fingerprint });
    // Made with this installation's certificate: the PEM's DER body hashes to what the verifier read.
    const der = Buffer.from(signingCertificatePem(core.context).replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
    expect(verified.certificateSha256).toBe(sha256(new Uint8Array(der)));
    const tampered = pdf.slice();
    const at = Math.floor(tampered.length / 3);
    tampered[at] = (tampered[at] ?? 0) ^ 0xff;
    expect(verifyPdf(tampered).status).toBe('modified');
  });

  it('signoff.verify: the signed PDF and DOCX check out against version 1; a changed copy, a stranger and junk do not', async () => {
    const { core, engagement } = setUp();
    const signed = await sign(core, signInput(engagement.id, 'assurance-solution'));
    const fetchSigned = async (format: 'pdf' | 'docx') => {
      const result = await core.router.invokeAsync('signoff.file', {
        engagementId: engagement.id,
        documentId: 'assurance-solution',
        version: 1,
        format,
        jobId: `verify-${format}`,
      });
      if (!result.ok) throw new Error(result.error.message);
      const file = contract['signoff.file'].output.parse(result.value);
      const parts: Buffer[] = [];
      for (let index = 0; index < file.chunks; index += 1) {
        parts.push(
          Buffer.from(
            callOk(core, 'deliverable.exportChunk', { jobId: `verify-${format}`, format, index }).dataBase64,
            'base64',
          ),
        );
      }
      return Buffer.concat(parts);
    };
    const pdf = await fetchSigned('pdf');
    const docx = await fetchSigned('docx');
    const match = { engagementId: engagement.id, documentId: 'assurance-solution', version: 1, sameFile: true };
    const certificate = callOk(core, 'signoff.certificate', {});
    expect(certificate.pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(certificate.subject).toContain('CN=Chen Jie');
    expect(callOk(core, 'signoff.verify', { fileName: 'signed.pdf', dataBase64: b64(pdf) })).toMatchObject({
      format: 'pdf',
      status: 'valid',
      ours: true,
      fingerprint: signed.fingerprint,
      match,
    });
    // The saved certificate is the one the signature was made with.
    expect(verifyPdf(new Uint8Array(pdf)).certificateSha256).toBe(certificate.sha256);
    expect(callOk(core, 'signoff.verify', { fileName: 'signed.docx', dataBase64: b64(docx) })).toMatchObject({
      format: 'docx',
      status: 'valid',
      fingerprint: signed.fingerprint,
      match,
    });
    // A byte changed inside a photo of the DOCX: still the version's fingerprint, not its file.
    const changed = Buffer.from(docx);
    const at = changed.length - 4096;
    changed[at] = (changed[at] ?? 0) ^ 0x01;
    expect(callOk(core, 'signoff.verify', { fileName: 'changed.docx', dataBase64: b64(changed) })).toMatchObject({
      status: 'modified',
      match: { version: 1, sameFile: false },
    });
    // From a terminal, without the app: `vigil verify` checks a DOCX against the data folder.
    const folder = mkdtempSync(join(tmpdir(), 'vigil-cli-'));
    try {
      writeFileSync(join(folder, 'signed.docx'), docx);
      writeFileSync(join(folder, 'changed.docx'), changed);
      const lines: string[] = [];
      const io = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) };
      const env = { VIGIL_DATA_DIR: callOk(core, 'app.info', {}).dataDir };
      expect(await runCli(['verify', join(folder, 'signed.docx')], io, env)).toBe(0);
      expect(lines.join('\n')).toContain('Exactly the file kept for version 1');
      expect(await runCli(['verify', join(folder, 'changed.docx')], io, env)).toBe(1);
      expect(await runCli(['verify', join(folder, 'signed.docx')], io, {})).toBe(1);
      expect(lines.join('\n')).toContain('Set VIGIL_DATA_DIR');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    const draft = await core.router.invokeAsync('deliverable.export', {
      engagementId: engagement.id,
      documentId: 'assurance-solution',
      formats: ['pdf'],
      jobId: 'verify-draft',
    });
    expect(draft.ok).toBe(true);
    const draftPdf = Buffer.from(
      callOk(core, 'deliverable.exportChunk', { jobId: 'verify-draft', format: 'pdf', index: 0 }).dataBase64,
      'base64',
    );
    expect(callOk(core, 'signoff.verify', { fileName: 'draft.pdf', dataBase64: b64(draftPdf) })).toMatchObject({
      status: 'unknown',
      ours: false,
      match: null,
    });
    expect(callOk(core, 'signoff.verify', { fileName: 'notes.txt', dataBase64: b64('hello') })).toMatchObject({
      format: 'other',
      status: 'unreadable',
    });
  });

  it('signs exactly what was reviewed: the fingerprint shown by signoff.prepare, refused when the data changed since', async () => {
    const { core, engagement, finding } = setUp();
    const input = signInput(engagement.id, 'assurance-solution');
    const prepare = async () => {
      const result = await core.router.invokeAsync('signoff.prepare', input);
      if (!result.ok) throw new Error(result.error.message);
      return contract['signoff.prepare'].output.parse(result.value);
    };
    const ready = await prepare();
    expect(ready).toMatchObject({ version: 1, fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(rowsIn(core)).toHaveLength(0);
    const signed = await sign(core, {
      ...input,
      confirm: { signedAt: ready.signedAt, fingerprint: ready.fingerprint },
    });
    expect(signed).toMatchObject({ version: 1, fingerprint: ready.fingerprint, signedAt: ready.signedAt });

    // Reviewed, then a finding the document prints is edited: the consent no longer matches.
    callOk(core, 'finding.update', {
      engagementId: engagement.id,
      id: finding.id,
      patch: { title: 'Logs kept 7 days' },
    });
    const again = await prepare();
    callOk(core, 'finding.update', {
      engagementId: engagement.id,
      id: finding.id,
      patch: { title: 'Logs kept 3 days' },
    });
    const refused = await signErr(core, {
      ...input,
      confirm: { signedAt: again.signedAt, fingerprint: again.fingerprint },
    });
    expect(refused).toMatchObject({ code: 'CONFLICT', field: 'confirm.fingerprint' });
    expect(rowsIn(core)).toHaveLength(1);
    const stale = await signErr(core, {
      ...input,
      confirm: { signedAt: '2026-10-19T09:30:00.000Z', fingerprint: again.fingerprint },
    });
    expect(stale).toMatchObject({ code: 'INVALID_INPUT', field: 'confirm.signedAt' });
  });

  it('two signings of one version at once: one is kept, the other refused, and only the kept files remain', async () => {
    const { core, engagement } = setUp();
    const input = signInput(engagement.id, 'assurance-solution');
    const results = await Promise.all([
      core.router.invokeAsync('signoff.sign', input),
      core.router.invokeAsync('signoff.sign', input),
    ]);
    const refused = results.filter((r) => !r.ok);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(refused.map((r) => !r.ok && r.error.code)).toEqual(['CONFLICT']);
    const [row] = rowsIn(core);
    expect(rowsIn(core)).toHaveLength(1);
    const kept = [row?.customer_signature, row?.customer_seal, row?.pdf_sha256, row?.docx_sha256];
    expect(signoffFiles(core).map((name) => name.split('.')[0])).toEqual([...new Set(kept.map(String))].sort());
  });

  it('refuses a missing name, a nearly empty signature and a seal that is not an image, naming the field and storing nothing', async () => {
    const { core, engagement } = setUp();
    const base = signInput(engagement.id, 'assurance-solution');
    const refusals: [SignInput, string][] = [
      [{ ...base, customer: { ...base.customer, name: '  ' } }, 'customer.name'],
      [{ ...base, customer: { ...base.customer, org: '' } }, 'customer.org'],
      [{ ...base, consultant: { ...base.consultant, name: '' } }, 'consultant.name'],
      [{ ...base, customer: { ...base.customer, signatureBase64: b64(dotPng) } }, 'customer.signatureBase64'],
      [{ ...base, consultant: { ...base.consultant, signatureBase64: '' } }, 'consultant.signatureBase64'],
      [{ ...base, customer: { ...base.customer, signatureBase64: b64(sealJpeg) } }, 'customer.signatureBase64'],
      [{ ...base, customer: { ...base.customer, sealBase64: b64('not an image, just text') } }, 'customer.sealBase64'],
      [{ ...base, customer: { ...base.customer, sealBase64: 'bm90IGJhc2U2NA==!!' } }, 'customer.sealBase64'],
    ];
    for (const [input, field] of refusals) {
      const error = await signErr(core, input);
      expect(error.code, field).toBe('INVALID_INPUT');
      expect(error.field).toBe(field);
      expect(error.message).not.toMatch(/\bat\s.+:\d+:\d+/);
    }
    const empty = await signErr(core, { ...base, customer: { ...base.customer, signatureBase64: b64(dotPng) } });
    expect(empty.message).toContain('nearly empty');
    expect(rowsIn(core)).toEqual([]);
    expect(signoffFiles(core)).toEqual([]);
    expect(
      callOk(core, 'signoff.versions', { engagementId: engagement.id, documentId: 'assurance-solution' }).current,
    ).toEqual({
      state: 'unsigned',
    });
    // A JPEG seal is taken and kept as a PNG.
    const signed = await sign(core, { ...base, customer: { ...base.customer, sealBase64: b64(sealJpeg) } });
    expect(signed.customer.sealed).toBe(true);
  });

  it('refuses the on-duty summary and the acceptance report while the war room is open, storing nothing', async () => {
    const { core, engagement } = setUp();
    const conclusion = { verdict: 'accepted' as const, note: '' };
    for (const documentId of ['on-duty-summary', 'acceptance-report']) {
      const refused = await signErr(core, signInput(engagement.id, documentId, { conclusion }));
      expect(refused).toMatchObject({ code: 'CONFLICT', field: 'documentId' });
      expect(refused.message).toContain('cannot be signed while the war room is open');
    }
    expect(rowsIn(core)).toEqual([]);
    callOk(core, 'warroom.close', {
      engagementId: engagement.id,
      closure: { outcome: 'met', summary: 'Peak handled without incident.' },
    });
    expect((await sign(core, signInput(engagement.id, 'on-duty-summary'))).version).toBe(1);
  });

  it('refuses the acceptance report while a critical or high finding has no disposition, listing them', async () => {
    const { core, engagement } = setUp();
    // The war room's own gate is tested in war-room.test.ts; here it is closed so only findings block.
    callOk(core, 'warroom.close', {
      engagementId: engagement.id,
      closure: { outcome: 'met', summary: 'Peak handled without incident.' },
    });
    const fields = {
      engagementId: engagement.id,
      description: 'd',
      affectedResources: [],
      recommendation: 'r',
      owner: '',
      dueDate: null,
      disposition: '',
    };
    const critical = callOk(core, 'finding.create', {
      ...fields,
      severity: 'critical',
      title: 'No standby database',
      status: 'open',
    });
    const high = callOk(core, 'finding.create', {
      ...fields,
      severity: 'high',
      title: 'WAF in detect mode',
      status: 'inProgress',
    });
    callOk(core, 'finding.create', { ...fields, severity: 'low', title: 'Tags missing', status: 'open' });

    const conclusion = {
      verdict: 'reservations' as const,
      note: 'Log retention to be raised to 180 days by 2026-11-30.',
    };
    const blocked = await signErr(core, signInput(engagement.id, 'acceptance-report', { conclusion }));
    expect(blocked.code).toBe('CONFLICT');
    expect(blocked.details).toEqual(['F-002 No standby database', 'F-003 WAF in detect mode']);
    const versions = callOk(core, 'signoff.versions', { engagementId: engagement.id, documentId: 'acceptance-report' });
    expect(versions.blockers.map((b) => (b.kind === 'finding' ? [b.findingId, b.ref] : [b.kind]))).toEqual([
      [critical.id, 'F-002'],
      [high.id, 'F-003'],
    ]);
    expect(rowsIn(core)).toEqual([]);
    expect(signoffFiles(core)).toEqual([]);
    // Other deliverables are not gated.
    expect(
      callOk(core, 'signoff.versions', { engagementId: engagement.id, documentId: 'assurance-solution' }).blockers,
    ).toEqual([]);

    callOk(core, 'finding.update', { engagementId: engagement.id, id: critical.id, patch: { status: 'rectified' } });
    callOk(core, 'finding.update', {
      engagementId: engagement.id,
      id: high.id,
      patch: {
        status: 'riskAccepted',
        disposition: 'Accepted by Wang Fang on 2026-10-19: WAF blocks after the event.',
      },
    });
    expect(
      callOk(core, 'signoff.versions', { engagementId: engagement.id, documentId: 'acceptance-report' }).blockers,
    ).toEqual([]);
    // The conclusion is recorded with the signatures: required, and reasons required unless accepted.
    expect(await signErr(core, signInput(engagement.id, 'acceptance-report'))).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'conclusion.verdict',
    });
    expect(
      await signErr(
        core,
        signInput(engagement.id, 'acceptance-report', { conclusion: { verdict: 'notAccepted', note: ' ' } }),
      ),
    ).toMatchObject({ code: 'INVALID_INPUT', field: 'conclusion.note' });
    expect(rowsIn(core)).toEqual([]);
    const signed = await sign(core, signInput(engagement.id, 'acceptance-report', { conclusion }));
    expect(signed.version).toBe(1);
    const frozen = JSON.stringify(
      JSON.parse(String(rowsIn(core)[0]?.model ?? '{}')).sections.find(
        (s: { id: string }) => s.id === 'acceptanceConclusion',
      ),
    );
    expect(frozen).toContain('Accepted with reservations:');
    expect(frozen).toContain(conclusion.note);
    expect(frozen).not.toContain('notAssessed');
    // Rebuilt with the stored conclusion, today's data still matches the signed version.
    expect(
      callOk(core, 'signoff.versions', { engagementId: engagement.id, documentId: 'acceptance-report' }).current,
    ).toEqual({ state: 'signed', version: 1 });
  });
});
