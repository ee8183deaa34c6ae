import { z } from 'zod';
import { canonicalTimeZone, isKnownTimeZone, isRealLocalDateTime, LOCAL_DATE_TIME, localToUtc } from './time';

/*
 * Validation messages are i18n keys (`validation.*`): the renderer shows them in the UI language,
 * the router turns them into English for logs and error strings (see shared/domain/messages.ts).
 */

export const EVENT_KINDS = [
  'promotion',
  'holiday',
  'rollout',
  'exhibition',
  'gameLaunch',
  'sports',
  'systemLaunch',
  'other',
] as const;
export const eventKindSchema = z.enum(EVENT_KINDS, { message: 'validation.eventKind' });
export type EventKind = z.infer<typeof eventKindSchema>;

export const ENGAGEMENT_STATUSES = ['planning', 'preparing', 'onDuty', 'closing', 'accepted', 'archived'] as const;
export const engagementStatusSchema = z.enum(ENGAGEMENT_STATUSES, { message: 'validation.status' });
export type EngagementStatus = z.infer<typeof engagementStatusSchema>;
/** Statuses a consultant sets by hand; `archived` is reached through archive/unarchive. */
export const WORKING_STATUSES = ENGAGEMENT_STATUSES.filter((s) => s !== 'archived');

export const DELIVERABLE_LANGUAGES = ['en', 'zh-CN'] as const;
export const deliverableLanguageSchema = z.enum(DELIVERABLE_LANGUAGES, { message: 'validation.language' });
export type DeliverableLanguage = z.infer<typeof deliverableLanguageSchema>;

/** Control characters (NUL, line breaks…) and invisible format characters (zero-width spaces…). */
export const INVISIBLE = /[\p{Cc}\p{Cf}]/u;

/**
 * A one-line name: trimmed, with at least one visible character and no control or invisible
 * format characters, which would print as nothing (or break a line) in a signed document.
 */
const text = (max: number, requiredKey: string) =>
  z
    .string({ message: requiredKey })
    .trim()
    .min(1, { message: requiredKey })
    .max(max, { message: 'validation.tooLong' })
    .refine((value) => !INVISIBLE.test(value), { message: 'validation.invisibleCharacters' });

const localDateTime = (key: string) => z.string({ message: key }).regex(LOCAL_DATE_TIME, { message: key });

/** Fields the consultant types; one schema for the create form, the edit form and the contract. */
export const engagementFieldsSchema = z.object({
  customerOrg: text(200, 'validation.customerOrgRequired'),
  eventName: text(200, 'validation.eventNameRequired'),
  eventKind: eventKindSchema,
  eventStartLocal: localDateTime('validation.eventStartRequired'),
  eventEndLocal: localDateTime('validation.eventEndRequired'),
  timeZone: z
    .string({ message: 'validation.timeZoneRequired' })
    .trim()
    .min(1, { message: 'validation.timeZoneRequired' })
    .refine(isKnownTimeZone, { message: 'validation.timeZoneUnknown' })
    .transform(canonicalTimeZone),
  /** A catalog id: shipped or the firm's own; the core checks it names a catalog it has. */
  catalogId: z
    .string({ message: 'validation.catalog' })
    .regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'validation.catalog' }),
  editionId: z.string({ message: 'validation.edition' }).min(1, { message: 'validation.edition' }),
  language: deliverableLanguageSchema,
});
export type EngagementFields = z.infer<typeof engagementFieldsSchema>;

type FieldsCheck = Pick<EngagementFields, 'eventStartLocal' | 'eventEndLocal' | 'timeZone' | 'catalogId' | 'editionId'>;

/**
 * The event window in UTC, or the issues that stop it: a wall time the zone skips, an end not
 * after the start. Returns the window so callers need not convert the times a second time.
 */
export function checkEventWindow(
  fields: Pick<EngagementFields, 'eventStartLocal' | 'eventEndLocal' | 'timeZone'>,
  ctx: z.RefinementCtx,
): { startUtc: string; endUtc: string } | null {
  let realDates = true;
  for (const field of ['eventStartLocal', 'eventEndLocal'] as const) {
    if (LOCAL_DATE_TIME.test(fields[field]) && !isRealLocalDateTime(fields[field])) {
      ctx.addIssue({ code: 'custom', path: [field], message: 'validation.dateInvalid' });
      realDates = false;
    }
  }
  if (!realDates || !isKnownTimeZone(fields.timeZone)) return null;
  const start = localToUtc(fields.eventStartLocal, fields.timeZone);
  const end = localToUtc(fields.eventEndLocal, fields.timeZone);
  if (LOCAL_DATE_TIME.test(fields.eventStartLocal) && start === null) {
    ctx.addIssue({ code: 'custom', path: ['eventStartLocal'], message: 'validation.localTimeMissing' });
  }
  if (LOCAL_DATE_TIME.test(fields.eventEndLocal) && end === null) {
    ctx.addIssue({ code: 'custom', path: ['eventEndLocal'], message: 'validation.localTimeMissing' });
  }
  if (start === null || end === null) return null;
  if (end <= start) {
    ctx.addIssue({ code: 'custom', path: ['eventEndLocal'], message: 'validation.endBeforeStart' });
    return null;
  }
  return { startUtc: start, endUtc: end };
}

/**
 * Rules that span fields: the window exists in its zone and ends after it starts. Whether the
 * edition belongs to the catalog is checked by the core, which knows the firm's catalogs too.
 */
export function checkEngagementFields(fields: FieldsCheck, ctx: z.RefinementCtx): void {
  checkEventWindow(fields, ctx);
}

export const engagementDraftSchema = engagementFieldsSchema.superRefine(checkEngagementFields);

export const engagementSchema = engagementFieldsSchema.extend({
  id: z.string().uuid(),
  status: engagementStatusSchema,
  /** The status to go back to when an archived engagement is unarchived. */
  statusBeforeArchive: engagementStatusSchema.nullable(),
  eventStartUtc: z.string(),
  eventEndUtc: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  deletedAt: z.string().nullable(),
});
export type Engagement = z.infer<typeof engagementSchema>;

export const ENGAGEMENT_SORT_KEYS = ['updatedAt', 'eventStart', 'customerOrg', 'eventName'] as const;
export const engagementListQuerySchema = z.object({
  search: z.string().trim().max(200, { message: 'validation.tooLong' }).default(''),
  statuses: z.array(engagementStatusSchema).default([]),
  includeArchived: z.boolean().default(false),
  sortBy: z.enum(ENGAGEMENT_SORT_KEYS).default('updatedAt'),
  sortDir: z.enum(['asc', 'desc']).default('desc'),
});
export type EngagementListQuery = z.infer<typeof engagementListQuerySchema>;
