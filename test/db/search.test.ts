import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SearchResult } from '@shared/domain/search';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../electron/core/db/client';
import type { Core } from '../../electron/core/index';
import { callErr, callOk, closeTestCores, MIGRATIONS_DIR, startTestCore, steppingClock } from '../fixtures/core';
import { removeTempDataDirs, tempDataDir } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';
import {
  insertAnswerRow,
  insertFindingRow,
  L_ANSWERS,
  L_CUSTOMER,
  L_FINDINGS,
  seedLargeEngagement,
} from '../fixtures/large-engagement';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});

function stamp(core: Core) {
  const at = core.context.now();
  return { created_at: at, updated_at: at, updated_by: 'Test', device_id: core.context.deviceId };
}

function addFinding(core: Core, engagementId: string, title: string, description = '', recommendation = ''): string {
  const id = core.context.newId();
  insertFindingRow(core.context.store.sqlite, {
    ...stamp(core),
    id,
    engagement_id: engagementId,
    severity: 'high',
    title,
    description,
    recommendation,
  });
  return id;
}

function addAnswer(core: Core, engagementId: string, note: string, value: unknown = { kind: 'yesNo', value: 'no' }) {
  const id = core.context.newId();
  insertAnswerRow(core.context.store.sqlite, {
    ...stamp(core),
    id,
    engagement_id: engagementId,
    template_id: 'risk-inspection',
    item_id: 'rds-pool',
    value: JSON.stringify(value),
    note,
    fails: 1,
  });
  return id;
}

function search(core: Core, query: string, extra: { engagementId?: string; limit?: number } = {}): SearchResult[] {
  return callOk(core, 'search.query', { query, ...extra });
}

const refs = (results: SearchResult[]) => results.map((r) => r.refId);
const marked = (result: SearchResult | undefined) =>
  result?.snippet
    .filter((s) => s.mark)
    .map((s) => s.text)
    .join('|');
/** Something is marked, and every mark is `text`. */
const onlyMarks = (result: SearchResult, text: string) => {
  const marks = result.snippet.filter((s) => s.mark);
  return marks.length > 0 && marks.every((s) => s.text === text);
};

function world() {
  const core = startTestCore({ now: steppingClock() });
  const shop = callOk(core, 'engagement.create', engagementFields({ customerOrg: 'Hangzhou Example Retail' }));
  const game = callOk(
    core,
    'engagement.create',
    engagementFields({ customerOrg: '上海游戏科技', eventName: '新游上线', language: 'zh-CN' }),
  );
  const pool = addFinding(
    core,
    shop.id,
    'Database connection pool exhausted',
    'Seen at 18k TPS in the stress test.',
    'Raise the pool limit.',
  );
  const zhPool = addFinding(core, game.id, '数据库连接池上限过低', '压测时连接池耗尽，出现故障。', '扩容。');
  const note = addAnswer(core, game.id, '主库连接池故障，需要扩容');
  return { core, shop, game, pool, zhPool, note };
}

describe('search.query', () => {
  it('finds an engagement by its customer, with the match marked', () => {
    const { core, shop } = world();
    const results = search(core, 'example retail');
    expect(results[0]).toMatchObject({
      kind: 'engagement',
      refId: shop.id,
      engagementId: shop.id,
      engagementName: "Singles' Day 2026",
      customerOrg: 'Hangzhou Example Retail',
    });
    expect(marked(results[0])).toBe('Example Retail');
  });

  it('finds a finding by a three-letter English word and by 连接池', () => {
    const { core, shop, pool, zhPool, note } = world();
    const english = search(core, 'TPS');
    expect(refs(english)).toEqual([pool]);
    expect(english[0]).toMatchObject({
      kind: 'finding',
      engagementId: shop.id,
      title: 'Database connection pool exhausted',
    });
    expect(marked(english[0])).toBe('TPS');

    const chinese = search(core, '连接池');
    expect(refs(chinese).sort()).toEqual([zhPool, note].sort());
    // bm25 prefers the finding: the word is in its title and its body.
    expect(chinese[0]?.refId).toBe(zhPool);
    expect(chinese.every((r) => r.snippet.some((s) => s.mark && s.text === '连接池'))).toBe(true);
  });

  it('finds two-character Chinese words (故障) through the LIKE fallback, marked', () => {
    const { core, zhPool, note } = world();
    const results = search(core, '故障');
    expect(refs(results).sort()).toEqual([zhPool, note].sort());
    for (const result of results) expect(marked(result)).toBe('故障');
    // One Latin character works as well, case-insensitively.
    expect(search(core, 'h').length).toBeGreaterThan(0);
  });

  it('finds answers by note and by the text of a text answer, with their template', () => {
    const { core, game } = world();
    const text = addAnswer(core, game.id, '', { kind: 'text', value: 'Peak forecast: 120k QPS on launch night' });
    expect(refs(search(core, 'forecast'))).toEqual([text]);
    // A yes/no answer without a note has nothing to find and stays out of the index.
    const bare = addAnswer(core, game.id, '');
    const indexed = core.context.store.sqlite.prepare('SELECT count(*) FROM search_docs WHERE ref_id = ?').pluck();
    expect(indexed.get(bare)).toBe(0);
    expect(search(core, 'forecast')[0]).toMatchObject({ kind: 'answer', title: 'rds-pool', checklistKind: null });
  });

  it('names the item and its checklist kind when the engagement has the template pinned', () => {
    const { core, game, note } = world();
    const { sqlite } = core.context.store;
    const template = {
      schemaVersion: 1,
      id: 'risk-inspection',
      version: '1.0',
      kind: 'inspection',
      title: { en: 'Risk inspection', 'zh-CN': '风险巡检' },
      description: { en: 'x', 'zh-CN': 'x' },
      sections: [
        {
          id: 'rds',
          title: { en: 'Database', 'zh-CN': '数据库' },
          items: [
            { id: 'rds-pool', prompt: { en: 'Is the pool sized for the peak?', 'zh-CN': '连接池是否按峰值配置？' } },
          ],
        },
      ],
    };
    sqlite
      .prepare(
        "INSERT INTO checklist_snapshots (hash, template_id, version, content, created_at) VALUES ('h1', 'risk-inspection', '1.0', ?, '2026-01-01T00:00:00.000Z')",
      )
      .run(JSON.stringify(template));
    sqlite
      .prepare(
        `INSERT INTO engagement_checklists (id, created_at, updated_at, updated_by, device_id, engagement_id, template_id, template_hash)
         VALUES (?, '2026-01-01', '2026-01-01', 'Test', 'd', ?, 'risk-inspection', 'h1')`,
      )
      .run(core.context.newId(), game.id);
    const result = search(core, '故障', { engagementId: game.id }).find((r) => r.refId === note);
    expect(result).toMatchObject({
      checklistKind: 'inspection',
      prompt: { en: 'Is the pool sized for the peak?', 'zh-CN': '连接池是否按峰值配置？' },
    });
  });

  it('reflects updates to engagements, answers and findings', () => {
    const { core, shop, pool, note } = world();
    const { sqlite } = core.context.store;
    callOk(core, 'engagement.update', { id: shop.id, patch: { customerOrg: 'Ningbo Harbour Logistics' } });
    expect(refs(search(core, 'Example Retail'))).toEqual([]);
    expect(refs(search(core, 'harbour'))).toEqual([shop.id]);
    expect(search(core, 'Ningbo').every((r) => r.customerOrg === 'Ningbo Harbour Logistics')).toBe(true);

    sqlite.prepare('UPDATE findings SET title = ?, updated_at = ? WHERE id = ?').run('Redis eviction storm', 'z', pool);
    expect(refs(search(core, 'connection pool'))).toEqual([]);
    expect(refs(search(core, 'eviction'))).toEqual([pool]);

    sqlite.prepare("UPDATE checklist_answers SET note = '已扩容，复测通过' WHERE id = ?").run(note);
    expect(refs(search(core, '故障'))).not.toContain(note);
    expect(refs(search(core, '复测'))).toEqual([note]);
  });

  it('drops soft-deleted answers and findings, and brings them back when undeleted', () => {
    const { core, zhPool, note } = world();
    const { sqlite } = core.context.store;
    sqlite.prepare("UPDATE findings SET deleted_at = '2026-06-01T00:00:00.000Z' WHERE id = ?").run(zhPool);
    sqlite.prepare("UPDATE checklist_answers SET deleted_at = '2026-06-01T00:00:00.000Z' WHERE id = ?").run(note);
    expect(search(core, '连接池')).toEqual([]);
    expect(search(core, '故障')).toEqual([]);
    sqlite.prepare('UPDATE findings SET deleted_at = NULL WHERE id = ?').run(zhPool);
    expect(refs(search(core, '故障'))).toEqual([zhPool]);
  });

  it('leaves out a trashed engagement with everything in it, until it is restored', () => {
    const { core, game, zhPool, note } = world();
    callOk(core, 'engagement.trash', { id: game.id });
    expect(search(core, '连接池')).toEqual([]);
    expect(search(core, '上海游戏')).toEqual([]);
    expect(search(core, '故障')).toEqual([]);
    callOk(core, 'engagement.restore', { id: game.id });
    expect(refs(search(core, '故障')).sort()).toEqual([zhPool, note].sort());
    callOk(core, 'engagement.trash', { id: game.id });
    callOk(core, 'engagement.emptyTrash', {});
    const left = core.context.store.sqlite.prepare('SELECT count(*) FROM search_docs WHERE engagement_id = ?').pluck();
    expect(left.get(game.id)).toBe(0);
  });

  it('searches one engagement when asked, and keeps to the limit', () => {
    const { core, shop, game } = world();
    addFinding(core, shop.id, '连接池监控缺失');
    expect(search(core, '连接池', { engagementId: shop.id }).map((r) => r.engagementId)).toEqual([shop.id]);
    expect(search(core, '连接池', { engagementId: game.id }).every((r) => r.engagementId === game.id)).toBe(true);
    expect(search(core, '连接池', { limit: 1 })).toHaveLength(1);
  });

  it('treats FTS syntax in the query as text and never throws', () => {
    const { core, shop } = world();
    const pool = addFinding(core, shop.id, 'Pool "max" AND min: NEAR(a b) * -x ^y {title}');
    for (const query of [
      '"',
      '""',
      '"max"',
      'pool AND',
      'AND',
      'OR NOT',
      'NEAR(a b)',
      'NEAR',
      'min*',
      '*',
      'title:x',
      '{title}',
      '-x',
      '^y',
      '(',
      "'; DROP TABLE findings; --",
      '%',
      '_',
      '\\',
      'a\u0001b',
    ]) {
      expect(() => search(core, query), query).not.toThrow();
    }
    expect(refs(search(core, '"max" AND'))).toEqual([pool]);
    expect(refs(search(core, 'NEAR(a b)'))).toEqual([pool]);
    expect(refs(search(core, '* -x'))).toEqual([pool]);
    // % and _ are characters, not wildcards, in the short-query fallback.
    expect(search(core, '%')).toEqual([]);
  });

  it('refuses an empty or oversized query', () => {
    const core = startTestCore();
    expect(callErr(core, 'search.query', { query: '   ' }).code).toBe('INVALID_INPUT');
    expect(callErr(core, 'search.query', { query: 'x'.repeat(201) }).code).toBe('INVALID_INPUT');
    expect(callErr(core, 'search.query', { query: 'abc', engagementId: 'nope' }).code).toBe('INVALID_INPUT');
  });
});

describe('search over fixture L', () => {
  it('indexes the large engagement and finds in it by both paths', () => {
    const core = startTestCore({ now: steppingClock() });
    const l = seedLargeEngagement(core);
    expect(l.answerIds).toHaveLength(L_ANSWERS);
    expect(l.findingIds).toHaveLength(L_FINDINGS);
    const { sqlite } = core.context.store;
    expect(sqlite.prepare("SELECT count(*) FROM search_docs WHERE kind = 'finding'").pluck().get()).toBe(L_FINDINGS);
    sqlite.prepare("INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)").run();
    expect(search(core, L_CUSTOMER)[0]?.kind).toBe('engagement');
    const phrase = search(core, '数据库连接池故障', { limit: 100 });
    expect(phrase.length).toBeGreaterThan(10);
    expect(phrase.every((r) => onlyMarks(r, '数据库连接池故障'))).toBe(true);
    const fallback = search(core, '故障', { limit: 100 });
    expect(fallback).toHaveLength(100);
    expect(fallback.every((r) => onlyMarks(r, '故障'))).toBe(true);
  });
});

describe('migrating a store with checklists and findings to the search index', () => {
  type JournalEntry = { idx: number; tag: string };
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  const beforeSearch = journal.entries.filter((e) => e.tag < '0004');

  /** A migrations folder as the release before search shipped it (0000–0003). */
  function migrationsBeforeSearch(): string {
    const dir = join(tempDataDir(), 'migrations');
    mkdirSync(join(dir, 'meta'), { recursive: true });
    for (const entry of beforeSearch)
      copyFileSync(join(MIGRATIONS_DIR, `${entry.tag}.sql`), join(dir, `${entry.tag}.sql`));
    writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: beforeSearch }));
    return dir;
  }

  it('backfills live engagements, answers and findings, leaves deleted ones out, and keeps rows unchanged', () => {
    // Rows as today's core writes them, copied into a store at 0003.
    const source = startTestCore({ now: steppingClock() });
    const live = callOk(source, 'engagement.create', engagementFields({ customerOrg: '杭州示例零售' }));
    const trashed = callOk(source, 'engagement.create', engagementFields({ customerOrg: 'Trashed Traders' }));
    callOk(source, 'engagement.trash', { id: trashed.id });
    const finding = addFinding(source, live.id, '数据库连接池故障', 'Pool exhausted at 18k TPS.');
    const gone = addFinding(source, live.id, 'Deleted finding about pools');
    source.context.store.sqlite.prepare("UPDATE findings SET deleted_at = 'x' WHERE id = ?").run(gone);
    const answer = addAnswer(source, live.id, '告警未接入值班群');
    const rows = (table: string) => source.context.store.sqlite.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
    const before = { engagements: rows('engagements'), findings: rows('findings'), answers: rows('checklist_answers') };
    source.close();

    const dataDir = tempDataDir();
    const old = openStore(dataDir, migrationsBeforeSearch());
    expect(old.schemaVersion).toBe(4);
    const insert = (table: string, list: unknown[]) => {
      for (const row of list as Record<string, unknown>[]) {
        const columns = Object.keys(row);
        old.sqlite
          .prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`)
          .run(row);
      }
    };
    insert('engagements', before.engagements);
    insert('findings', before.findings);
    insert('checklist_answers', before.answers);
    expect(old.sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'search_index'").pluck().get()).toBe(0);
    old.close();

    const core = startTestCore({ dataDir });
    expect(core.context.store.schemaVersion).toBe(journal.entries.length);
    const { sqlite } = core.context.store;
    expect(sqlite.prepare('SELECT * FROM engagements ORDER BY id').all()).toEqual(before.engagements);
    expect(sqlite.prepare('SELECT * FROM findings ORDER BY id').all()).toEqual(before.findings);
    expect(sqlite.prepare('SELECT * FROM checklist_answers ORDER BY id').all()).toEqual(before.answers);
    expect(sqlite.prepare('SELECT kind, ref_id AS refId FROM search_docs ORDER BY kind').all()).toEqual([
      { kind: 'answer', refId: answer },
      { kind: 'engagement', refId: live.id },
      { kind: 'finding', refId: finding },
    ]);
    sqlite.prepare("INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)").run();
    expect(refs(search(core, '连接池'))).toEqual([finding]);
    expect(refs(search(core, '故障'))).toEqual([finding]);
    expect(refs(search(core, '值班'))).toEqual([answer]);
    expect(refs(search(core, '杭州示例'))).toEqual([live.id]);
    expect(search(core, 'Trashed')).toEqual([]);
    expect(search(core, 'Deleted finding')).toEqual([]);
    // The triggers work on the migrated store too.
    callOk(core, 'engagement.restore', { id: trashed.id });
    expect(refs(search(core, 'Trashed'))).toEqual([trashed.id]);
  });
});
