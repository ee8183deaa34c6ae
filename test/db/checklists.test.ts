import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChecklistTemplate } from '@shared/domain/checklist';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/index';
import {
  engagementChecklistId,
  engagementChecklists,
  getTemplate,
  listTemplates,
  readTemplateSnapshot,
  snapshotTemplate,
  startChecklist,
  templateHash,
} from '../../electron/core/services/checklists';
import { callErr, callOk, closeTestCores, RESOURCES_DIR, startTestCore, steppingClock } from '../fixtures/core';
import { removeTempDataDirs, tempDataDir } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});

/** A copy of the shipped resources (catalogs, calendars, checklists) that a test may change. */
function resourcesCopy(): string {
  const dir = tempDataDir();
  for (const folder of ['catalogs', 'calendars', 'checklists'])
    cpSync(join(RESOURCES_DIR, folder), join(dir, folder), { recursive: true });
  return dir;
}

function snapshotRows(core: Core) {
  return core.context.store.sqlite.prepare('SELECT hash, template_id FROM checklist_snapshots').all() as {
    hash: string;
    template_id: string;
  }[];
}

describe('checklist.templates', () => {
  it('lists the three shipped templates with their kind, titles and item counts', () => {
    const core = startTestCore();
    const list = callOk(core, 'checklist.templates', {});
    expect(list.map((t) => [t.id, t.kind, t.version])).toEqual([
      ['readiness-survey', 'survey', '1.0'],
      ['risk-inspection', 'inspection', '1.0'],
      ['security-evaluation', 'security', '1.0'],
    ]);
    expect(list.reduce((sum, t) => sum + t.itemCount, 0)).toBeGreaterThanOrEqual(150);
    expect(list[1]?.title).toEqual({ en: 'Risk inspection', 'zh-CN': '风险巡检' });
    expect(listTemplates(core.context)).toEqual(list);
  });

  it('refuses an unknown template, naming it', () => {
    const core = startTestCore();
    expect(() => getTemplate(core.context, 'nope')).toThrow('No checklist template with id "nope".');
  });

  it('names the file and every bad path when a shipped template is invalid', () => {
    const resourcesDir = resourcesCopy();
    const file = join(resourcesDir, 'checklists', 'risk-inspection.json');
    const broken = JSON.parse(readFileSync(file, 'utf8'));
    broken.sections[0].items[0].severity = 'catastrophic';
    broken.sections[2].items[1].prompt['zh-CN'] = ' ';
    writeFileSync(file, JSON.stringify(broken));
    const core = startTestCore({ resourcesDir });
    const error = callErr(core, 'checklist.templates', {});
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain(file);
    expect(error.details).toEqual([
      expect.stringMatching(/^sections\[0\]\.items\[0\]\.severity: /),
      'sections[2].items[1].prompt.zh-CN: expected Simplified Chinese text',
    ]);
  });
});

describe('template snapshots', () => {
  it('hash the canonical content: stable across calls and key order, stored once', () => {
    const core = startTestCore();
    const first = snapshotTemplate(core.context, 'security-evaluation');
    const second = snapshotTemplate(core.context, 'security-evaluation');
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(second.hash).toBe(first.hash);
    expect(snapshotRows(core)).toEqual([{ hash: first.hash, template_id: 'security-evaluation' }]);
    const reordered = Object.fromEntries(Object.entries(first.template).reverse()) as ChecklistTemplate;
    expect(templateHash(reordered)).toBe(first.hash);
    expect(readTemplateSnapshot(core.context, first.hash)).toEqual(first.template);
  });

  it('refuse an unknown snapshot hash', () => {
    const core = startTestCore();
    expect(() => readTemplateSnapshot(core.context, 'f'.repeat(64))).toThrow(/No checklist snapshot/);
  });
});

describe('checklist.start', () => {
  it('starts one checklist per engagement and template, with a deterministic id, however often it is called', () => {
    const core = startTestCore({ now: steppingClock() });
    const engagement = callOk(core, 'engagement.create', engagementFields());
    const input = { engagementId: engagement.id, templateId: 'risk-inspection' };
    const first = callOk(core, 'checklist.start', input);
    const again = callOk(core, 'checklist.start', input);
    expect(again).toEqual(first);
    expect(first).toEqual({
      checklistId: engagementChecklistId(engagement.id, 'risk-inspection'),
      templateId: 'risk-inspection',
      templateHash: getTemplate(core.context, 'risk-inspection').hash,
    });
    callOk(core, 'checklist.start', { engagementId: engagement.id, templateId: 'readiness-survey' });
    const rows = engagementChecklists(core.context, engagement.id);
    expect(rows.map((r) => r.templateId)).toEqual(['risk-inspection', 'readiness-survey']);
    expect(rows[0]).toMatchObject({ engagementId: engagement.id, deletedAt: null, updatedBy: expect.any(String) });
    expect(snapshotRows(core)).toHaveLength(2);
  });

  it('gives two engagements two checklists of one template, sharing one snapshot', () => {
    const core = startTestCore();
    const a = callOk(core, 'engagement.create', engagementFields());
    const b = callOk(core, 'engagement.create', engagementFields({ eventName: 'Spring Festival' }));
    const started = [a, b].map((e) => startChecklist(core.context, e.id, 'security-evaluation'));
    expect(started[0]?.id).not.toBe(started[1]?.id);
    expect(started[0]?.templateHash).toBe(started[1]?.templateHash);
    expect(snapshotRows(core)).toHaveLength(1);
  });

  it('refuses an unknown template or engagement, and an engagement in the trash or archived', () => {
    const core = startTestCore();
    const engagement = callOk(core, 'engagement.create', engagementFields());
    expect(callErr(core, 'checklist.start', { engagementId: engagement.id, templateId: 'nope' })).toMatchObject({
      code: 'NOT_FOUND',
      field: 'templateId',
    });
    const unknown = '0190a3f0-0000-7000-8000-000000000000';
    expect(callErr(core, 'checklist.start', { engagementId: unknown, templateId: 'risk-inspection' }).code).toBe(
      'NOT_FOUND',
    );
    expect(callErr(core, 'checklist.start', { engagementId: 'x', templateId: 'risk-inspection' }).code).toBe(
      'INVALID_INPUT',
    );
    callOk(core, 'engagement.archive', { id: engagement.id });
    expect(
      callErr(core, 'checklist.start', { engagementId: engagement.id, templateId: 'risk-inspection' }),
    ).toMatchObject({ code: 'CONFLICT', field: 'engagementId' });
    expect(engagementChecklists(core.context, engagement.id)).toEqual([]);
    const trashed = callOk(core, 'engagement.create', engagementFields({ eventName: 'Spring Festival' }));
    callOk(core, 'engagement.trash', { id: trashed.id });
    expect(
      callErr(core, 'checklist.start', { engagementId: trashed.id, templateId: 'risk-inspection' }).message,
    ).toMatch(/in the trash/);
  });

  it('keeps the engagement on the content it started from after the template file changes', () => {
    const dataDir = tempDataDir();
    const before = resourcesCopy();
    const core = startTestCore({ dataDir, resourcesDir: before });
    const engagement = callOk(core, 'engagement.create', engagementFields());
    const started = callOk(core, 'checklist.start', { engagementId: engagement.id, templateId: 'risk-inspection' });
    const original = readTemplateSnapshot(core.context, started.templateHash);
    closeTestCores();

    // A later release of the app ships a changed template.
    const after = resourcesCopy();
    const file = join(after, 'checklists', 'risk-inspection.json');
    const changed = JSON.parse(readFileSync(file, 'utf8'));
    changed.version = '1.1';
    changed.sections[0].items[0].severity = 'critical';
    writeFileSync(file, JSON.stringify(changed));
    const reopened = startTestCore({ dataDir, resourcesDir: after });

    const newHash = getTemplate(reopened.context, 'risk-inspection').hash;
    expect(newHash).not.toBe(started.templateHash);
    expect(callOk(reopened, 'checklist.start', { engagementId: engagement.id, templateId: 'risk-inspection' })).toEqual(
      started,
    );
    expect(engagementChecklists(reopened.context, engagement.id).map((r) => r.templateHash)).toEqual([
      started.templateHash,
    ]);
    const pinned = readTemplateSnapshot(reopened.context, started.templateHash);
    expect(pinned).toEqual(original);
    expect(pinned.version).toBe('1.0');

    // A new engagement starts from the new content.
    const other = callOk(reopened, 'engagement.create', engagementFields({ eventName: 'Spring Festival' }));
    expect(
      callOk(reopened, 'checklist.start', { engagementId: other.id, templateId: 'risk-inspection' }).templateHash,
    ).toBe(newHash);
  });
});

describe('started checklist cache', () => {
  it('follows any write to engagement_checklists, even one that bypasses the service', () => {
    const core = startTestCore({ now: steppingClock() });
    const engagement = callOk(core, 'engagement.create', engagementFields());
    const { sqlite } = core.context.store;
    const first = startChecklist(core.context, engagement.id, 'risk-inspection');
    expect(startChecklist(core.context, engagement.id, 'risk-inspection')).toEqual(first);
    // A merge or a repair writes the table directly: the next call must see it, not a cached row.
    sqlite
      .prepare("UPDATE engagement_checklists SET template_hash = 'f00d', updated_at = 'later' WHERE id = ?")
      .run(first.id);
    expect(startChecklist(core.context, engagement.id, 'risk-inspection').templateHash).toBe('f00d');
    sqlite.prepare("UPDATE engagement_checklists SET deleted_at = 'gone' WHERE id = ?").run(first.id);
    const back = startChecklist(core.context, engagement.id, 'risk-inspection');
    expect(back.deletedAt).toBeNull();
    expect(back.templateHash).toBe('f00d');
    sqlite.prepare('DELETE FROM engagement_checklists WHERE id = ?').run(first.id);
    expect(startChecklist(core.context, engagement.id, 'risk-inspection').templateHash).toBe(first.templateHash);
  });

  it('keeps nothing a rolled-back transaction wrote', () => {
    const core = startTestCore({ now: steppingClock() });
    const engagement = callOk(core, 'engagement.create', engagementFields());
    const { sqlite } = core.context.store;
    expect(() =>
      sqlite.transaction(() => {
        startChecklist(core.context, engagement.id, 'security-evaluation');
        startChecklist(core.context, engagement.id, 'security-evaluation');
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(engagementChecklists(core.context, engagement.id)).toEqual([]);
    const started = startChecklist(core.context, engagement.id, 'security-evaluation');
    expect(engagementChecklists(core.context, engagement.id)).toEqual([started]);
  });
});
