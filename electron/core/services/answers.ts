/**
 * Answers to checklist items. Each answer is one row with a deterministic id (UUIDv5 of
 * engagement, template and item) so two consultants answering one item meet on one row; every
 * change is appended to answer_history, which is what undo walks back through.
 */

import type { MethodInput, MethodOutput } from '@shared/contract';
import {
  type AnswerValue,
  answerFails,
  answerId,
  type ChecklistItem,
  type ChecklistTemplate,
} from '@shared/domain/checklist';
import type Database from 'better-sqlite3';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { CoreContext } from '../context';
import { answerHistory, checklistAnswers, scopeResources } from '../db/schema';
import { failure } from '../errors';
import { engagementChecklists, getTemplate, readTemplateSnapshot, startChecklist } from './checklists';
import { getEngagement } from './engagements';

export type AnswerView = MethodOutput<'checklist.answer'>;

function prepare(sqlite: Database.Database) {
  return {
    upsert: sqlite.prepare(
      `INSERT INTO checklist_answers (id, engagement_id, template_id, item_id, value, note, fails, created_at, updated_at, updated_by, device_id, deleted_at)
       VALUES (@id, @engagementId, @templateId, @itemId, @value, COALESCE(@note, ''), @fails, @now, @now, @actor, @deviceId, NULL)
       ON CONFLICT(id) DO UPDATE SET value = excluded.value, note = CASE WHEN @noteGiven = 1 THEN excluded.note ELSE checklist_answers.note END, fails = excluded.fails,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by, device_id = excluded.device_id, deleted_at = NULL
       RETURNING note`,
    ),
    history: sqlite.prepare(
      `INSERT INTO answer_history (id, answer_id, engagement_id, value, note, author, device_id, created_at)
       VALUES (@historyId, @id, @engagementId, @value, @note, @actor, @deviceId, @now)`,
    ),
    /** Only what the write check needs, not the whole engagement turned into its view. */
    engagementState: sqlite.prepare<[string], { eventName: string; status: string; deletedAt: string | null }>(
      'SELECT event_name AS eventName, status, deleted_at AS deletedAt FROM engagements WHERE id = ?',
    ),
  };
}
/** The statements, and the upsert and history insert as one transaction, made once per connection. */
function prepareAll(sqlite: Database.Database) {
  const s = prepare(sqlite);
  const write = sqlite.transaction((row: Record<string, unknown>): string => {
    const { note } = s.upsert.get(row) as { note: string };
    s.history.run({ ...row, note });
    return note;
  });
  return { ...s, write };
}
const statementsBySqlite = new WeakMap<Database.Database, ReturnType<typeof prepareAll>>();
function statements(sqlite: Database.Database) {
  let s = statementsBySqlite.get(sqlite);
  if (!s) {
    s = prepareAll(sqlite);
    statementsBySqlite.set(sqlite, s);
  }
  return s;
}

/** answerId is a UUIDv5 (a SHA-1) of three strings: remembered, as an answered item is answered again. */
const answerIds = new Map<string, string>();
function cachedAnswerId(engagementId: string, templateId: string, itemId: string): string {
  const key = `${engagementId}/${templateId}/${itemId}`;
  let id = answerIds.get(key);
  if (id === undefined) {
    // A long session answers a few thousand items at most; the bound only guards memory.
    if (answerIds.size >= 20_000) answerIds.clear();
    id = answerId(engagementId, templateId, itemId);
    answerIds.set(key, id);
  }
  return id;
}

/** Template snapshots parsed once per hash: answering is the hot path of on-site work. */
const templateCache = new Map<string, { template: ChecklistTemplate; items: Map<string, ChecklistItem> }>();
function pinnedTemplate(ctx: CoreContext, hash: string) {
  let cached = templateCache.get(hash);
  if (!cached) {
    const template = readTemplateSnapshot(ctx, hash);
    cached = { template, items: new Map(template.sections.flatMap((s) => s.items.map((i) => [i.id, i] as const))) };
    templateCache.set(hash, cached);
  }
  return cached;
}

/** The value must be of the item's answer type, and a choice one of its choices. */
function checkValue(item: ChecklistItem, value: AnswerValue): void {
  const wrong = (message: string) => failure('INVALID_INPUT', `value: ${message}`, { field: 'value' });
  if (value.kind !== item.answerType) {
    throw wrong(`item "${item.id}" takes a ${item.answerType} answer, not ${value.kind}.`);
  }
  const choices = new Set(item.choices?.map((c) => c.id));
  if (value.kind === 'singleChoice' && !choices.has(value.value))
    throw wrong(`"${value.value}" is not a choice of item "${item.id}".`);
  if (value.kind === 'multiChoice') {
    const unknown = value.value.filter((v) => !choices.has(v));
    if (unknown.length > 0)
      throw wrong(`${unknown.map((v) => `"${v}"`).join(', ')} not a choice of item "${item.id}".`);
  }
  if (value.kind === 'number' && !Number.isFinite(value.value)) throw wrong('expected a finite number.');
}

function liveEngagement(ctx: CoreContext, engagementId: string) {
  const engagement = statements(ctx.store.sqlite).engagementState.get(engagementId);
  if (!engagement) throw failure('NOT_FOUND', `No engagement with id ${engagementId}.`, { field: 'id' });
  if (engagement.deletedAt !== null || engagement.status === 'archived') {
    throw failure(
      'CONFLICT',
      `The engagement "${engagement.eventName}" is ${engagement.deletedAt ? 'in the trash' : 'archived'}; its answers cannot change.`,
      {
        field: 'engagementId',
      },
    );
  }
  return engagement;
}

function store(
  ctx: CoreContext,
  target: { engagementId: string; templateId: string; itemId: string },
  value: AnswerValue | null,
  /** The note to store, or null to keep the stored one (an answer changed without touching its note). */
  note: string | null,
  fails: boolean,
): AnswerView {
  const id = cachedAnswerId(target.engagementId, target.templateId, target.itemId);
  const now = ctx.now();
  const row = {
    id,
    historyId: ctx.newId(),
    engagementId: target.engagementId,
    templateId: target.templateId,
    itemId: target.itemId,
    value: value === null ? null : JSON.stringify(value),
    note,
    noteGiven: note === null ? 0 : 1,
    fails: fails ? 1 : 0,
    now,
    actor: ctx.actor(),
    deviceId: ctx.deviceId,
  };
  const stored = statements(ctx.store.sqlite).write(row);
  return { id, itemId: target.itemId, value, note: stored, fails, updatedAt: now, updatedBy: row.actor };
}

export function answerItem(ctx: CoreContext, input: MethodInput<'checklist.answer'>): AnswerView {
  liveEngagement(ctx, input.engagementId);
  const checklist = startChecklist(ctx, input.engagementId, input.templateId);
  const { items } = pinnedTemplate(ctx, checklist.templateHash);
  const item = items.get(input.itemId);
  if (!item)
    throw failure('INVALID_INPUT', `itemId: the checklist has no item "${input.itemId}".`, { field: 'itemId' });
  // The router has parsed the value against the contract already.
  const value: AnswerValue | null = input.value;
  if (value) checkValue(item, value);
  return store(ctx, input, value, input.note ?? null, value ? answerFails(item, value) : false);
}

function currentAnswer(ctx: CoreContext, id: string) {
  return ctx.store.db.select().from(checklistAnswers).where(eq(checklistAnswers.id, id)).get();
}

/**
 * Undo of the last change to an item: the value and note it had before, taken from the history
 * (the undo itself is recorded too, so nothing is ever lost).
 */
export function undoAnswer(ctx: CoreContext, input: MethodInput<'checklist.undo'>): AnswerView {
  liveEngagement(ctx, input.engagementId);
  const id = answerId(input.engagementId, input.templateId, input.itemId);
  const [, previous] = ctx.store.db
    .select()
    .from(answerHistory)
    .where(eq(answerHistory.answerId, id))
    .orderBy(desc(answerHistory.createdAt), desc(answerHistory.id))
    .limit(2)
    .all();
  if (!currentAnswer(ctx, id))
    throw failure('NOT_FOUND', 'There is no answer to undo for this item.', { field: 'itemId' });
  const checklist = startChecklist(ctx, input.engagementId, input.templateId);
  const item = pinnedTemplate(ctx, checklist.templateHash).items.get(input.itemId);
  const value = previous?.value ? (JSON.parse(previous.value) as AnswerValue) : null;
  const fails = value && item ? answerFails(item, value) : false;
  return store(ctx, input, value, previous?.note ?? '', fails);
}

export function checklistView(ctx: CoreContext, input: MethodInput<'checklist.view'>): MethodOutput<'checklist.view'> {
  const engagement = getEngagement(ctx, input.engagementId);
  const readOnly = engagement.deletedAt !== null || engagement.status === 'archived';
  // An archived engagement is shown as it stands: its checklist if started, else the current template, unstarted.
  const started = engagementChecklists(ctx, input.engagementId).find((c) => c.templateId === input.templateId);
  const templateHash = readOnly
    ? (started?.templateHash ?? getTemplate(ctx, input.templateId).hash)
    : startChecklist(ctx, input.engagementId, input.templateId).templateHash;
  const template =
    started || !readOnly ? pinnedTemplate(ctx, templateHash).template : getTemplate(ctx, input.templateId).template;
  const answers = ctx.store.db
    .select()
    .from(checklistAnswers)
    .where(
      and(
        eq(checklistAnswers.engagementId, input.engagementId),
        eq(checklistAnswers.templateId, input.templateId),
        isNull(checklistAnswers.deletedAt),
      ),
    )
    .all()
    .map((a) => ({
      id: a.id,
      itemId: a.itemId,
      value: a.value === null ? null : (JSON.parse(a.value) as AnswerValue),
      note: a.note,
      fails: a.fails,
      updatedAt: a.updatedAt,
      updatedBy: a.updatedBy,
    }));
  const resourceTypes = [
    ...new Set(
      ctx.store.db
        .select({ type: scopeResources.resourceType })
        .from(scopeResources)
        .where(and(eq(scopeResources.engagementId, input.engagementId), isNull(scopeResources.deletedAt)))
        .all()
        .map((r) => r.type),
    ),
  ];
  return {
    engagementId: engagement.id,
    templateId: input.templateId,
    templateHash,
    template,
    answers,
    resourceTypesInScope: resourceTypes,
  };
}
