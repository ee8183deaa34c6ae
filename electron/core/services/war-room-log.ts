/**
 * The war-room log: insert-only entries, each edit a new row naming the entry it revises.
 * Appending is on the war room's critical path (a line every few seconds at peak), so it runs on
 * prepared statements in one small transaction: one read to check the engagement and war room,
 * one insert. The list is a single query returning each entry's latest revision.
 */
import type { Contract, Method } from '@shared/contract';
import { validationMessage } from '@shared/domain/messages';
import {
  INCIDENT_REF_PATTERN,
  isFutureEntry,
  isLateEntry,
  LOG_KINDS,
  type LogEntry,
  type LogKind,
  type LogPage,
  type LogRevision,
  logCursor,
  logEntryInputSchema,
  parseLogCursor,
} from '@shared/domain/war-room-log';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { CoreContext } from '../context';
import { failure } from '../errors';
import { invalidInput } from '../validation';

type In<M extends Method> = z.output<Contract[M]['input']>;

type LogRow = {
  id: string;
  engagement_id: string;
  created_at: string;
  kind: string;
  text: string;
  occurred_at: string;
  late: number;
  author: string;
  incident_id: string | null;
  checkpoint_id: string | null;
  revision_of: string | null;
};
/** A listed row: the latest revision joined with the first one of its entry. */
type ListedRow = LogRow & { root_id: string; written_at: string; first_author: string; revisions: number };
type WarRoomRow = { eventName: string; status: string; deletedAt: string | null; closedAt: string | null };

const INSERT_SQL = `INSERT INTO log_entries (id, created_at, updated_at, updated_by, device_id, deleted_at, engagement_id,
  kind, text, occurred_at, late, author, incident_id, checkpoint_id, revision_of)
  VALUES (@id, @createdAt, @createdAt, @author, @deviceId, NULL, @engagementId,
  @kind, @text, @occurredAt, @late, @author, @incidentId, @checkpointId, @revisionOf)`;

type InsertParams = {
  id: string;
  createdAt: string;
  author: string;
  deviceId: string;
  engagementId: string;
  kind: LogKind;
  text: string;
  occurredAt: string;
  late: 0 | 1;
  incidentId: string | null;
  checkpointId: string | null;
  revisionOf: string | null;
};

/**
 * The latest revision of every entry of an engagement. The first row of an entry has no
 * `revision_of`; its revisions name it, and the one inserted last (highest rowid: log_entries is a
 * rowid table and insert-only) is what the war room reads. Not `created_at`: a laptop clock that
 * steps back would make an older text look newer.
 */
const LISTED_SELECT = `SELECT l.*, root.id AS root_id, root.created_at AS written_at, root.author AS first_author,
    (SELECT count(*) FROM log_entries x WHERE x.revision_of = root.id) AS revisions
  FROM log_entries root
  JOIN log_entries l ON l.id = coalesce(
    (SELECT x.id FROM log_entries x WHERE x.revision_of = root.id ORDER BY x.rowid DESC LIMIT 1),
    root.id)
  WHERE root.engagement_id = @engagementId AND root.revision_of IS NULL AND root.deleted_at IS NULL`;

function prepareStatements(sqlite: Database.Database) {
  return {
    warRoom: sqlite.prepare<[string], WarRoomRow>(
      `SELECT e.event_name AS eventName, e.status AS status, e.deleted_at AS deletedAt, s.closed_at AS closedAt
       FROM engagements e LEFT JOIN on_duty_settings s ON s.engagement_id = e.id AND s.deleted_at IS NULL
       WHERE e.id = ? AND e.purged_at IS NULL`,
    ),
    insert: sqlite.prepare<InsertParams>(INSERT_SQL),
    row: sqlite.prepare<[string, string], LogRow>(
      'SELECT * FROM log_entries WHERE id = ? AND engagement_id = ? AND deleted_at IS NULL',
    ),
    chain: sqlite.prepare<{ root: string; engagementId: string }, LogRow>(
      `SELECT * FROM log_entries WHERE (id = @root OR revision_of = @root) AND engagement_id = @engagementId AND deleted_at IS NULL
       ORDER BY revision_of IS NOT NULL, rowid`,
    ),
    listedOne: sqlite.prepare<{ engagementId: string; id: string }, ListedRow>(`${LISTED_SELECT} AND root.id = @id`),
    incidentBySeq: sqlite.prepare<[number, string], { id: string }>(
      'SELECT id FROM incidents WHERE seq = ? AND engagement_id = ? AND deleted_at IS NULL',
    ),
    incident: sqlite.prepare<[string, string], { id: string }>(
      'SELECT id FROM incidents WHERE id = ? AND engagement_id = ? AND deleted_at IS NULL',
    ),
    checkpoint: sqlite.prepare<[string, string], { id: string }>(
      'SELECT id FROM checkpoints WHERE id = ? AND engagement_id = ? AND deleted_at IS NULL',
    ),
  };
}
type Statements = ReturnType<typeof prepareStatements>;
const statementsByDb = new WeakMap<Database.Database, Statements>();
function statements(sqlite: Database.Database): Statements {
  let s = statementsByDb.get(sqlite);
  if (!s) {
    s = prepareStatements(sqlite);
    statementsByDb.set(sqlite, s);
  }
  return s;
}

/** List queries differ only in which filters apply; each shape is prepared once. */
const listStatementsByDb = new WeakMap<Database.Database, Map<string, Database.Statement<object, ListedRow>>>();
function listStatement(sqlite: Database.Database, sql: string): Database.Statement<object, ListedRow> {
  let cache = listStatementsByDb.get(sqlite);
  if (!cache) {
    cache = new Map();
    listStatementsByDb.set(sqlite, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = sqlite.prepare<object, ListedRow>(sql);
    cache.set(sql, statement);
  }
  return statement;
}

function isLogKind(kind: string): kind is LogKind {
  return (LOG_KINDS as readonly string[]).includes(kind);
}

function kindOf(row: LogRow): LogKind {
  // Rows come only from this service; an unknown kind would be a sync peer's newer kind, read as an observation.
  return isLogKind(row.kind) ? row.kind : 'observation';
}

function toEntry(row: ListedRow): LogEntry {
  const revised = row.revisions > 0;
  return {
    id: row.root_id,
    revisionId: row.id,
    engagementId: row.engagement_id,
    kind: kindOf(row),
    text: row.text,
    occurredAt: row.occurred_at,
    writtenAt: row.written_at,
    late: row.late === 1,
    author: row.first_author,
    revisions: row.revisions,
    revisedAt: revised ? row.created_at : null,
    revisedBy: revised ? row.author : null,
    incidentId: row.incident_id,
    checkpointId: row.checkpoint_id,
  };
}

/**
 * The engagement must be live and not archived, and its war room open: a closed war room's log
 * is the record the summary was written from. The closure entry itself is the one exception.
 */
function assertWritable(s: Statements, engagementId: string, kind: LogKind) {
  const warRoom = s.warRoom.get(engagementId);
  if (!warRoom) throw failure('NOT_FOUND', `No engagement with id ${engagementId}.`, { field: 'engagementId' });
  if (warRoom.deletedAt !== null || warRoom.status === 'archived') {
    throw failure(
      'CONFLICT',
      `The engagement "${warRoom.eventName}" is ${warRoom.deletedAt ? 'in the trash' : 'archived'}; its war-room log cannot change.`,
      { field: 'engagementId' },
    );
  }
  if (warRoom.closedAt !== null && kind !== 'closure') {
    throw failure(
      'CONFLICT',
      `The war room of "${warRoom.eventName}" was closed at ${warRoom.closedAt}; its log cannot change. Reopen it to add entries.`,
      { field: 'engagementId', messageKey: 'warRoomLog.closedError' },
    );
  }
}

/** The time an entry happened: now when not given, never further ahead than the clocks disagree. */
function occurredTime(occurredAt: string | undefined, now: string, field: string): string {
  if (occurredAt === undefined) return now;
  const normalised = new Date(occurredAt).toISOString();
  if (isFutureEntry(normalised, now)) {
    throw failure('INVALID_INPUT', `${field}: ${validationMessage('validation.logTimeFuture')}`, {
      field,
      messageKey: 'validation.logTimeFuture',
    });
  }
  return normalised;
}

/** The live incident INC-nnn names; refused naming the reference when there is none. */
function incidentIdOfRef(s: Statements, engagementId: string, ref: string): string {
  const seq = Number(INCIDENT_REF_PATTERN.exec(ref)?.[1] ?? Number.NaN);
  const found = Number.isInteger(seq) ? s.incidentBySeq.get(seq, engagementId) : undefined;
  if (!found) {
    throw failure('NOT_FOUND', `incidentRef: there is no incident ${ref.toUpperCase()} in this engagement.`, {
      field: 'incidentRef',
      messageKey: 'validation.incidentRefUnknown',
    });
  }
  return found.id;
}

function assertLinked(s: Statements, engagementId: string, incidentId: string | null, checkpointId: string | null) {
  if (incidentId !== null && !s.incident.get(incidentId, engagementId)) {
    throw failure('NOT_FOUND', `No incident ${incidentId} in this engagement.`, { field: 'incidentId' });
  }
  if (checkpointId !== null && !s.checkpoint.get(checkpointId, engagementId)) {
    throw failure('NOT_FOUND', `No checkpoint ${checkpointId} in this engagement.`, { field: 'checkpointId' });
  }
}

const internalEntrySchema = logEntryInputSchema.extend({ kind: z.enum(LOG_KINDS, { message: 'validation.logKind' }) });
export type InternalLogEntryInput = z.input<typeof internalEntrySchema>;

/**
 * Writes one entry; the caller holds the transaction and announces the change. The closing
 * service calls it with kind `closure` inside its own transaction, which is why a closure entry
 * passes a closed war room.
 */
export function appendLogEntry(ctx: CoreContext, engagementId: string, input: InternalLogEntryInput): LogEntry {
  const parsed = internalEntrySchema.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const entry = parsed.data;
  const s = statements(ctx.store.sqlite);
  assertWritable(s, engagementId, entry.kind);
  const now = ctx.now();
  const occurredAt = occurredTime(entry.occurredAt, now, 'occurredAt');
  const incidentId = entry.incidentRef
    ? incidentIdOfRef(s, engagementId, entry.incidentRef)
    : (entry.incidentId ?? null);
  const checkpointId = entry.checkpointId ?? null;
  assertLinked(s, engagementId, incidentId, checkpointId);
  const late = isLateEntry(occurredAt, now);
  const id = ctx.newId();
  const author = ctx.actor();
  s.insert.run({
    id,
    createdAt: now,
    author,
    deviceId: ctx.deviceId,
    engagementId,
    kind: entry.kind,
    text: entry.text,
    occurredAt,
    late: late ? 1 : 0,
    incidentId,
    checkpointId,
    revisionOf: null,
  });
  return {
    id,
    revisionId: id,
    engagementId,
    kind: entry.kind,
    text: entry.text,
    occurredAt,
    writtenAt: now,
    late,
    author,
    revisions: 0,
    revisedAt: null,
    revisedBy: null,
    incidentId,
    checkpointId,
  };
}

export function appendLog(ctx: CoreContext, input: In<'log.append'>): LogEntry {
  const { engagementId, ...entry } = input;
  const written = ctx.store.sqlite.transaction(() => appendLogEntry(ctx, engagementId, entry))();
  ctx.emit('log.appended', { engagementId, id: written.id });
  return written;
}

/** The first row of the entry `id` names (a revision's id leads to its entry too). */
function entryRoot(s: Statements, engagementId: string, id: string): LogRow {
  const row = s.row.get(id, engagementId);
  const root = row?.revision_of ? s.row.get(row.revision_of, engagementId) : row;
  if (!root) throw failure('NOT_FOUND', `No log entry ${id} in this engagement.`, { field: 'id' });
  return root;
}

/** Adds a revision: the new text (and corrected kind or time) becomes what the log shows. */
export function reviseLog(ctx: CoreContext, input: In<'log.revise'>): LogEntry {
  const s = statements(ctx.store.sqlite);
  const entry = ctx.store.sqlite.transaction(() => {
    const root = entryRoot(s, input.engagementId, input.id);
    const chain = s.chain.all({ root: root.id, engagementId: input.engagementId });
    const latest = chain.at(-1) ?? root;
    const kind = input.kind ?? kindOf(latest);
    if (kindOf(root) === 'closure' || kind === 'closure') {
      throw failure('CONFLICT', 'The closure entry is written by closing the war room and cannot be revised.', {
        field: 'id',
      });
    }
    assertWritable(s, input.engagementId, kind);
    const now = ctx.now();
    const occurredAt =
      input.occurredAt === undefined ? latest.occurred_at : occurredTime(input.occurredAt, now, 'occurredAt');
    s.insert.run({
      id: ctx.newId(),
      createdAt: now,
      author: ctx.actor(),
      deviceId: ctx.deviceId,
      engagementId: input.engagementId,
      kind,
      text: input.text,
      occurredAt,
      // Late is measured against when the entry was first written, not when it was corrected.
      late: isLateEntry(occurredAt, root.created_at) ? 1 : 0,
      incidentId: root.incident_id,
      checkpointId: root.checkpoint_id,
      revisionOf: root.id,
    });
    const listed = s.listedOne.get({ engagementId: input.engagementId, id: root.id });
    if (!listed) throw failure('INTERNAL', `Log entry ${root.id} vanished while it was revised.`);
    return toEntry(listed);
  })();
  ctx.emit('log.appended', { engagementId: input.engagementId, id: entry.id });
  return entry;
}

/** `%` and `_` typed in the search box are meant literally. */
function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function listLog(ctx: CoreContext, query: In<'log.list'>): LogPage {
  const s = statements(ctx.store.sqlite);
  if (!s.warRoom.get(query.engagementId)) {
    throw failure('NOT_FOUND', `No engagement with id ${query.engagementId}.`, { field: 'engagementId' });
  }
  const conditions: string[] = [];
  const params: Record<string, string | number> = { engagementId: query.engagementId, limit: query.limit + 1 };
  if (query.kinds && query.kinds.length > 0) {
    const names = query.kinds.map((kind, i) => {
      params[`kind${i}`] = kind;
      return `@kind${i}`;
    });
    conditions.push(`l.kind IN (${names.join(', ')})`);
  }
  const search = query.search?.trim() ?? '';
  if (search !== '') {
    params.search = likePattern(search);
    conditions.push(`(l.text LIKE @search ESCAPE '\\' OR root.author LIKE @search ESCAPE '\\')`);
  }
  if (query.from) {
    params.from = new Date(query.from).toISOString();
    conditions.push('l.occurred_at >= @from');
  }
  if (query.to) {
    params.to = new Date(query.to).toISOString();
    conditions.push('l.occurred_at <= @to');
  }
  if (query.incidentId) {
    params.incidentId = query.incidentId;
    conditions.push('l.incident_id = @incidentId');
  }
  if (query.before) {
    const cursor = parseLogCursor(query.before);
    if (!cursor)
      throw failure('INVALID_INPUT', 'before: This is not a cursor the log list returned.', { field: 'before' });
    params.cursorAt = cursor.occurredAt;
    params.cursorId = cursor.id;
    conditions.push('(l.occurred_at < @cursorAt OR (l.occurred_at = @cursorAt AND root.id < @cursorId))');
  }
  const sql = `${LISTED_SELECT}${conditions.map((c) => ` AND ${c}`).join('')}
    ORDER BY l.occurred_at DESC, root.id DESC LIMIT @limit`;
  const rows = listStatement(ctx.store.sqlite, sql).all(params);
  const more = rows.length > query.limit;
  const page = (more ? rows.slice(0, query.limit) : rows).map(toEntry).reverse();
  const oldest = page[0];
  return { entries: page, olderCursor: more && oldest ? logCursor(oldest) : null };
}

export function listRevisions(ctx: CoreContext, input: In<'log.revisions'>): LogRevision[] {
  const s = statements(ctx.store.sqlite);
  const root = entryRoot(s, input.engagementId, input.id);
  return s.chain.all({ root: root.id, engagementId: input.engagementId }).map((row) => ({
    revisionId: row.id,
    kind: kindOf(row),
    text: row.text,
    occurredAt: row.occurred_at,
    late: row.late === 1,
    writtenAt: row.created_at,
    writtenBy: row.author,
  }));
}
