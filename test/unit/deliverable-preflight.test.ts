import { BUILDERS } from '@shared/report/builders';
import { SECTION_TITLES } from '@shared/report/text';
import { describe, expect, it } from 'vitest';
import {
  preflightItems,
  SCREEN_OF_SECTION,
  screenForSection,
} from '../../renderer/src/features/deliverables/preflight';
import { ENGAGEMENT_SECTIONS } from '../../renderer/src/routing';
import { reportInput } from '../fixtures/report-input';

describe('deliverable preflight', () => {
  it('links only section ids the builders really use, each to an existing engagement screen', () => {
    const ids = new Set(Object.keys(SECTION_TITLES));
    for (const id of ids) {
      const screen = screenForSection(id);
      if (screen !== null) expect(ENGAGEMENT_SECTIONS).toContain(screen);
    }
    expect(screenForSection('contacts')).toBe('plan');
    expect(screenForSection('riskInspection')).toBe('inspection');
    expect(screenForSection('stressResults')).toBe('stressTest');
    expect(screenForSection('capacityEvaluation')).toBe('capacity');
    expect(screenForSection('emergencyPlans')).toBe('optimization');
    expect(screenForSection('warRoomLog')).toBe('onDuty');
    expect(screenForSection('securityEvents')).toBeNull();
    // A section id spelt wrong in the map would silently never link.
    for (const id of Object.keys(SCREEN_OF_SECTION)) expect(ids).toContain(id);
    expect(screenForSection('no-such-section')).toBeNull();
  });

  it('lists every missing-data statement but not-in-edition ones, blocking ones first, with numbered headings', () => {
    const build = BUILDERS['assurance-solution'];
    if (!build) throw new Error('no builder');
    const document = build(reportInput('huawei'));
    const items = preflightItems(document);
    const statements = JSON.stringify(document).match(/"kind":"notAssessed","reason":"(noData|blocking|none)"/g) ?? [];
    expect(items.length).toBeGreaterThan(0);
    expect(items).toHaveLength(statements.length);
    const firstOptional = items.findIndex((i) => !i.blocksSigning);
    if (firstOptional >= 0) expect(items.slice(firstOptional).every((i) => !i.blocksSigning)).toBe(true);
    for (const item of items) expect(item.heading).toMatch(/^(\d+(\.\d+)* )?\S/);
  });
});
