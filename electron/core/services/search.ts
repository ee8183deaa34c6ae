/**
 * Global search over engagements, answers (notes and text answers) and findings. The index is kept
 * by triggers (migration 0004): `search_docs` holds the text, `search_index` is its FTS5 trigram
 * index. Trigrams match queries of three characters or more; shorter ones (故障, "DB") fall back
 * to LIKE over the same rows.
 */
import type { MethodOutput } from '@shared/contract';
import type { Localized } from '@shared/domain/catalog';
import { CHECKLIST_KINDS, type ChecklistKind } from '@shared/domain/checklist';
import {
  FTS_MIN_CHARS,
  markedSegments,
  type SearchKind,
  type SearchResult,
  type SnippetSegment,
} from '@shared/domain/search';
import type Database from 'better-sqlite3';
import type { CoreContext } from '../context';

export type SearchInput = { query: string; engagementId?: string; limit: number };

/** About how many characters a snippet shows; FTS5 counts tokens, which are characters for trigrams. */
const SNIPPET_CHARS = 40;

type Row = {
  kind: SearchKind;
  engagementId: string;
  refId: string;
  title: string;
  body: string;
  snippet: string | null;
  engagementName: string;
  customerOrg: string;
  templateId: string | null;
  itemId: string | null;
};

// Joined per row: the engagement (trashed and purged ones are left out) and, for answers, the
// answer's template and item, so the UI can name the item and open its checklist.
const SELECT = `d.kind AS kind, d.engagement_id AS engagementId, d.ref_id AS refId, d.title AS title,
  d.body AS body, e.event_name AS engagementName, e.customer_org AS customerOrg,
  a.template_id AS templateId, a.item_id AS itemId`;
const JOINS = `JOIN engagements e ON e.id = d.engagement_id AND e.deleted_at IS NULL AND e.purged_at IS NULL
  LEFT JOIN checklist_answers a ON d.kind = 'answer' AND a.id = d.ref_id`;
const SCOPE = '(@engagementId IS NULL OR d.engagement_id = @engagementId)';

function prepare(sqlite: Database.Database) {
  return {
    // bm25 weighs a title match twice a body match; kind, engagement and ref ids are not text.
    fts: sqlite.prepare<{ match: string; engagementId: string | null; limit: number }, Row>(
      `SELECT ${SELECT},
         snippet(search_index, -1, char(1), char(2), '…', ${SNIPPET_CHARS}) AS snippet
       FROM search_index JOIN search_docs d ON d.id = search_index.rowid ${JOINS}
       WHERE search_index MATCH @match AND ${SCOPE}
       ORDER BY bm25(search_index, 0, 0, 0, 2, 1), d.updated_at DESC, d.id DESC
       LIMIT @limit`,
    ),
    like: sqlite.prepare<{ pattern: string; engagementId: string | null; limit: number }, Row>(
      `SELECT ${SELECT}, NULL AS snippet
       FROM search_docs d ${JOINS}
       WHERE (d.title LIKE @pattern ESCAPE '\\' OR d.body LIKE @pattern ESCAPE '\\') AND ${SCOPE}
       ORDER BY (d.title LIKE @pattern ESCAPE '\\') DESC, d.updated_at DESC, d.id DESC
       LIMIT @limit`,
    ),
    template: sqlite
      .prepare<{ engagementId: string; templateId: string }, string>(
        `SELECT s.content FROM engagement_checklists c JOIN checklist_snapshots s ON s.hash = c.template_hash
         WHERE c.engagement_id = @engagementId AND c.template_id = @templateId AND c.deleted_at IS NULL
         ORDER BY c.created_at DESC LIMIT 1`,
      )
      .pluck(),
  };
}
const statementsBySqlite = new WeakMap<Database.Database, ReturnType<typeof prepare>>();
function statements(sqlite: Database.Database) {
  let s = statementsBySqlite.get(sqlite);
  if (!s) {
    s = prepare(sqlite);
    statementsBySqlite.set(sqlite, s);
  }
  return s;
}

/**
 * The query as one FTS5 phrase: whatever the consultant typed ("AND", NEAR, *, quotes, colons) is
 * matched as text, never read as query syntax. Only title and body are searched.
 */
export function ftsPhrase(query: string): string {
  return `{title body} : "${query.replaceAll('"', '""')}"`;
}

/** LIKE treats % and _ as wildcards; a consultant searching "50%" means the characters. */
function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Text around the first case-insensitive occurrence of `query`, as segments. */
export function excerpt(text: string, query: string, width = SNIPPET_CHARS): SnippetSegment[] {
  const found = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'iu').exec(text);
  if (!found) return [{ text: clip(text, width), mark: false }];
  const chars = [...text];
  const startChar = [...text.slice(0, found.index)].length;
  const matchChars = [...found[0]].length;
  const before = Math.max(0, Math.floor((width - matchChars) / 3));
  const from = Math.max(0, startChar - before);
  const to = Math.min(chars.length, Math.max(startChar + matchChars, from + width));
  const segments: SnippetSegment[] = [];
  const head = (from > 0 ? '…' : '') + chars.slice(from, startChar).join('');
  if (head !== '') segments.push({ text: head, mark: false });
  segments.push({ text: found[0], mark: true });
  const tail = chars.slice(startChar + matchChars, to).join('') + (to < chars.length ? '…' : '');
  if (tail !== '') segments.push({ text: tail, mark: false });
  return segments;
}

function clip(text: string, width: number): string {
  const chars = [...text];
  return chars.length > width ? `${chars.slice(0, width).join('')}…` : text;
}

type TemplateFacts = { kind: ChecklistKind | null; prompts: Map<string, Localized> };
/** Pinned template content never changes for its hash: parsed once per content. */
const templateFacts = new Map<string, TemplateFacts>();

function factsOf(content: string): TemplateFacts {
  const cached = templateFacts.get(content);
  if (cached) return cached;
  const facts: TemplateFacts = { kind: null, prompts: new Map() };
  try {
    const template = JSON.parse(content) as {
      kind?: unknown;
      sections?: { items?: { id?: unknown; prompt?: Localized }[] }[];
    };
    facts.kind = CHECKLIST_KINDS.find((k) => k === template.kind) ?? null;
    for (const section of template.sections ?? [])
      for (const item of section.items ?? [])
        if (typeof item.id === 'string' && item.prompt) facts.prompts.set(item.id, item.prompt);
  } catch {
    // A snapshot that does not parse names no kind and no prompts; the item id stands.
  }
  if (templateFacts.size > 100) templateFacts.clear();
  templateFacts.set(content, facts);
  return facts;
}

export function search(ctx: CoreContext, input: SearchInput): MethodOutput<'search.query'> {
  // Marker characters would split snippets wrongly; they are never meant as search text.
  const query = [...input.query]
    .filter((char) => char > '\u0002')
    .join('')
    .trim();
  if (query === '') return [];
  const s = statements(ctx.store.sqlite);
  const engagementId = input.engagementId ?? null;
  const useFts = [...query].length >= FTS_MIN_CHARS;
  const rows = useFts
    ? s.fts.all({ match: ftsPhrase(query), engagementId, limit: input.limit })
    : s.like.all({ pattern: likePattern(query), engagementId, limit: input.limit });

  const templates = new Map<string, TemplateFacts | null>();
  return rows.map((row): SearchResult => {
    let facts: TemplateFacts | null = null;
    if (row.kind === 'answer' && row.templateId) {
      const key = `${row.engagementId}/${row.templateId}`;
      if (!templates.has(key)) {
        const content = s.template.get({ engagementId: row.engagementId, templateId: row.templateId });
        templates.set(key, content === undefined ? null : factsOf(content));
      }
      facts = templates.get(key) ?? null;
    }
    let snippet: SnippetSegment[];
    if (row.snippet !== null) snippet = markedSegments(row.snippet);
    else {
      // Prefer the body: the title is shown anyway.
      const source = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'iu').test(row.body)
        ? row.body
        : row.title;
      snippet = excerpt(source, query);
    }
    return {
      kind: row.kind,
      engagementId: row.engagementId,
      refId: row.refId,
      title: row.title,
      snippet,
      engagementName: row.engagementName,
      customerOrg: row.customerOrg,
      checklistKind: facts?.kind ?? null,
      prompt: (row.itemId && facts?.prompts.get(row.itemId)) || null,
    };
  });
}
