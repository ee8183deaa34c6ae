/**
 * The on-duty period recorded through the services reaches the summary: the roster, a log entry,
 * an incident and the closing, previewed as the Huawei On-Duty Service Summary.
 */
import type { Document, Section } from '@shared/report/model';
import { afterEach, describe, expect, it } from 'vitest';
import { callOk, closeTestCores, startTestCore, steppingClock } from '../fixtures/core';
import { removeTempDataDirs } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});

const sections = (list: readonly Section[]): Section[] => list.flatMap((s) => [s, ...sections(s.subsections)]);
const section = (d: Document, id: string) => {
  const found = sections(d.sections).find((s) => s.id === id);
  if (!found) throw new Error(`no section ${id}`);
  return found;
};
const statements = (s: Section) =>
  sections([s]).flatMap((x) => x.blocks.filter((b) => b.kind === 'notAssessed').map((b) => b.reason));

// The fixture's window: 2026-11-10 20:00 to 2026-11-12 02:00 Asia/Shanghai.
const WINDOW_START = '2026-11-10T12:00:00.000Z';

describe('the on-duty summary built from the recorded period', () => {
  it('prints the hours served, the incident with MTTA and MTTR, the log digest and the closing outcome', () => {
    // The clock stands inside the window, so the log entries are written during the event.
    const core = startTestCore({ now: steppingClock('2026-11-10T15:00:00.000Z') });
    const engagement = callOk(
      core,
      'engagement.create',
      engagementFields({ catalogId: 'huawei-key-event-on-duty', editionId: 'standard' }),
    );
    const engagementId = engagement.id;
    const plan = callOk(core, 'plan.saveContact', {
      engagementId,
      contact: {
        party: 'provider',
        name: 'Li Wei',
        role: 'TAM',
        email: '',
        phone: '+86 138 0000 0001',
        projectManager: false,
      },
    });
    const liWei = plan.contacts.find((c) => c.name === 'Li Wei')?.id ?? '';
    callOk(core, 'roster.saveShift', {
      engagementId,
      shift: { contactId: liWei, roleId: 'dutyManager', startUtc: WINDOW_START, endUtc: '2026-11-11T00:00:00.000Z' },
    });
    callOk(core, 'log.append', { engagementId, kind: 'decision', text: 'Enable the queueing page at 2,300 TPS' });
    callOk(core, 'incident.save', {
      engagementId,
      incident: {
        severity: 'P2',
        title: 'Checkout latency above 1.5 s',
        detectedAt: '2026-11-10T14:00:00.000Z',
        acknowledgedAt: '2026-11-10T14:05:00.000Z',
        resolvedAt: '2026-11-10T14:45:00.000Z',
      },
    });
    callOk(core, 'warroom.close', {
      engagementId,
      closure: { outcome: 'met', summary: 'Peak held.', lessons: ['Pool sizes from the stress test'], followUps: [] },
    });

    const summary = callOk(core, 'deliverable.preview', { engagementId, documentId: 'on-duty-summary' });
    expect(JSON.stringify(section(summary, 'executiveSummary'))).toContain('Objectives met. Peak held.');
    const incidents = JSON.stringify(section(summary, 'incidentsHandling'));
    expect(incidents).toContain('INC-001');
    expect(incidents).toContain('"5 min"');
    expect(incidents).toContain('"45 min"');
    expect(incidents).not.toContain('"60 min"');
    expect(JSON.stringify(section(summary, 'warRoomLog'))).toContain('Enable the queueing page at 2,300 TPS');
    // Li Wei's 12-hour shift counts up to the closing, three hours into it (the clock stood at 15:00 UTC).
    expect(JSON.stringify(section(summary, 'serviceOverview'))).toContain('Total: 3 person-hours over 1 people.');
    expect(JSON.stringify(section(summary, 'rectificationFollowUp'))).toContain('Pool sizes from the stress test');
    expect(statements(section(summary, 'incidentsHandling'))).toEqual([]);
  });
});
