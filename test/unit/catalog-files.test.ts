import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Catalog, catalogSchema, describeCatalogIssues, PLAN_PHASES } from '@shared/domain/catalog';
import { describe, expect, it } from 'vitest';
import { RESOURCES_DIR } from '../fixtures/core';

const CATALOG_DIR = join(RESOURCES_DIR, 'catalogs');
const files = readdirSync(CATALOG_DIR).filter((name) => name.endsWith('.json'));

function load(id: string): Catalog {
  return catalogSchema.parse(JSON.parse(readFileSync(join(CATALOG_DIR, `${id}.json`), 'utf8')));
}

function edition(catalog: Catalog, id: string) {
  const found = catalog.editions.find((e) => e.id === id);
  if (!found) throw new Error(`no edition ${id}`);
  return found;
}

function raciOf(catalog: Catalog) {
  return Object.fromEntries(catalog.items.map((item) => [item.id, `${item.raci.customer} | ${item.raci.provider}`]));
}

describe('every shipped catalog file', () => {
  it('includes the two offerings the engagements refer to', () => {
    expect(files.sort()).toEqual(expect.arrayContaining(['alibaba-hypercare.json', 'huawei-key-event-on-duty.json']));
  });

  it.each(files)('%s validates against the catalog schema and is named after its id', (name) => {
    const parsed = catalogSchema.safeParse(JSON.parse(readFileSync(join(CATALOG_DIR, name), 'utf8')));
    expect(parsed.success ? [] : describeCatalogIssues(parsed.error)).toEqual([]);
    expect(`${parsed.data?.id}.json`).toBe(name);
  });

  it.each(files)('%s cites a source for every item, edition, rule and deliverable', (name) => {
    const catalog = load(name.replace(/\.json$/, ''));
    const sourced = [
      ...catalog.items,
      ...catalog.editions,
      ...catalog.leadTimes,
      ...catalog.deliverables,
      ...catalog.acceptanceMilestones,
      catalog.onSite,
      catalog.remote,
    ];
    for (const thing of sourced) {
      expect(thing.source.document.length).toBeGreaterThan(0);
      expect(thing.source.section.length).toBeGreaterThan(0);
    }
  });

  it.each(files)('%s has a plan template covering every phase and every item', (name) => {
    const catalog = load(name.replace(/\.json$/, ''));
    expect(new Set(catalog.planTemplate.map((t) => t.phase))).toEqual(new Set(PLAN_PHASES));
    const covered = new Set(catalog.planTemplate.flatMap((t) => t.itemIds));
    expect(catalog.items.map((i) => i.id).filter((id) => !covered.has(id))).toEqual([]);
    const onDuty = catalog.planTemplate.filter((t) => t.phase === 'onDuty');
    expect(onDuty.every((t) => t.anchor === 'eventStart' && t.offsetWorkingDays === 0)).toBe(true);
  });

  it.each(files)('%s gives every task without items its own RACI', (name) => {
    const catalog = load(name.replace(/\.json$/, ''));
    expect(catalog.planTemplate.filter((t) => t.itemIds.length === 0 && !t.raci).map((t) => t.id)).toEqual([]);
  });
});

describe('Alibaba Cloud Hypercare Service', () => {
  const catalog = load('alibaba-hypercare');

  it('keeps the edition ids existing engagements use', () => {
    expect(catalog.editions.map((e) => e.id)).toEqual(['basic', 'standard', 'advanced', 'custom']);
  });

  it('caps the service duration at 2, 10 and 15 days, and none for Custom', () => {
    expect(catalog.editions.map((e) => e.maxServiceDays)).toEqual([2, 10, 15, null]);
  });

  it('builds each edition on the one before, as the service catalog table ticks them', () => {
    const basic = edition(catalog, 'basic').itemIds;
    const standard = edition(catalog, 'standard').itemIds;
    const advanced = edition(catalog, 'advanced').itemIds;
    expect(basic).toHaveLength(10);
    expect(standard.filter((id) => !basic.includes(id)).sort()).toEqual([
      'capacity-assessment',
      'on-demand-stress-testing',
      'security-hardening-planning',
    ]);
    expect(advanced.filter((id) => !standard.includes(id)).sort()).toEqual([
      'database-optimization',
      'resource-bottleneck-optimization',
    ]);
    expect(basic.every((id) => standard.includes(id)) && standard.every((id) => advanced.includes(id))).toBe(true);
    expect(edition(catalog, 'custom')).toMatchObject({ pickItems: true, itemIds: [] });
  });

  it('has the RACI letters of the division-of-responsibilities table, task by task', () => {
    expect(raciOf(catalog)).toEqual({
      'readiness-assessment': 'A/S/C/I | R/I',
      'risk-inspection': 'A/S/C/I | R/I',
      'on-demand-stress-testing': 'A/S/C/I | R/I',
      'capacity-assessment': 'A/S/C/I | R/I',
      'monitoring-optimization': 'A/S/C/I | R/I',
      'process-optimization': 'A/S/C/I | R/I',
      'cloud-resource-assessment': 'A/S/C/I | R/I',
      'traffic-protection-planning': 'A/S/C/I | R/I',
      'security-hardening-planning': 'A/S/C/I | R/I',
      'database-optimization': 'A/S/C/I | R/I',
      'resource-bottleneck-optimization': 'A/S/C/I | R/I',
      'emergency-response-group-chat': 'A/S/C/I | R/I',
      'dedicated-service-manager': 'A/C/I | S/R/I',
      'event-management-summary': 'A/C/I | S/R/I',
      'acceptance-report': 'A/C/I | S/R/I',
    });
  });

  it('asks for 15 business days before ordering, and one month when large resources are needed', () => {
    expect(catalog.leadTimes.map(({ unit, amount, anchor, when }) => ({ unit, amount, anchor, when }))).toEqual([
      { unit: 'businessDays', amount: 15, anchor: 'order', when: 'always' },
      { unit: 'months', amount: 1, anchor: 'order', when: 'largeResources' },
    ]);
    expect(catalog.leadTimes.every((rule) => rule.source.section === '3. Prerequisites')).toBe(true);
  });

  it('bills on-site days per person-day, three times on national holidays, capped by the service duration', () => {
    expect(catalog.onSite).toMatchObject({ billing: 'perPersonDay', holidayMultiplier: 3, capByServiceDuration: true });
  });

  it('has the two acceptance milestones of §7.3', () => {
    expect(catalog.acceptanceMilestones.map((m) => [m.id, m.deliverableIds, m.source.section])).toEqual([
      [
        'design-verified',
        ['service-design', 'stress-testing-report', 'monitoring-optimization-plan'],
        '7.3 Acceptance plans, No. 1',
      ],
      ['service-period-ended', ['service-summary', 'acceptance-report'], '7.3 Acceptance plans, No. 2'],
    ]);
  });

  it('delivers the stress testing report only with editions that can include stress testing', () => {
    const report = catalog.deliverables.find((d) => d.id === 'stress-testing-report');
    expect(report?.editionIds).toEqual(['standard', 'advanced', 'custom']);
  });
});

describe('Huawei Cloud Key Event On-Duty Service', () => {
  const catalog = load('huawei-key-event-on-duty');

  it('keeps the edition ids existing engagements use', () => {
    expect(catalog.editions.map((e) => e.id)).toEqual(['basic', 'standard']);
  });

  it('makes Standard all of Basic plus security evaluation, capacity evaluation and performance test', () => {
    const basic = edition(catalog, 'basic').itemIds;
    const standard = edition(catalog, 'standard').itemIds;
    expect(basic.sort()).toEqual(
      ['assurance-summary', 'on-duty-team', 'requirement-survey', 'risk-inspection', 'solution'].sort(),
    );
    expect(basic.every((id) => standard.includes(id))).toBe(true);
    expect(standard.filter((id) => !basic.includes(id)).sort()).toEqual([
      'capacity-evaluation',
      'performance-test',
      'security-evaluation',
    ]);
  });

  it('includes one remote day per edition, bills extra days and on-site support, and caps no duration', () => {
    expect(catalog.editions.map((e) => [e.includedRemoteDays, e.maxServiceDays])).toEqual([
      [1, null],
      [1, null],
    ]);
    expect(catalog.remote.extraDaysBillable).toBe(true);
    expect(catalog.onSite).toMatchObject({ billing: 'extra', holidayMultiplier: 1, capByServiceDuration: false });
  });

  it('asks for the application 10 working days before the event', () => {
    expect(catalog.leadTimes.map(({ unit, amount, anchor, when }) => ({ unit, amount, anchor, when }))).toEqual([
      { unit: 'workingDays', amount: 10, anchor: 'eventStart', when: 'always' },
    ]);
    expect(catalog.leadTimes[0]?.source.section).toBe('Prerequisites 1');
  });

  it('says that its RACI is derived, as the document gives none', () => {
    for (const item of catalog.items) {
      expect(item.raci).toEqual({ customer: 'A/C/I', provider: 'R' });
      expect(item.source.section).toContain('RACI derived');
    }
  });

  it('is accepted on the signed and sealed Acceptance Report, after the solution and the summary', () => {
    expect(catalog.deliverables.map((d) => d.name.en)).toEqual([
      'Key Event Assurance Solution',
      'Key Event On-Duty Service Summary',
      'Acceptance Report',
    ]);
    const [milestone] = catalog.acceptanceMilestones;
    expect(milestone?.deliverableIds).toEqual(['assurance-solution', 'on-duty-summary', 'acceptance-report']);
    expect(milestone?.completion.en).toContain('signed and sealed the Acceptance Report');
  });

  it('lists the Acceptance Report from version 1.1, citing the Acceptance Criteria, for every edition', () => {
    expect(catalog.version).toBe('1.1');
    const report = catalog.deliverables.find((d) => d.id === 'acceptance-report');
    expect(report).toMatchObject({
      name: { en: 'Acceptance Report', 'zh-CN': '验收报告' },
      editionIds: [],
      source: { document: 'Huawei Cloud Key Event On-Duty Service', section: 'Acceptance Criteria' },
    });
  });
});
