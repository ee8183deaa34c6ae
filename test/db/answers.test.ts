import { afterEach, describe, expect, it } from 'vitest';
import { callErr, callOk, closeTestCores, startTestCore } from '../fixtures/core';
import { removeTempDataDirs } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});

const TEMPLATE = 'security-evaluation';

function setup() {
  const core = startTestCore();
  const engagement = callOk(core, 'engagement.create', engagementFields());
  const view = callOk(core, 'checklist.view', { engagementId: engagement.id, templateId: TEMPLATE });
  const items = view.template.sections.flatMap((s) => s.items);
  const yesNo = items.find((i) => i.answerType === 'yesNo' && i.failWhen?.kind === 'yesNo');
  const number = items.find((i) => i.answerType === 'number');
  if (!yesNo || !number || yesNo.failWhen?.kind !== 'yesNo')
    throw new Error('template lacks the items this test needs');
  return { core, engagementId: engagement.id, yesNo, failing: yesNo.failWhen.value, number };
}

const historyCount = (core: ReturnType<typeof startTestCore>) =>
  core.context.store.sqlite.prepare('SELECT count(*) FROM answer_history').pluck().get() as number;

describe('checklist.answer', () => {
  it('persists the answer with who and when, and marks a failing one', () => {
    const { core, engagementId, yesNo, failing } = setup();
    callOk(core, 'settings.update', { consultantName: 'Mei Chen' });
    const answer = callOk(core, 'checklist.answer', {
      engagementId,
      templateId: TEMPLATE,
      itemId: yesNo.id,
      value: { kind: 'yesNo', value: failing },
    });
    expect(answer).toMatchObject({ itemId: yesNo.id, fails: true, updatedBy: 'Mei Chen' });
    expect(answer.updatedAt).toMatch(/Z$/);
    const view = callOk(core, 'checklist.view', { engagementId, templateId: TEMPLATE });
    expect(view.answers.find((a) => a.itemId === yesNo.id)?.value).toEqual({ kind: 'yesNo', value: failing });
  });

  it('gives two answers to one item one row with a deterministic id, and keeps both in the history', () => {
    const { core, engagementId, yesNo } = setup();
    const first = callOk(core, 'checklist.answer', {
      engagementId,
      templateId: TEMPLATE,
      itemId: yesNo.id,
      value: { kind: 'yesNo', value: 'yes' },
    });
    const second = callOk(core, 'checklist.answer', {
      engagementId,
      templateId: TEMPLATE,
      itemId: yesNo.id,
      value: { kind: 'yesNo', value: 'no' },
    });
    expect(second.id).toBe(first.id);
    expect(core.context.store.sqlite.prepare('SELECT count(*) FROM checklist_answers').pluck().get()).toBe(1);
    expect(historyCount(core)).toBe(2);
  });

  it('keeps the note when only the value changes, and the value when only the note changes', () => {
    const { core, engagementId, yesNo } = setup();
    callOk(core, 'checklist.answer', {
      engagementId,
      templateId: TEMPLATE,
      itemId: yesNo.id,
      value: { kind: 'yesNo', value: 'yes' },
      note: '检查了控制台',
    });
    const changed = callOk(core, 'checklist.answer', {
      engagementId,
      templateId: TEMPLATE,
      itemId: yesNo.id,
      value: { kind: 'yesNo', value: 'na' },
    });
    expect(changed.note).toBe('检查了控制台');
  });

  it('refuses an unknown item and an answer of the wrong type, naming the field, and stores nothing', () => {
    const { core, engagementId, yesNo, number } = setup();
    expect(
      callErr(core, 'checklist.answer', {
        engagementId,
        templateId: TEMPLATE,
        itemId: 'no-such-item',
        value: { kind: 'yesNo', value: 'yes' },
      }),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'itemId',
    });
    expect(
      callErr(core, 'checklist.answer', {
        engagementId,
        templateId: TEMPLATE,
        itemId: yesNo.id,
        value: { kind: 'number', value: 3 },
      }),
    ).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'value',
    });
    expect(
      callErr(core, 'checklist.answer', {
        engagementId,
        templateId: TEMPLATE,
        itemId: number.id,
        value: { kind: 'yesNo', value: 'yes' },
      }),
    ).toMatchObject({
      field: 'value',
    });
    expect(historyCount(core)).toBe(0);
  });

  it('is refused on an archived engagement', () => {
    const { core, engagementId, yesNo } = setup();
    callOk(core, 'engagement.archive', { id: engagementId });
    expect(
      callErr(core, 'checklist.answer', {
        engagementId,
        templateId: TEMPLATE,
        itemId: yesNo.id,
        value: { kind: 'yesNo', value: 'yes' },
      }).code,
    ).toBe('CONFLICT');
  });
});

describe('checklist.undo', () => {
  it('puts back the previous answer, and the first answer back to none', () => {
    const { core, engagementId, yesNo } = setup();
    const target = { engagementId, templateId: TEMPLATE, itemId: yesNo.id };
    callOk(core, 'checklist.answer', { ...target, value: { kind: 'yesNo', value: 'yes' } });
    callOk(core, 'checklist.answer', { ...target, value: { kind: 'yesNo', value: 'no' } });
    expect(callOk(core, 'checklist.undo', target).value).toEqual({ kind: 'yesNo', value: 'yes' });
    expect(historyCount(core)).toBe(3);
  });

  it('of the only answer clears it', () => {
    const { core, engagementId, yesNo } = setup();
    const target = { engagementId, templateId: TEMPLATE, itemId: yesNo.id };
    callOk(core, 'checklist.answer', { ...target, value: { kind: 'yesNo', value: 'yes' } });
    const undone = callOk(core, 'checklist.undo', target);
    expect(undone.value).toBeNull();
    expect(undone.fails).toBe(false);
  });

  it('with nothing answered is refused', () => {
    const { core, engagementId, yesNo } = setup();
    expect(callErr(core, 'checklist.undo', { engagementId, templateId: TEMPLATE, itemId: yesNo.id }).code).toBe(
      'NOT_FOUND',
    );
  });
});

describe('checklist.view of an archived engagement', () => {
  it('shows the checklist read-only even when it was never started', () => {
    const core = startTestCore();
    const engagement = callOk(core, 'engagement.create', engagementFields());
    callOk(core, 'engagement.archive', { id: engagement.id });
    const view = callOk(core, 'checklist.view', { engagementId: engagement.id, templateId: TEMPLATE });
    expect(view.answers).toEqual([]);
    expect(view.template.id).toBe(TEMPLATE);
    expect(core.context.store.sqlite.prepare('SELECT count(*) FROM engagement_checklists').pluck().get()).toBe(0);
  });
});
