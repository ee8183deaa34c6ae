import type { Contract, Method, MethodOutput } from '@shared/contract';
import type { AnswerValue, ChecklistItem } from '@shared/domain/checklist';
import {
  findSecrets,
  hitContext,
  maskSecrets,
  REDACTION_FIELDS_OF,
  type RedactionDecision,
  type RedactionField,
  type RedactionHit,
  type RedactionSourceKind,
} from '@shared/domain/redaction';
import { and, eq, isNull } from 'drizzle-orm';
import { v5 as uuidv5 } from 'uuid';
import type { z } from 'zod';
import type { CoreContext } from '../context';
import { checklistAnswers, findings, redactionDecisions } from '../db/schema';
import { failure } from '../errors';
import { decisionKey, fingerprintedSecrets, type RedactionRules, redactField } from '../export/redact';
import { engagementChecklists, readTemplateSnapshot } from './checklists';
import { getEngagement } from './engagements';

/** A method's input as the router hands it over: parsed, defaults applied. */
type In<M extends Method> = z.output<Contract[M]['input']>;
type DecideInput = In<'redaction.decide'>;

/** One scanned text: where it is, what to call it on screen, and the text itself. */
type Source = {
  sourceKind: RedactionSourceKind;
  sourceId: string;
  field: RedactionField;
  label: RedactionHit['label'];
  text: string;
};

// Pure and shared with the export worker: see export/redact.ts.
export { fingerprintedSecrets, secretFingerprint } from '../export/redact';

const DECISION_NAMESPACE = '6c1f0e7a-3b55-4d0f-8f0e-5f2b9a7d4c21';

/** Deterministic, so two consultants deciding on one secret meet on one row. */
export function decisionId(
  engagementId: string,
  t: { sourceKind: string; sourceId: string; field: string; fingerprint: string },
) {
  return uuidv5(`${engagementId}/${t.sourceKind}/${t.sourceId}/${t.field}/${t.fingerprint}`, DECISION_NAMESPACE);
}

function textValue(value: string | null): string {
  if (value === null) return '';
  try {
    const parsed = JSON.parse(value) as AnswerValue;
    return parsed.kind === 'text' ? parsed.value : '';
  } catch {
    return '';
  }
}

/** The prompts of every item of the engagement's started checklists, by template and item id. */
function prompts(ctx: CoreContext, engagementId: string): Map<string, ChecklistItem['prompt']> {
  const out = new Map<string, ChecklistItem['prompt']>();
  for (const checklist of engagementChecklists(ctx, engagementId)) {
    const template = readTemplateSnapshot(ctx, checklist.templateHash);
    for (const section of template.sections) {
      for (const item of section.items) out.set(`${checklist.templateId}/${item.id}`, item.prompt);
    }
  }
  return out;
}

/** Masked, in case the label (a finding's title) holds a secret itself. */
const safe = (text: string) => maskSecrets(text, findSecrets(text));

/** Every text of the engagement that is scanned, in a stable order: answers, then findings. */
function sources(ctx: CoreContext, engagementId: string, only?: { kind: RedactionSourceKind; id: string }): Source[] {
  const out: Source[] = [];
  if (!only || only.kind === 'answer') {
    const byItem = prompts(ctx, engagementId);
    const answers = ctx.store.db
      .select()
      .from(checklistAnswers)
      .where(
        and(
          eq(checklistAnswers.engagementId, engagementId),
          isNull(checklistAnswers.deletedAt),
          only ? eq(checklistAnswers.id, only.id) : undefined,
        ),
      )
      .orderBy(checklistAnswers.templateId, checklistAnswers.createdAt, checklistAnswers.id)
      .all();
    for (const answer of answers) {
      const prompt = byItem.get(`${answer.templateId}/${answer.itemId}`);
      const label = prompt ? { en: safe(prompt.en), 'zh-CN': safe(prompt['zh-CN']) } : both(answer.itemId);
      const texts: Record<string, string> = { value: textValue(answer.value), note: answer.note };
      for (const field of REDACTION_FIELDS_OF.answer) {
        out.push({ sourceKind: 'answer', sourceId: answer.id, field, label, text: texts[field] ?? '' });
      }
    }
  }
  if (!only || only.kind === 'finding') {
    const rows = ctx.store.db
      .select()
      .from(findings)
      .where(
        and(
          eq(findings.engagementId, engagementId),
          isNull(findings.deletedAt),
          only ? eq(findings.id, only.id) : undefined,
        ),
      )
      .orderBy(findings.createdAt, findings.id)
      .all();
    for (const finding of rows) {
      const label = both(safe(finding.title));
      const texts: Record<string, string> = {
        title: finding.title,
        description: finding.description,
        recommendation: finding.recommendation,
      };
      for (const field of REDACTION_FIELDS_OF.finding) {
        out.push({ sourceKind: 'finding', sourceId: finding.id, field, label, text: texts[field] ?? '' });
      }
    }
  }
  return out;
}

function both(text: string): RedactionHit['label'] {
  return { en: text, 'zh-CN': text };
}

/** The live decisions of an engagement, by source, field and fingerprint. */
function decisions(ctx: CoreContext, engagementId: string): Map<string, RedactionDecision> {
  const rows = ctx.store.db
    .select()
    .from(redactionDecisions)
    .where(and(eq(redactionDecisions.engagementId, engagementId), isNull(redactionDecisions.deletedAt)))
    .all();
  return new Map(rows.map((row) => [decisionKey(row), row.decision as RedactionDecision]));
}

/** Every credential found in the engagement's answers and live findings, with its decision if made. */
export function scan(ctx: CoreContext, engagementId: string): MethodOutput<'redaction.scan'> {
  getEngagement(ctx, engagementId);
  const decided = decisions(ctx, engagementId);
  const hits: RedactionHit[] = [];
  for (const source of sources(ctx, engagementId)) {
    if (source.text === '') continue;
    const found = fingerprintedSecrets(source.text);
    for (const [index, hit] of found.entries()) {
      const target = {
        sourceKind: source.sourceKind,
        sourceId: source.sourceId,
        field: source.field,
        fingerprint: hit.fingerprint,
      };
      hits.push({
        ...target,
        kind: hit.kind,
        start: hit.start,
        end: hit.end,
        preview: hit.preview,
        ...hitContext(source.text, found, index),
        decision: decided.get(decisionKey(target)) ?? null,
        label: source.label,
      });
    }
  }
  return hits;
}

/**
 * For the deliverables: a function giving each field's text as it is exported, every secret
 * masked unless the consultant chose to keep it (undecided ones are masked).
 */
export function redactor(
  ctx: CoreContext,
  engagementId: string,
): (sourceKind: RedactionSourceKind, sourceId: string, field: RedactionField, text: string) => string {
  return redactField(redactionRules(ctx, engagementId));
}

/** The engagement's live decisions as plain data, for building a document here or in the worker. */
export function redactionRules(ctx: CoreContext, engagementId: string): RedactionRules {
  const decided = decisions(ctx, engagementId);
  const kept = [
    ...new Set([...decided].filter(([, d]) => d === 'keep').map(([key]) => key.slice(key.lastIndexOf('/') + 1))),
  ];
  return { decided: [...decided], kept };
}

function writableEngagement(ctx: CoreContext, engagementId: string) {
  const engagement = getEngagement(ctx, engagementId);
  if (engagement.deletedAt !== null || engagement.status === 'archived') {
    throw failure(
      'CONFLICT',
      `The engagement "${engagement.eventName}" is ${engagement.deletedAt ? 'in the trash' : 'archived'}; its redaction decisions cannot change.`,
      { field: 'engagementId' },
    );
  }
}

/** Inserts or updates one decision; the caller holds the transaction. */
function store(ctx: CoreContext, engagementId: string, input: Omit<DecideInput, 'engagementId'>) {
  const id = decisionId(engagementId, input);
  const now = ctx.now();
  const stamp = { updatedAt: now, updatedBy: ctx.actor(), deviceId: ctx.deviceId };
  ctx.store.db
    .insert(redactionDecisions)
    .values({
      id,
      engagementId,
      createdAt: now,
      deletedAt: null,
      ...stamp,
      sourceKind: input.sourceKind,
      sourceId: input.sourceId,
      field: input.field,
      fingerprint: input.fingerprint,
      kind: input.kind,
      decision: input.decision,
    })
    .onConflictDoUpdate({
      target: redactionDecisions.id,
      set: { kind: input.kind, decision: input.decision, deletedAt: null, ...stamp },
    })
    .run();
}

/**
 * Stores the decision for one hit. The hit must be in the field's current text: a decision for a
 * secret that has since changed or gone is refused, and the screen scans again.
 */
export function decide(ctx: CoreContext, input: DecideInput): MethodOutput<'redaction.decide'> {
  writableEngagement(ctx, input.engagementId);
  const { engagementId, ...target } = input;
  const source = sources(ctx, engagementId, { kind: target.sourceKind, id: target.sourceId }).find(
    (s) => s.field === target.field,
  );
  if (!source) {
    throw failure('NOT_FOUND', `No ${target.sourceKind} ${target.sourceId} in this engagement.`, {
      field: 'sourceId',
    });
  }
  const hit = fingerprintedSecrets(source.text).find((h) => h.fingerprint === target.fingerprint);
  if (!hit) {
    throw failure('CONFLICT', 'This secret is no longer in the text; scan again.', { field: 'fingerprint' });
  }
  ctx.store.sqlite.transaction(() => store(ctx, engagementId, { ...target, kind: hit.kind }))();
  ctx.emit('engagement.changed', { id: engagementId });
  return { ...target, kind: hit.kind };
}

/** "Mask all undecided": one transaction storing mask for every hit without a decision. */
export function maskUndecided(ctx: CoreContext, engagementId: string): MethodOutput<'redaction.maskUndecided'> {
  writableEngagement(ctx, engagementId);
  const undecided = scan(ctx, engagementId).filter((hit) => hit.decision === null);
  ctx.store.sqlite.transaction(() => {
    for (const hit of undecided) {
      store(ctx, engagementId, {
        sourceKind: hit.sourceKind,
        sourceId: hit.sourceId,
        field: hit.field,
        fingerprint: hit.fingerprint,
        kind: hit.kind,
        decision: 'mask',
      });
    }
  })();
  if (undecided.length > 0) ctx.emit('engagement.changed', { id: engagementId });
  return { masked: undecided.length };
}
