import {
  currentMinute,
  eventTimeToSave,
  formatMinutes,
  type Incident,
  incidentInputSchema,
  incidentOrderProblem,
  incidentTimeline,
  mttaMinutes,
  mttrMinutes,
  severitySummaries,
  wallTimeInstants,
} from '@shared/domain/incidents';
import { describe, expect, it } from 'vitest';

const at = (hhmm: string) => `2026-11-10T${hhmm}:00.000Z`;

type Times = Pick<Incident, 'startedAt' | 'detectedAt' | 'acknowledgedAt' | 'mitigatedAt' | 'resolvedAt'>;
const times = (overrides: Partial<Times>): Times => ({
  startedAt: null,
  detectedAt: null,
  acknowledgedAt: null,
  mitigatedAt: null,
  resolvedAt: null,
  ...overrides,
});

describe('MTTA and MTTR of one incident', () => {
  it.each([
    [
      'all times known',
      times({ detectedAt: at('10:00'), acknowledgedAt: at('10:04'), resolvedAt: at('11:30') }),
      4,
      90,
    ],
    [
      'counted from detection, not from the start',
      times({ startedAt: at('09:00'), detectedAt: at('10:00'), acknowledgedAt: at('10:10'), resolvedAt: at('10:40') }),
      10,
      40,
    ],
    ['open: acknowledged, not resolved', times({ detectedAt: at('10:00'), acknowledgedAt: at('10:02') }), 2, null],
    ['not yet acknowledged', times({ detectedAt: at('10:00') }), null, null],
    ['detection unknown', times({ acknowledgedAt: at('10:02'), resolvedAt: at('10:30') }), null, null],
    [
      'acknowledged the same minute',
      times({ detectedAt: at('10:00'), acknowledgedAt: at('10:00'), resolvedAt: at('10:00') }),
      0,
      0,
    ],
  ])('%s', (_case, incident, mtta, mttr) => {
    expect(mttaMinutes(incident)).toBe(mtta);
    expect(mttrMinutes(incident)).toBe(mttr);
  });
});

describe('MTTA and MTTR per severity', () => {
  const incidents = [
    {
      severity: 'P1' as const,
      ...times({ detectedAt: at('10:00'), acknowledgedAt: at('10:02'), resolvedAt: at('10:30') }),
    },
    {
      severity: 'P1' as const,
      ...times({ detectedAt: at('12:00'), acknowledgedAt: at('12:06'), resolvedAt: at('13:30') }),
    },
    // Open: counted, left out of both means although its MTTA is known.
    { severity: 'P1' as const, ...times({ detectedAt: at('14:00'), acknowledgedAt: at('14:30') }) },
    { severity: 'P3' as const, ...times({ detectedAt: at('10:00') }) },
    // Resolved, acknowledgement never recorded: in the MTTR mean only.
    { severity: 'P2' as const, ...times({ detectedAt: at('10:00'), resolvedAt: at('10:20') }) },
  ];

  it('gives count, open, and means over resolved incidents for every severity', () => {
    expect(severitySummaries(incidents)).toEqual([
      { severity: 'P1', count: 3, open: 1, mttaMinutes: 4, mttrMinutes: 60 },
      { severity: 'P2', count: 1, open: 0, mttaMinutes: null, mttrMinutes: 20 },
      { severity: 'P3', count: 1, open: 1, mttaMinutes: null, mttrMinutes: null },
      { severity: 'P4', count: 0, open: 0, mttaMinutes: null, mttrMinutes: null },
    ]);
  });

  it.each([
    [null, 'en', '—'],
    [4.4, 'en', '4 min'],
    [125, 'en', '2 h 05 min'],
    [1620, 'en', '1 d 3 h'],
    [90, 'zh-CN', '1 小时 30 分钟'],
  ] as const)('prints %s minutes in %s as %s', (minutes, language, text) => {
    expect(formatMinutes(minutes, language)).toBe(text);
  });
});

describe('order of the incident times', () => {
  it.each([
    [
      'all in order',
      times({
        startedAt: at('09:00'),
        detectedAt: at('09:05'),
        acknowledgedAt: at('09:06'),
        mitigatedAt: at('09:30'),
        resolvedAt: at('10:00'),
      }),
      null,
    ],
    ['equal times allowed', times({ startedAt: at('09:00'), detectedAt: at('09:00') }), null],
    ['detected before start', times({ startedAt: at('09:00'), detectedAt: at('08:59') }), 'detectedAt'],
    ['resolved before mitigated', times({ mitigatedAt: at('10:00'), resolvedAt: at('09:00') }), 'resolvedAt'],
    [
      'gap skipped: acknowledged before start',
      times({ startedAt: at('09:00'), acknowledgedAt: at('08:00') }),
      'acknowledgedAt',
    ],
    ['unknown times are not compared', times({ detectedAt: at('09:00'), resolvedAt: at('12:00') }), null],
  ])('%s', (_case, incident, field) => {
    expect(incidentOrderProblem(incident)?.field ?? null).toBe(field);
  });

  it('names the field in the schema issue', () => {
    const parsed = incidentInputSchema.safeParse({
      severity: 'P2',
      title: 'Checkout errors',
      detectedAt: at('10:00'),
      mitigatedAt: at('09:00'),
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ['mitigatedAt'],
      message: 'validation.incidentMitigatedOrder',
    });
  });
});

describe('incident timeline', () => {
  it('merges own times and log entries oldest first, own times first at the same instant', () => {
    const timeline = incidentTimeline(times({ detectedAt: at('10:00'), resolvedAt: at('11:00') }), [
      { id: 'b', occurredAt: at('10:30'), kind: 'action', text: 'Rolled back', author: 'Chen' },
      { id: 'a', occurredAt: at('10:00'), kind: 'incidentUpdate', text: 'Paged the DBA', author: 'Chen' },
    ]);
    expect(timeline.map((item) => (item.kind === 'time' ? item.field : item.entry.id))).toEqual([
      'detectedAt',
      'a',
      'b',
      'resolvedAt',
    ]);
  });
});

describe('wall times in the hour clocks repeat', () => {
  // London: 2026-10-25 01:30 happens at 00:30 UTC (BST) and again at 01:30 UTC (GMT).
  const zone = 'Europe/London';

  it('names both instants of a repeated wall time, none of a skipped one', () => {
    expect(wallTimeInstants('2026-10-25T01:30', zone)).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T01:30:00.000Z',
    ]);
    expect(wallTimeInstants('2026-10-25T03:30', zone)).toEqual(['2026-10-25T03:30:00.000Z']);
    expect(wallTimeInstants('2026-03-29T01:30', zone)).toEqual([]);
  });

  it('keeps a stored second-occurrence time while its text is unchanged, and converts an edited one', () => {
    const stored = { text: '2026-10-25T01:30', instant: '2026-10-25T01:30:00.000Z' };
    expect(eventTimeToSave('2026-10-25T01:30', stored, zone)).toEqual({ at: '2026-10-25T01:30:00.000Z' });
    expect(eventTimeToSave('2026-10-25T01:45', stored, zone)).toEqual({ at: '2026-10-25T00:45:00.000Z' });
    expect(eventTimeToSave('', stored, zone)).toEqual({ at: null });
    expect(eventTimeToSave('2026-03-29T01:30', null, zone)).toEqual({ missing: true });
  });

  it('takes "Now" as the current minute, whichever occurrence it is', () => {
    expect(currentMinute('2026-10-25T01:30:42.123Z')).toBe('2026-10-25T01:30:00.000Z');
  });
});
