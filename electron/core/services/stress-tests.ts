/**
 * Stress tests of an engagement: the test plan, its scenarios, imported runs and the findings a
 * missed target raises. Result files arrive in parts (`stress.uploadBegin`/`uploadChunk`: the
 * window has bytes, not paths, and a JTL may be hundreds of MB) into a staging file under
 * `<dataDir>/tmp/`; the import engine analyses it in a worker, and the run is stored in one
 * transaction with the findings it raises. The source file is then kept once by sha256 under
 * `<dataDir>/loadtests/` for re-analysis and the report's raw-data annex.
 */
import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Contract, Method, MethodOutput } from '@shared/contract';
import type { Engagement } from '@shared/domain/engagement';
import type { ColumnMapping, LoadTestAnalysis, LoadTestPreview } from '@shared/domain/load-test';
import { columnMappingSchema, loadTestAnalysisSchema, loadTestFormatSchema } from '@shared/domain/load-test';
import {
  completeLabelMapping,
  countingRun,
  EMPTY_STRESS_PLAN,
  labelScenariosSchema,
  missedTargetFinding,
  runScenarioVerdict,
  STRESS_FINDING_TEMPLATE_ID,
  STRESS_TEST_ITEM_IDS,
  STRESS_UPLOAD_CHUNK_MAX_BYTES,
  type StressPlan,
  type StressRun,
  type StressRunSummary,
  type StressScenario,
  type StressScenarioResult,
  type StressView,
  stressFindingOwnText,
  stressPlanSchema,
  stressScenarioFieldsSchema,
  stressScenarioInputSchema,
} from '@shared/domain/stress-test';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { CoreContext } from '../context';
import { findings, stressPlans, stressRuns, stressScenarios } from '../db/schema';
import { failure, isFailure } from '../errors';
import { analyseLoadTestFile, previewLoadTestFile } from '../loadtest';
import { appendPart, beginUpload, cleanUploads, dropUpload, releaseUpload, type StagedUpload } from '../uploads';
import { invalidInput } from '../validation';
import { getEngagement } from './engagements';
import { getPlan } from './plans';

type In<M extends Method> = z.output<Contract[M]['input']>;
type ScenarioRow = typeof stressScenarios.$inferSelect;
type RunRow = typeof stressRuns.$inferSelect;
type FindingRow = typeof findings.$inferSelect;

/** A result file larger than this is refused before any byte is sent (a 1,000,000-row JTL is ~150 MB). */
export const UPLOAD_MAX_BYTES = 4 * 1024 * 1024 * 1024;
const STAGING_PREFIX = 'stress-upload-';

function stamp(ctx: CoreContext) {
  return { updatedAt: ctx.now(), updatedBy: ctx.actor(), deviceId: ctx.deviceId };
}

function changed(ctx: CoreContext, engagementId: string) {
  ctx.emit('engagement.changed', { id: engagementId });
}

/**
 * The engagement must be live, not archived, and sell stress testing for its stress tests to
 * change: a Basic engagement must not gain runs, nor the findings a missed target raises.
 */
function writableEngagement(ctx: CoreContext, engagementId: string) {
  const engagement = getEngagement(ctx, engagementId);
  if (engagement.deletedAt !== null || engagement.status === 'archived') {
    throw failure(
      'CONFLICT',
      `The engagement "${engagement.eventName}" is ${engagement.deletedAt ? 'in the trash' : 'archived'}; its stress tests cannot change.`,
      { field: 'engagementId' },
    );
  }
  if (!stressInScope(ctx, engagementId)) {
    throw failure(
      'CONFLICT',
      `Stress testing is not part of this engagement's edition (or is left out of its plan); change the edition or include the performance test to record stress tests.`,
      { field: 'engagementId' },
    );
  }
  return engagement;
}

// ---------------------------------------------------------------------------------------------
// Reading

function toScenario(row: ScenarioRow): StressScenario {
  const fields = stressScenarioFieldsSchema.parse({ ...JSON.parse(row.scenario), name: row.name });
  return { ...fields, id: row.id, sortOrder: row.sortOrder, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
}

function parseAnalysis(row: RunRow): LoadTestAnalysis {
  return loadTestAnalysisSchema.parse(JSON.parse(row.analysis));
}

function toRunSummary(row: RunRow, analysis: LoadTestAnalysis): StressRunSummary {
  return {
    id: row.id,
    name: row.name,
    fileName: row.fileName,
    fileBytes: row.fileBytes,
    fileSha256: row.fileSha256,
    format: loadTestFormatSchema.parse(row.format),
    startedAt: row.startedAt,
    durationSeconds: analysis.durationSeconds,
    rows: analysis.rows,
    labelCount: analysis.labels.length,
    labelScenarios: labelScenariosSchema.parse(JSON.parse(row.labelScenarios)),
    notes: row.notes,
    createdAt: row.createdAt,
    updatedBy: row.updatedBy,
  };
}

function toRun(row: RunRow): StressRun {
  const analysis = parseAnalysis(row);
  return {
    ...toRunSummary(row, analysis),
    mapping: row.mapping === null ? null : columnMappingSchema.parse(JSON.parse(row.mapping)),
    analysis,
  };
}

function liveScenarios(ctx: CoreContext, engagementId: string): ScenarioRow[] {
  return ctx.store.db
    .select()
    .from(stressScenarios)
    .where(and(eq(stressScenarios.engagementId, engagementId), isNull(stressScenarios.deletedAt)))
    .all()
    .sort((a, b) => a.sortOrder - b.sortOrder || a.createdAt.localeCompare(b.createdAt));
}

function liveRuns(ctx: CoreContext, engagementId: string): RunRow[] {
  return ctx.store.db
    .select()
    .from(stressRuns)
    .where(and(eq(stressRuns.engagementId, engagementId), isNull(stressRuns.deletedAt)))
    .all()
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.createdAt.localeCompare(a.createdAt));
}

function scenarioRow(ctx: CoreContext, engagementId: string, id: string, live = true): ScenarioRow {
  const row = ctx.store.db
    .select()
    .from(stressScenarios)
    .where(and(eq(stressScenarios.id, id), eq(stressScenarios.engagementId, engagementId)))
    .get();
  if (!row || (live && row.deletedAt !== null)) {
    throw failure('NOT_FOUND', `No stress-test scenario ${id} in this engagement.`, { field: 'id' });
  }
  return row;
}

function runRow(ctx: CoreContext, engagementId: string, id: string, live = true): RunRow {
  const row = ctx.store.db
    .select()
    .from(stressRuns)
    .where(and(eq(stressRuns.id, id), eq(stressRuns.engagementId, engagementId)))
    .get();
  if (!row || (live && row.deletedAt !== null)) {
    throw failure('NOT_FOUND', `No stress-test run ${id} in this engagement.`, { field: 'id' });
  }
  return row;
}

function planOf(ctx: CoreContext, engagementId: string): StressPlan {
  const row = ctx.store.db.select().from(stressPlans).where(eq(stressPlans.engagementId, engagementId)).get();
  if (!row) return EMPTY_STRESS_PLAN;
  const parsed = stressPlanSchema.safeParse({ ...EMPTY_STRESS_PLAN, ...JSON.parse(row.plan) });
  return parsed.success ? parsed.data : EMPTY_STRESS_PLAN;
}

function liveStressFinding(ctx: CoreContext, engagementId: string, scenarioId: string): FindingRow | undefined {
  return ctx.store.db
    .select()
    .from(findings)
    .where(
      and(
        eq(findings.engagementId, engagementId),
        eq(findings.templateId, STRESS_FINDING_TEMPLATE_ID),
        eq(findings.itemId, scenarioId),
        isNull(findings.answerId),
        isNull(findings.deletedAt),
      ),
    )
    .get();
}

type Judged = { scenario: StressScenario; run: RunRow | undefined; result: StressScenarioResult };
type ParsedRun = { row: RunRow; analysis: LoadTestAnalysis; summary: StressRunSummary };

function parsedRuns(ctx: CoreContext, engagementId: string): ParsedRun[] {
  return liveRuns(ctx, engagementId).map((row) => {
    const analysis = parseAnalysis(row);
    return { row, analysis, summary: toRunSummary(row, analysis) };
  });
}

/** Each live scenario with the run that counts for it (`countingRun`) and its verdict on that run. */
function judgeScenarios(ctx: CoreContext, engagementId: string, runs = parsedRuns(ctx, engagementId)): Judged[] {
  const summaries = runs.map((r) => r.summary);
  return liveScenarios(ctx, engagementId).map((row) => {
    const scenario = toScenario(row);
    const counting = countingRun(scenario.id, summaries);
    const run = counting ? runs.find((r) => r.row.id === counting.id) : undefined;
    const verdict = run
      ? runScenarioVerdict(scenario, run.analysis, run.summary.labelScenarios)
      : { status: 'noData' as const, checks: [], labels: [], samples: 0 };
    return {
      scenario,
      run: run?.row,
      result: {
        scenarioId: scenario.id,
        runId: run?.row.id ?? null,
        verdict,
        findingId: liveStressFinding(ctx, engagementId, scenario.id)?.id ?? null,
      },
    };
  });
}

/** Whether the engagement's edition (or pick) includes stress testing; a catalog without such an item: yes. */
function stressInScope(ctx: CoreContext, engagementId: string): boolean {
  const items = getPlan(ctx, engagementId).catalog.items.filter((i) =>
    (STRESS_TEST_ITEM_IDS as readonly string[]).includes(i.id),
  );
  return items.length === 0 || items.some((i) => i.inScope);
}

export function stressView(ctx: CoreContext, engagementId: string): StressView {
  getEngagement(ctx, engagementId);
  const runs = parsedRuns(ctx, engagementId);
  return {
    engagementId,
    inScope: stressInScope(ctx, engagementId),
    plan: planOf(ctx, engagementId),
    scenarios: liveScenarios(ctx, engagementId).map(toScenario),
    runs: runs.map((r) => r.summary),
    results: judgeScenarios(ctx, engagementId, runs).map((j) => j.result),
  };
}

export function getRun(ctx: CoreContext, { engagementId, id }: In<'stress.run'>): StressRun {
  getEngagement(ctx, engagementId);
  return toRun(runRow(ctx, engagementId, id));
}

// ---------------------------------------------------------------------------------------------
// Findings raised by missed targets

/** Every finding the scenario raised, newest first, deleted ones included. */
function stressFindingsOf(ctx: CoreContext, engagementId: string, scenarioId: string): FindingRow[] {
  return ctx.store.db
    .select()
    .from(findings)
    .where(
      and(
        eq(findings.engagementId, engagementId),
        eq(findings.templateId, STRESS_FINDING_TEMPLATE_ID),
        eq(findings.itemId, scenarioId),
        isNull(findings.answerId),
      ),
    )
    .orderBy(desc(findings.createdAt), desc(findings.id))
    .all();
}

/**
 * Brings the findings in line with the verdicts; the caller holds the transaction. A missed
 * scenario raises one finding linked by templateId 'stress-test' and itemId = scenario id. Once
 * raised, it is the consultant's: a re-judgement refreshes only the text the app wrote itself
 * (a rewritten title, description or recommendation stays), never the severity, status, owner,
 * due date or disposition; and a finding the consultant deleted is their decision, not raised
 * again. A scenario that passes, or has no run, leaves its finding alone: closing it is the
 * consultant's call, with the passing run as evidence.
 */
function syncStressFindings(ctx: CoreContext, engagement: Engagement): void {
  const engagementId = engagement.id;
  for (const { scenario, run, result } of judgeScenarios(ctx, engagementId)) {
    if (!run || result.verdict.status !== 'missed') continue;
    const text = missedTargetFinding(scenario.name, result.verdict, run, engagement.language, engagement.timeZone);
    const [latest] = stressFindingsOf(ctx, engagementId, scenario.id);
    if (latest && latest.deletedAt !== null) continue;
    if (latest) {
      const own = stressFindingOwnText(latest);
      const patch = {
        ...(own.title && latest.title !== text.title ? { title: text.title } : {}),
        ...(own.description && latest.description !== text.description ? { description: text.description } : {}),
        ...(own.recommendation && latest.recommendation !== text.recommendation
          ? { recommendation: text.recommendation }
          : {}),
      };
      if (Object.keys(patch).length === 0) continue;
      ctx.store.db
        .update(findings)
        .set({ ...patch, ...stamp(ctx) })
        .where(eq(findings.id, latest.id))
        .run();
      continue;
    }
    const now = ctx.now();
    ctx.store.db
      .insert(findings)
      .values({
        id: ctx.newId(),
        engagementId,
        createdAt: now,
        deletedAt: null,
        ...stamp(ctx),
        answerId: null,
        templateId: STRESS_FINDING_TEMPLATE_ID,
        itemId: scenario.id,
        ...text,
        affectedResources: JSON.stringify([]),
        owner: '',
        dueDate: null,
        status: 'open',
        disposition: '',
      })
      .run();
  }
}

/** Runs a write on the engagement's stress tests, re-judges the scenarios, and announces the change. */
function write<T>(ctx: CoreContext, engagementId: string, change: () => T, judge = true): T {
  const engagement = writableEngagement(ctx, engagementId);
  const out = ctx.store.sqlite.transaction(() => {
    const value = change();
    if (judge) syncStressFindings(ctx, engagement);
    return value;
  })();
  changed(ctx, engagementId);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Plan and scenarios

export function savePlan(ctx: CoreContext, { engagementId, plan }: In<'stress.savePlan'>): StressPlan {
  return write(
    ctx,
    engagementId,
    () => {
      const existing = ctx.store.db.select().from(stressPlans).where(eq(stressPlans.engagementId, engagementId)).get();
      if (existing) {
        ctx.store.db
          .update(stressPlans)
          .set({ plan: JSON.stringify(plan), deletedAt: null, ...stamp(ctx) })
          .where(eq(stressPlans.id, existing.id))
          .run();
      } else {
        ctx.store.db
          .insert(stressPlans)
          .values({
            id: ctx.newId(),
            engagementId,
            createdAt: ctx.now(),
            deletedAt: null,
            ...stamp(ctx),
            plan: JSON.stringify(plan),
          })
          .run();
      }
      return planOf(ctx, engagementId);
    },
    false,
  );
}

export function saveScenario(ctx: CoreContext, input: In<'stress.saveScenario'>): StressScenario {
  const parsed = stressScenarioInputSchema.safeParse(input.scenario);
  if (!parsed.success) throw invalidInput(parsed.error, 'scenario');
  const { name, ...rest } = parsed.data;
  return write(ctx, input.engagementId, () => {
    const columns = { name, scenario: JSON.stringify(rest) };
    if (input.id) {
      scenarioRow(ctx, input.engagementId, input.id);
      ctx.store.db
        .update(stressScenarios)
        .set({ ...columns, ...stamp(ctx) })
        .where(eq(stressScenarios.id, input.id))
        .run();
      return toScenario(scenarioRow(ctx, input.engagementId, input.id));
    }
    const id = ctx.newId();
    const last = liveScenarios(ctx, input.engagementId).at(-1);
    ctx.store.db
      .insert(stressScenarios)
      .values({
        id,
        engagementId: input.engagementId,
        createdAt: ctx.now(),
        deletedAt: null,
        ...stamp(ctx),
        ...columns,
        sortOrder: (last?.sortOrder ?? -1) + 1,
      })
      .run();
    // Labels of earlier runs that were waiting for this scenario are matched to it now.
    for (const run of liveRuns(ctx, input.engagementId)) rematchRun(ctx, input.engagementId, run);
    return toScenario(scenarioRow(ctx, input.engagementId, id));
  });
}

function setScenarioDeleted(ctx: CoreContext, { engagementId, id }: In<'stress.removeScenario'>, deleted: boolean) {
  return write(ctx, engagementId, () => {
    scenarioRow(ctx, engagementId, id, false);
    ctx.store.db
      .update(stressScenarios)
      .set({ deletedAt: deleted ? ctx.now() : null, ...stamp(ctx) })
      .where(eq(stressScenarios.id, id))
      .run();
    return { id };
  });
}

/** Soft delete: the labels mapped to it keep the id, so a restore brings the mapping back too. */
export const removeScenario = (ctx: CoreContext, input: In<'stress.removeScenario'>) =>
  setScenarioDeleted(ctx, input, true);
export const restoreScenario = (ctx: CoreContext, input: In<'stress.restoreScenario'>) =>
  setScenarioDeleted(ctx, input, false);

// ---------------------------------------------------------------------------------------------
// Runs

/** Suggests scenarios for the run's unmapped labels (a new scenario may match them). */
function rematchRun(ctx: CoreContext, engagementId: string, row: RunRow): void {
  const analysis = parseAnalysis(row);
  const current = labelScenariosSchema.parse(JSON.parse(row.labelScenarios));
  const scenarios = liveScenarios(ctx, engagementId).map((s) => ({ id: s.id, name: s.name }));
  const labels = analysis.labels.map((l) => l.label);
  // Only unmapped labels are suggested for; a mapping to a removed scenario is kept for its restore.
  const unmapped = labels.filter((label) => !Object.hasOwn(current, label));
  const next = Object.fromEntries([
    ...Object.entries(completeLabelMapping({}, unmapped, scenarios)),
    ...Object.entries(current),
  ]);
  if (JSON.stringify(next) === JSON.stringify(current)) return;
  ctx.store.db
    .update(stressRuns)
    .set({ labelScenarios: JSON.stringify(next), ...stamp(ctx) })
    .where(eq(stressRuns.id, row.id))
    .run();
}

export function updateRun(ctx: CoreContext, { engagementId, id, patch }: In<'stress.updateRun'>): StressRun {
  return write(
    ctx,
    engagementId,
    () => {
      runRow(ctx, engagementId, id);
      ctx.store.db
        .update(stressRuns)
        .set({ ...patch, ...stamp(ctx) })
        .where(eq(stressRuns.id, id))
        .run();
      return toRun(runRow(ctx, engagementId, id));
    },
    // The finding quotes the run's name.
    patch.name !== undefined,
  );
}

/** Replaces the run's label -> scenario mapping; labels the run does not have, or unknown scenarios, are refused. */
export function mapLabels(ctx: CoreContext, { engagementId, id, labelScenarios }: In<'stress.mapLabels'>): StressRun {
  return write(ctx, engagementId, () => {
    const row = runRow(ctx, engagementId, id);
    const labels = new Set(parseAnalysis(row).labels.map((l) => l.label));
    const scenarios = new Set(liveScenarios(ctx, engagementId).map((s) => s.id));
    const next: [string, string][] = [];
    for (const [label, scenarioId] of Object.entries(labelScenarios)) {
      if (!labels.has(label)) {
        throw failure('INVALID_INPUT', `The run has no label "${label}".`, { field: 'labelScenarios' });
      }
      if (scenarioId === null) continue;
      if (!scenarios.has(scenarioId)) {
        throw failure('NOT_FOUND', `No stress-test scenario ${scenarioId} in this engagement.`, {
          field: 'labelScenarios',
        });
      }
      next.push([label, scenarioId]);
    }
    ctx.store.db
      .update(stressRuns)
      // fromEntries keeps a label named "__proto__" as a label.
      .set({ labelScenarios: JSON.stringify(Object.fromEntries(next)), ...stamp(ctx) })
      .where(eq(stressRuns.id, id))
      .run();
    return toRun(runRow(ctx, engagementId, id));
  });
}

function setRunDeleted(ctx: CoreContext, { engagementId, id }: In<'stress.removeRun'>, deleted: boolean) {
  return write(ctx, engagementId, () => {
    runRow(ctx, engagementId, id, false);
    ctx.store.db
      .update(stressRuns)
      .set({ deletedAt: deleted ? ctx.now() : null, ...stamp(ctx) })
      .where(eq(stressRuns.id, id))
      .run();
    return { id };
  });
}

/** Soft delete: the source file stays under loadtests/ so a restore (or a sync peer) still has it. */
export const removeRun = (ctx: CoreContext, input: In<'stress.removeRun'>) => setRunDeleted(ctx, input, true);
export const restoreRun = (ctx: CoreContext, input: In<'stress.restoreRun'>) => setRunDeleted(ctx, input, false);

// ---------------------------------------------------------------------------------------------
// Upload, preview, import

/** A staged upload (see ../uploads) with the engagement it is for and the import analysing it. */
type Upload = StagedUpload & {
  engagementId: string;
  /** Set while `stress.import` analyses the file. */
  abort: AbortController | null;
};

/** Uploads in progress in this process; a staging file without an entry here is abandoned. */
const uploads = new Map<string, Upload>();

export { stagingDir } from '../uploads';
export const loadTestsDir = (ctx: CoreContext) => join(ctx.dataDir, 'loadtests');
/** Where a run's source file is kept: by content, so the same file imported twice is kept once. */
export const loadTestFilePath = (ctx: CoreContext, sha256: string) => join(loadTestsDir(ctx), sha256);

/** Removes staging files of uploads nobody finished: those older than a day, or every one (`all`, on close). */
export function cleanStaging(ctx: CoreContext, all = false): void {
  cleanUploads(ctx, STAGING_PREFIX, all);
}

function openUpload(uploadId: string): Upload {
  const upload = uploads.get(uploadId);
  if (!upload) {
    throw failure('NOT_FOUND', 'This upload is no longer available; choose the file again.', { field: 'uploadId' });
  }
  return upload;
}

function completeUpload(uploadId: string): Upload {
  const upload = openUpload(uploadId);
  if (upload.received !== upload.bytes) {
    throw failure(
      'CONFLICT',
      `${upload.fileName}: only ${upload.received} of ${upload.bytes} bytes have arrived; send the rest first.`,
      { field: 'uploadId' },
    );
  }
  return upload;
}

export function uploadBegin(ctx: CoreContext, input: In<'stress.uploadBegin'>): MethodOutput<'stress.uploadBegin'> {
  writableEngagement(ctx, input.engagementId);
  if (input.bytes > UPLOAD_MAX_BYTES) {
    throw failure('INVALID_INPUT', `${input.fileName} is larger than 4 GB; split the results file.`, {
      field: 'bytes',
    });
  }
  const staged = beginUpload(ctx, { prefix: STAGING_PREFIX, fileName: input.fileName, bytes: input.bytes });
  const upload: Upload = Object.assign(staged, { engagementId: input.engagementId, abort: null });
  upload.onDrop = () => {
    upload.abort?.abort();
    uploads.delete(upload.id);
  };
  uploads.set(upload.id, upload);
  const id = upload.id;
  return { uploadId: id, chunkBytes: STRESS_UPLOAD_CHUNK_MAX_BYTES };
}

export function uploadChunk(ctx: CoreContext, input: In<'stress.uploadChunk'>): MethodOutput<'stress.uploadChunk'> {
  const upload = openUpload(input.uploadId);
  const answer = appendPart(upload, input, STRESS_UPLOAD_CHUNK_MAX_BYTES);
  ctx.log('info', 'stress upload part', { uploadId: upload.id, index: input.index, received: upload.received });
  return answer;
}

export async function preview(_ctx: CoreContext, { uploadId }: In<'stress.preview'>): Promise<LoadTestPreview> {
  const upload = completeUpload(uploadId);
  return previewLoadTestFile(upload.path, upload.fileName);
}

/** Keeps the staged file under loadtests/<sha256> (once per content) and returns that path. */
function keepSourceFile(ctx: CoreContext, upload: Upload, sha256: string): string {
  mkdirSync(loadTestsDir(ctx), { recursive: true });
  const kept = loadTestFilePath(ctx, sha256);
  try {
    statSync(kept);
    rmSync(upload.path, { force: true });
  } catch {
    renameSync(upload.path, kept);
  }
  return kept;
}

const fileNameStem = (fileName: string) => fileName.replace(/\.[^.]+$/, '') || fileName;

export async function importRun(ctx: CoreContext, input: In<'stress.import'>): Promise<StressRun> {
  const upload = completeUpload(input.uploadId);
  if (upload.abort) {
    throw failure('CONFLICT', `${upload.fileName} is being imported already.`, { field: 'uploadId' });
  }
  writableEngagement(ctx, upload.engagementId);
  if (input.format === 'genericCsv' && !input.mapping) {
    throw failure('INVALID_INPUT', 'Map the columns of a generic CSV file before importing it.', {
      field: 'mapping',
    });
  }
  const abort = new AbortController();
  upload.abort = abort;
  let lastEmit = 0;
  const progress = (p: { bytesRead: number; totalBytes: number; rows: number }) => {
    // A progress bar needs a few updates a second, not one per parsed chunk.
    const now = Date.now();
    if (now - lastEmit < 100 && p.bytesRead < p.totalBytes) return;
    lastEmit = now;
    ctx.emit('stress.importProgress', { uploadId: upload.id, stage: 'analysing', ...p });
  };
  let analysis: LoadTestAnalysis;
  try {
    ctx.emit('stress.importProgress', {
      uploadId: upload.id,
      stage: 'analysing',
      bytesRead: 0,
      totalBytes: upload.bytes,
      rows: 0,
    });
    const mapping: ColumnMapping | undefined = input.format === 'genericCsv' ? input.mapping : undefined;
    analysis = await analyseLoadTestFile(
      upload.path,
      upload.fileName,
      { format: input.format, ...(mapping ? { mapping } : {}) },
      progress,
      abort.signal,
    );
  } catch (error) {
    // Nothing is stored from a file that failed (or was stopped).
    if (abort.signal.aborted) {
      dropUpload(upload);
      throw failure('CANCELLED', `The import of ${upload.fileName} was cancelled.`);
    }
    const refused = isFailure(error)
      ? error
      : failure('INVALID_INPUT', `${upload.fileName} could not be read as a load-test results file.`, {
          field: 'file',
        });
    if (!isFailure(error)) {
      ctx.log('error', 'stress import failed', {
        fileName: upload.fileName,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    if (refused.appError.code === 'INVALID_INPUT') {
      // The file is the consultant's to import again with another format or mapping, without
      // sending hundreds of MB once more; cancel, success or the day-old sweep remove it.
      upload.abort = null;
    } else {
      dropUpload(upload);
    }
    throw refused;
  }
  ctx.emit('stress.importProgress', {
    uploadId: upload.id,
    stage: 'storing',
    bytesRead: upload.bytes,
    totalBytes: upload.bytes,
    rows: analysis.rows,
  });
  const sha256 = upload.hash.digest('hex');
  uploads.delete(upload.id);
  releaseUpload(upload);
  let kept: string | null = null;
  try {
    kept = keepSourceFile(ctx, upload, sha256);
    const id = ctx.newId();
    const run = write(ctx, upload.engagementId, () => {
      const scenarios = liveScenarios(ctx, upload.engagementId).map((s) => ({ id: s.id, name: s.name }));
      const labelScenarios = completeLabelMapping(
        {},
        analysis.labels.map((l) => l.label),
        scenarios,
      );
      const now = ctx.now();
      ctx.store.db
        .insert(stressRuns)
        .values({
          id,
          engagementId: upload.engagementId,
          createdAt: now,
          deletedAt: null,
          ...stamp(ctx),
          name: input.name?.trim() || fileNameStem(upload.fileName),
          fileName: upload.fileName,
          fileBytes: upload.bytes,
          fileSha256: sha256,
          format: input.format,
          mapping: input.format === 'genericCsv' && input.mapping ? JSON.stringify(input.mapping) : null,
          labelScenarios: JSON.stringify(labelScenarios),
          analysis: JSON.stringify(analysis),
          notes: '',
          startedAt: new Date(analysis.startMs).toISOString(),
        })
        .run();
      return toRun(runRow(ctx, upload.engagementId, id));
    });
    ctx.emit('stress.importProgress', {
      uploadId: upload.id,
      stage: 'done',
      bytesRead: upload.bytes,
      totalBytes: upload.bytes,
      rows: analysis.rows,
    });
    ctx.log('info', 'stress run imported', {
      runId: id,
      format: input.format,
      rows: analysis.rows,
      bytes: upload.bytes,
    });
    return run;
  } catch (error) {
    rmSync(upload.path, { force: true });
    // The kept copy goes only if no run (of any engagement) uses that content.
    if (kept && !ctx.store.db.select().from(stressRuns).where(eq(stressRuns.fileSha256, sha256)).get()) {
      rmSync(kept, { force: true });
    }
    throw error;
  }
}

/** Stops an import in progress, or abandons an upload: its staging file is removed either way. */
export function cancelImport(_ctx: CoreContext, { uploadId }: In<'stress.cancelImport'>): { cancelled: boolean } {
  const upload = uploads.get(uploadId);
  if (!upload) return { cancelled: false };
  if (upload.abort) {
    upload.abort.abort();
    return { cancelled: true };
  }
  dropUpload(upload);
  return { cancelled: true };
}
