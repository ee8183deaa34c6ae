import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeCatalogIssues } from '@shared/domain/catalog';
import { type ChecklistTemplate, checklistItemCount, checklistTemplateSchema } from '@shared/domain/checklist';
import { RESOURCE_TYPES } from '@shared/domain/plan';
import { describe, expect, it } from 'vitest';
import { RESOURCES_DIR } from '../fixtures/core';

const DIR = join(RESOURCES_DIR, 'checklists');
const files = readdirSync(DIR)
  .filter((name) => name.endsWith('.json'))
  .sort();

function load(name: string): ChecklistTemplate {
  return checklistTemplateSchema.parse(JSON.parse(readFileSync(join(DIR, name), 'utf8')));
}
const templates = files.map(load);
const items = (t: ChecklistTemplate) => t.sections.flatMap((s) => s.items);
const allItems = templates.flatMap(items);

describe('every shipped checklist file', () => {
  it('includes the survey, the risk inspection and the security evaluation', () => {
    expect(files).toEqual(['readiness-survey.json', 'risk-inspection.json', 'security-evaluation.json']);
    expect(templates.map((t) => t.kind)).toEqual(['survey', 'inspection', 'security']);
  });

  it.each(files)('%s validates against the template schema and is named after its id', (name) => {
    const parsed = checklistTemplateSchema.safeParse(JSON.parse(readFileSync(join(DIR, name), 'utf8')));
    expect(parsed.success ? [] : describeCatalogIssues(parsed.error)).toEqual([]);
    expect(`${parsed.data?.id}.json`).toBe(name);
  });

  it('has at least 150 items in total, with unique ids across templates', () => {
    expect(templates.reduce((sum, t) => sum + checklistItemCount(t), 0)).toBeGreaterThanOrEqual(150);
    expect(new Set(allItems.map((i) => i.id)).size).toBe(allItems.length);
  });

  it('gives every text in English and Simplified Chinese, and the two differ', () => {
    const texts = templates.flatMap((t) => [
      t.title,
      t.description,
      ...t.sections.map((s) => s.title),
      ...items(t).flatMap((i) => [i.prompt, i.guidance, i.recommendation, ...(i.choices ?? []).map((c) => c.label)]),
    ]);
    const same = texts.filter((text) => text.en.trim() === text['zh-CN'].trim());
    expect(same.map((text) => text.en)).toEqual([]);
    const untranslated = texts.filter((text) => !/[\u4e00-\u9fff]/.test(text['zh-CN']));
    expect(untranslated.map((text) => text.en)).toEqual([]);
  });

  it('mixes the answer types, and every item has guidance and a recommendation', () => {
    const types = new Set(allItems.map((i) => i.answerType));
    expect([...types].sort()).toEqual(['date', 'multiChoice', 'number', 'singleChoice', 'text', 'yesNo']);
    expect(allItems.filter((i) => i.answerType === 'yesNo').length).toBeGreaterThan(allItems.length / 2);
    for (const item of allItems) {
      expect(item.guidance.en.length, item.id).toBeGreaterThan(10);
      expect(item.recommendation.en.length, item.id).toBeGreaterThan(10);
    }
  });

  it('has a fail rule on most items, each consistent with its item', () => {
    const ruled = allItems.filter((i) => i.failWhen);
    expect(ruled.length).toBeGreaterThan(allItems.length * 0.7);
    for (const item of ruled) {
      const rule = item.failWhen;
      if (rule?.kind === 'yesNo') expect(item.answerType, item.id).toBe('yesNo');
      if (rule?.kind === 'number') {
        expect(item.answerType, item.id).toBe('number');
        expect(rule.below !== undefined || rule.above !== undefined, item.id).toBe(true);
      }
      if (rule?.kind === 'choice') {
        expect(['singleChoice', 'multiChoice'], item.id).toContain(item.answerType);
        const ids = item.choices?.map((c) => c.id) ?? [];
        for (const choice of rule.anyOf) expect(ids, item.id).toContain(choice);
        // A rule failing every choice would fail every answer.
        expect(rule.anyOf.length, item.id).toBeLessThan(ids.length);
      }
    }
    // Text and date answers never fail by themselves.
    expect(allItems.filter((i) => (i.answerType === 'text' || i.answerType === 'date') && i.failWhen)).toEqual([]);
  });

  it('gives every number item a unit', () => {
    for (const item of allItems.filter((i) => i.answerType === 'number')) expect(item.unit, item.id).toBeTruthy();
  });

  it('makes some items conditional, each on an earlier item of its template with a value it can take', () => {
    let conditional = 0;
    for (const template of templates) {
      const earlier = new Map<string, ChecklistTemplate['sections'][number]['items'][number]>();
      for (const item of items(template)) {
        const rule = item.condition?.answer;
        if (rule) {
          conditional += 1;
          const target = earlier.get(rule.itemId);
          expect(target, `${item.id} depends on ${rule.itemId}`).toBeDefined();
          const allowed =
            target?.answerType === 'yesNo' ? ['yes', 'no', 'na'] : (target?.choices ?? []).map((c) => c.id);
          for (const value of typeof rule.equals === 'string' ? [rule.equals] : rule.equals) {
            expect(allowed, `${item.id}`).toContain(value);
          }
        }
        earlier.set(item.id, item);
      }
    }
    expect(conditional).toBeGreaterThanOrEqual(10);
  });

  it('uses realistic severities: every level, criticals kept rare', () => {
    const count = (s: string) => allItems.filter((i) => i.severity === s).length;
    for (const s of ['critical', 'high', 'medium', 'low', 'info']) expect(count(s), s).toBeGreaterThan(0);
    expect(count('critical')).toBeLessThan(allItems.length * 0.15);
  });
});

describe('the risk inspection', () => {
  const inspection = templates.find((t) => t.kind === 'inspection') as ChecklistTemplate;

  it('has one section per resource type, covering all 13', () => {
    const covered = inspection.sections.map((s) => s.resourceType);
    expect(covered.every((type) => type !== undefined)).toBe(true);
    expect([...covered].sort()).toEqual(RESOURCE_TYPES.filter((t) => t !== 'other').sort());
  });

  it('names the products of both providers on every item', () => {
    for (const item of items(inspection)) {
      expect(item.products?.alibaba?.trim(), item.id).toBeTruthy();
      expect(item.products?.huawei?.trim(), item.id).toBeTruthy();
    }
  });

  it('uses the names the providers use for the core products', () => {
    const named = (type: string) => {
      const section = inspection.sections.find((s) => s.resourceType === type);
      return section?.items.map((i) => `${i.products?.alibaba} | ${i.products?.huawei}`).join(' ');
    };
    expect(named('database')).toMatch(/RDS.*PolarDB.*\|.*GaussDB/);
    expect(named('cache')).toMatch(/Tair.*\|.*DCS/);
    expect(named('objectStorage')).toMatch(/OSS.*\|.*OBS/);
    expect(named('loadBalancer')).toMatch(/ALB.*\|.*ELB/);
    expect(named('backupDr')).toMatch(/HBR.*\|.*CBR/);
  });
});
