import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contract, type EventName, type EventPayload, type MethodInput, type MethodOutput } from '@shared/contract';
import { strFromU8, unzipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeImagePool } from '../../electron/core/evidence/pool';
import { closeExportWorker, warmExportWorker } from '../../electron/core/export/worker-client';
import type { Core } from '../../electron/core/index';
import { documentPath } from '../../electron/core/services/evidence';
import { callErr, callOk, closeTestCores, startTestCore, steppingClock } from '../fixtures/core';
import { removeTempDataDirs } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';
import { largeEngagementPhoto } from '../fixtures/large-engagement';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});
afterAll(async () => {
  await closeExportWorker();
  await closeImagePool();
});

const ACCESS_KEY = 'LTAI5tQm8Rk2Zp7XcV4nB9wE';
const TITLE = 'Order database has no read replica before the peak';

type Progress = EventPayload<'deliverable.exportProgress'>;

function huaweiCore(onProgress: (progress: Progress) => void = () => {}) {
  const progress: Progress[] = [];
  const core = startTestCore({
    now: steppingClock('2026-06-01T02:00:00.000Z'),
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
      if (event !== 'deliverable.exportProgress') return;
      progress.push(payload as Progress);
      onProgress(payload as Progress);
    },
  });
  const engagement = callOk(
    core,
    'engagement.create',
    engagementFields({ catalogId: 'huawei-key-event-on-duty', editionId: 'basic' }),
  );
  const finding = callOk(core, 'finding.create', {
    engagementId: engagement.id,
    severity: 'high',
    title: TITLE,
    description: `The nightly job signs requests with ${ACCESS_KEY} stored in plain text.`,
    affectedResources: ['rds-orders-01'],
    recommendation: 'Add a read replica and move reports to it.',
    owner: 'DBA team',
    dueDate: '2026-10-20',
    status: 'open',
    disposition: '',
  });
  return { core, engagement, finding, progress };
}

type ExportedFile = MethodOutput<'deliverable.export'>['files'][number] & { dataBase64: string };

/** Exports and fetches every file part by part, as the window does. */
async function exportOk(
  core: Core,
  input: MethodInput<'deliverable.export'>,
): Promise<{ files: ExportedFile[]; warnings: MethodOutput<'deliverable.export'>['warnings'] }> {
  const result = await core.router.invokeAsync('deliverable.export', input);
  if (!result.ok) throw new Error(`deliverable.export failed: ${result.error.code} ${result.error.message}`);
  const answer = contract['deliverable.export'].output.parse(result.value);
  const files = answer.files.map((file) => {
    const parts: Buffer[] = [];
    for (let index = 0; index < file.chunks; index += 1) {
      const part = callOk(core, 'deliverable.exportChunk', { jobId: input.jobId, format: file.format, index });
      expect(part.last).toBe(index === file.chunks - 1);
      parts.push(Buffer.from(part.dataBase64, 'base64'));
    }
    return { ...file, dataBase64: Buffer.concat(parts).toString('base64') };
  });
  return { files, warnings: answer.warnings };
}

function pdfText(base64: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-export-'));
  try {
    const file = join(dir, 'out.pdf');
    writeFileSync(file, Buffer.from(base64, 'base64'));
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function docxXml(base64: string): string {
  const xml = unzipSync(Buffer.from(base64, 'base64'))['word/document.xml'];
  return xml ? strFromU8(xml) : '';
}

// The first export starts the worker and loads the fonts: seconds on a busy two-core machine.
describe('deliverable.export', { timeout: 60_000 }, () => {
  it('renders the Assurance Solution as DOCX and PDF in the worker, with the finding and its secret masked', async () => {
    const { core, engagement, progress } = huaweiCore();
    const out = await exportOk(core, {
      engagementId: engagement.id,
      documentId: 'assurance-solution',
      formats: ['docx', 'pdf'],
      jobId: 'job-1',
    });
    expect(out.files.map((f) => f.format)).toEqual(['docx', 'pdf']);
    const [docx, pdf] = out.files;
    if (!docx || !pdf) throw new Error('missing file');
    // The firm's default file name pattern: {customer}_{event}_{deliverable}_v{version}_{date}.
    expect(docx.fileName).toBe("Acme Retail Co._Singles' Day 2026_Key Event Assurance Solution_v0.1_2026-06-01.docx");
    expect(pdf.fileName).toBe(docx.fileName.replace(/\.docx$/, '.pdf'));
    expect(pdf.mediaType).toBe('application/pdf');
    expect(Buffer.from(pdf.dataBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.bytes).toBe(Buffer.from(pdf.dataBase64, 'base64').byteLength);

    const text = pdfText(pdf.dataBase64).replace(/\s+/g, ' ');
    expect(text).toContain(TITLE);
    expect(text).not.toContain(ACCESS_KEY);
    const xml = docxXml(docx.dataBase64);
    expect(xml).toContain(TITLE);
    expect(xml).not.toContain(ACCESS_KEY);

    // Progress climbs to 1 over both formats and ends with the PDF done.
    const fractions = progress.filter((p) => p.jobId === 'job-1').map((p) => p.fraction);
    expect(fractions.length).toBeGreaterThan(2);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ format: 'pdf', stage: 'done', fraction: 1 });
  });

  it('prints an evidence photo, and a photo whose document file is damaged as a placeholder with a warning naming it', async () => {
    const { core, engagement, finding } = huaweiCore();
    const photos = await Promise.all([largeEngagementPhoto(1, 800, 600), largeEngagementPhoto(2, 800, 600)]);
    const added = [];
    for (const [i, photo] of photos.entries()) {
      const result = await core.router.invokeAsync('evidence.add', {
        engagementId: engagement.id,
        targetKind: 'finding',
        targetId: finding.id,
        fileName: `rack-${i + 1}.jpg`,
        mediaType: 'image/jpeg',
        dataBase64: photo.toString('base64'),
      });
      if (!result.ok) throw new Error(result.error.message);
      added.push(contract['evidence.add'].output.parse(result.value));
    }
    const damaged = added[1];
    if (!damaged) throw new Error('no photo');
    const dataDir = callOk(core, 'app.info', {}).dataDir;
    writeFileSync(documentPath(dataDir, damaged.sha256), 'not a jpeg');

    const out = await exportOk(core, {
      engagementId: engagement.id,
      documentId: 'assurance-solution',
      formats: ['pdf'],
      jobId: 'job-2',
    });
    expect(out.warnings).toEqual([{ fileName: 'rack-2.jpg', problem: 'undecodable' }]);
    const pdf = out.files[0];
    if (!pdf) throw new Error('no pdf');
    const dir = mkdtempSync(join(tmpdir(), 'vigil-images-'));
    try {
      writeFileSync(join(dir, 'out.pdf'), Buffer.from(pdf.dataBase64, 'base64'));
      const images = execFileSync('pdfimages', ['-list', join(dir, 'out.pdf')], { encoding: 'utf8' });
      // Header lines, then one line per embedded image: the good photo at least once.
      expect(images.split('\n').filter((line) => /\bjpeg\b/.test(line)).length).toBeGreaterThanOrEqual(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    unlinkSync(documentPath(dataDir, damaged.sha256));
  });

  it('prints the firm logo and colour from the branding settings on the cover of both formats', async () => {
    const { core, engagement } = huaweiCore();
    const logo = await sharp({ create: { width: 400, height: 120, channels: 3, background: '#7A1F5C' } })
      .composite([
        {
          input: Buffer.from(
            '<svg width="400" height="120"><rect x="20" y="20" width="80" height="80" fill="white"/></svg>',
          ),
        },
      ])
      .png()
      .toBuffer();
    callOk(core, 'settings.update', { firmName: 'Northwind Assurance', primaryColor: '#7A1F5C' });
    const stored = await core.router.invokeAsync('settings.setLogo', {
      fileName: 'logo.png',
      dataBase64: logo.toString('base64'),
    });
    expect(stored.ok).toBe(true);
    const out = await exportOk(core, {
      engagementId: engagement.id,
      documentId: 'assurance-solution',
      formats: ['docx', 'pdf'],
      jobId: 'job-logo',
    });
    expect(out.warnings).toEqual([]);
    const [docx, pdf] = out.files;
    if (!docx || !pdf) throw new Error('missing file');
    const media = Object.keys(unzipSync(Buffer.from(docx.dataBase64, 'base64'))).filter((name) =>
      name.startsWith('word/media/'),
    );
    expect(media.length).toBeGreaterThanOrEqual(1);
    expect(docxXml(docx.dataBase64)).toContain('Northwind Assurance');
    const dir = mkdtempSync(join(tmpdir(), 'vigil-logo-'));
    try {
      writeFileSync(join(dir, 'out.pdf'), Buffer.from(pdf.dataBase64, 'base64'));
      const images = execFileSync('pdfimages', ['-f', '1', '-l', '1', '-list', join(dir, 'out.pdf')], {
        encoding: 'utf8',
      });
      // The cover (page 1) carries the logo.
      expect(images.split('\n').filter((line) => /^\s*1\s/.test(line)).length).toBeGreaterThanOrEqual(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(pdfText(pdf.dataBase64)).toContain('Northwind Assurance');
  });

  it('hands a file of several megabytes over in 1 MiB parts, each once, then forgets it', async () => {
    const { core, engagement, finding } = huaweiCore();
    for (let i = 0; i < 12; i += 1) {
      const result = await core.router.invokeAsync('evidence.add', {
        engagementId: engagement.id,
        targetKind: 'finding',
        targetId: finding.id,
        fileName: `hall-${i}.jpg`,
        mediaType: 'image/jpeg',
        dataBase64: (await largeEngagementPhoto(i, 2000, 1500)).toString('base64'),
      });
      if (!result.ok) throw new Error(result.error.message);
    }
    const answer = await core.router.invokeAsync('deliverable.export', {
      engagementId: engagement.id,
      documentId: 'assurance-solution',
      formats: ['pdf'],
      jobId: 'job-big',
    });
    if (!answer.ok) throw new Error(answer.error.message);
    const [file] = contract['deliverable.export'].output.parse(answer.value).files;
    if (!file) throw new Error('no file');
    expect(file.bytes).toBeGreaterThan(2 * 1024 * 1024);
    expect(file.chunks).toBe(Math.ceil(file.bytes / (1024 * 1024)));
    expect(
      callErr(core, 'deliverable.exportChunk', { jobId: 'job-big', format: 'pdf', index: file.chunks }),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'index',
    });
    const parts = Array.from({ length: file.chunks }, (_, index) =>
      Buffer.from(
        callOk(core, 'deliverable.exportChunk', { jobId: 'job-big', format: 'pdf', index }).dataBase64,
        'base64',
      ),
    );
    const pdf = Buffer.concat(parts);
    expect(pdf.byteLength).toBe(file.bytes);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toMatch(/%%EOF/);
    // Read to the end: gone, and the message says what to do.
    expect(callErr(core, 'deliverable.exportChunk', { jobId: 'job-big', format: 'pdf', index: 0 })).toMatchObject({
      code: 'NOT_FOUND',
      message: 'This export is no longer available; export the document again.',
    });
  });

  it('a worker warmed at launch renders the first export without loading anything more', async () => {
    await closeExportWorker();
    await warmExportWorker();
    const { core, engagement } = huaweiCore();
    const out = await exportOk(core, {
      engagementId: engagement.id,
      documentId: 'assurance-solution',
      formats: ['pdf'],
      jobId: 'job-warm',
    });
    expect(
      Buffer.from(out.files[0]?.dataBase64 ?? '', 'base64')
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  it('stops a job on cancel with CANCELLED, and the next export still works', async () => {
    let cancelled: MethodOutput<'deliverable.cancelExport'> | undefined;
    // Cancelled the moment the worker reports it has started on the images: mid-render, every time.
    const { core, engagement } = huaweiCore((p) => {
      if (p.jobId === 'job-3' && p.stage === 'images' && cancelled === undefined)
        cancelled = callOk(core, 'deliverable.cancelExport', { jobId: 'job-3' });
    });
    const running = core.router.invokeAsync('deliverable.export', {
      engagementId: engagement.id,
      documentId: 'assurance-solution',
      formats: ['pdf', 'docx'],
      jobId: 'job-3',
    });
    const result = await running;
    expect(cancelled).toEqual({ cancelled: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(callOk(core, 'deliverable.cancelExport', { jobId: 'job-3' })).toEqual({ cancelled: false });

    const again = await exportOk(core, {
      engagementId: engagement.id,
      documentId: 'assurance-solution',
      formats: ['docx'],
      jobId: 'job-4',
    });
    expect(again.files).toHaveLength(1);
  });

  it('refuses a deliverable no builder makes, naming the field, and an empty format list', async () => {
    const { core, engagement } = huaweiCore();
    const missing = await core.router.invokeAsync('deliverable.export', {
      engagementId: engagement.id,
      documentId: 'nope',
      formats: ['pdf'],
      jobId: 'job-5',
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'documentId' } });
    const empty = await core.router.invokeAsync('deliverable.export', {
      engagementId: engagement.id,
      documentId: 'assurance-solution',
      formats: [],
      jobId: 'job-6',
    });
    expect(empty).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
