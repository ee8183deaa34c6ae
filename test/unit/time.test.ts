import { isKnownTimeZone, localToUtc, utcToLocal } from '@shared/domain/time';
import { afterEach, describe, expect, it } from 'vitest';

type Case = { zone: string; local: string; utc: string | null; why: string };

const cases: Case[] = [
  { zone: 'UTC', local: '2026-11-11T00:00', utc: '2026-11-11T00:00:00.000Z', why: 'UTC is its own wall time' },
  { zone: 'UTC', local: '2026-03-29T02:30', utc: '2026-03-29T02:30:00.000Z', why: 'UTC has no DST gap' },
  { zone: 'Asia/Shanghai', local: '2026-11-11T23:30', utc: '2026-11-11T15:30:00.000Z', why: 'UTC+8, no DST' },
  {
    zone: 'Asia/Shanghai',
    local: '2026-11-12T00:30',
    utc: '2026-11-11T16:30:00.000Z',
    why: 'after local midnight, before UTC midnight',
  },
  {
    zone: 'Asia/Shanghai',
    local: '2026-11-12T07:59',
    utc: '2026-11-11T23:59:00.000Z',
    why: 'last minute before UTC midnight',
  },
  { zone: 'Asia/Shanghai', local: '2026-11-12T08:00', utc: '2026-11-12T00:00:00.000Z', why: 'UTC midnight' },
  // Europe/Berlin springs forward 2026-03-29 02:00 CET -> 03:00 CEST.
  {
    zone: 'Europe/Berlin',
    local: '2026-03-29T01:59',
    utc: '2026-03-29T00:59:00.000Z',
    why: 'last minute before the gap',
  },
  { zone: 'Europe/Berlin', local: '2026-03-29T02:00', utc: null, why: 'gap starts' },
  { zone: 'Europe/Berlin', local: '2026-03-29T02:30', utc: null, why: 'inside the gap' },
  { zone: 'Europe/Berlin', local: '2026-03-29T02:59', utc: null, why: 'last minute of the gap' },
  {
    zone: 'Europe/Berlin',
    local: '2026-03-29T03:00',
    utc: '2026-03-29T01:00:00.000Z',
    why: 'first minute after the gap',
  },
  // Europe/Berlin falls back 2026-10-25 03:00 CEST -> 02:00 CET: 02:00-02:59 happens twice.
  {
    zone: 'Europe/Berlin',
    local: '2026-10-25T01:59',
    utc: '2026-10-24T23:59:00.000Z',
    why: 'before the repeated hour',
  },
  {
    zone: 'Europe/Berlin',
    local: '2026-10-25T02:00',
    utc: '2026-10-25T00:00:00.000Z',
    why: 'repeated hour: the first time',
  },
  {
    zone: 'Europe/Berlin',
    local: '2026-10-25T02:30',
    utc: '2026-10-25T00:30:00.000Z',
    why: 'repeated hour: the first time',
  },
  { zone: 'Europe/Berlin', local: '2026-10-25T03:00', utc: '2026-10-25T02:00:00.000Z', why: 'after the repeated hour' },
  // America/New_York springs forward 2026-03-08 02:00 EST -> 03:00 EDT.
  { zone: 'America/New_York', local: '2026-03-08T01:59', utc: '2026-03-08T06:59:00.000Z', why: 'before the gap' },
  { zone: 'America/New_York', local: '2026-03-08T02:00', utc: null, why: 'gap starts' },
  { zone: 'America/New_York', local: '2026-03-08T02:30', utc: null, why: 'inside the gap' },
  { zone: 'America/New_York', local: '2026-03-08T03:00', utc: '2026-03-08T07:00:00.000Z', why: 'after the gap' },
  // America/New_York falls back 2026-11-01 02:00 EDT -> 01:00 EST: 01:00-01:59 happens twice.
  {
    zone: 'America/New_York',
    local: '2026-11-01T01:00',
    utc: '2026-11-01T05:00:00.000Z',
    why: 'repeated hour: the first time',
  },
  {
    zone: 'America/New_York',
    local: '2026-11-01T01:30',
    utc: '2026-11-01T05:30:00.000Z',
    why: 'repeated hour: the first time',
  },
  {
    zone: 'America/New_York',
    local: '2026-11-01T02:00',
    utc: '2026-11-01T07:00:00.000Z',
    why: 'after the repeated hour',
  },
  // Lord Howe moves by 30 minutes.
  { zone: 'Australia/Lord_Howe', local: '2026-10-04T02:15', utc: null, why: 'inside a 30-minute gap' },
  {
    zone: 'Australia/Lord_Howe',
    local: '2026-04-05T01:45',
    utc: '2026-04-04T14:45:00.000Z',
    why: 'a 30-minute repeat: the first time',
  },
  { zone: 'Mars/Olympus', local: '2026-11-11T00:00', utc: null, why: 'unknown zone' },
  { zone: 'UTC', local: '2026-02-30T10:00', utc: null, why: 'no 30 February' },
  { zone: 'UTC', local: '2026-01-01T24:00', utc: null, why: 'no hour 24' },
  { zone: 'UTC', local: '2026-01-01 10:00', utc: null, why: 'not the local date-time format' },
  { zone: 'UTC', local: '2026-01-01T10:00:00', utc: null, why: 'seconds are not part of the format' },
];

describe('localToUtc', () => {
  it.each(cases)('$local in $zone is $utc ($why)', ({ zone, local, utc }) => {
    expect(localToUtc(local, zone)).toBe(utc);
  });

  describe('whatever zone the computer itself is set to', () => {
    const hostZone = process.env.TZ;
    afterEach(() => {
      if (hostZone === undefined) delete process.env.TZ;
      else process.env.TZ = hostZone;
    });

    it.each(['UTC', 'Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Kiritimati'])(
      'gives the same instants on a computer set to %s',
      (systemZone) => {
        process.env.TZ = systemZone;
        expect(cases.map(({ zone, local }) => localToUtc(local, zone))).toEqual(cases.map(({ utc }) => utc));
      },
    );
  });
});

describe('utcToLocal', () => {
  it.each([
    { utc: '2026-11-11T16:30:00.000Z', zone: 'Asia/Shanghai', local: '2026-11-12T00:30' },
    { utc: '2026-10-25T00:30:00.000Z', zone: 'Europe/Berlin', local: '2026-10-25T02:30' },
    { utc: '2026-10-25T01:30:00.000Z', zone: 'Europe/Berlin', local: '2026-10-25T02:30' },
    { utc: '2026-03-29T01:00:00.000Z', zone: 'Europe/Berlin', local: '2026-03-29T03:00' },
    { utc: '2026-11-01T06:30:00.000Z', zone: 'America/New_York', local: '2026-11-01T01:30' },
    { utc: '2026-06-01T12:34:56.789Z', zone: 'UTC', local: '2026-06-01T12:34' },
  ])('$utc is $local in $zone', ({ utc, zone, local }) => {
    expect(utcToLocal(utc, zone)).toBe(local);
  });

  it('inverts localToUtc for every quarter hour around the 2026 transitions', () => {
    const days = [
      ['Europe/Berlin', '2026-03-29'],
      ['Europe/Berlin', '2026-10-25'],
      ['America/New_York', '2026-03-08'],
      ['America/New_York', '2026-11-01'],
      ['Asia/Shanghai', '2026-11-11'],
    ] as const;
    let existing = 0;
    for (const [zone, day] of days) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
        const mm = String(minutes % 60).padStart(2, '0');
        const local = `${day}T${hh}:${mm}`;
        const utc = localToUtc(local, zone);
        if (utc === null) continue;
        existing += 1;
        expect(utcToLocal(utc, zone)).toBe(local);
      }
    }
    // 5 days x 96 quarter hours, less the 4 skipped quarter hours in each spring-forward day.
    expect(existing).toBe(5 * 96 - 2 * 4);
  });
});

describe('isKnownTimeZone', () => {
  it.each(['UTC', 'Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe'])('knows %s', (zone) => {
    expect(isKnownTimeZone(zone)).toBe(true);
  });

  it.each(['Mars/Olympus', 'Asia/Atlantis', '', 'Shanghai'])('does not know "%s"', (zone) => {
    expect(isKnownTimeZone(zone)).toBe(false);
  });
});
