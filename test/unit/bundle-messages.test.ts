/** Every way a bundle can be refused has a message in both languages, so a refusal never shows a bare key. */
import { describe, expect, it } from 'vitest';
import { REFUSAL_REASONS } from '../../electron/core/archive/refusal';
import { BUNDLE_DATA_REFUSALS } from '../../electron/core/services/bundle-data';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zh-CN';

describe('bundle refusal messages', () => {
  it('translate every reason the archive and the engagement layers can give', () => {
    const reasons = [...REFUSAL_REASONS, ...BUNDLE_DATA_REFUSALS];
    const english: Record<string, string> = en.bundle.refused;
    const chinese: Record<string, string> = zhCN.bundle.refused;
    expect(reasons.filter((reason) => !english[reason])).toEqual([]);
    expect(reasons.filter((reason) => !chinese[reason])).toEqual([]);
    expect(Object.keys(english).sort()).toEqual([...new Set(reasons)].sort());
  });
});
