/**
 * Findings of an engagement and the firm's findings library. A finding raised from a failing answer
 * is linked to it: asking again answers the same finding. Writes run in transactions and stamp who
 * and which device changed the row; every engagement write is announced with `engagement.changed`.
 */
import type { Contract, Method, MethodInput, MethodOutput } from '@shared/contract';
import {
  compareFindings,
  dispositionMissing,
  type Finding,
  findingInputSchema,
  LIBRARY_FILE_KIND,
  type LibraryEntry,
  type LibraryEntryInput,
  type LibraryFile,
  libraryFileSchema,
  libraryText,
  SEVERITY_RANK,
} from '@shared/domain/finding';
import { validationMessage } from '@shared/domain/messages';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { CoreContext } from '../context';
import { findings, findingsLibrary } from '../db/schema';
import { failure } from '../errors';
import { invalidInput } from '../validation';
import { getEngagement } from './engagements';

/** A method's input as the router hands it over: parsed, defaults applied. */
type In<M extends Method> = z.output<Contract[M]['input']>;
type FindingRow = typeof findings.$inferSelect;
type LibraryRow = typeof findingsLibrary.$inferSelect;

function stamp(ctx: CoreContext) {
  return { updatedAt: ctx.now(), updatedBy: ctx.actor(), deviceId: ctx.deviceId };
}

function toFinding(row: FindingRow): Finding {
  return {
    id: row.id,
    engagementId: row.engagementId,
    answerId: row.answerId,
    templateId: row.templateId,
    itemId: row.itemId,
    severity: row.severity as Finding['severity'],
    title: row.title,
    description: row.description,
    affectedResources: JSON.parse(row.affectedResources) as string[],
    recommendation: row.recommendation,
    owner: row.owner,
    dueDate: row.dueDate,
    status: row.status as Finding['status'],
    disposition: row.disposition,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

/** The engagement must be live and not archived for its findings to change. */
function writableEngagement(ctx: CoreContext, engagementId: string) {
  const engagement = getEngagement(ctx, engagementId);
  if (engagement.deletedAt !== null || engagement.status === 'archived') {
    throw failure(
      'CONFLICT',
      `The engagement "${engagement.eventName}" is ${engagement.deletedAt ? 'in the trash' : 'archived'}; its findings cannot change.`,
      { field: 'engagementId' },
    );
  }
  return engagement;
}

function liveRow(ctx: CoreContext, engagementId: string, id: string, field = 'id'): FindingRow {
  const row = ctx.store.db
    .select()
    .from(findings)
    .where(and(eq(findings.id, id), eq(findings.engagementId, engagementId), isNull(findings.deletedAt)))
    .get();
  if (!row) throw failure('NOT_FOUND', `No finding ${id} in this engagement.`, { field });
  return row;
}

function columnsOf(input: z.output<typeof findingInputSchema>) {
  return {
    severity: input.severity,
    title: input.title,
    description: input.description,
    affectedResources: JSON.stringify(input.affectedResources),
    recommendation: input.recommendation,
    owner: input.owner,
    dueDate: input.dueDate,
    status: input.status,
    disposition: input.disposition,
  };
}

function changed(ctx: CoreContext, engagementId: string) {
  ctx.emit('engagement.changed', { id: engagementId });
}

// ---------------------------------------------------------------------------------------------
// Findings

export function listFindings(ctx: CoreContext, query: In<'finding.list'>): Finding[] {
  getEngagement(ctx, query.engagementId);
  const conditions = [eq(findings.engagementId, query.engagementId), isNull(findings.deletedAt)];
  if (query.statuses && query.statuses.length > 0) conditions.push(inArray(findings.status, query.statuses));
  if (query.severities && query.severities.length > 0) conditions.push(inArray(findings.severity, query.severities));
  let rows = ctx.store.db
    .select()
    .from(findings)
    .where(and(...conditions))
    .all()
    .map(toFinding);
  const needle = query.search?.trim().toLocaleLowerCase() ?? '';
  if (needle !== '') {
    rows = rows.filter((f) =>
      [f.title, f.description, f.recommendation, f.owner, f.disposition, ...f.affectedResources].some((text) =>
        text.toLocaleLowerCase().includes(needle),
      ),
    );
  }
  const sign = query.sortDir === 'desc' ? -1 : 1;
  return rows.sort((a, b) => sign * compareFindings(a, b, query.sortBy));
}

export function getFinding(ctx: CoreContext, engagementId: string, id: string): Finding {
  return toFinding(liveRow(ctx, engagementId, id));
}

function liveByAnswer(ctx: CoreContext, engagementId: string, answerId: string): FindingRow | undefined {
  return ctx.store.db
    .select()
    .from(findings)
    .where(and(eq(findings.engagementId, engagementId), eq(findings.answerId, answerId), isNull(findings.deletedAt)))
    .get();
}

/** Inserts a validated finding; the caller holds the transaction. */
function insertFinding(ctx: CoreContext, engagementId: string, input: z.output<typeof findingInputSchema>): FindingRow {
  const now = ctx.now();
  const row: FindingRow = {
    id: ctx.newId(),
    engagementId,
    createdAt: now,
    deletedAt: null,
    ...stamp(ctx),
    updatedAt: now,
    answerId: input.answerId ?? null,
    templateId: input.templateId ?? null,
    itemId: input.itemId ?? null,
    ...columnsOf(input),
  };
  ctx.store.db.insert(findings).values(row).run();
  return row;
}

export function createFinding(ctx: CoreContext, input: In<'finding.create'>): Finding {
  const { engagementId, ...fields } = input;
  writableEngagement(ctx, engagementId);
  const result = ctx.store.sqlite.transaction(() => {
    if (fields.answerId) {
      const existing = liveByAnswer(ctx, engagementId, fields.answerId);
      if (existing) return { row: existing, created: false };
    }
    return { row: insertFinding(ctx, engagementId, fields), created: true };
  })();
  if (result.created) changed(ctx, engagementId);
  return toFinding(result.row);
}

export function updateFinding(ctx: CoreContext, input: In<'finding.update'>): Finding {
  writableEngagement(ctx, input.engagementId);
  const row = ctx.store.sqlite.transaction(() => {
    const current = toFinding(liveRow(ctx, input.engagementId, input.id));
    const merged = findingInputSchema.safeParse({
      ...current,
      answerId: current.answerId ?? undefined,
      templateId: current.templateId ?? undefined,
      itemId: current.itemId ?? undefined,
      ...input.patch,
    });
    if (!merged.success) throw invalidInput(merged.error, 'patch');
    ctx.store.db
      .update(findings)
      .set({ ...columnsOf(merged.data), ...stamp(ctx) })
      .where(eq(findings.id, input.id))
      .run();
    return liveRow(ctx, input.engagementId, input.id);
  })();
  changed(ctx, input.engagementId);
  return toFinding(row);
}

export function bulkStatus(ctx: CoreContext, input: In<'finding.bulkStatus'>): Finding[] {
  writableEngagement(ctx, input.engagementId);
  if (dispositionMissing(input.status, input.disposition)) {
    const key = 'validation.dispositionRequired';
    throw failure('INVALID_INPUT', `disposition: ${validationMessage(key)}`, {
      field: 'disposition',
      messageKey: key,
    });
  }
  const ids = [...new Set(input.ids)];
  const rows = ctx.store.sqlite.transaction(() => {
    const out: FindingRow[] = [];
    for (const [index, id] of ids.entries()) {
      liveRow(ctx, input.engagementId, id, `ids.${index}`);
      ctx.store.db
        .update(findings)
        .set({
          status: input.status,
          ...(input.disposition !== undefined && input.disposition.trim() !== ''
            ? { disposition: input.disposition }
            : {}),
          ...stamp(ctx),
        })
        .where(eq(findings.id, id))
        .run();
      out.push(liveRow(ctx, input.engagementId, id));
    }
    return out;
  })();
  changed(ctx, input.engagementId);
  return rows.map(toFinding);
}

export function removeFinding(ctx: CoreContext, engagementId: string, id: string): { id: string } {
  writableEngagement(ctx, engagementId);
  ctx.store.sqlite.transaction(() => {
    liveRow(ctx, engagementId, id);
    ctx.store.db
      .update(findings)
      .set({ deletedAt: ctx.now(), ...stamp(ctx) })
      .where(eq(findings.id, id))
      .run();
  })();
  changed(ctx, engagementId);
  return { id };
}

// ---------------------------------------------------------------------------------------------
// Library

function toEntry(row: LibraryRow): LibraryEntry {
  return {
    id: row.id,
    severity: row.severity as LibraryEntry['severity'],
    title: JSON.parse(row.title) as LibraryEntry['title'],
    description: JSON.parse(row.description) as LibraryEntry['description'],
    recommendation: JSON.parse(row.recommendation) as LibraryEntry['recommendation'],
    tags: JSON.parse(row.tags) as string[],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

function entryColumns(entry: LibraryEntryInput) {
  return {
    severity: entry.severity,
    title: JSON.stringify(entry.title),
    description: JSON.stringify(entry.description),
    recommendation: JSON.stringify(entry.recommendation),
    tags: JSON.stringify([...new Set(entry.tags)]),
  };
}

function libraryRow(ctx: CoreContext, id: string, field = 'id'): LibraryRow {
  const row = ctx.store.db
    .select()
    .from(findingsLibrary)
    .where(and(eq(findingsLibrary.id, id), isNull(findingsLibrary.deletedAt)))
    .get();
  if (!row) throw failure('NOT_FOUND', `No findings library entry ${id}.`, { field });
  return row;
}

function liveEntries(ctx: CoreContext): LibraryEntry[] {
  return ctx.store.db.select().from(findingsLibrary).where(isNull(findingsLibrary.deletedAt)).all().map(toEntry);
}

const sortTitle = (entry: LibraryEntry) => libraryText(entry.title, 'en').toLocaleLowerCase();

export function listLibrary(ctx: CoreContext, search?: string): LibraryEntry[] {
  const needle = search?.trim().toLocaleLowerCase() ?? '';
  return liveEntries(ctx)
    .filter(
      (entry) =>
        needle === '' ||
        [entry.title, entry.description, entry.recommendation]
          .flatMap((text) => [text.en, text['zh-CN']])
          .concat(entry.tags)
          .some((text) => text.toLocaleLowerCase().includes(needle)),
    )
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
        sortTitle(a).localeCompare(sortTitle(b)) ||
        a.id.localeCompare(b.id),
    );
}

/** Stores one validated entry: a new row, or the new content of the entry with its id. */
function storeEntry(ctx: CoreContext, entry: LibraryEntryInput, createMissing: boolean): 'added' | 'updated' {
  const existing = entry.id
    ? ctx.store.db.select().from(findingsLibrary).where(eq(findingsLibrary.id, entry.id)).get()
    : undefined;
  if (existing) {
    ctx.store.db
      .update(findingsLibrary)
      .set({ ...entryColumns(entry), deletedAt: null, ...stamp(ctx) })
      .where(eq(findingsLibrary.id, existing.id))
      .run();
    return existing.deletedAt === null ? 'updated' : 'added';
  }
  if (entry.id && !createMissing)
    throw failure('NOT_FOUND', `No findings library entry ${entry.id}.`, { field: 'entry.id' });
  const now = ctx.now();
  ctx.store.db
    .insert(findingsLibrary)
    .values({ id: entry.id ?? ctx.newId(), createdAt: now, deletedAt: null, ...stamp(ctx), ...entryColumns(entry) })
    .run();
  return 'added';
}

export function saveLibraryEntry(ctx: CoreContext, entry: LibraryEntryInput): LibraryEntry {
  return ctx.store.sqlite.transaction(() => {
    const id = entry.id ?? ctx.newId();
    storeEntry(ctx, { ...entry, id }, !entry.id);
    return toEntry(libraryRow(ctx, id));
  })();
}

export function removeLibraryEntry(ctx: CoreContext, id: string): { id: string } {
  ctx.store.sqlite.transaction(() => {
    libraryRow(ctx, id);
    ctx.store.db
      .update(findingsLibrary)
      .set({ deletedAt: ctx.now(), ...stamp(ctx) })
      .where(eq(findingsLibrary.id, id))
      .run();
  })();
  return { id };
}

export function insertFromLibrary(ctx: CoreContext, input: In<'library.insert'>): Finding {
  writableEngagement(ctx, input.engagementId);
  const row = ctx.store.sqlite.transaction(() => {
    const entry = toEntry(libraryRow(ctx, input.libraryId, 'libraryId'));
    const parsed = findingInputSchema.safeParse({
      severity: entry.severity,
      title: libraryText(entry.title, input.language),
      description: libraryText(entry.description, input.language),
      recommendation: libraryText(entry.recommendation, input.language),
      affectedResources: [],
      owner: '',
      dueDate: null,
      status: 'open',
      disposition: '',
    });
    if (!parsed.success) throw invalidInput(parsed.error, 'libraryId');
    return insertFinding(ctx, input.engagementId, parsed.data);
  })();
  changed(ctx, input.engagementId);
  return toFinding(row);
}

/** The finding's text, written in the engagement's language, goes into both language slots. */
export function saveFromFinding(ctx: CoreContext, input: In<'library.saveFromFinding'>): LibraryEntry {
  const finding = getFinding(ctx, input.engagementId, input.findingId);
  const both = (value: string) => ({ en: value, 'zh-CN': value });
  return saveLibraryEntry(ctx, {
    severity: finding.severity,
    title: both(finding.title),
    description: both(finding.description),
    recommendation: both(finding.recommendation),
    tags: input.tags,
  });
}

export function exportLibrary(ctx: CoreContext): MethodOutput<'library.export'> {
  const file: LibraryFile = {
    schemaVersion: 1,
    kind: LIBRARY_FILE_KIND,
    entries: listLibrary(ctx).map((entry) => ({
      id: entry.id,
      severity: entry.severity,
      title: entry.title,
      description: entry.description,
      recommendation: entry.recommendation,
      tags: entry.tags,
    })),
  };
  return {
    fileName: `vigil-findings-library-${ctx.now().slice(0, 10)}.json`,
    text: `${JSON.stringify(file, null, 2)}\n`,
  };
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)),
    '',
  );
}

function refuseFile(fileName: string, problems: string[]) {
  return failure('INVALID_INPUT', `${fileName} is not a valid findings library file:\n${problems.join('\n')}`, {
    details: problems,
  });
}

/** Validates the whole file before storing anything; every problem is reported with its path. */
export function importLibrary(ctx: CoreContext, input: MethodInput<'library.import'>): MethodOutput<'library.import'> {
  let json: unknown;
  try {
    json = JSON.parse(input.text);
  } catch (error) {
    throw refuseFile(input.fileName, [
      `(file): not valid JSON (${error instanceof Error ? error.message : 'parse error'})`,
    ]);
  }
  const parsed = libraryFileSchema.safeParse(json);
  if (!parsed.success) {
    throw refuseFile(
      input.fileName,
      parsed.error.issues.map((issue) => {
        const path = issuePath(issue.path);
        const message = issue.message.startsWith('validation.') ? validationMessage(issue.message) : issue.message;
        return path ? `${path}: ${message}` : message;
      }),
    );
  }
  const seen = new Map<string, number>();
  const duplicates: string[] = [];
  for (const [index, entry] of parsed.data.entries.entries()) {
    if (!entry.id) continue;
    const first = seen.get(entry.id);
    if (first !== undefined) duplicates.push(`entries[${index}].id: the same id as entries[${first}]`);
    else seen.set(entry.id, index);
  }
  if (duplicates.length > 0) throw refuseFile(input.fileName, duplicates);
  return ctx.store.sqlite.transaction(() => {
    const counts = { added: 0, updated: 0 };
    for (const entry of parsed.data.entries) counts[storeEntry(ctx, entry, true)] += 1;
    return counts;
  })();
}
