import { engagementDraftSchema, engagementFieldsSchema } from '@shared/domain/engagement';
import { describe, expect, it } from 'vitest';
import { engagementFields } from '../fixtures/engagement';

/** The issues the draft schema raises, as `path: message-key` strings. */
function issues(input: unknown): string[] {
  const result = engagementDraftSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('engagement window rules', () => {
  const cases = [
    { name: 'a window in UTC', zone: 'UTC', start: '2026-06-01T00:00', end: '2026-06-01T23:59', issues: [] },
    {
      name: 'a window crossing local midnight in Asia/Shanghai',
      zone: 'Asia/Shanghai',
      start: '2026-11-11T22:00',
      end: '2026-11-12T02:00',
      issues: [],
    },
    {
      name: 'a one-minute window',
      zone: 'Asia/Shanghai',
      start: '2026-11-11T23:59',
      end: '2026-11-12T00:00',
      issues: [],
    },
    {
      name: 'an end before the start in Asia/Shanghai',
      zone: 'Asia/Shanghai',
      start: '2026-11-12T02:00',
      end: '2026-11-11T22:00',
      issues: ['eventEndLocal: validation.endBeforeStart'],
    },
    {
      name: 'an end equal to the start',
      zone: 'UTC',
      start: '2026-06-01T10:00',
      end: '2026-06-01T10:00',
      issues: ['eventEndLocal: validation.endBeforeStart'],
    },
    {
      name: 'a start in the Europe/Berlin spring-forward gap',
      zone: 'Europe/Berlin',
      start: '2026-03-29T02:30',
      end: '2026-03-29T12:00',
      issues: ['eventStartLocal: validation.localTimeMissing'],
    },
    {
      name: 'an end in the America/New_York spring-forward gap',
      zone: 'America/New_York',
      start: '2026-03-07T12:00',
      end: '2026-03-08T02:00',
      issues: ['eventEndLocal: validation.localTimeMissing'],
    },
    {
      name: 'both ends in the America/New_York gap',
      zone: 'America/New_York',
      start: '2026-03-08T02:00',
      end: '2026-03-08T02:45',
      issues: ['eventStartLocal: validation.localTimeMissing', 'eventEndLocal: validation.localTimeMissing'],
    },
    {
      name: 'a window across the Europe/Berlin spring-forward gap',
      zone: 'Europe/Berlin',
      start: '2026-03-29T01:30',
      end: '2026-03-29T03:30',
      issues: [],
    },
    {
      name: 'a window ending in the Europe/Berlin repeated hour',
      zone: 'Europe/Berlin',
      start: '2026-10-25T01:00',
      end: '2026-10-25T02:30',
      issues: [],
    },
    {
      name: 'a window inside the America/New_York repeated hour',
      zone: 'America/New_York',
      start: '2026-11-01T01:10',
      end: '2026-11-01T01:50',
      issues: [],
    },
    {
      name: 'a wall-time-backwards window in the Europe/Berlin repeated hour',
      zone: 'Europe/Berlin',
      start: '2026-10-25T02:45',
      end: '2026-10-25T02:15',
      issues: ['eventEndLocal: validation.endBeforeStart'],
    },
    {
      name: 'an unknown zone (no window checks without a zone)',
      zone: 'Mars/Olympus',
      start: '2026-11-12T02:00',
      end: '2026-11-11T22:00',
      issues: ['timeZone: validation.timeZoneUnknown'],
    },
  ] as const;

  it.each(cases)('$name → $issues', ({ zone, start, end, issues: expected }) => {
    const fields = engagementFields({ timeZone: zone, eventStartLocal: start, eventEndLocal: end });
    expect(issues(fields)).toEqual(expected);
  });
});

describe('an empty zone', () => {
  it('is reported as required first, which is the issue the router shows', () => {
    expect(issues(engagementFields({ timeZone: '  ' }))[0]).toBe('timeZone: validation.timeZoneRequired');
  });
});

describe('typed fields', () => {
  it.each([
    { field: 'customerOrg', value: '', key: 'validation.customerOrgRequired' },
    { field: 'customerOrg', value: ' \t ', key: 'validation.customerOrgRequired' },
    { field: 'customerOrg', value: 'x'.repeat(201), key: 'validation.tooLong' },
    { field: 'eventName', value: '', key: 'validation.eventNameRequired' },
    { field: 'eventKind', value: 'party', key: 'validation.eventKind' },
    { field: 'eventStartLocal', value: '11/11/2026 20:00', key: 'validation.eventStartRequired' },
    { field: 'eventEndLocal', value: undefined, key: 'validation.eventEndRequired' },
    { field: 'language', value: 'de', key: 'validation.language' },
  ])('refuses $field = $value with $key', ({ field, value, key }) => {
    expect(issues({ ...engagementFields(), [field]: value })).toContain(`${field}: ${key}`);
  });

  it('accepts 200 characters of customer organisation after trimming', () => {
    const parsed = engagementFieldsSchema.parse(engagementFields({ customerOrg: ` ${'x'.repeat(200)} ` }));
    expect(parsed.customerOrg).toHaveLength(200);
  });
});

describe('impossible dates', () => {
  it.each(['2026-02-30T10:00', '2026-13-01T10:00', '1999-12-31T10:00', '2026-06-01T24:00'])(
    'refuses %s as a date that does not exist, not as a skipped hour',
    (local) => {
      expect(issues(engagementFields({ eventStartLocal: local, eventEndLocal: '2026-12-31T10:00' }))).toContain(
        'eventStartLocal: validation.dateInvalid',
      );
    },
  );
});

describe('invisible characters in names', () => {
  it.each(['\u200b', 'Acme\u0000Retail', 'Acme\nRetail', '\u200bAcme\u200d'])(
    'refuses %j as a customer organisation',
    (customerOrg) => {
      expect(issues(engagementFields({ customerOrg }))[0]).toMatch(
        /^customerOrg: validation\.(invisibleCharacters|customerOrgRequired)$/,
      );
    },
  );

  it('accepts Chinese and accented names', () => {
    expect(issues(engagementFields({ customerOrg: '杭州示例零售有限公司 · Société Générale' }))).toEqual([]);
  });
});
