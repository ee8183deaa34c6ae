/**
 * Customer sign-off: a deliverable signed on the laptop is frozen as version N. Its document model
 * (draft false, the signers filled in) is kept as canonical JSON with its SHA-256 fingerprint, the
 * drawn signatures, the seal and the rendered PDF and DOCX are kept content-addressed under
 * `<dataDir>/signoff/`, and the row is never updated. Any later edit to what the document is built
 * from shows as "changed since signed version N"; the next signing makes version N+1.
 */
import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { MethodInput, MethodOutput } from '@shared/contract';
import { dateInZone } from '@shared/domain/plan';
import type { SignedVersion, SignoffBlocker, SignoffState } from '@shared/domain/signoff';
import { utcToLocal } from '@shared/domain/time';
import { ACCEPTANCE_REPORT_ID } from '@shared/report/builders/acceptance-sections';
import { ALIBABA_SUMMARY_ID } from '@shared/report/builders/alibaba-service-summary';
import { findingRefs, utcOffset } from '@shared/report/builders/common';
import { HUAWEI_SUMMARY_ID } from '@shared/report/builders/huawei-on-duty-summary';
import { ACCEPTANCE_VERDICTS, type AcceptanceVerdict, type SignoffInput } from '@shared/report/input';
import type { Document } from '@shared/report/model';
import { and, eq, isNull, or } from 'drizzle-orm';
import sharp, { type OutputInfo } from 'sharp';
import { canonicalJson } from '../canonical';
import type { CoreContext } from '../context';
import { signedVersions } from '../db/schema';
import { failure } from '../errors';
import { buildSigned, type DocumentSource } from '../export/build';
import { type ExportFormat, MEDIA_TYPES } from '../export/render';
import { changedSections } from '../export/signed';
import { renderInWorker } from '../export/worker-client';
import { signPdf } from '../signing';
import { brandingTheme, deliverableFileName, firmBranding, firmLogoFile } from './branding';
import { keepForFetching, sourceImages } from './deliverable-export';
import { deliverableSource } from './deliverables';
import { getEngagement } from './engagements';
import { documentImageFiles, storeFile } from './evidence';
import { listFindings } from './findings';
import { earlierVersions, type SignedRow, signedRows } from './signed-versions';
import { warRoomClosedAt } from './war-room';

type Row = SignedRow;
type FindingBlocker = Extract<SignoffBlocker, { kind: 'finding' }>;

/** Where signatures, seals and signed files are kept: by the sha256 of their bytes. */
export function signoffPath(dataDir: string, sha256: string, extension: 'png' | 'pdf' | 'docx'): string {
  return join(dataDir, 'signoff', `${sha256}.${extension}`);
}

// ---------------------------------------------------------------------------------------------
// Reading

const frozenOf = (row: Row) => JSON.parse(row.model) as Document;

/** An instant as the signed document prints it: "2026-10-20 17:30 (UTC+08:00)". */
function instantInZone(utcIso: string, timeZone: string): string {
  return `${utcToLocal(utcIso, timeZone).slice(0, 16).replace('T', ' ')} (UTC${utcOffset(utcIso, timeZone)})`;
}

function versionView(row: Row, previous: Row | undefined): SignedVersion {
  return {
    id: row.id,
    documentId: row.documentId,
    version: row.version,
    number: row.number,
    fingerprint: row.fingerprint,
    signedAt: row.signedAt,
    timeZone: row.timeZone,
    signedAtText: instantInZone(row.signedAt, row.timeZone),
    customer: {
      name: row.customerName,
      title: row.customerTitle,
      org: row.customerOrg,
      sealed: row.customerSeal !== null,
    },
    consultant: { name: row.consultantName, title: row.consultantTitle, org: row.consultantOrg },
    recordedBy: row.updatedBy,
    deviceId: row.deviceId,
    pdfSha256: row.pdfSha256,
    docxSha256: row.docxSha256,
    changedSections: previous ? changedSections(frozenOf(previous), frozenOf(row)) : [],
  };
}

/**
 * The document's source as it would be signed as `version` at `signedAt` by these signers: the
 * kept number, version "N.0", the date of signing in the event's zone, the earlier versions.
 */
function signingSource(
  ctx: CoreContext,
  engagementId: string,
  documentId: string,
  earlier: readonly Row[],
  signing: NonNullable<SignoffInput['signing']>,
): DocumentSource {
  const source = deliverableSource(ctx, engagementId, documentId, 'assign');
  const timeZone = source.input.engagement.timeZone;
  return {
    ...source,
    input: {
      ...source.input,
      issue: { ...source.input.issue, version: `${signing.version}.0`, date: dateInZone(signing.signedAt, timeZone) },
      signoff: { ...source.input.signoff, earlier: earlierVersions(earlier), signing },
    },
  };
}

/** The signing a stored version records, to rebuild the document the same way from today's data. */
function signingOf(row: Row): NonNullable<SignoffInput['signing']> {
  return {
    version: row.version,
    signedAt: row.signedAt,
    customer: {
      name: row.customerName,
      title: row.customerTitle,
      org: row.customerOrg,
      signature: row.customerSignature,
      ...(row.customerSeal ? { seal: row.customerSeal } : {}),
    },
    provider: {
      name: row.consultantName,
      title: row.consultantTitle,
      org: row.consultantOrg,
      signature: row.consultantSignature,
    },
    ...(row.conclusion ? { conclusion: storedConclusion(row.conclusion) } : {}),
  };
}

/** The conclusion column, read back; written only by `sign`, so a damaged value is a bug. */
function storedConclusion(json: string): { verdict: AcceptanceVerdict; note: string } {
  const parsed = JSON.parse(json) as { verdict: AcceptanceVerdict; note: string };
  if (!ACCEPTANCE_VERDICTS.includes(parsed.verdict)) throw new Error(`Unknown acceptance verdict ${parsed.verdict}`);
  return { verdict: parsed.verdict, note: String(parsed.note) };
}

/**
 * The current data against the latest signed version: the document is built now with that
 * version's signers, date and history, and its fingerprint compared with the stored one. Any edit
 * to data the document prints (a finding, the plan, the firm's name…) changes it.
 */
function stateOf(ctx: CoreContext, engagementId: string, documentId: string, rows: readonly Row[]): SignoffState {
  const latest = rows.at(-1);
  if (!latest) return { state: 'unsigned' };
  const rebuilt = buildSigned(signingSource(ctx, engagementId, documentId, rows.slice(0, -1), signingOf(latest)));
  return rebuilt.fingerprint === latest.fingerprint
    ? { state: 'signed', version: latest.version }
    : { state: 'changedSince', version: latest.version };
}

export function signoffVersions(ctx: CoreContext, { engagementId, documentId }: MethodInput<'signoff.versions'>) {
  getEngagement(ctx, engagementId);
  const rows = signedRows(ctx, engagementId, documentId);
  return {
    /** Newest first. */
    versions: rows.map((row, i) => versionView(row, rows[i - 1])).reverse(),
    current: stateOf(ctx, engagementId, documentId, rows),
    blockers: signingBlockers(ctx, engagementId, documentId),
  };
}

/** Every signed deliverable of the engagement with the state of its current data. */
export function signoffStatus(ctx: CoreContext, { engagementId }: MethodInput<'signoff.status'>) {
  getEngagement(ctx, engagementId);
  const documentIds = [
    ...new Set(
      ctx.store.db
        .select({ documentId: signedVersions.documentId })
        .from(signedVersions)
        .where(and(eq(signedVersions.engagementId, engagementId), isNull(signedVersions.deletedAt)))
        .all()
        .map((r) => r.documentId),
    ),
  ].sort();
  return documentIds.map((documentId) => {
    const rows = signedRows(ctx, engagementId, documentId);
    const latest = rows.at(-1);
    return {
      documentId,
      latestVersion: latest?.version ?? 0,
      fingerprint: latest?.fingerprint ?? '',
      current: stateOf(ctx, engagementId, documentId, rows),
    };
  });
}

/**
 * Which sections differ between two signed versions, or between a version and the document as it
 * would be signed from today's data (`to` omitted): for "what changed since signed version N".
 */
export function signoffDiff(ctx: CoreContext, input: MethodInput<'signoff.diff'>) {
  const { engagementId, documentId, from } = input;
  getEngagement(ctx, engagementId);
  const rows = signedRows(ctx, engagementId, documentId);
  const pick = (version: number, field: string) => {
    const row = rows.find((r) => r.version === version);
    if (!row) throw failure('NOT_FOUND', `"${documentId}" has no signed version ${version}.`, { field });
    return row;
  };
  const older = pick(from, 'from');
  if (input.to !== undefined)
    return { changedSections: changedSections(frozenOf(older), frozenOf(pick(input.to, 'to'))) };
  // Today's data, built as the next version would be, compared with what was signed then.
  const latest = rows.at(-1) ?? older;
  const now = buildSigned(
    signingSource(ctx, engagementId, documentId, rows.slice(0, rows.indexOf(latest)), signingOf(latest)),
  ).frozen;
  return { changedSections: changedSections(frozenOf(older), now) };
}

/**
 * A signed version's kept file, read and checked against the hash recorded when it was signed,
 * then held for the window to fetch in parts (deliverable.exportChunk), as an export's are.
 */
export async function signedFile(ctx: CoreContext, input: MethodInput<'signoff.file'>) {
  const { engagementId, documentId, version, format, jobId } = input;
  const engagement = getEngagement(ctx, engagementId);
  const row = signedRows(ctx, engagementId, documentId).find((r) => r.version === version);
  if (!row) throw failure('NOT_FOUND', `"${documentId}" has no signed version ${version}.`, { field: 'version' });
  const sha256 = format === 'pdf' ? row.pdfSha256 : row.docxSha256;
  let bytes: Buffer;
  try {
    bytes = await readFile(signoffPath(ctx.dataDir, sha256, format));
  } catch {
    throw failure(
      'NOT_FOUND',
      `The signed ${format.toUpperCase()} of version ${version} is missing from the data folder.`,
      {
        field: 'version',
      },
    );
  }
  if (sha256Of(bytes) !== sha256) {
    throw failure(
      'CONFLICT',
      `The signed ${format.toUpperCase()} of version ${version} in the data folder was changed.`,
      {
        field: 'version',
      },
    );
  }
  const fileName = deliverableFileName(ctx, engagementId, documentId, format, {
    version: `${row.version}.0`,
    date: dateInZone(row.signedAt, engagement.timeZone),
  });
  return {
    fileName,
    mediaType: MEDIA_TYPES[format],
    bytes: bytes.byteLength,
    sha256,
    chunks: keepForFetching(jobId, format, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
  };
}

// ---------------------------------------------------------------------------------------------
// The acceptance gate

/**
 * Critical and high findings without a disposition: neither rectified nor risk-accepted with a
 * note. While any remains the acceptance report cannot be signed (issue 7, point 5).
 */
export function acceptanceBlockers(ctx: CoreContext, engagementId: string): FindingBlocker[] {
  const all = listFindings(ctx, { engagementId, sortBy: 'severity', sortDir: 'asc' });
  const refs = findingRefs(all);
  const blockers: FindingBlocker[] = all
    .filter((f) => f.severity === 'critical' || f.severity === 'high')
    .filter((f) => !(f.status === 'rectified' || (f.status === 'riskAccepted' && f.disposition.trim() !== '')))
    .map((f) => ({
      kind: 'finding',
      findingId: f.id,
      ref: refs.get(f.id) ?? '',
      title: f.title,
      severity: f.severity,
      status: f.status,
    }));
  return blockers;
}

/**
 * Documents that record the on-duty period as closed: the summaries (Huawei H2, Alibaba A4) and
 * the acceptance reports (H3, A5) wait for the war room to be closed (issue 9, point 5).
 */
export const WAITS_FOR_WAR_ROOM: ReadonlySet<string> = new Set([
  HUAWEI_SUMMARY_ID,
  ALIBABA_SUMMARY_ID,
  ACCEPTANCE_REPORT_ID,
]);

/** Everything that keeps this document from being signed now; empty when it can be signed. */
export function signingBlockers(ctx: CoreContext, engagementId: string, documentId: string): SignoffBlocker[] {
  const blockers: SignoffBlocker[] = [];
  if (WAITS_FOR_WAR_ROOM.has(documentId) && warRoomClosedAt(ctx, engagementId) === null) {
    blockers.push({ kind: 'warRoomOpen' });
  }
  if (documentId === ACCEPTANCE_REPORT_ID) blockers.push(...acceptanceBlockers(ctx, engagementId));
  return blockers;
}

// ---------------------------------------------------------------------------------------------
// Signing

/** A drawn signature shows at least this many inked pixels (a short scribble has thousands). */
export const MIN_INKED_PIXELS = 150;
/** …and at least this share of the pad, so a dot on a large canvas is not a signature either. */
export const MIN_INKED_SHARE = 0.002;
const MAX_SIDE = 1600;

function refuse(field: string, message: string): never {
  throw failure('INVALID_INPUT', message, { field });
}

function decodeBase64(dataBase64: string, field: string, what: string): Buffer {
  // Buffer.from skips bad characters silently; a round trip tells a damaged upload from a real one.
  const clean = dataBase64.replace(/\s+/g, '');
  const bytes = Buffer.from(clean, 'base64');
  if (bytes.length === 0) refuse(field, `The ${what} is empty.`);
  if (bytes.toString('base64').replace(/=+$/, '') !== clean.replace(/=+$/, '')) {
    refuse(field, `The ${what} arrived damaged (not valid base64). Try again.`);
  }
  return bytes;
}

/** Opaque, not-near-white pixels of an RGBA raster: what ink the pad laid down. */
function inkedPixels(data: Buffer): number {
  let inked = 0;
  for (let i = 0; i + 3 < data.length; i += 4) {
    const alpha = data[i + 3] ?? 0;
    const darkest = Math.min(data[i] ?? 255, data[i + 1] ?? 255, data[i + 2] ?? 255);
    if (alpha >= 64 && darkest < 200) inked += 1;
  }
  return inked;
}

/**
 * A drawn signature made ready to keep: a PNG, trimmed to its ink (so it prints large in its line)
 * and at most 1600 px. Refused, naming the field, when it is not a PNG or nearly empty.
 */
async function signaturePng(dataBase64: string, field: string, whose: string): Promise<Buffer> {
  const bytes = decodeBase64(dataBase64, field, `${whose} signature`);
  let raster: { data: Buffer; info: OutputInfo };
  try {
    const meta = await sharp(bytes).metadata();
    if (meta.format !== 'png') refuse(field, `The ${whose} signature must be a PNG image drawn on the signature pad.`);
    raster = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  } catch (error) {
    if (error instanceof Error && 'appError' in error) throw error;
    refuse(field, `The ${whose} signature is not a readable image. Draw it again.`);
  }
  const inked = inkedPixels(raster.data);
  const needed = Math.max(MIN_INKED_PIXELS, Math.ceil(raster.info.width * raster.info.height * MIN_INKED_SHARE));
  if (inked < needed) refuse(field, `The ${whose} signature is nearly empty. Sign in the box before confirming.`);
  const resize = { width: MAX_SIDE, height: MAX_SIDE, fit: 'inside' as const, withoutEnlargement: true };
  try {
    return await sharp(bytes).trim({ threshold: 10 }).resize(resize).png().toBuffer();
  } catch {
    // trim refuses an image it would take everything from; the ink check above has passed.
    return sharp(bytes).resize(resize).png().toBuffer();
  }
}

/** The company seal as a PNG (transparency kept, at most 1600 px); refused when not a PNG or JPEG. */
async function sealPng(dataBase64: string): Promise<Buffer> {
  const field = 'customer.sealBase64';
  const bytes = decodeBase64(dataBase64, field, 'seal image');
  try {
    const meta = await sharp(bytes).metadata();
    if (meta.format !== 'png' && meta.format !== 'jpeg') {
      refuse(field, 'The seal must be a PNG or JPEG image (a scan or photo of the company seal).');
    }
    return await sharp(bytes, { failOn: 'error' })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .png()
      .toBuffer();
  } catch (error) {
    if (error instanceof Error && 'appError' in error) throw error;
    return refuse(field, 'The seal is not an image Vigil can read: choose a PNG or JPEG file.');
  }
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The PAdES baseline B-B signature of this installation over the signed PDF, before it is kept.
 * The key is the consultant's (the customer's drawn signature is in the content and its
 * fingerprint); the fingerprint does not depend on it: it is the content's, not the file's.
 */
async function digitallySignedPdf(
  ctx: CoreContext,
  pdf: Uint8Array,
  signing: { title: string; version: number; fingerprint: string; consultant: string; signedAt: string },
): Promise<Uint8Array> {
  return signPdf(ctx, pdf, {
    reason: `${signing.title}, version ${signing.version}, fingerprint ${signing.fingerprint}`,
    signerName: signing.consultant,
    signingTime: new Date(signing.signedAt),
  });
}

/** Whether any signed version keeps the file with this hash (a signature, seal or rendered file). */
function fileInUse(ctx: CoreContext, sha256: string): boolean {
  const v = signedVersions;
  const row = ctx.store.db
    .select({ id: v.id })
    .from(v)
    .where(
      or(
        eq(v.customerSignature, sha256),
        eq(v.customerSeal, sha256),
        eq(v.consultantSignature, sha256),
        eq(v.pdfSha256, sha256),
        eq(v.docxSha256, sha256),
      ),
    )
    .get();
  return row !== undefined;
}

/**
 * Signs a deliverable: validates the signers and images (nothing is stored on a refusal), refuses
 * the acceptance report while findings block it, builds the document as signed, renders both files
 * in the export worker, keeps the images and files and inserts version N.
 */
/** How long a prepared signing stays good: the signers read, consent and sign in one sitting. */
const PREPARED_FOR_MS = 30 * 60 * 1000;

/** The signing time: the one `signoff.prepare` fixed (if recent), else now. */
function signingTime(ctx: CoreContext, confirm: MethodInput<'signoff.sign'>['confirm']): string {
  const now = ctx.now();
  if (!confirm) return now;
  const at = Date.parse(confirm.signedAt);
  const age = Date.parse(now) - at;
  if (!(age >= -60_000 && age <= PREPARED_FOR_MS)) {
    refuse('confirm.signedAt', 'This signing was prepared too long ago: review the document and sign again.');
  }
  return new Date(at).toISOString();
}

/**
 * Everything a signing checks and builds before it writes anything: the signers, the drawn
 * signatures and seal, the acceptance gate, and the document as it will be frozen.
 */
async function prepare(ctx: CoreContext, input: MethodInput<'signoff.sign'>) {
  const { engagementId, documentId, customer, consultant } = input;
  const engagement = getEngagement(ctx, engagementId);
  const required: [string, string, string][] = [
    ['customer.name', customer.name, "The customer signer's name"],
    ['customer.title', customer.title, "The customer signer's title"],
    ['customer.org', customer.org, "The customer signer's organisation"],
    ['consultant.name', consultant.name, "The consultant's name"],
  ];
  for (const [field, value, what] of required) if (value.trim() === '') refuse(field, `${what} is missing.`);
  const customerSignature = await signaturePng(customer.signatureBase64, 'customer.signatureBase64', "customer's");
  const consultantSignature = await signaturePng(
    consultant.signatureBase64,
    'consultant.signatureBase64',
    "consultant's",
  );
  const seal = customer.sealBase64 === undefined ? null : await sealPng(customer.sealBase64);

  const conclusion = input.conclusion;
  if (documentId === ACCEPTANCE_REPORT_ID) {
    if (!conclusion)
      refuse('conclusion.verdict', 'Record the conclusion: accepted, accepted with reservations, or not accepted.');
    if (conclusion && conclusion.verdict !== 'accepted' && conclusion.note.trim() === '') {
      refuse('conclusion.note', 'List the reservations, or the reasons the service is not accepted.');
    }
  }
  if (WAITS_FOR_WAR_ROOM.has(documentId) && warRoomClosedAt(ctx, engagementId) === null) {
    throw failure(
      'CONFLICT',
      'This document records the on-duty period and cannot be signed while the war room is open: close the war room (On duty → Close) first.',
      { field: 'documentId' },
    );
  }
  if (documentId === ACCEPTANCE_REPORT_ID) {
    const blockers = acceptanceBlockers(ctx, engagementId);
    if (blockers.length > 0) {
      throw failure(
        'CONFLICT',
        `The acceptance report cannot be signed while ${blockers.length} critical or high finding(s) have no disposition (rectified, or risk accepted with a note).`,
        {
          field: 'documentId',
          details: blockers.map((b) => `${b.ref} ${b.title}`),
        },
      );
    }
  }

  const rows = signedRows(ctx, engagementId, documentId);
  const version = (rows.at(-1)?.version ?? 0) + 1;
  const images = { customer: sha256Of(customerSignature), consultant: sha256Of(consultantSignature) };
  const sealSha = seal ? sha256Of(seal) : undefined;
  const signing: NonNullable<SignoffInput['signing']> = {
    version,
    signedAt: signingTime(ctx, input.confirm),
    customer: {
      name: customer.name.trim(),
      title: customer.title.trim(),
      org: customer.org.trim(),
      signature: images.customer,
      ...(sealSha ? { seal: sealSha } : {}),
    },
    provider: {
      name: consultant.name.trim(),
      title: consultant.title.trim(),
      org: firmBranding(ctx)?.name ?? '',
      signature: images.consultant,
    },
    ...(documentId === ACCEPTANCE_REPORT_ID && conclusion
      ? { conclusion: { verdict: conclusion.verdict, note: conclusion.note.trim() } }
      : {}),
  };
  // Building first refuses a deliverable the catalog lacks before anything is written.
  const source = signingSource(ctx, engagementId, documentId, rows, signing);
  const built = buildSigned(source);
  if (built.fingerprint === null) throw new Error('A document being signed has no fingerprint.');
  const fingerprint = built.fingerprint;
  if (input.confirm && input.confirm.fingerprint !== fingerprint) {
    throw failure(
      'CONFLICT',
      'The document changed after it was reviewed (its fingerprint is not the one shown): review it again and sign.',
      { field: 'confirm.fingerprint' },
    );
  }
  return {
    engagement,
    rows,
    version,
    images,
    sealSha,
    customerSignature,
    consultantSignature,
    seal,
    signing,
    source,
    built: { frozen: built.frozen, fingerprint },
  };
}

/** What signing would freeze now: the version, the time fixed for it and the fingerprint. Stores nothing. */
export async function prepareSigning(
  ctx: CoreContext,
  input: MethodInput<'signoff.prepare'>,
): Promise<MethodOutput<'signoff.prepare'>> {
  const { version, signing, built, engagement } = await prepare(ctx, input);
  const zone = engagement.timeZone;
  return {
    version,
    fingerprint: built.fingerprint,
    signedAt: signing.signedAt,
    signedAtText: `${utcToLocal(signing.signedAt, zone).replace('T', ' ')} (UTC${utcOffset(signing.signedAt, zone)})`,
  };
}

export async function sign(ctx: CoreContext, input: MethodInput<'signoff.sign'>): Promise<SignedVersion> {
  const { engagementId, documentId } = input;
  const {
    engagement,
    rows,
    version,
    images,
    sealSha,
    customerSignature,
    consultantSignature,
    seal,
    signing,
    source,
    built,
  } = await prepare(ctx, input);

  const written: string[] = [];
  const keep = (bytes: Uint8Array, extension: 'png' | 'pdf' | 'docx') => {
    const sha256 = sha256Of(bytes);
    const path = signoffPath(ctx.dataDir, sha256, extension);
    if (storeFile(path, bytes)) written.push(path);
    return { sha256, path };
  };
  try {
    const files: Record<string, string> = await documentImageFiles(ctx, sourceImages(source));
    const logo = firmLogoFile(ctx);
    if (logo) files[logo.sha256] = logo.path;
    files[images.customer] = keep(customerSignature, 'png').path;
    files[images.consultant] = keep(consultantSignature, 'png').path;
    if (seal) files[sha256Of(seal)] = keep(seal, 'png').path;
    const render = async (format: ExportFormat) =>
      (await renderInWorker(`signoff-${ctx.newId()}`, source, format, files, brandingTheme(ctx))).bytes;
    const pdf = keep(
      await digitallySignedPdf(ctx, await render('pdf'), {
        title: built.frozen.title,
        version,
        fingerprint: built.fingerprint,
        consultant: signing.provider.name,
        signedAt: signing.signedAt,
      }),
      'pdf',
    );
    const docx = keep(await render('docx'), 'docx');
    const now = ctx.now();
    const row: Row = {
      id: ctx.newId(),
      createdAt: now,
      updatedAt: now,
      updatedBy: ctx.actor(),
      deviceId: ctx.deviceId,
      deletedAt: null,
      engagementId,
      documentId,
      version,
      number: built.frozen.number,
      // Exactly the text the fingerprint hashes: anyone can re-hash it to check a signed file.
      model: canonicalJson(built.frozen),
      fingerprint: built.fingerprint,
      signedAt: signing.signedAt,
      timeZone: engagement.timeZone,
      customerName: signing.customer.name,
      customerTitle: signing.customer.title,
      customerOrg: signing.customer.org,
      customerSignature: images.customer,
      customerSeal: sealSha ?? null,
      conclusion: signing.conclusion ? JSON.stringify(signing.conclusion) : null,
      consultantName: signing.provider.name,
      consultantTitle: signing.provider.title,
      consultantOrg: signing.provider.org,
      consultantSignature: images.consultant,
      pdfSha256: pdf.sha256,
      docxSha256: docx.sha256,
    };
    ctx.store.sqlite
      .transaction(() => {
        // Another window may have signed meanwhile: version N is taken once (the unique index too).
        const latest = signedRows(ctx, engagementId, documentId).at(-1)?.version ?? 0;
        if (latest !== version - 1) {
          throw failure('CONFLICT', `Version ${version} of this document was signed meanwhile; reopen the signing.`, {
            field: 'documentId',
          });
        }
        ctx.store.db.insert(signedVersions).values(row).run();
      })
      .immediate();
    ctx.log('info', 'deliverable signed', { engagementId, documentId, version, fingerprint: built.fingerprint });
    return versionView(row, rows.at(-1));
  } catch (error) {
    // Files this signing added go again, unless a version signed meanwhile refers to the same bytes.
    for (const path of written) {
      const sha256 = basename(path).split('.')[0] ?? '';
      if (existsSync(path) && !fileInUse(ctx, sha256)) rmSync(path, { force: true });
    }
    throw error;
  }
}
