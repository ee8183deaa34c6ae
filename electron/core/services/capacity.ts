/**
 * Capacity evaluation of an engagement: one item per resource (or resource metric), evaluated by a
 * formula shipped in resources/capacity/formulas.json against the engagement's peak forecast. The
 * figures are computed on every read, never stored. An item below its safety margin raises one
 * finding linked by templateId 'capacity' and itemId; evaluating again updates the numbers in the
 * finding's own text and keeps what the consultant decided or rewrote (status, owner, due date,
 * severity, any text they changed). A finding the consultant deleted is not raised again; one
 * whose item was removed stays as it is, and one whose item recovered stays open with its own
 * text saying the margin is now met.
 */
import { join } from 'node:path';
import type { MethodInput, MethodOutput } from '@shared/contract';
import {
  baselineProblem,
  CAPACITY_FINDING_TEMPLATE_ID,
  type CapacityEvaluation,
  type CapacityFormula,
  type CapacityInputs,
  type CapacityItem,
  type CapacityList,
  capacityFormulaFileSchema,
  capacityInputsSchema,
  capacityOutsideEdition,
  evaluateCapacity,
  type PeakForecast,
  primaryFormula,
} from '@shared/domain/capacity';
import {
  capacityFindingOwnText,
  capacityFindingText,
  capacityReEvaluatedOn,
  capacitySeverity,
} from '@shared/domain/capacity-report';
import { describeCatalogIssues } from '@shared/domain/catalog';
import type { Engagement } from '@shared/domain/engagement';
import { findingInputSchema } from '@shared/domain/finding';
import { validationMessage } from '@shared/domain/messages';
import { dateInZone, RESOURCE_TYPES } from '@shared/domain/plan';
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { CoreContext } from '../context';
import { loadDataFiles } from '../data-files';
import { capacityItems, findings } from '../db/schema';
import { failure } from '../errors';
import { invalidInput } from '../validation';
import { getEngagement } from './engagements';
import { getPlan } from './plans';

type ItemRow = typeof capacityItems.$inferSelect;
type FindingRow = typeof findings.$inferSelect;

function invalidShippedFile(file: string, problems: string[]) {
  return failure(
    'INTERNAL',
    `The shipped capacity formulas file ${file} is invalid and Vigil cannot use it: ${problems.join('; ')}`,
    { details: problems },
  );
}

/** The shipped formulas, validated once; a bad file throws a failure naming it and each bad path. */
export function capacityFormulas(ctx: CoreContext): CapacityFormula[] {
  const files = loadDataFiles(
    join(ctx.resourcesDir, 'capacity'),
    capacityFormulaFileSchema,
    describeCatalogIssues,
    invalidShippedFile,
    (file) => file.formulas,
  );
  return files.get('formulas') ?? [];
}

function formulaById(ctx: CoreContext): Map<string, CapacityFormula> {
  return new Map(capacityFormulas(ctx).map((f) => [f.id, f]));
}

/** Resource types first in the order the plan lists them, so the form's groups read naturally. */
export function listFormulas(ctx: CoreContext): CapacityFormula[] {
  const rank = (f: CapacityFormula) => RESOURCE_TYPES.indexOf(f.resourceType);
  return [...capacityFormulas(ctx)].sort((a, b) => rank(a) - rank(b));
}

function stamp(ctx: CoreContext) {
  return { updatedAt: ctx.now(), updatedBy: ctx.actor(), deviceId: ctx.deviceId };
}

function changed(ctx: CoreContext, engagementId: string) {
  ctx.emit('engagement.changed', { id: engagementId });
}

type Setting = {
  engagement: Engagement;
  peak: PeakForecast;
  resources: CapacityList['resources'];
  inEdition: boolean;
  readOnly: boolean;
};

/** What the evaluation depends on besides the items: the forecast, the scope and the edition. */
function settingOf(ctx: CoreContext, engagementId: string): Setting {
  const engagement = getEngagement(ctx, engagementId);
  const plan = getPlan(ctx, engagementId);
  const inEdition = !capacityOutsideEdition(plan.catalog.items);
  return {
    engagement,
    peak: plan.details.peak,
    resources: plan.resources.map((r) => ({
      id: r.id,
      resourceType: r.resourceType,
      spec: r.spec,
      count: r.count,
      region: r.region,
    })),
    inEdition,
    readOnly: engagement.deletedAt !== null || engagement.status === 'archived' || !inEdition,
  };
}

/** Writes need a live, unarchived engagement whose edition includes capacity evaluation. */
function writableSetting(ctx: CoreContext, engagementId: string): Setting {
  const setting = settingOf(ctx, engagementId);
  const { engagement } = setting;
  if (engagement.deletedAt !== null || engagement.status === 'archived') {
    throw failure(
      'CONFLICT',
      `The engagement "${engagement.eventName}" is ${engagement.deletedAt ? 'in the trash' : 'archived'}; its capacity evaluation cannot change.`,
      { field: 'engagementId' },
    );
  }
  if (!setting.inEdition) {
    throw failure(
      'CONFLICT',
      `Capacity evaluation is not part of this engagement's edition; change the edition to evaluate capacity.`,
      { field: 'engagementId' },
    );
  }
  return setting;
}

function liveItems(ctx: CoreContext, engagementId: string): ItemRow[] {
  return ctx.store.db
    .select()
    .from(capacityItems)
    .where(and(eq(capacityItems.engagementId, engagementId), isNull(capacityItems.deletedAt)))
    .orderBy(asc(capacityItems.sortOrder), asc(capacityItems.createdAt), asc(capacityItems.id))
    .all();
}

function itemRow(ctx: CoreContext, engagementId: string, id: string, field = 'id'): ItemRow {
  const row = ctx.store.db
    .select()
    .from(capacityItems)
    .where(and(eq(capacityItems.id, id), eq(capacityItems.engagementId, engagementId)))
    .get();
  if (!row) throw failure('NOT_FOUND', `No capacity item ${id} in this engagement.`, { field });
  return row;
}

/** Stored inputs parsed; a row written by a later version with fields this one lacks still reads. */
function inputsOf(row: ItemRow): CapacityInputs {
  const parsed = capacityInputsSchema.safeParse(JSON.parse(row.inputs));
  return parsed.success ? parsed.data : emptyInputs();
}

function emptyInputs(): CapacityInputs {
  return {
    units: null,
    capacityPerUnit: null,
    currentCap: null,
    baseline: null,
    multiplier: null,
    marginPct: null,
    peakOverride: null,
  };
}

function evaluationOf(row: ItemRow, formula: CapacityFormula | undefined, peak: PeakForecast): CapacityEvaluation {
  // A formula withdrawn by a later release cannot be evaluated: the item asks for a formula again.
  if (!formula) return { status: 'incomplete', missing: ['formula'] };
  return evaluateCapacity({ inputs: inputsOf(row) }, formula, peak);
}

/** Every finding this item raised, newest first, deleted ones included. */
function findingsOf(ctx: CoreContext, engagementId: string, itemId: string): FindingRow[] {
  return ctx.store.db
    .select()
    .from(findings)
    .where(
      and(
        eq(findings.engagementId, engagementId),
        eq(findings.templateId, CAPACITY_FINDING_TEMPLATE_ID),
        eq(findings.itemId, itemId),
      ),
    )
    .orderBy(desc(findings.createdAt), desc(findings.id))
    .all();
}

function buildList(ctx: CoreContext, setting: Setting): CapacityList {
  const formulas = formulaById(ctx);
  const engagementId = setting.engagement.id;
  const items: CapacityItem[] = liveItems(ctx, engagementId).map((row) => {
    const live = findingsOf(ctx, engagementId, row.id).find((f) => f.deletedAt === null);
    return {
      id: row.id,
      engagementId: row.engagementId,
      formulaId: row.formulaId,
      name: row.name,
      scopeResourceId: row.scopeResourceId,
      inputs: inputsOf(row),
      notes: row.notes,
      sortOrder: row.sortOrder,
      updatedAt: row.updatedAt,
      updatedBy: row.updatedBy,
      evaluation: evaluationOf(row, formulas.get(row.formulaId), setting.peak),
      finding: live ? { id: live.id, title: live.title, status: live.status, severity: live.severity } : null,
    };
  });
  return {
    engagementId,
    inEdition: setting.inEdition,
    readOnly: setting.readOnly,
    peak: setting.peak,
    resources: setting.resources,
    items,
  };
}

export function listCapacity(ctx: CoreContext, engagementId: string): CapacityList {
  return buildList(ctx, settingOf(ctx, engagementId));
}

const TITLE_MAX = 200;
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * Brings the app's own text of a finding up to date and leaves the rest alone: status, owner, due
 * date and severity are the consultant's, and so is any field they rewrote. True when it wrote.
 */
function refreshOwnText(
  ctx: CoreContext,
  latest: FindingRow,
  formula: CapacityFormula,
  text: { title: string; description: string; recommendation: string },
): boolean {
  const own = capacityFindingOwnText(latest, formula);
  const title = clip(text.title, TITLE_MAX);
  const patch = {
    ...(own.title && latest.title !== title ? { title } : {}),
    ...(own.description && latest.description !== text.description ? { description: text.description } : {}),
    ...(own.recommendation && latest.recommendation !== text.recommendation
      ? { recommendation: text.recommendation }
      : {}),
  };
  if (Object.keys(patch).length === 0) return false;
  ctx.store.db
    .update(findings)
    .set({ ...patch, ...stamp(ctx) })
    .where(eq(findings.id, latest.id))
    .run();
  return true;
}

/**
 * Raises the item's finding when it is below its margin, or brings the numbers of the one it
 * raised up to date. Never lowers a finding's status or deletes one: a recovered item's finding is
 * the consultant's to close, but its own text stops quoting the old shortfall and says the margin
 * is now met and on which day (kept while the figures stay the same, so re-evaluating does not
 * move it). The caller holds the transaction. True when a finding was written.
 */
function syncFinding(ctx: CoreContext, setting: Setting, row: ItemRow, formula: CapacityFormula | undefined): boolean {
  if (!formula) return false;
  const inputs = inputsOf(row);
  const evaluation = evaluateCapacity({ inputs }, formula, setting.peak);
  if (evaluation.status !== 'evaluated') return false;
  const engagementId = setting.engagement.id;
  const language = setting.engagement.language;
  const item = { name: row.name, inputs };
  const [latest] = findingsOf(ctx, engagementId, row.id);
  if (latest && latest.deletedAt !== null) return false;
  if (!evaluation.belowMargin) {
    if (!latest) return false;
    const kept = capacityReEvaluatedOn(latest.description);
    const unchanged = kept === null ? null : capacityFindingText(item, formula, evaluation, language, kept);
    const today = dateInZone(ctx.now(), setting.engagement.timeZone);
    const text =
      unchanged && unchanged.description === latest.description
        ? unchanged
        : capacityFindingText(item, formula, evaluation, language, today);
    return refreshOwnText(ctx, latest, formula, text);
  }
  const text = capacityFindingText(item, formula, evaluation, language);
  // Only the app's own text follows the numbers; a field the consultant rewrote stays theirs.
  if (latest) return refreshOwnText(ctx, latest, formula, text);
  const title = clip(text.title, TITLE_MAX);
  const fields = findingInputSchema.parse({
    severity: capacitySeverity(evaluation),
    title,
    description: text.description,
    affectedResources: [clip(row.name, 200)],
    recommendation: text.recommendation,
    owner: '',
    dueDate: null,
    status: 'open',
    disposition: '',
  });
  const now = ctx.now();
  ctx.store.db
    .insert(findings)
    .values({
      id: ctx.newId(),
      engagementId,
      createdAt: now,
      deletedAt: null,
      ...stamp(ctx),
      updatedAt: now,
      answerId: null,
      templateId: CAPACITY_FINDING_TEMPLATE_ID,
      itemId: row.id,
      severity: fields.severity,
      title: fields.title,
      description: fields.description,
      affectedResources: JSON.stringify(fields.affectedResources),
      recommendation: fields.recommendation,
      owner: fields.owner,
      dueDate: fields.dueDate,
      status: fields.status,
      disposition: fields.disposition,
    })
    .run();
  return true;
}

function checkedFormula(ctx: CoreContext, formulaId: string): CapacityFormula {
  const formula = formulaById(ctx).get(formulaId);
  if (!formula) {
    const key = 'validation.capacityFormula';
    throw failure('INVALID_INPUT', `item.formulaId: ${validationMessage(key)} ("${formulaId}" is not a formula)`, {
      field: 'item.formulaId',
      messageKey: key,
    });
  }
  return formula;
}

export function saveCapacityItem(ctx: CoreContext, input: MethodInput<'capacity.save'>): CapacityList {
  const setting = writableSetting(ctx, input.engagementId);
  const { item } = input;
  const formula = checkedFormula(ctx, item.formulaId);
  const inputs = capacityInputsSchema.safeParse(item.inputs);
  if (!inputs.success) throw invalidInput(inputs.error, 'item.inputs');
  const problem = baselineProblem(formula, inputs.data);
  if (problem) {
    throw failure('INVALID_INPUT', `item.inputs.baseline: ${validationMessage(problem)}`, {
      field: 'item.inputs.baseline',
      messageKey: problem,
    });
  }
  if (item.scopeResourceId !== null && !setting.resources.some((r) => r.id === item.scopeResourceId)) {
    throw failure('NOT_FOUND', `No resource in scope ${item.scopeResourceId} in this engagement.`, {
      field: 'item.scopeResourceId',
    });
  }
  const columns = {
    formulaId: formula.id,
    name: item.name,
    scopeResourceId: item.scopeResourceId,
    inputs: JSON.stringify(inputs.data),
    notes: item.notes,
  };
  ctx.store.sqlite.transaction(() => {
    let id = item.id;
    if (id) {
      const row = itemRow(ctx, input.engagementId, id, 'item.id');
      if (row.deletedAt !== null)
        throw failure('NOT_FOUND', `The capacity item ${id} was removed.`, { field: 'item.id' });
      ctx.store.db
        .update(capacityItems)
        .set({ ...columns, ...stamp(ctx) })
        .where(eq(capacityItems.id, id))
        .run();
    } else {
      id = insertItem(ctx, input.engagementId, columns);
    }
    syncFinding(ctx, setting, itemRow(ctx, input.engagementId, id), formula);
  })();
  changed(ctx, input.engagementId);
  return buildList(ctx, setting);
}

function insertItem(
  ctx: CoreContext,
  engagementId: string,
  columns: Pick<ItemRow, 'formulaId' | 'name' | 'scopeResourceId' | 'inputs' | 'notes'>,
): string {
  const last = ctx.store.db
    .select({ sortOrder: capacityItems.sortOrder })
    .from(capacityItems)
    .where(eq(capacityItems.engagementId, engagementId))
    .orderBy(desc(capacityItems.sortOrder))
    .get();
  const now = ctx.now();
  const id = ctx.newId();
  ctx.store.db
    .insert(capacityItems)
    .values({
      id,
      engagementId,
      createdAt: now,
      deletedAt: null,
      ...stamp(ctx),
      updatedAt: now,
      ...columns,
      sortOrder: (last?.sortOrder ?? -1) + 1,
    })
    .run();
  return id;
}

/** Soft delete: the item can come back, and the finding it raised stays either way. */
export function removeCapacityItem(ctx: CoreContext, input: MethodInput<'capacity.remove'>): CapacityList {
  const setting = writableSetting(ctx, input.engagementId);
  ctx.store.sqlite.transaction(() => {
    const row = itemRow(ctx, input.engagementId, input.id);
    if (row.deletedAt !== null) return;
    ctx.store.db
      .update(capacityItems)
      .set({ deletedAt: ctx.now(), ...stamp(ctx) })
      .where(eq(capacityItems.id, row.id))
      .run();
  })();
  changed(ctx, input.engagementId);
  return buildList(ctx, setting);
}

export function restoreCapacityItem(ctx: CoreContext, input: MethodInput<'capacity.restore'>): CapacityList {
  const setting = writableSetting(ctx, input.engagementId);
  const formulas = formulaById(ctx);
  ctx.store.sqlite.transaction(() => {
    const row = itemRow(ctx, input.engagementId, input.id);
    if (row.deletedAt === null) return;
    ctx.store.db
      .update(capacityItems)
      .set({ deletedAt: null, ...stamp(ctx) })
      .where(eq(capacityItems.id, row.id))
      .run();
    syncFinding(ctx, setting, itemRow(ctx, input.engagementId, row.id), formulas.get(row.formulaId));
  })();
  changed(ctx, input.engagementId);
  return buildList(ctx, setting);
}

/** "ecs.c7.2xlarge · cn-hangzhou", or the resource type when the spec is blank. */
function resourceName(resource: CapacityList['resources'][number], formula: CapacityFormula): string {
  const label = resource.spec.trim() !== '' ? resource.spec.trim() : formula.metric.en;
  return resource.region.trim() !== '' ? `${label} · ${resource.region.trim()}` : label;
}

export function seedCapacity(ctx: CoreContext, engagementId: string): MethodOutput<'capacity.seed'> {
  const setting = writableSetting(ctx, engagementId);
  const formulas = capacityFormulas(ctx);
  const counts = ctx.store.sqlite.transaction(() => {
    const evaluated = new Set(liveItems(ctx, engagementId).map((row) => row.scopeResourceId));
    let added = 0;
    let skipped = 0;
    for (const resource of setting.resources) {
      const formula = primaryFormula(formulas, resource.resourceType);
      if (!formula || evaluated.has(resource.id)) {
        skipped += 1;
        continue;
      }
      const inputs: CapacityInputs = {
        ...emptyInputs(),
        units: formula.scaling.kind === 'scaleOut' ? resource.count : null,
      };
      insertItem(ctx, engagementId, {
        formulaId: formula.id,
        name: clip(resourceName(resource, formula), 200),
        scopeResourceId: resource.id,
        inputs: JSON.stringify(inputs),
        notes: '',
      });
      added += 1;
    }
    return { added, skipped };
  })();
  if (counts.added > 0) changed(ctx, engagementId);
  return { ...buildList(ctx, setting), ...counts };
}

/** Re-evaluates every item and brings their findings up to date; announces a change only if one was made. */
export function evaluateAll(ctx: CoreContext, engagementId: string): CapacityList {
  const setting = writableSetting(ctx, engagementId);
  const formulas = formulaById(ctx);
  const wrote = ctx.store.sqlite.transaction(() =>
    liveItems(ctx, engagementId)
      .map((row) => syncFinding(ctx, setting, row, formulas.get(row.formulaId)))
      .some(Boolean),
  )();
  if (wrote) changed(ctx, engagementId);
  return buildList(ctx, setting);
}

/**
 * After the peak forecast changed: re-evaluate when the engagement can be evaluated at all, so
 * a forecast edit on the overview raises the findings it causes without a visit to this screen.
 */
export function afterForecastChange(ctx: CoreContext, engagementId: string): void {
  const setting = settingOf(ctx, engagementId);
  if (setting.readOnly || liveItems(ctx, engagementId).length === 0) return;
  evaluateAll(ctx, engagementId);
}
