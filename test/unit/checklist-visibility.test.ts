import {
  type AnswerValue,
  type ChecklistItem,
  type ChecklistTemplate,
  checklistProgress,
  checklistTemplateSchema,
  visibleItems,
} from '@shared/domain/checklist';
import { describe, expect, it } from 'vitest';

const L = (en: string) => ({ en, 'zh-CN': `中文 ${en}` });
function item(id: string, extra: Partial<ChecklistItem> = {}): ChecklistItem {
  return {
    id,
    prompt: L(`Prompt ${id}`),
    guidance: L('How to check'),
    answerType: 'yesNo',
    failWhen: { kind: 'yesNo', value: 'no' },
    severity: 'medium',
    recommendation: L('Fix it'),
    ...extra,
  };
}

const template: ChecklistTemplate = checklistTemplateSchema.parse({
  schemaVersion: 1,
  id: 'sample',
  version: '1.0',
  kind: 'inspection',
  title: L('Sample'),
  description: L('Sample'),
  sections: [
    {
      id: 'general',
      title: L('General'),
      items: [
        item('replica'),
        item('rw-split', { condition: { answer: { itemId: 'replica', equals: 'yes' } } }),
        item('lag', {
          answerType: 'number',
          unit: 's',
          failWhen: { kind: 'number', above: 5 },
          condition: { answer: { itemId: 'rw-split', equals: ['yes', 'no'] } },
        }),
        item('tiers', {
          answerType: 'multiChoice',
          failWhen: undefined,
          choices: [
            { id: 'cache', label: L('Cache') },
            { id: 'db', label: L('DB') },
          ],
        }),
        item('cache-only', { condition: { answer: { itemId: 'tiers', equals: 'cache' } } }),
        item('scoped-item', { condition: { resourceTypes: ['cdn'] } }),
      ],
    },
    { id: 'compute', title: L('Compute'), resourceType: 'compute', items: [item('cpu'), item('zones')] },
    { id: 'cache', title: L('Cache'), resourceType: 'cache', items: [item('memory')] },
  ],
});

const yes: AnswerValue = { kind: 'yesNo', value: 'yes' };
const no: AnswerValue = { kind: 'yesNo', value: 'no' };
const ids = (sections: ReturnType<typeof visibleItems>) => sections.flatMap((s) => s.items.map((i) => i.id));
const sectionIds = (sections: ReturnType<typeof visibleItems>) => sections.map((s) => s.section.id);

describe('visibleItems', () => {
  it('shows every resource section and scoped item while nothing is in scope yet', () => {
    const shown = visibleItems(template, new Map(), new Set());
    expect(sectionIds(shown)).toEqual(['general', 'compute', 'cache']);
    expect(ids(shown)).toEqual(['replica', 'tiers', 'scoped-item', 'cpu', 'zones', 'memory']);
  });

  it('shows a resource section only when its type is in scope', () => {
    expect(sectionIds(visibleItems(template, new Map(), new Set(['compute'])))).toEqual(['general', 'compute']);
    expect(sectionIds(visibleItems(template, new Map(), new Set(['other'])))).toEqual(['general']);
  });

  it('shows an item scoped to resource types only when one is in scope', () => {
    expect(ids(visibleItems(template, new Map(), new Set(['compute'])))).not.toContain('scoped-item');
    expect(ids(visibleItems(template, new Map(), new Set(['cdn'])))).toContain('scoped-item');
  });

  it('shows a follow-up only when the earlier answer matches', () => {
    const scope = new Set(['compute']);
    expect(ids(visibleItems(template, new Map([['replica', no]]), scope))).not.toContain('rw-split');
    expect(ids(visibleItems(template, new Map([['replica', yes]]), scope))).toContain('rw-split');
  });

  it('matches any of several values, and a multiple choice on any picked option', () => {
    const answers = new Map<string, AnswerValue>([
      ['replica', yes],
      ['rw-split', no],
      ['tiers', { kind: 'multiChoice', value: ['db', 'cache'] }],
    ]);
    const shown = ids(visibleItems(template, answers, new Set()));
    expect(shown).toContain('lag');
    expect(shown).toContain('cache-only');
    answers.set('tiers', { kind: 'multiChoice', value: ['db'] });
    expect(ids(visibleItems(template, answers, new Set()))).not.toContain('cache-only');
  });

  it('hides the follow-ups of a hidden item even when their stale answers still match', () => {
    const answers = new Map<string, AnswerValue>([
      ['replica', no],
      ['rw-split', yes],
    ]);
    expect(ids(visibleItems(template, answers, new Set()))).not.toContain('lag');
  });

  it('leaves out a section with nothing left to show', () => {
    const onlyFollowUps: ChecklistTemplate = {
      ...template,
      sections: [
        template.sections[0] as ChecklistTemplate['sections'][number],
        {
          id: 'later',
          title: L('Later'),
          items: [item('later-item', { condition: { answer: { itemId: 'replica', equals: 'yes' } } })],
        },
      ],
    };
    expect(sectionIds(visibleItems(onlyFollowUps, new Map(), new Set()))).toEqual(['general']);
  });
});

describe('checklistProgress', () => {
  it('counts answered, total and failed over the visible items', () => {
    expect(checklistProgress(template, new Map(), new Set(['compute']))).toEqual({ answered: 0, total: 4, failed: 0 });
    const answers = new Map<string, AnswerValue>([
      ['replica', yes],
      ['rw-split', no],
      ['lag', { kind: 'number', value: 12 }],
      ['cpu', no],
      ['zones', { kind: 'yesNo', value: 'na' }],
    ]);
    // replica, rw-split, lag, tiers, cpu, zones are shown; rw-split (no), lag (> 5) and cpu (no) fail.
    expect(checklistProgress(template, answers, new Set(['compute']))).toEqual({ answered: 5, total: 6, failed: 3 });
  });

  it('does not count answers to hidden items', () => {
    const answers = new Map<string, AnswerValue>([
      ['replica', no],
      ['rw-split', no],
      ['memory', no],
    ]);
    expect(checklistProgress(template, answers, new Set(['compute']))).toEqual({ answered: 1, total: 4, failed: 1 });
  });
});

describe('the template schema', () => {
  const base = { schemaVersion: 1, id: 't', version: '1.0', kind: 'survey', title: L('T'), description: L('T') };
  const issues = (items: ChecklistItem[]) => {
    const parsed = checklistTemplateSchema.safeParse({ ...base, sections: [{ id: 's', title: L('S'), items }] });
    return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  };

  it('refuses a condition on a later item, or on a value the item cannot take', () => {
    expect(issues([item('a', { condition: { answer: { itemId: 'b', equals: 'yes' } } }), item('b')])).toEqual([
      'item "b" must come before the item that depends on it',
    ]);
    expect(issues([item('a'), item('b', { condition: { answer: { itemId: 'a', equals: 'maybe' } } })])).toEqual([
      'item "a" cannot be answered "maybe"',
    ]);
  });

  it('refuses a number rule without bounds, a choice rule on a yes/no item and a number without unit', () => {
    expect(issues([item('a', { answerType: 'number', unit: '%', failWhen: { kind: 'number' } })])).toEqual([
      'a number rule needs below or above',
    ]);
    expect(issues([item('a', { failWhen: { kind: 'choice', anyOf: ['x'] } })])).toContain(
      'a choice rule needs a choice item',
    );
    expect(issues([item('a', { answerType: 'number', failWhen: { kind: 'number', above: 1 } })])).toEqual([
      'a number item needs a unit',
    ]);
  });
});
