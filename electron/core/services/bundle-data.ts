/**
 * The data of an engagement bundle: which rows and files belong to one engagement, how they are
 * read (one read transaction), checked against the store's schema, given new ids when both copies
 * are kept, and written (one write transaction). The zip, its checks and the passphrase envelope
 * are the archive layer's; `bundles.ts` joins the two.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCalendar } from '@shared/domain/calendar';
import { catalogSchema } from '@shared/domain/catalog';
import { answerId, checklistTemplateSchema } from '@shared/domain/checklist';
import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { failure } from '../errors';
import { sniff } from '../evidence/sniff';
import { numberId } from './branding';
import { catalogHash } from './catalogs';
import { engagementChecklistId, templateHash } from './checklists';
import { evidencePath } from './evidence';
import { decisionId } from './redaction';
import { signoffPath } from './signoff';

export type SqlValue = string | number | null;
export type Row = Record<string, SqlValue>;
export type TableRows = Map<string, Row[]>;

/**
 * What each table of the store is to a bundle. A new table must be given a role here (a test reads
 * sqlite_master), so nothing an engagement owns can be left out of its bundles unnoticed.
 * - `engagement`: the engagement row itself.
 * - `owned`: rows with `engagement_id`, all of them (soft-deleted too: the history travels).
 * - `content`: rows shared by content (hash) that an owned row points at; added when absent.
 * - `firm`: the firm's own data; a bundle carries only the calendar its plan needs (see below).
 * - `derived`: rebuilt by triggers from the rows above (the search index).
 * - `installation`: this laptop's settings and the migrations table; never exported.
 */
export const TABLE_ROLES = {
  engagements: 'engagement',
  engagement_plans: 'owned',
  scope_resources: 'owned',
  contacts: 'owned',
  plan_tasks: 'owned',
  on_site_days: 'owned',
  rule_overrides: 'owned',
  engagement_checklists: 'owned',
  checklist_answers: 'owned',
  answer_history: 'owned',
  findings: 'owned',
  evidence_links: 'owned',
  redaction_decisions: 'owned',
  document_numbers: 'owned',
  signed_versions: 'owned',
  capacity_items: 'owned',
  stress_plans: 'owned',
  stress_scenarios: 'owned',
  stress_runs: 'owned',
  optimization_items: 'owned',
  on_duty_settings: 'owned',
  shifts: 'owned',
  log_entries: 'owned',
  checkpoints: 'owned',
  incidents: 'owned',
  catalog_snapshots: 'content',
  checklist_snapshots: 'content',
  evidence_files: 'content',
  firm_calendars: 'firm',
  firm_catalogs: 'firm',
  findings_library: 'firm',
  settings: 'installation',
  __drizzle_migrations: 'installation',
  search_docs: 'derived',
  search_index: 'derived',
  search_index_data: 'derived',
  search_index_idx: 'derived',
  search_index_content: 'derived',
  search_index_docsize: 'derived',
  search_index_config: 'derived',
} as const;
export type TableRole = (typeof TABLE_ROLES)[keyof typeof TABLE_ROLES];

export const OWNED_TABLES = Object.entries(TABLE_ROLES)
  .filter(([, role]) => role === 'owned')
  .map(([table]) => table);

/** The rows a bundle may carry, and the column naming each content row. */
const CONTENT_KEYS: Record<string, string> = {
  catalog_snapshots: 'hash',
  checklist_snapshots: 'hash',
  evidence_files: 'sha256',
  firm_calendars: 'id',
};
export const BUNDLED_TABLES = ['engagements', ...OWNED_TABLES, ...Object.keys(CONTENT_KEYS)];

// ---------------------------------------------------------------------------------------------
// Reading an engagement

function selectAll(sqlite: Database.Database, sql: string, ...params: string[]): Row[] {
  return sqlite.prepare<string[], Row>(sql).all(...params);
}

/**
 * Every row of the engagement, in one read transaction so the bundle is one moment of the store,
 * with the content rows they point at. Rows keep SQLite's column names and values.
 */
export function readEngagementRows(sqlite: Database.Database, engagementId: string): TableRows {
  const read = sqlite.transaction(() => {
    const rows: TableRows = new Map();
    rows.set('engagements', selectAll(sqlite, 'SELECT * FROM engagements WHERE id = ?', engagementId));
    for (const table of OWNED_TABLES) {
      rows.set(
        table,
        selectAll(sqlite, `SELECT * FROM "${table}" WHERE engagement_id = ? ORDER BY rowid`, engagementId),
      );
    }
    rows.set(
      'catalog_snapshots',
      selectAll(
        sqlite,
        'SELECT * FROM catalog_snapshots WHERE hash IN (SELECT catalog_hash FROM engagement_plans WHERE engagement_id = ?)',
        engagementId,
      ),
    );
    rows.set(
      'checklist_snapshots',
      selectAll(
        sqlite,
        'SELECT * FROM checklist_snapshots WHERE hash IN (SELECT template_hash FROM engagement_checklists WHERE engagement_id = ?)',
        engagementId,
      ),
    );
    rows.set(
      'evidence_files',
      selectAll(
        sqlite,
        'SELECT * FROM evidence_files WHERE sha256 IN (SELECT file_sha256 FROM evidence_links WHERE engagement_id = ?)',
        engagementId,
      ),
    );
    // A plan on the firm's own calendar cannot even be shown where that calendar is missing.
    rows.set(
      'firm_calendars',
      selectAll(
        sqlite,
        `SELECT * FROM firm_calendars WHERE deleted_at IS NULL
           AND calendar_id IN (SELECT calendar_id FROM engagement_plans WHERE engagement_id = ?)`,
        engagementId,
      ),
    );
    return rows;
  });
  // A deferred transaction: reads only, and a writer never waits for it (WAL).
  return read.deferred();
}

const rowsOf = (rows: TableRows, table: string) => rows.get(table) ?? [];
const text = (value: SqlValue | undefined) => (typeof value === 'string' ? value : null);
const SHA256 = /^[0-9a-f]{64}$/;

/** A file the bundle carries: its name inside the bundle and where it lives in a data folder. */
export type BundledFile = { name: string; path: string };

/** Every file on disk the rows point at, as the bundle names it; only those present are listed. */
export function engagementFiles(dataDir: string, rows: TableRows): BundledFile[] {
  return referencedFiles(dataDir, rows).filter((file) => existsSync(file.path));
}

/** Every file the rows point at, as the bundle names it, present or not. */
export function referencedFiles(dataDir: string, rows: TableRows): BundledFile[] {
  const files = new Map<string, string>();
  const add = (name: string, path: string) => {
    files.set(name, path);
  };
  for (const file of rowsOf(rows, 'evidence_files')) {
    for (const sha of [text(file.sha256), text(file.thumbnail)]) {
      if (sha && SHA256.test(sha)) add(`files/evidence/${sha}`, evidencePath(dataDir, sha));
    }
  }
  const signedExtensions = [
    ['customer_signature', 'png'],
    ['customer_seal', 'png'],
    ['consultant_signature', 'png'],
    ['pdf_sha256', 'pdf'],
    ['docx_sha256', 'docx'],
  ] as const;
  for (const version of rowsOf(rows, 'signed_versions')) {
    for (const [column, extension] of signedExtensions) {
      const sha = text(version[column]);
      if (sha && SHA256.test(sha)) add(`files/signoff/${sha}.${extension}`, signoffPath(dataDir, sha, extension));
    }
    // The firm logo a signed document printed, so the frozen model's picture travels with it.
    for (const sha of new Set(text(version.model)?.match(/[0-9a-f]{64}/g) ?? [])) {
      add(`files/branding/${sha}.png`, join(dataDir, 'branding', `${sha}.png`));
    }
  }
  for (const run of rowsOf(rows, 'stress_runs')) {
    const sha = text(run.file_sha256);
    if (sha && SHA256.test(sha)) add(`files/loadtests/${sha}`, join(dataDir, 'loadtests', sha));
  }
  return [...files].map(([name, path]) => ({ name, path }));
}

/** Where a bundled file goes in a data folder, and the sha256 its bytes must have; null: not a name a bundle holds. */
export function placeOfBundledFile(dataDir: string, name: string): { path: string; sha256: string } | null {
  const evidence = /^files\/evidence\/([0-9a-f]{64})$/.exec(name);
  if (evidence?.[1]) return { path: evidencePath(dataDir, evidence[1]), sha256: evidence[1] };
  const signed = /^files\/signoff\/([0-9a-f]{64})\.(png|pdf|docx)$/.exec(name);
  if (signed?.[1] && (signed[2] === 'png' || signed[2] === 'pdf' || signed[2] === 'docx')) {
    return { path: signoffPath(dataDir, signed[1], signed[2]), sha256: signed[1] };
  }
  const loadTest = /^files\/loadtests\/([0-9a-f]{64})$/.exec(name);
  if (loadTest?.[1]) return { path: join(dataDir, 'loadtests', loadTest[1]), sha256: loadTest[1] };
  const logo = /^files\/branding\/([0-9a-f]{64})\.png$/.exec(name);
  if (logo?.[1]) return { path: join(dataDir, 'branding', `${logo[1]}.png`), sha256: logo[1] };
  return null;
}

/** `data/<table>.json` for a table the bundle holds; null for any other name. */
export function tableOfDataFile(name: string): string | null {
  const match = /^data\/([a-z_]+)\.json$/.exec(name);
  return match?.[1] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Checking rows against a store's schema

export function columnsOf(sqlite: Database.Database, table: string): Map<string, { required: boolean }> {
  const columns = sqlite.prepare(`PRAGMA table_info("${table}")`).all() as {
    name: string;
    notnull: number;
    dflt_value: string | null;
  }[];
  // Required: NOT NULL without a default (a column a later migration added has one).
  return new Map(columns.map((c) => [c.name, { required: c.notnull === 1 && c.dflt_value === null }]));
}

/** Refusals of this layer (the archive layer has its own, REFUSAL_REASONS); each is translated as `bundle.refused.<reason>`. */
export const BUNDLE_DATA_REFUSALS = [
  'notABundle',
  'newerFormat',
  'badManifest',
  'newerSchema',
  'unknownTable',
  'unknownColumn',
  'badRows',
  'otherEngagement',
  'unexpectedFile',
  'fileHashMismatch',
  'idClash',
  'needsPassphrase',
  'contentMismatch',
  'evidenceMismatch',
  'badCalendar',
  'unreadableEngagement',
  'orphanFile',
  'badReference',
] as const;
export type BundleDataRefusal = (typeof BUNDLE_DATA_REFUSALS)[number];

export function refused(reason: BundleDataRefusal, message: string, details: string[] = []): Error {
  return failure('INVALID_INPUT', message, {
    field: 'file',
    messageKey: `bundle.refused.${reason}`,
    ...(details.length > 0 ? { details: details.slice(0, 20) } : {}),
  });
}

const isSqlValue = (value: unknown): value is SqlValue =>
  value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));

/**
 * Parses one `data/<table>.json` into rows, refusing anything that is not an array of flat objects
 * of SQLite values whose keys are columns of the table in this schema.
 */
export function parseTableRows(sqlite: Database.Database, table: string, json: string): Row[] {
  if (!BUNDLED_TABLES.includes(table)) {
    throw refused('unknownTable', `The bundle holds rows for "${table}", which is not a table a bundle may carry.`, [
      table,
    ]);
  }
  const columns = columnsOf(sqlite, table);
  if (columns.size === 0) {
    throw refused(
      'unknownTable',
      `The bundle holds rows for "${table}", a table this version of Vigil does not have.`,
      [table],
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw refused('badRows', `data/${table}.json is not valid JSON.`, [`data/${table}.json`]);
  }
  if (!Array.isArray(parsed)) throw refused('badRows', `data/${table}.json is not a list of rows.`, [table]);
  return parsed.map((candidate, index) => {
    if (candidate === null || typeof candidate !== 'object' || Array.isArray(candidate)) {
      throw refused('badRows', `data/${table}.json: row ${index + 1} is not a row.`, [`${table} #${index + 1}`]);
    }
    const row: Row = {};
    for (const [column, value] of Object.entries(candidate)) {
      if (!columns.has(column)) {
        throw refused('unknownColumn', `data/${table}.json: column "${column}" is not a column of ${table}.`, [
          `${table}.${column}`,
        ]);
      }
      if (!isSqlValue(value)) {
        throw refused('badRows', `data/${table}.json: row ${index + 1} has a value that is not text or a number.`, [
          `${table}.${column} #${index + 1}`,
        ]);
      }
      row[column] = value;
    }
    for (const [column, { required }] of columns) {
      if (required && (row[column] === undefined || row[column] === null)) {
        throw refused('badRows', `data/${table}.json: row ${index + 1} has no ${column}.`, [
          `${table}.${column} #${index + 1}`,
        ]);
      }
    }
    return row;
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/**
 * The largest document sequence a bundle may carry: far beyond any firm's yearly count, and small
 * enough that the next number (max + 1) every engagement here will be given stays a sane one.
 */
export const DOCUMENT_SEQ_MAX = 1_000_000;

/**
 * The rows must all be the manifest's engagement: one engagement row with its id, every owned row
 * naming it, ids that are ids and no id twice; content rows keyed as content is.
 */
export function checkEngagementRows(rows: TableRows, engagementId: string): void {
  const engagementRows = rowsOf(rows, 'engagements');
  if (engagementRows.length !== 1 || engagementRows[0]?.id !== engagementId) {
    throw refused('otherEngagement', 'The bundle does not hold exactly the engagement its manifest names.', [
      engagementId,
    ]);
  }
  for (const table of ['engagements', ...OWNED_TABLES]) {
    const seen = new Set<string>();
    for (const row of rowsOf(rows, table)) {
      const id = row.id;
      if (typeof id !== 'string' || !UUID.test(id)) {
        throw refused('badRows', `A row of ${table} has an id that is not an id.`, [`${table}: ${String(id)}`]);
      }
      if (seen.has(id)) throw refused('badRows', `A row of ${table} appears twice.`, [`${table}: ${id}`]);
      seen.add(id);
      if (table !== 'engagements' && row.engagement_id !== engagementId) {
        throw refused('otherEngagement', `A row of ${table} belongs to another engagement than the bundle's.`, [
          `${table}: ${id} → ${String(row.engagement_id)}`,
        ]);
      }
    }
  }
  for (const number of rowsOf(rows, 'document_numbers')) {
    const seq = number.seq;
    if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1 || seq > DOCUMENT_SEQ_MAX) {
      throw refused('badRows', `A document number's sequence is not between 1 and ${DOCUMENT_SEQ_MAX}.`, [
        `document_numbers: ${String(number.id)} seq ${String(seq)}`,
      ]);
    }
  }
  for (const [table, key] of Object.entries(CONTENT_KEYS)) {
    for (const row of rowsOf(rows, table)) {
      const value = row[key];
      const valid = typeof value === 'string' && (key === 'id' ? UUID.test(value) : SHA256.test(value));
      if (!valid) throw refused('badRows', `A row of ${table} has a ${key} that is not one.`, [`${table}: ${value}`]);
    }
  }
}

/**
 * Ids of bundled rows that rows of another engagement here already carry: importing them as they
 * are would take those rows over (a bundle cannot be trusted to have made its ids itself).
 */
export function clashingIds(sqlite: Database.Database, rows: TableRows, engagementId: string): string[] {
  const clashes: string[] = [];
  for (const table of ['engagements', ...OWNED_TABLES]) {
    const ids = rowsOf(rows, table).map((row) => String(row.id));
    if (ids.length === 0) continue;
    const owner = sqlite.prepare<[string], { owner: string }>(
      table === 'engagements'
        ? 'SELECT id AS owner FROM engagements WHERE id = ?'
        : `SELECT engagement_id AS owner FROM "${table}" WHERE id = ?`,
    );
    for (const id of ids) {
      const found = owner.get(id);
      if (found && found.owner !== engagementId) clashes.push(`${table}: ${id}`);
    }
  }
  return clashes;
}

// ---------------------------------------------------------------------------------------------
// Checking content rows: they are shared with every engagement here, so none is taken on trust

function parsedJson(content: SqlValue | undefined): unknown {
  try {
    return typeof content === 'string' ? JSON.parse(content) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A catalog or checklist snapshot is stored once per hash and read by every engagement pinning
 * that hash: its content must be one the app could have pinned, under the hash the app computes.
 */
function checkSnapshots(rows: TableRows): void {
  const kinds = [
    [
      'catalog_snapshots',
      (data: unknown) => {
        const parsed = catalogSchema.safeParse(data);
        return parsed.success ? catalogHash(parsed.data) : null;
      },
    ],
    [
      'checklist_snapshots',
      (data: unknown) => {
        const parsed = checklistTemplateSchema.safeParse(data);
        return parsed.success ? templateHash(parsed.data) : null;
      },
    ],
  ] as const;
  for (const [table, hashOf] of kinds) {
    for (const row of rowsOf(rows, table)) {
      const hash = hashOf(parsedJson(row.content));
      if (hash !== row.hash) {
        throw refused(
          'contentMismatch',
          `A row of ${table} holds content that is not valid or whose checksum is not its hash ${String(row.hash)}.`,
          [`${table}: ${String(row.hash)}`],
        );
      }
    }
  }
}

/** The media type the app gives stored bytes (re-encoded images are JPEG or PNG; files as sniffed). */
function mediaTypeOf(bytes: Uint8Array, fileName: string): string | null {
  const kind = sniff(bytes, fileName);
  if (kind.kind === 'image') return `image/${kind.format}`;
  if (kind.kind === 'file') return kind.mediaType;
  return null;
}

/**
 * An evidence file row is kept by hash and shown by every engagement linking that hash: a new one
 * must come with its bytes (in the bundle or already here), and its size and media type are the
 * bytes' own. A row already here stays as it is (the import never overwrites one).
 */
function checkEvidenceFiles(
  sqlite: Database.Database,
  rows: TableRows,
  bytesOf: (sha256: string) => Buffer | null,
): void {
  const known = sqlite.prepare<[string], number>('SELECT 1 FROM evidence_files WHERE sha256 = ?').pluck();
  for (const row of rowsOf(rows, 'evidence_files')) {
    const sha = String(row.sha256);
    if (known.get(sha)) continue;
    const mismatch = (why: string) =>
      refused('evidenceMismatch', `The evidence file ${sha}: ${why}.`, [`evidence_files: ${sha}`]);
    const bytes = bytesOf(sha);
    if (!bytes) throw mismatch('its file is neither in the bundle nor here');
    if (row.size !== bytes.length)
      throw mismatch(`its record says ${String(row.size)} bytes, the file has ${bytes.length}`);
    const mediaType = mediaTypeOf(bytes, text(row.file_name) ?? '');
    if (row.media_type !== mediaType) {
      throw mismatch(`its record says ${String(row.media_type)}, the file is ${mediaType ?? 'not a type Vigil keeps'}`);
    }
    const thumbnail = row.thumbnail;
    if (thumbnail !== null && thumbnail !== undefined) {
      if (typeof thumbnail !== 'string' || !SHA256.test(thumbnail)) throw mismatch('its thumbnail is not a hash');
      const thumb = bytesOf(thumbnail);
      if (!thumb) throw mismatch('its thumbnail is neither in the bundle nor here');
      if (mediaTypeOf(thumb, '')?.startsWith('image/') !== true) throw mismatch('its thumbnail is not an image');
    }
  }
}

/**
 * The firm calendars a bundle may add: each must be a calendar, named by its own id. One the app
 * ships, or one the firm here already has, is kept as the receiver has it (the bundle's is dropped).
 */
function checkedCalendars(sqlite: Database.Database, rows: TableRows, shippedIds: ReadonlySet<string>): Row[] {
  const anyHere = sqlite.prepare<[string, string], number>(
    'SELECT 1 FROM firm_calendars WHERE (calendar_id = ? AND deleted_at IS NULL) OR id = ?',
  );
  return rowsOf(rows, 'firm_calendars').filter((row) => {
    const calendarId = text(row.calendar_id) ?? '';
    const parsed = parseCalendar(parsedJson(row.content));
    if (!parsed.ok || parsed.calendar.id !== calendarId) {
      throw refused(
        'badCalendar',
        `The bundle's working-day calendar "${calendarId}" is not a valid calendar of that id.`,
        [`firm_calendars: ${calendarId}`, ...(parsed.ok ? [`id ${parsed.calendar.id}`] : parsed.issues)],
      );
    }
    return !shippedIds.has(calendarId) && !anyHere.pluck().get(calendarId, text(row.id) ?? '');
  });
}

/**
 * Content rows a bundle carries only because an owned row points at them (as export reads them):
 * any other would be added here for nothing, or, for a calendar, appear in the firm's list.
 */
function checkContentUsed(rows: TableRows): void {
  const used = (table: string, column: string) => new Set(rowsOf(rows, table).map((row) => row[column]));
  const uses = [
    ['catalog_snapshots', 'hash', used('engagement_plans', 'catalog_hash')],
    ['checklist_snapshots', 'hash', used('engagement_checklists', 'template_hash')],
    ['evidence_files', 'sha256', used('evidence_links', 'file_sha256')],
    ['firm_calendars', 'calendar_id', used('engagement_plans', 'calendar_id')],
  ] as const;
  for (const [table, key, keys] of uses) {
    for (const row of rowsOf(rows, table)) {
      if (!keys.has(row[key] ?? null)) {
        throw refused('badRows', `A row of ${table} is not used by the bundle's engagement.`, [
          `${table}: ${String(row[key])}`,
        ]);
      }
    }
  }
}

/**
 * Checks the shared rows against their own content (see above) and the files against the rows:
 * every file the bundle holds must be one its rows point at. Returns the rows to write (calendars
 * the receiver already has left out).
 */
export function checkContentRows(
  sqlite: Database.Database,
  rows: TableRows,
  bundle: { dataDir: string; dir: string; fileNames: readonly string[]; shippedCalendarIds: ReadonlySet<string> },
): TableRows {
  const referenced = new Set(referencedFiles(bundle.dataDir, rows).map((file) => file.name));
  const orphans = bundle.fileNames.filter((name) => !referenced.has(name));
  if (orphans.length > 0) {
    throw refused('orphanFile', `The bundle holds "${orphans[0]}", which none of its records use.`, orphans);
  }
  checkContentUsed(rows);
  checkSnapshots(rows);
  const inBundle = new Set(bundle.fileNames);
  checkEvidenceFiles(sqlite, rows, (sha) => {
    const name = `files/evidence/${sha}`;
    const path = inBundle.has(name) ? join(bundle.dir, name) : evidencePath(bundle.dataDir, sha);
    return existsSync(path) ? readFileSync(path) : null;
  });
  const checked = new Map(rows);
  checked.set('firm_calendars', checkedCalendars(sqlite, rows, bundle.shippedCalendarIds));
  return checked;
}

// ---------------------------------------------------------------------------------------------
// Keeping both: new ids

const UUID_ANYWHERE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Item ids of a checklist snapshot (sections[].items[].id), read without trusting its shape. */
function snapshotItemIds(content: string): string[] {
  try {
    const parsed: unknown = JSON.parse(content);
    const sections = (parsed as { sections?: unknown }).sections;
    if (!Array.isArray(sections)) return [];
    return sections.flatMap((section: unknown) => {
      const items = (section as { items?: unknown }).items;
      return Array.isArray(items)
        ? items.map((item: unknown) => (item as { id?: unknown }).id).filter((id) => typeof id === 'string')
        : [];
    });
  } catch {
    return [];
  }
}

/**
 * The rows as a second engagement: every id the bundle's rows carry gets a new one, and every value
 * naming an old id (a column equal to it, or an id inside JSON text) names the new one, in every
 * table. Ids that are deterministic stay so, from the new engagement id (answers, checklists,
 * document numbers, redaction decisions), so later edits of the copy meet on the same rows. The
 * signed model is left as signed: its fingerprint is over those bytes.
 */
export function withNewIds(
  rows: TableRows,
  oldEngagementId: string,
  newName: string,
): { rows: TableRows; engagementId: string } {
  const newEngagementId = uuidv7();
  const map = new Map<string, string>([[oldEngagementId, newEngagementId]]);
  // Answers may be named (by evidence) before the item is answered: map every item of every checklist.
  const snapshots = new Map(rowsOf(rows, 'checklist_snapshots').map((s) => [text(s.hash), text(s.content) ?? '']));
  for (const checklist of rowsOf(rows, 'engagement_checklists')) {
    const templateId = text(checklist.template_id) ?? '';
    map.set(engagementChecklistId(oldEngagementId, templateId), engagementChecklistId(newEngagementId, templateId));
    for (const itemId of snapshotItemIds(snapshots.get(text(checklist.template_hash)) ?? '')) {
      map.set(answerId(oldEngagementId, templateId, itemId), answerId(newEngagementId, templateId, itemId));
    }
  }
  for (const answer of rowsOf(rows, 'checklist_answers')) {
    const templateId = text(answer.template_id) ?? '';
    const itemId = text(answer.item_id) ?? '';
    map.set(answerId(oldEngagementId, templateId, itemId), answerId(newEngagementId, templateId, itemId));
  }
  for (const number of rowsOf(rows, 'document_numbers')) {
    const documentId = text(number.document_id) ?? '';
    map.set(numberId(oldEngagementId, documentId), numberId(newEngagementId, documentId));
  }
  // Every other row id: a fresh one (redaction decisions are named from their remapped source below).
  for (const table of OWNED_TABLES) {
    if (table === 'redaction_decisions') continue;
    for (const row of rowsOf(rows, table)) {
      const id = text(row.id);
      if (id && !map.has(id)) map.set(id, uuidv7());
    }
  }
  const remap = (value: SqlValue): SqlValue => {
    if (typeof value !== 'string') return value;
    const whole = map.get(value);
    if (whole) return whole;
    return value.includes('-') ? value.replace(UUID_ANYWHERE, (id) => map.get(id) ?? id) : value;
  };
  const out: TableRows = new Map();
  for (const [table, tableRows] of rows) {
    if (table !== 'engagements' && !OWNED_TABLES.includes(table)) {
      out.set(table, tableRows);
      continue;
    }
    out.set(
      table,
      tableRows.map((row) => {
        const copy: Row = {};
        for (const [column, value] of Object.entries(row)) {
          const frozen = table === 'signed_versions' && (column === 'model' || column === 'fingerprint');
          copy[column] = frozen ? value : remap(value);
        }
        if (table === 'engagements') copy.event_name = newName;
        if (table === 'redaction_decisions') {
          copy.id = decisionId(newEngagementId, {
            sourceKind: text(copy.source_kind) ?? '',
            sourceId: text(copy.source_id) ?? '',
            field: text(copy.field) ?? '',
            fingerprint: text(copy.fingerprint) ?? '',
          });
        }
        return copy;
      }),
    );
  }
  return { rows: out, engagementId: newEngagementId };
}

// ---------------------------------------------------------------------------------------------
// Writing

function insertRows(sqlite: Database.Database, table: string, rows: readonly Row[], orIgnore: boolean): void {
  const byShape = new Map<string, Database.Statement>();
  for (const row of rows) {
    const columns = Object.keys(row);
    const shape = columns.join(',');
    let statement = byShape.get(shape);
    if (!statement) {
      statement = sqlite.prepare(
        `INSERT ${orIgnore ? 'OR IGNORE ' : ''}INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')})
         VALUES (${columns.map(() => '?').join(', ')})`,
      );
      byShape.set(shape, statement);
    }
    statement.run(...columns.map((c) => row[c] ?? null));
  }
}

/** Removes every row of the engagement (replace): the search index follows by its triggers. */
export function deleteEngagementRows(sqlite: Database.Database, engagementId: string): void {
  for (const table of OWNED_TABLES) sqlite.prepare(`DELETE FROM "${table}" WHERE engagement_id = ?`).run(engagementId);
  sqlite.prepare('DELETE FROM engagements WHERE id = ?').run(engagementId);
}

/**
 * Writes the rows; the caller holds the transaction. Content rows already present stay as they
 * are (the same hash is the same content); a firm calendar is added only when no live calendar of
 * that id exists, so the receiver's own edits win.
 */
export function insertBundleRows(sqlite: Database.Database, rows: TableRows): void {
  insertRows(sqlite, 'engagements', rowsOf(rows, 'engagements'), false);
  for (const table of OWNED_TABLES) insertRows(sqlite, table, rowsOf(rows, table), false);
  for (const table of ['catalog_snapshots', 'checklist_snapshots', 'evidence_files']) {
    insertRows(sqlite, table, rowsOf(rows, table), true);
  }
  const liveCalendar = sqlite.prepare<[string], number>(
    'SELECT 1 FROM firm_calendars WHERE calendar_id = ? AND deleted_at IS NULL',
  );
  const calendars = rowsOf(rows, 'firm_calendars').filter((c) => !liveCalendar.get(text(c.calendar_id) ?? ''));
  insertRows(sqlite, 'firm_calendars', calendars, true);
}
