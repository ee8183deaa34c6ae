import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/*
 * Every row is built to merge one day across laptops: a client-made UUIDv7 id, created/updated
 * times in ISO-8601 UTC, who and which device changed it last, and soft deletes (no cascades).
 */
const mergeable = {
  id: text('id').primaryKey(),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
  deviceId: text('device_id').notNull(),
  deletedAt: text('deleted_at'),
};

export const engagements = sqliteTable(
  'engagements',
  {
    ...mergeable,
    customerOrg: text('customer_org').notNull(),
    eventName: text('event_name').notNull(),
    eventKind: text('event_kind').notNull(),
    eventStartUtc: text('event_start_utc').notNull(),
    eventEndUtc: text('event_end_utc').notNull(),
    /** Wall times as the consultant entered them, kept so lists need no time-zone arithmetic. */
    eventStartLocal: text('event_start_local').notNull(),
    eventEndLocal: text('event_end_local').notNull(),
    /** IANA zone the event is planned in; the UTC times above are shown in it. */
    timeZone: text('time_zone').notNull(),
    catalogId: text('catalog_id').notNull(),
    editionId: text('edition_id').notNull(),
    language: text('language').notNull(),
    status: text('status').notNull(),
    statusBeforeArchive: text('status_before_archive'),
    /** Set when the trash is emptied: the row stays as a tombstone so a sync peer learns of it. */
    purgedAt: text('purged_at'),
  },
  (t) => [index('engagements_live_idx').on(t.deletedAt, t.status), index('engagements_updated_idx').on(t.updatedAt)],
);

/** Installation preferences, one zod-validated JSON value per key. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});
