import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { contract, type MethodInput } from '@shared/contract';
import { FILE_NAME_MAX_BYTES, LOGO_MAX_BYTES } from '@shared/domain/branding';
import { DEFAULT_SETTINGS } from '@shared/domain/settings';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeImagePool } from '../../electron/core/evidence/pool';
import type { Core } from '../../electron/core/index';
import {
  brandingTheme,
  deliverableFileName,
  firmLogoBytes,
  firmLogoFile,
  logoPath,
} from '../../electron/core/services/branding';
import { callErr, callOk, closeTestCores, startTestCore, steppingClock } from '../fixtures/core';
import { removeTempDataDirs, tempDataDir } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});
afterAll(() => closeImagePool());

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');

async function setLogo(core: Core, input: MethodInput<'settings.setLogo'>) {
  const result = await core.router.invokeAsync('settings.setLogo', input);
  if (!result.ok) throw new Error(`settings.setLogo failed: ${result.error.code} ${result.error.message}`);
  return contract['settings.setLogo'].output.parse(result.value);
}

async function setLogoErr(core: Core, input: MethodInput<'settings.setLogo'>) {
  const result = await core.router.invokeAsync('settings.setLogo', input);
  if (result.ok) throw new Error('settings.setLogo unexpectedly succeeded');
  return result.error;
}

function brandingFiles(core: Core): string[] {
  const dir = join(core.context.dataDir, 'branding');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** A wide navy wordmark on a transparent ground, as firms' logos usually are. */
let transparentPng: Buffer;
let wideJpeg: Buffer;
let gif: Buffer;
let tinyPng: Buffer;
let invisiblePng: Buffer;
beforeAll(async () => {
  const mark = await sharp({ create: { width: 300, height: 60, channels: 4, background: '#1F3A5F' } })
    .png()
    .toBuffer();
  transparentPng = await sharp({ create: { width: 400, height: 100, channels: 4, background: '#00000000' } })
    .composite([{ input: mark, left: 50, top: 20 }])
    .png()
    .toBuffer();
  wideJpeg = await sharp({ create: { width: 3000, height: 1000, channels: 3, background: '#b22222' } })
    .jpeg()
    .toBuffer();
  gif = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#00ff00' } })
    .gif()
    .toBuffer();
  tinyPng = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#1F3A5F' } })
    .png()
    .toBuffer();
  invisiblePng = await sharp({ create: { width: 200, height: 80, channels: 4, background: '#00000000' } })
    .png()
    .toBuffer();
});

const SVG =
  '<?xml version="1.0" encoding="UTF-8"?>\n<!-- Blue Harbor wordmark -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 30"><rect width="120" height="30" fill="#1F3A5F"/></svg>';

describe('settings.setLogo', () => {
  it('stores a transparent PNG as a PNG that keeps its transparency', async () => {
    const core = startTestCore();
    const settings = await setLogo(core, { fileName: 'blue-harbor.png', dataBase64: b64(transparentPng) });
    expect(settings.firmLogo).toMatch(/^[0-9a-f]{64}$/);
    const sha = settings.firmLogo ?? '';
    const stored = readFileSync(logoPath(core.context.dataDir, sha));
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 400, height: 100, hasAlpha: true });
    expect(brandingFiles(core)).toEqual([`${sha}.png`]);
    expect(callOk(core, 'settings.logo', {})).toMatchObject({ sha256: sha, mediaType: 'image/png', width: 400 });
  });

  it('scales a large JPEG down to 1200 px and makes it a PNG for documents', async () => {
    const core = startTestCore();
    await setLogo(core, { fileName: 'logo.jpg', dataBase64: b64(wideJpeg) });
    const logo = firmLogoBytes(core.context);
    expect(logo).toMatchObject({ type: 'png', width: 1200, height: 400 });
    expect((await sharp(logo?.data).metadata()).format).toBe('png');
  });

  it('draws an SVG so its longest side reaches 1200 px', async () => {
    const core = startTestCore();
    await setLogo(core, { fileName: 'logo.svg', dataBase64: b64(SVG) });
    expect(firmLogoBytes(core.context)).toMatchObject({ type: 'png', width: 1200, height: 300 });
  });

  const refusals: { name: string; file: () => Buffer | string; messageKey: string }[] = [
    { name: 'notes.txt', file: () => 'not a picture', messageKey: 'branding.errors.type' },
    { name: 'animated.gif', file: () => gif, messageKey: 'branding.errors.type' },
    { name: 'cut.png', file: () => transparentPng.subarray(0, 120), messageKey: 'branding.errors.corrupt' },
    { name: 'empty.png', file: () => Buffer.alloc(0), messageKey: 'branding.errors.empty' },
    { name: 'huge.png', file: () => Buffer.alloc(LOGO_MAX_BYTES + 1, 1), messageKey: 'branding.errors.tooLarge' },
    { name: 'tiny.png', file: () => tinyPng, messageKey: 'branding.errors.tooSmall' },
    { name: 'blank.png', file: () => invisiblePng, messageKey: 'branding.errors.blank' },
    {
      name: 'linked.svg',
      file: () =>
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40"><image href="mark.png" width="100" height="40"/></svg>',
      messageKey: 'branding.errors.svgLinks',
    },
    {
      name: 'broken.svg',
      file: () => '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40"><rect',
      messageKey: 'branding.errors.corrupt',
    },
  ];

  it.each(refusals)('refuses $name with $messageKey, naming the file, and keeps the logo it had', async (bad) => {
    const core = startTestCore();
    const before = await setLogo(core, { fileName: 'good.png', dataBase64: b64(transparentPng) });
    const files = brandingFiles(core);
    const error = await setLogoErr(core, { fileName: bad.name, dataBase64: b64(bad.file()) });
    expect(error).toMatchObject({ code: 'INVALID_INPUT', messageKey: bad.messageKey, details: [bad.name] });
    expect(error.message).toContain(`"${bad.name}"`);
    expect(callOk(core, 'settings.get', {})).toEqual(before);
    expect(brandingFiles(core)).toEqual(files);
  });

  it('refuses damaged base64 naming the file', async () => {
    const core = startTestCore();
    const error = await setLogoErr(core, { fileName: 'logo.png', dataBase64: '@@@@' });
    expect(error).toMatchObject({ messageKey: 'branding.errors.unreadable', details: ['logo.png'] });
    expect(callOk(core, 'settings.get', {}).firmLogo).toBeNull();
  });

  it('replaces the file of the logo it replaces, and clearLogo removes the last one', async () => {
    const core = startTestCore();
    const first = await setLogo(core, { fileName: 'a.png', dataBase64: b64(transparentPng) });
    const second = await setLogo(core, { fileName: 'b.svg', dataBase64: b64(SVG) });
    expect(second.firmLogo).not.toBe(first.firmLogo);
    expect(brandingFiles(core)).toEqual([`${second.firmLogo}.png`]);
    expect(callOk(core, 'settings.clearLogo', {}).firmLogo).toBeNull();
    expect(brandingFiles(core)).toEqual([]);
    expect(callOk(core, 'settings.logo', {})).toBeNull();
    expect(firmLogoFile(core.context)).toBeNull();
  });

  it('cannot be set through settings.update', async () => {
    const core = startTestCore();
    const updated = callOk(core, 'settings.update', {
      firmName: 'Blue Harbor',
      firmLogo: 'a'.repeat(64),
    } as MethodInput<'settings.update'>);
    expect(updated).toEqual({ ...DEFAULT_SETTINGS, firmName: 'Blue Harbor' });
  });

  it('prints without a logo when its file has gone from the data folder', async () => {
    const core = startTestCore();
    const { firmLogo } = await setLogo(core, { fileName: 'a.png', dataBase64: b64(transparentPng) });
    rmSync(logoPath(core.context.dataDir, firmLogo ?? ''));
    expect(firmLogoBytes(core.context)).toBeNull();
    expect(callOk(core, 'settings.logo', {})).toBeNull();
  });
});

function huawei(core: Core, overrides: Parameters<typeof engagementFields>[0] = {}) {
  return callOk(
    core,
    'engagement.create',
    engagementFields({ catalogId: 'huawei-key-event-on-duty', editionId: 'basic', ...overrides }),
  );
}

function alibaba(core: Core) {
  return callOk(core, 'engagement.createPlanned', {
    engagement: engagementFields(),
    plan: { settings: { applicationDate: '2026-06-01', orderDate: '2026-06-11', calendarId: 'weekdays' } },
  });
}

const preview = (core: Core, engagementId: string, documentId: string) =>
  callOk(core, 'deliverable.preview', { engagementId, documentId });

const numberRows = (core: Core) =>
  core.context.store.sqlite.prepare('SELECT count(*) FROM document_numbers').pluck().get() as number;

describe('document numbers', () => {
  it('are given once and kept: previews and the file name of one document show the same number', () => {
    const core = startTestCore({ now: steppingClock('2026-06-01T02:00:00.000Z') });
    callOk(core, 'settings.update', { firmName: 'Blue Harbor Assurance Partners Ltd' });
    const engagement = huawei(core);
    const first = preview(core, engagement.id, 'assurance-solution');
    expect(first.number).toBe('BHAP-2026-001');
    expect(preview(core, engagement.id, 'assurance-solution').number).toBe('BHAP-2026-001');
    callOk(core, 'settings.update', { fileNamePattern: '{number}_{deliverable}' });
    expect(deliverableFileName(core.context, engagement.id, 'assurance-solution', 'pdf')).toBe(
      'BHAP-2026-001_Key Event Assurance Solution.pdf',
    );
    expect(first.control.find((row) => row.value === 'BHAP-2026-001')).toBeDefined();
  });

  it('count up across deliverables and engagements of the installation, one number each', () => {
    const core = startTestCore({ now: steppingClock('2026-06-01T02:00:00.000Z') });
    callOk(core, 'settings.update', { firmName: 'Blue Harbor' });
    const a = huawei(core);
    const b = alibaba(core);
    const c = huawei(core, { customerOrg: 'Other Customer' });
    const numbers = [
      preview(core, a.id, 'assurance-solution').number,
      preview(core, b.id, 'work-plan').number,
      preview(core, c.id, 'assurance-solution').number,
      preview(core, a.id, 'assurance-solution').number,
    ];
    expect(numbers).toEqual(['BH-2026-001', 'BH-2026-002', 'BH-2026-003', 'BH-2026-001']);
    expect(numberRows(core)).toBe(3);
  });

  it('keep a given number when the pattern or the firm changes; new documents follow the new pattern', () => {
    const core = startTestCore({ now: steppingClock('2026-06-01T02:00:00.000Z') });
    const a = huawei(core);
    expect(preview(core, a.id, 'assurance-solution').number).toBe('VGL-2026-001');
    callOk(core, 'settings.update', {
      firmName: '上海云安咨询有限公司',
      documentNumberPattern: '{firm}/{deliverable}/{year}-{seq}',
    });
    expect(preview(core, a.id, 'assurance-solution').number).toBe('VGL-2026-001');
    const b = alibaba(core);
    expect(preview(core, b.id, 'work-plan').number).toBe('上海云安/WP/2026-002');
  });

  it('start again at 001 in a new year', () => {
    const clock = { now: '2026-12-31T10:00:00.000Z' };
    const core = startTestCore({ now: () => clock.now });
    const a = huawei(core);
    const b = alibaba(core);
    expect(preview(core, a.id, 'assurance-solution').number).toBe('VGL-2026-001');
    // 2027-01-01 08:00 in Shanghai, the event's zone.
    clock.now = '2027-01-01T00:00:00.000Z';
    expect(preview(core, b.id, 'work-plan').number).toBe('VGL-2027-001');
    expect(preview(core, a.id, 'assurance-solution').number).toBe('VGL-2026-001');
  });

  it('survive closing and reopening the store', () => {
    const dataDir = tempDataDir();
    const first = startTestCore({ dataDir, now: steppingClock('2026-06-01T02:00:00.000Z') });
    const a = huawei(first);
    const number = preview(first, a.id, 'assurance-solution').number;
    first.close();
    const again = startTestCore({ dataDir, now: steppingClock('2026-07-01T02:00:00.000Z') });
    expect(preview(again, a.id, 'assurance-solution').number).toBe(number);
  });

  it('are not given by listing the deliverables, nor to a deliverable the catalog lacks', () => {
    const core = startTestCore({ now: steppingClock('2026-06-01T02:00:00.000Z') });
    const a = alibaba(core);
    callOk(core, 'deliverable.list', { engagementId: a.id });
    callErr(core, 'deliverable.preview', { engagementId: a.id, documentId: 'nope' });
    expect(numberRows(core)).toBe(0);
    expect(preview(core, a.id, 'work-plan').number).toBe('VGL-2026-001');
  });
});

describe('deliverables carry the firm', () => {
  it('puts the firm name and its logo on the cover', async () => {
    const core = startTestCore({ now: steppingClock('2026-06-01T02:00:00.000Z') });
    callOk(core, 'settings.update', { firmName: 'Blue Harbor' });
    const { firmLogo } = await setLogo(core, { fileName: 'a.png', dataBase64: b64(transparentPng) });
    const document = preview(core, huawei(core).id, 'assurance-solution');
    expect(document.cover.firm).toEqual({ name: 'Blue Harbor', logo: { sha256: firmLogo, variant: 'document' } });
    expect(firmLogoBytes(core.context)?.sha256).toBe(firmLogo);
  });

  it('names no firm while it has no name, even with a logo', async () => {
    const core = startTestCore({ now: steppingClock('2026-06-01T02:00:00.000Z') });
    await setLogo(core, { fileName: 'a.png', dataBase64: b64(transparentPng) });
    expect(preview(core, huawei(core).id, 'assurance-solution').cover.firm).toBeUndefined();
  });

  it('gives the export the primary colour', () => {
    const core = startTestCore();
    expect(brandingTheme(core.context)).toEqual({ primaryColor: '#1F3A5F' });
    callOk(core, 'settings.update', { primaryColor: '#0a7c4a' });
    expect(brandingTheme(core.context)).toEqual({ primaryColor: '#0A7C4A' });
  });
});

describe('deliverableFileName', () => {
  it('names the file from the default pattern in the document language, Chinese kept', () => {
    const core = startTestCore({ now: steppingClock('2026-06-01T02:00:00.000Z') });
    const engagement = huawei(core, {
      customerOrg: '杭州某某电商有限公司',
      eventName: '双十一 2026',
      language: 'zh-CN',
    });
    expect(deliverableFileName(core.context, engagement.id, 'assurance-solution', 'docx')).toBe(
      '杭州某某电商有限公司_双十一 2026_重大活动保障方案_v0.1_2026-06-01.docx',
    );
  });

  it('keeps a customer name with slashes and colons out of folders, and within the byte limit', () => {
    const core = startTestCore({ now: steppingClock('2026-06-01T02:00:00.000Z') });
    const engagement = huawei(core, { customerOrg: `A/B: ${'长'.repeat(150)}`, eventName: 'CON' });
    const name = deliverableFileName(core.context, engagement.id, 'assurance-solution', 'pdf');
    expect(name.startsWith('A_B_ 长长')).toBe(true);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(FILE_NAME_MAX_BYTES);
  });

  it('refuses a deliverable the catalog lacks, naming the field', () => {
    const core = startTestCore();
    const engagement = huawei(core);
    let refused: unknown;
    try {
      deliverableFileName(core.context, engagement.id, 'work-plan', 'pdf');
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({ appError: { code: 'NOT_FOUND', field: 'documentId' } });
    expect(numberRows(core)).toBe(0);
  });
});
