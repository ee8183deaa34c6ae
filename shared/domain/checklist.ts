/**
 * Checklist templates (survey, risk inspection, security evaluation) as versioned data under
 * resources/checklists/, and the answers given to them. An answer can fail an item; a failing
 * answer proposes a finding prefilled from the item.
 */
import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import { localizedSchema, sourceSchema } from './catalog';
import { RESOURCE_TYPES } from './plan';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'expected a lowercase id (letters, digits, hyphens)' });

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CHECKLIST_KINDS = ['survey', 'inspection', 'security'] as const;
export type ChecklistKind = (typeof CHECKLIST_KINDS)[number];

export const ANSWER_TYPES = ['yesNo', 'singleChoice', 'multiChoice', 'number', 'text', 'date'] as const;

const choiceSchema = z.object({ id, label: localizedSchema });

/**
 * When an answer fails the item: for yes/no the failing value; for choices the failing option ids;
 * for numbers a bound with its comparison. Text and date answers never fail by themselves.
 */
export const failWhenSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('yesNo'), value: z.enum(['yes', 'no']) }),
  z.object({ kind: z.literal('choice'), anyOf: z.array(id).min(1) }),
  z.object({ kind: z.literal('number'), below: z.number().optional(), above: z.number().optional() }),
]);
export type FailWhen = z.infer<typeof failWhenSchema>;

/** Show an item only when an earlier answer matches, and/or when a resource type is in scope. */
export const itemConditionSchema = z.object({
  answer: z.object({ itemId: id, equals: z.union([z.string(), z.array(z.string())]) }).optional(),
  resourceTypes: z.array(z.enum(RESOURCE_TYPES)).optional(),
});

export const checklistItemSchema = z.object({
  id,
  prompt: localizedSchema,
  guidance: localizedSchema,
  answerType: z.enum(ANSWER_TYPES),
  choices: z.array(choiceSchema).optional(),
  unit: z.string().optional(),
  failWhen: failWhenSchema.optional(),
  severity: z.enum(SEVERITIES),
  recommendation: localizedSchema,
  /** Product names of both providers the item concerns, e.g. "ECS / Elastic Cloud Server". */
  products: z.object({ alibaba: z.string().optional(), huawei: z.string().optional() }).optional(),
  condition: itemConditionSchema.optional(),
  source: sourceSchema.optional(),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

export const checklistSectionSchema = z.object({
  id,
  title: localizedSchema,
  /** A section for one kind of resource is shown only when that kind is in scope. */
  resourceType: z.enum(RESOURCE_TYPES).optional(),
  items: z.array(checklistItemSchema).min(1, { message: 'expected at least one item' }),
});

export const checklistTemplateSchema = z
  .object({
    schemaVersion: z.literal(1),
    id,
    version: z.string().regex(/^\d+\.\d+(\.\d+)?$/, { message: 'expected a version such as 1.0' }),
    kind: z.enum(CHECKLIST_KINDS),
    title: localizedSchema,
    description: localizedSchema,
    sections: z.array(checklistSectionSchema).min(1),
  })
  .superRefine((template, ctx) => {
    const ids = template.sections.flatMap((s) => s.items.map((i) => i.id));
    const seen = new Set<string>();
    for (const itemId of ids) {
      if (seen.has(itemId))
        ctx.addIssue({ code: 'custom', path: ['sections'], message: `item id "${itemId}" is used twice` });
      seen.add(itemId);
    }
    // Items seen so far, in order: a condition may only look back, so answering top to bottom works.
    const earlier = new Map<string, { answerType: string; choices: Set<string> }>();
    for (const [s, section] of template.sections.entries()) {
      for (const [i, item] of section.items.entries()) {
        const path = ['sections', s, 'items', i];
        const needsChoices = item.answerType === 'singleChoice' || item.answerType === 'multiChoice';
        if (needsChoices && (item.choices?.length ?? 0) < 2) {
          ctx.addIssue({ code: 'custom', path: [...path, 'choices'], message: 'expected at least two choices' });
        }
        if (item.failWhen?.kind === 'yesNo' && item.answerType !== 'yesNo') {
          ctx.addIssue({ code: 'custom', path: [...path, 'failWhen'], message: 'a yes/no rule needs a yes/no item' });
        }
        if (item.failWhen?.kind === 'number' && item.answerType !== 'number') {
          ctx.addIssue({ code: 'custom', path: [...path, 'failWhen'], message: 'a number rule needs a number item' });
        }
        if (
          item.failWhen?.kind === 'number' &&
          item.failWhen.below === undefined &&
          item.failWhen.above === undefined
        ) {
          ctx.addIssue({ code: 'custom', path: [...path, 'failWhen'], message: 'a number rule needs below or above' });
        }
        if (item.failWhen?.kind === 'choice' && !needsChoices) {
          ctx.addIssue({ code: 'custom', path: [...path, 'failWhen'], message: 'a choice rule needs a choice item' });
        }
        if (item.answerType === 'number' && !item.unit) {
          ctx.addIssue({ code: 'custom', path: [...path, 'unit'], message: 'a number item needs a unit' });
        }
        if (item.failWhen?.kind === 'choice') {
          const choiceIds = new Set(item.choices?.map((c) => c.id));
          for (const choice of item.failWhen.anyOf) {
            if (!choiceIds.has(choice))
              ctx.addIssue({ code: 'custom', path: [...path, 'failWhen'], message: `no choice "${choice}"` });
          }
        }
        const dependsOn = item.condition?.answer?.itemId;
        if (dependsOn && !seen.has(dependsOn)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'condition'],
            message: `no item "${dependsOn}" in this checklist`,
          });
        } else if (dependsOn && item.condition?.answer) {
          const target = earlier.get(dependsOn);
          if (!target) {
            ctx.addIssue({
              code: 'custom',
              path: [...path, 'condition'],
              message: `item "${dependsOn}" must come before the item that depends on it`,
            });
          } else {
            const { equals } = item.condition.answer;
            const allowed =
              target.answerType === 'yesNo'
                ? new Set(['yes', 'no', 'na'])
                : target.choices.size
                  ? target.choices
                  : null;
            for (const value of typeof equals === 'string' ? [equals] : equals) {
              if (allowed && !allowed.has(value))
                ctx.addIssue({
                  code: 'custom',
                  path: [...path, 'condition'],
                  message: `item "${dependsOn}" cannot be answered "${value}"`,
                });
            }
          }
        }
        earlier.set(item.id, { answerType: item.answerType, choices: new Set(item.choices?.map((c) => c.id)) });
      }
    }
  });
export type ChecklistTemplate = z.infer<typeof checklistTemplateSchema>;

/** An answer's value, by answer type. */
export const answerValueSchema = z.union([
  z.object({ kind: z.literal('yesNo'), value: z.enum(['yes', 'no', 'na']) }),
  z.object({ kind: z.literal('singleChoice'), value: z.string() }),
  z.object({ kind: z.literal('multiChoice'), value: z.array(z.string()) }),
  z.object({ kind: z.literal('number'), value: z.number() }),
  z.object({ kind: z.literal('text'), value: z.string().max(10_000) }),
  z.object({ kind: z.literal('date'), value: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
]);
export type AnswerValue = z.infer<typeof answerValueSchema>;

/** True when the answer fails the item (and so proposes a finding). */
export function answerFails(item: ChecklistItem, answer: AnswerValue): boolean {
  const rule = item.failWhen;
  if (!rule) return false;
  if (rule.kind === 'yesNo') return answer.kind === 'yesNo' && answer.value === rule.value;
  if (rule.kind === 'choice') {
    if (answer.kind === 'singleChoice') return rule.anyOf.includes(answer.value);
    if (answer.kind === 'multiChoice') return answer.value.some((v) => rule.anyOf.includes(v));
    return false;
  }
  if (answer.kind !== 'number') return false;
  return (
    (rule.below !== undefined && answer.value < rule.below) || (rule.above !== undefined && answer.value > rule.above)
  );
}

export const FINDING_STATUSES = ['open', 'inProgress', 'rectified', 'riskAccepted'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export type ChecklistSection = ChecklistTemplate['sections'][number];

/** What the template list shows: enough to pick one, without its items. */
export const checklistTemplateSummarySchema = z.object({
  id: z.string(),
  version: z.string(),
  kind: z.enum(CHECKLIST_KINDS),
  title: localizedSchema,
  description: localizedSchema,
  itemCount: z.number().int(),
});
export type ChecklistTemplateSummary = z.infer<typeof checklistTemplateSummarySchema>;

export function checklistItemCount(template: ChecklistTemplate): number {
  return template.sections.reduce((sum, section) => sum + section.items.length, 0);
}

/** True when the answer is one of `equals`; a multiple choice matches when any picked option is. */
function answerMatches(answer: AnswerValue, equals: string | readonly string[]): boolean {
  const wanted = typeof equals === 'string' ? [equals] : equals;
  if (answer.kind === 'multiChoice') return answer.value.some((v) => wanted.includes(v));
  return wanted.includes(String(answer.value));
}

export type VisibleSection = { section: ChecklistSection; items: ChecklistItem[] };

/**
 * The sections and items to show, in template order, given the answers so far and the resource
 * types in the engagement's scope.
 *
 * - A section (or item) tied to resource types is shown when one of them is in scope. When the
 *   scope is still empty every such section is shown: a consultant often inspects before the
 *   scope has been typed in, and hiding the whole inspection would look like an empty checklist.
 * - An item conditional on an earlier answer is shown only when that answer is given and matches,
 *   and only when that earlier item is itself shown (a hidden item's stale answer never opens its
 *   follow-ups).
 * - A section with no item left to show is left out.
 */
export function visibleItems(
  template: ChecklistTemplate,
  answersByItemId: ReadonlyMap<string, AnswerValue>,
  resourceTypesInScope: ReadonlySet<string>,
): VisibleSection[] {
  const inScope = (types: readonly string[] | undefined) =>
    !types || resourceTypesInScope.size === 0 || types.some((t) => resourceTypesInScope.has(t));
  const shown = new Set<string>();
  const result: VisibleSection[] = [];
  for (const section of template.sections) {
    if (!inScope(section.resourceType ? [section.resourceType] : undefined)) continue;
    const items = section.items.filter((item) => {
      if (!inScope(item.condition?.resourceTypes)) return false;
      const rule = item.condition?.answer;
      if (rule) {
        const answer = answersByItemId.get(rule.itemId);
        if (!shown.has(rule.itemId) || !answer || !answerMatches(answer, rule.equals)) return false;
      }
      shown.add(item.id);
      return true;
    });
    if (items.length > 0) result.push({ section, items });
  }
  return result;
}

export type ChecklistProgress = { answered: number; total: number; failed: number };

/** Answered, total and failed over the items shown (see `visibleItems`); hidden answers do not count. */
export function checklistProgress(
  template: ChecklistTemplate,
  answersByItemId: ReadonlyMap<string, AnswerValue>,
  resourceTypesInScope: ReadonlySet<string>,
): ChecklistProgress {
  const progress: ChecklistProgress = { answered: 0, total: 0, failed: 0 };
  for (const { items } of visibleItems(template, answersByItemId, resourceTypesInScope)) {
    for (const item of items) {
      progress.total += 1;
      const answer = answersByItemId.get(item.id);
      if (!answer) continue;
      progress.answered += 1;
      if (answerFails(item, answer)) progress.failed += 1;
    }
  }
  return progress;
}

/** Namespace of answer ids; fixed forever, or peers would stop meeting on one row. */
const ANSWER_NAMESPACE = '2f6f1c52-2d39-4b7e-9a57-7a8c3b0f5e11';

/**
 * The id of the answer to one item in one engagement: the same on every laptop (UUIDv5), and
 * known before the item is answered, so evidence can be attached first.
 */
export function answerId(engagementId: string, templateId: string, itemId: string): string {
  return uuidv5(`${engagementId}/${templateId}/${itemId}`, ANSWER_NAMESPACE);
}
