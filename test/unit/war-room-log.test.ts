import {
  isFutureEntry,
  isLateEntry,
  type LogEntry,
  logCursor,
  logDigest,
  logEntryInputSchema,
  logTimeline,
  parseLogCursor,
  parseLogLine,
} from '@shared/domain/war-room-log';
import { describe, expect, it } from 'vitest';
import { matchesLogFilters, someoneElseWrote } from '../../renderer/src/features/onduty/logQueries';

function entry(fields: Partial<LogEntry>): LogEntry {
  const id = fields.id ?? `e-${fields.occurredAt ?? 'x'}`;
  return {
    id,
    revisionId: id,
    engagementId: 'eng',
    kind: 'observation',
    text: 'Traffic normal',
    occurredAt: '2026-11-10T16:00:00.000Z',
    writtenAt: '2026-11-10T16:00:00.000Z',
    late: false,
    author: 'Zhang San',
    revisions: 0,
    revisedAt: null,
    revisedBy: null,
    incidentId: null,
    checkpointId: null,
    ...fields,
  };
}

describe('war-room log lines', () => {
  it.each([
    ['d: roll back 4.2', 'decision', 'roll back 4.2'],
    ['D:roll back', 'decision', 'roll back'],
    ['h：夜班接手', 'handover', '夜班接手'],
    ['i: P2 mitigated', 'incidentUpdate', 'P2 mitigated'],
    ['x: not a kind', 'observation', 'x: not a kind'],
    ['Gateway latency up', 'observation', 'Gateway latency up'],
  ] as const)('reads the kind prefix of %s', (line, kind, text) => {
    expect(parseLogLine(line, 'observation')).toEqual({ kind, text, incidentRef: null });
  });

  it('keeps the chosen kind when the line has no prefix', () => {
    expect(parseLogLine('Scaled out', 'action')).toEqual({ kind: 'action', text: 'Scaled out', incidentRef: null });
  });

  it.each([
    ['i INC-003: rolled back', 'incidentUpdate', 'rolled back', 'INC-003'],
    ['i inc-12：已回滚', 'incidentUpdate', '已回滚', 'INC-12'],
    ['a INC-001: scaled the cart cache', 'action', 'scaled the cart cache', 'INC-001'],
    ['INC-003: no kind letter', 'observation', 'INC-003: no kind letter', null],
  ] as const)('reads the incident %s names', (line, kind, text, incidentRef) => {
    expect(parseLogLine(line, 'observation')).toEqual({ kind, text, incidentRef });
  });
});

describe('late and future entries', () => {
  it('marks late only beyond two minutes before writing', () => {
    expect(isLateEntry('2026-11-10T15:58:00.000Z', '2026-11-10T16:00:00.000Z')).toBe(false);
    expect(isLateEntry('2026-11-10T15:57:59.000Z', '2026-11-10T16:00:00.000Z')).toBe(true);
  });

  it('tolerates a minute of clock difference ahead and no more', () => {
    expect(isFutureEntry('2026-11-10T16:01:00.000Z', '2026-11-10T16:00:00.000Z')).toBe(false);
    expect(isFutureEntry('2026-11-10T16:01:01.000Z', '2026-11-10T16:00:00.000Z')).toBe(true);
  });

  it('refuses an empty or overlong text and a hand-written closure', () => {
    const base = { kind: 'decision', text: 'ok' };
    expect(logEntryInputSchema.safeParse(base).success).toBe(true);
    expect(logEntryInputSchema.safeParse({ ...base, text: ' ' }).error?.issues[0]?.message).toBe('validation.logText');
    expect(logEntryInputSchema.safeParse({ ...base, text: '长'.repeat(4001) }).success).toBe(false);
    expect(logEntryInputSchema.safeParse({ ...base, text: '长'.repeat(4000) }).success).toBe(true);
    expect(logEntryInputSchema.safeParse({ ...base, kind: 'closure' }).error?.issues[0]?.path).toEqual(['kind']);
  });

  it('round-trips the paging cursor', () => {
    const cursor = logCursor({ occurredAt: '2026-11-10T16:00:00.000Z', id: 'abc' });
    expect(parseLogCursor(cursor)).toEqual({ occurredAt: '2026-11-10T16:00:00.000Z', id: 'abc' });
    expect(parseLogCursor('nonsense')).toBeNull();
  });
});

describe('log digest and timeline for the documents', () => {
  const entries = [
    entry({ id: 'h', kind: 'handover', occurredAt: '2026-11-10T20:00:00.000Z', text: 'Night shift takes over' }),
    entry({ id: 'd2', kind: 'decision', occurredAt: '2026-11-10T17:00:00.000Z', text: 'Rate limit at 8k TPS' }),
    entry({ id: 'd1', kind: 'decision', occurredAt: '2026-11-10T16:30:00.000Z', text: 'Freeze releases', late: true }),
    entry({ id: 'i', kind: 'incidentUpdate', occurredAt: '2026-11-10T18:00:00.000Z', incidentId: 'inc-1' }),
    entry({ id: 'a', kind: 'action', occurredAt: '2026-11-10T18:05:00.000Z', revisions: 1 }),
    entry({ id: 'c', kind: 'closure', occurredAt: '2026-11-11T04:00:00.000Z', text: 'Passed' }),
  ];

  it('groups decisions, escalations and changes, handovers and the closure, oldest first', () => {
    const digest = logDigest(entries);
    expect(digest.decisions.map((e) => e.id)).toEqual(['d1', 'd2']);
    expect(digest.escalationsAndChanges.map((e) => e.id)).toEqual(['i', 'a']);
    expect(digest.handovers.map((e) => e.id)).toEqual(['h']);
    expect(digest.closure?.text).toBe('Passed');
    expect(digest.counts).toEqual({
      observation: 0,
      decision: 2,
      action: 1,
      checkpoint: 0,
      incidentUpdate: 1,
      handover: 1,
      closure: 1,
    });
    expect(digest.lateCount).toBe(1);
  });

  it('shows the timeline in the event zone, across midnight there', () => {
    const rows = logTimeline(entries, 'Asia/Shanghai');
    expect(rows.map((r) => r.at)).toEqual([
      '2026-11-11 00:30',
      '2026-11-11 01:00',
      '2026-11-11 02:00',
      '2026-11-11 02:05',
      '2026-11-11 04:00',
      '2026-11-11 12:00',
    ]);
    expect(rows.find((r) => r.id === 'a')?.revised).toBe(true);
    expect(logTimeline(entries, 'Asia/Shanghai', { kinds: ['decision'] }).map((r) => r.id)).toEqual(['d1', 'd2']);
  });

  it('follows a daylight-saving change in the event zone', () => {
    const rows = logTimeline(
      [
        entry({ id: 'before', occurredAt: '2026-03-29T00:30:00.000Z' }),
        entry({ id: 'after', occurredAt: '2026-03-29T01:30:00.000Z' }),
      ],
      'Europe/Berlin',
    );
    expect(rows.map((r) => r.at)).toEqual(['2026-03-29 01:30', '2026-03-29 03:30']);
  });
});

describe('the log list kept up to date without reloading', () => {
  it('places an own entry under a filter only when log.list would return it', () => {
    const decision = entry({ kind: 'decision', text: 'Freeze Releases', author: 'Zhang San' });
    expect(matchesLogFilters(decision, { kinds: ['decision'], search: '' })).toBe(true);
    expect(matchesLogFilters(decision, { kinds: ['action'], search: '' })).toBe(false);
    expect(matchesLogFilters(decision, { kinds: [], search: 'releases' })).toBe(true);
    expect(matchesLogFilters(decision, { kinds: [], search: 'zhang' })).toBe(true);
    expect(matchesLogFilters(decision, { kinds: [], search: 'rollback' })).toBe(false);
  });

  it('reloads when any entry announced during the wait came from another window, not only the last', () => {
    const mine = entry({ id: 'mine', revisionId: 'mine' });
    const shown = [mine];
    // Another window's entry, then ours within the same 250 ms.
    expect(someoneElseWrote(['theirs', 'mine'], [shown], new Set(['mine']), new Set(['mine']))).toBe(true);
    expect(someoneElseWrote(['mine'], [shown], new Set(['mine']), new Set(['mine']))).toBe(false);
    // Ours, kept out of the filtered list, is not a reason to reload.
    expect(someoneElseWrote(['filtered-out'], [shown], new Set(['filtered-out']), new Set(['filtered-out']))).toBe(
      false,
    );
    // An entry we wrote, since revised elsewhere (the shown revision is not ours).
    const revisedElsewhere = entry({ id: 'mine', revisionId: 'theirs-rev' });
    expect(someoneElseWrote(['mine'], [[revisedElsewhere]], new Set(['mine']), new Set(['mine']))).toBe(true);
  });
});
