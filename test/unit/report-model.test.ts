import { describe, expect, it } from 'vitest';
import { type Document, documentProblems, numberSections, text, validateDocument } from '../../shared/report/model';
import { fill, SECTION_TITLES } from '../../shared/report/text';

const doc = (sections: Document['sections']): Document => ({
  id: 'x',
  title: 'X',
  number: 'N-1',
  version: '1',
  date: '2026-01-01',
  language: 'en',
  confidentiality: 'Confidential',
  draft: true,
  cover: { customer: 'C', event: 'E' },
  control: [],
  frontMatter: [],
  sections,
});

describe('numberSections', () => {
  it('numbers 1, 2 and 1.1, 1.2, 1.2.1 in order', () => {
    const numbered = numberSections([
      {
        id: 'a',
        title: 'A',
        blocks: [],
        subsections: [
          { id: 'a1', title: 'A1', blocks: [text('x')] },
          { id: 'a2', title: 'A2', blocks: [], subsections: [{ id: 'a21', title: 'A21', blocks: [text('y')] }] },
        ],
      },
      { id: 'b', title: 'B', blocks: [text('z')] },
    ]);
    expect(numbered.map((s) => s.number)).toEqual(['1', '2']);
    expect(numbered[0]?.subsections.map((s) => s.number)).toEqual(['1.1', '1.2']);
    expect(numbered[0]?.subsections[1]?.subsections[0]?.number).toBe('1.2.1');
  });
});

describe('validateDocument', () => {
  it('refuses a section with neither a block nor a subsection', () => {
    const d = doc(numberSections([{ id: 'empty', title: 'Empty', blocks: [] }]));
    expect(documentProblems(d)).toEqual([{ sectionId: 'empty', problem: 'empty' }]);
    expect(() => validateDocument(d)).toThrow(/empty \(empty\)/);
  });
  it('refuses numbers out of sequence and duplicate ids', () => {
    const [a] = numberSections([{ id: 'a', title: 'A', blocks: [text('x')] }]);
    if (!a) throw new Error('no section');
    const problems = documentProblems(doc([a, { ...a, number: '3' }]));
    expect(problems).toContainEqual({ sectionId: 'a', problem: 'duplicateId' });
    expect(problems).toContainEqual({ sectionId: 'a', problem: 'badNumber' });
  });
  it('accepts a well-formed document', () => {
    expect(validateDocument(doc(numberSections([{ id: 'a', title: 'A', blocks: [text('x')] }]))).id).toBe('x');
  });
});

describe('text', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
  it('every title has both languages', () => {
    for (const pair of Object.values(SECTION_TITLES)) {
      expect(pair.en.length).toBeGreaterThan(0);
      expect(pair['zh-CN'].length).toBeGreaterThan(0);
    }
  });
});
