import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validationMessagesEn } from '@shared/domain/messages';
import { describe, expect, it } from 'vitest';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';

function leaves(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value as object, path)) out.set(k, v);
  }
  return out;
}

const english = leaves(en);
const chinese = leaves(zhCN);
/** Proper names that read the same in both languages. */
const SAME_IN_BOTH = new Set(['app.name', 'details.types.cdn']);

describe('UI translations', () => {
  it('give Simplified Chinese every key English has, and no other', () => {
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('leave no string empty in either language', () => {
    const empty = [...english, ...chinese].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('translate every string rather than copy the English', () => {
    const copied = [...english].filter(([key, text]) => !SAME_IN_BOTH.has(key) && chinese.get(key) === text);
    expect(copied.map(([key]) => key)).toEqual([]);
  });

  it('keep the same interpolation variables in both languages', () => {
    const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const mismatched = [...english].filter(([key, text]) => {
      const other = chinese.get(key) ?? '';
      return JSON.stringify(variables(text)) !== JSON.stringify(variables(other));
    });
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it('translate every validation message the shared schemas can raise', () => {
    const missing = Object.keys(validationMessagesEn).filter((key) => !english.has(key) || !chinese.has(key));
    expect(missing).toEqual([]);
  });

  it('say the same thing in the UI and in the core for each validation message', () => {
    const differing = Object.entries(validationMessagesEn).filter(([key, text]) => english.get(key) !== text);
    expect(differing).toEqual([]);
  });
});

describe('validation message keys', () => {
  it('used in shared/ all have English text for the core', () => {
    const sharedDir = resolve(import.meta.dirname, '../../shared');
    const files = readdirSync(sharedDir, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('messages.ts'),
    );
    const used = new Set(
      files.flatMap((f) =>
        [...readFileSync(join(sharedDir, f), 'utf8').matchAll(/'(validation\.\w+)'/g)].map((m) => m[1]),
      ),
    );
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((key) => key !== undefined && !(key in validationMessagesEn))).toEqual([]);
  });
});
