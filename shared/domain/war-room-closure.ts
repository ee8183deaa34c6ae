/**
 * Closing the war room: the period's outcome (objectives met, partly met or not, in words),
 * lessons learned and follow-up actions with owners. Closing is what the sign-off gate of the
 * summaries and acceptance reports waits for; once closed, the war-room log takes no more entries
 * until it is reopened with a reason.
 */
import { z } from 'zod';
import { isIsoDate } from './calendar';

export const CLOSURE_OUTCOMES = ['met', 'partly', 'notMet'] as const;
export type ClosureOutcome = (typeof CLOSURE_OUTCOMES)[number];

const requiredText = (max: number, key: string) =>
  z.string({ message: key }).trim().min(1, { message: key }).max(max, { message: 'validation.tooLong' });

export const followUpSchema = z.object({
  action: requiredText(1000, 'validation.followUpAction'),
  owner: requiredText(200, 'validation.followUpOwner'),
  /** YYYY-MM-DD, or null. */
  due: z.string().refine(isIsoDate, { message: 'validation.date' }).nullable().default(null),
});
export type FollowUp = z.output<typeof followUpSchema>;

export const closureInputSchema = z.object({
  outcome: z.enum(CLOSURE_OUTCOMES, { message: 'validation.closureOutcome' }),
  /** The outcome in words: which objectives were met, which not and why. */
  summary: requiredText(4000, 'validation.closureSummary'),
  lessons: z
    .array(requiredText(1000, 'validation.closureLesson'))
    .max(100, { message: 'validation.tooMany' })
    .default([]),
  followUps: z.array(followUpSchema).max(100, { message: 'validation.tooMany' }).default([]),
});
export type ClosureInput = z.input<typeof closureInputSchema>;
export type ClosureFields = z.output<typeof closureInputSchema>;

/** What the store keeps in on_duty_settings.closure: the last closing's content and who closed it. */
export const storedClosureSchema = closureInputSchema.extend({
  closedBy: z.string(),
  /** Set when the war room was reopened after this closing: why, by whom, when. */
  reopened: z.object({ reason: z.string(), by: z.string(), at: z.string() }).nullable().default(null),
  /** True when it was closed before the event window ended (documents say so); false for older records. */
  closedBeforeWindowEnd: z.boolean().default(false),
  /** INC-nnn of the incidents still open (no resolved time) at closing, in number order. */
  openIncidentsAtClose: z.array(z.string()).default([]),
});
export type StoredClosure = z.output<typeof storedClosureSchema>;

/** The war room's state as the core answers it. */
export const warRoomStateSchema = z.object({
  /** ISO-8601 UTC while closed, null while open. */
  closedAt: z.string().nullable(),
  /** The last closing's record (kept when reopened, so closing again starts from it); null before the first. */
  closure: storedClosureSchema.nullable(),
});
export type WarRoomState = z.infer<typeof warRoomStateSchema>;

export const reopenReasonSchema = z
  .string({ message: 'validation.reopenReason' })
  .trim()
  .min(5, { message: 'validation.reopenReason' })
  .max(1000, { message: 'validation.tooLong' });

const OUTCOME_TEXT: Record<ClosureOutcome, { en: string; 'zh-CN': string }> = {
  met: { en: 'Objectives met', 'zh-CN': '目标已达成' },
  partly: { en: 'Objectives partly met', 'zh-CN': '目标部分达成' },
  notMet: { en: 'Objectives not met', 'zh-CN': '目标未达成' },
};

export function outcomeText(outcome: ClosureOutcome, language: 'en' | 'zh-CN'): string {
  return OUTCOME_TEXT[outcome][language];
}

/** A sentence without its closing full stop, so joining sentences never doubles it. */
function sentence(text: string): string {
  return text.trim().replace(/[.。]+$/u, '');
}

/**
 * The 'closure' entry closing appends to the war-room log, in the engagement's language (the log
 * is quoted in its documents): the outcome, how many lessons and follow-ups, and whether it was
 * closed before the window ended or with incidents open.
 */
export function closureLogText(
  closure: ClosureFields,
  language: 'en' | 'zh-CN',
  context: { closedBeforeWindowEnd: boolean; openIncidentsAtClose: readonly string[] } = {
    closedBeforeWindowEnd: false,
    openIncidentsAtClose: [],
  },
): string {
  const zh = language === 'zh-CN';
  const outcome = OUTCOME_TEXT[closure.outcome][language];
  const parts = [
    zh
      ? `作战室已关闭。${outcome}：${sentence(closure.summary)}`
      : `War room closed. ${outcome}: ${sentence(closure.summary)}`,
  ];
  if (closure.lessons.length > 0) {
    parts.push(zh ? `经验教训：${closure.lessons.length} 条` : `Lessons learned: ${closure.lessons.length}`);
  }
  if (closure.followUps.length > 0) {
    parts.push(zh ? `后续行动：${closure.followUps.length} 项` : `Follow-up actions: ${closure.followUps.length}`);
  }
  if (context.closedBeforeWindowEnd) parts.push(zh ? '在活动窗口结束前关闭' : 'Closed before the event window ended');
  if (context.openIncidentsAtClose.length > 0) {
    const refs = context.openIncidentsAtClose.join(', ');
    parts.push(zh ? `关闭时未解决的事件：${refs}` : `Incidents open at closing: ${refs}`);
  }
  return zh ? `${parts.join('。')}。` : `${parts.join('. ')}.`;
}

/** The 'closure' entry reopening appends, in the engagement's language. */
export function reopenLogText(reason: string, language: 'en' | 'zh-CN'): string {
  return language === 'zh-CN' ? `作战室重新开启：${reason}` : `War room reopened: ${reason}`;
}
