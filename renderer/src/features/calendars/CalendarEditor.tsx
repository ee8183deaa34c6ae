import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type Calendar, isIsoDate } from '@shared/domain/calendar';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { errorText } from '../../errors';
import { useLocalized } from '../catalogs/queries';
import { useSaveCalendar } from './queries';
import { useDateNames } from './YearGrid';

type HolidayRow = { key: number; date: string; en: string; zh: string; statutory: boolean };
type MakeUpRow = { key: number; date: string; en: string; zh: string };
type Draft = {
  nameEn: string;
  nameZh: string;
  region: string;
  allYears: boolean;
  years: string;
  weekendDays: number[];
  sourceDocument: string;
  sourceSection: string;
  holidays: HolidayRow[];
  makeUps: MakeUpRow[];
};

let nextKey = 0;
const key = () => {
  nextKey += 1;
  return nextKey;
};

function draftOf(calendar: Calendar): Draft {
  return {
    nameEn: calendar.name.en,
    nameZh: calendar.name['zh-CN'],
    region: calendar.region,
    allYears: calendar.years === 'all',
    years: calendar.years === 'all' ? '' : calendar.years.join(', '),
    weekendDays: [...calendar.weekendDays],
    sourceDocument: calendar.source.document,
    sourceSection: calendar.source.section,
    holidays: [...calendar.holidays]
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((h) => ({ key: key(), date: h.date, en: h.name.en, zh: h.name['zh-CN'], statutory: h.statutory })),
    makeUps: [...calendar.makeUpWorkdays]
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((w) => ({ key: key(), date: w.date, en: w.name.en, zh: w.name['zh-CN'] })),
  };
}

/** "2026, 2027" → [2026, 2027]; a word that is not a number goes as typed, so the core names its path. */
function parseYears(text: string): unknown[] {
  return text
    .split(/[\s,，、;；]+/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** The whole calendar as it will be sent, rows in the order shown so each error path points at its row. */
function payloadOf(calendar: Calendar, draft: Draft): unknown {
  return {
    schemaVersion: 1,
    id: calendar.id,
    region: draft.region.trim(),
    years: draft.allYears ? 'all' : parseYears(draft.years),
    name: { en: draft.nameEn.trim(), 'zh-CN': draft.nameZh.trim() },
    weekendDays: [...draft.weekendDays].sort((a, b) => a - b),
    holidays: draft.holidays.map((h) => ({
      date: h.date.trim(),
      name: { en: h.en.trim(), 'zh-CN': h.zh.trim() },
      statutory: h.statutory,
    })),
    makeUpWorkdays: draft.makeUps.map((w) => ({
      date: w.date.trim(),
      name: { en: w.en.trim(), 'zh-CN': w.zh.trim() },
    })),
    source: { document: draft.sourceDocument.trim(), section: draft.sourceSection.trim() },
  };
}

// The schema's messages (English, listed as-is above the form) as translated field errors.
const FIELD_MESSAGES: [RegExp, string][] = [
  [/date as YYYY-MM-DD/, 'calendars.edit.errors.date'],
  [/^\d{4}-\d{2}-\d{2} is listed twice/, 'calendars.edit.errors.twice'],
  [/both a holiday and a make-up working day/, 'calendars.edit.errors.both'],
  [/outside the calendar's years/, 'calendars.edit.errors.outside'],
  [/not a weekend day/, 'calendars.edit.errors.notWeekend'],
  [/^expected English text/, 'calendars.edit.errors.english'],
  [/^expected Simplified Chinese text/, 'calendars.edit.errors.chinese'],
  [/a year is listed twice/, 'calendars.edit.errors.yearTwice'],
  [/year such as 2026|at least one year|list of years/, 'calendars.edit.errors.year'],
  [/list the years the holidays belong to/, 'calendars.edit.errors.allWithHolidays'],
  [/region code/, 'calendars.edit.errors.region'],
  [/at least one day of the week/, 'calendars.edit.errors.noWorkday'],
];

/**
 * `holidays[3].date: 2026-10-10 is listed twice` → { 'holidays[3].date': translated message }. A date
 * both off and worked is reported on the make-up row; the day off with that date is marked too.
 */
function fieldErrors(t: TFunction, problems: string[], draft: Draft): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const line of problems) {
    const at = line.indexOf(': ');
    if (at <= 0) continue;
    // `years[1]` belongs to the one years field.
    const path = line.slice(0, at).replace(/^years\[\d+\]$/, 'years');
    const message = line.slice(at + 2);
    const known = FIELD_MESSAGES.find(([pattern]) => pattern.test(message));
    errors[path] ??= known ? t(known[1]) : message;
    if (known?.[1] === 'calendars.edit.errors.both') {
      const date = message.slice(0, 10);
      draft.holidays.forEach((row, i) => {
        if (row.date.trim() === date) errors[`holidays[${i}].date`] ??= t(known[1]);
      });
    }
  }
  return errors;
}

function Block({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {title}
          </Title>
          {action}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

export function CalendarEditor(props: {
  calendar: Calendar;
  origin: 'builtin' | 'firm' | undefined;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const names = useDateNames();
  const save = useSaveCalendar();
  const [draft, setDraft] = useState(() => draftOf(props.calendar));
  const [problems, setProblems] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const errors = fieldErrors(t, problems, draft);
  const update = (change: (next: Draft) => void) =>
    setDraft((current) => {
      const next = structuredClone(current);
      change(next);
      return next;
    });
  const weekdayHint = (date: string) => (isIsoDate(date.trim()) ? names.weekdayOf(date.trim()) : undefined);

  const submit = async () => {
    setFailure(null);
    try {
      const saved = await save.mutateAsync(payloadOf(props.calendar, draft));
      notifications.show({ color: 'teal', message: t('calendars.edit.saved', { name: localized(saved.name) }) });
      setProblems([]);
      props.onDone();
    } catch (caught) {
      const details = isApiError(caught) ? (caught.appError.details ?? []) : [];
      setProblems(details);
      if (details.length === 0) setFailure(errorText(t, caught));
    }
  };

  return (
    <Stack gap="lg" data-testid="calendar-editor">
      <Text c="dimmed" size="sm">
        {props.origin === 'firm' ? t('calendars.edit.hintFirm') : t('calendars.edit.hintBuiltin')}
      </Text>
      {problems.length > 0 && (
        <Alert color="red" title={t('calendars.edit.failedTitle')} data-testid="calendar-save-errors">
          <List size="sm" spacing={2}>
            {problems.map((line) => (
              <List.Item key={line}>
                <Text component="code" ff="monospace" size="sm">
                  {line}
                </Text>
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {failure && <Alert color="red">{failure}</Alert>}

      <Block title={t('calendars.edit.details')}>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TextInput
            label={t('calendars.edit.nameEn')}
            value={draft.nameEn}
            error={errors['name.en']}
            onChange={(event) => {
              const value = event.currentTarget.value;
              update((d) => {
                d.nameEn = value;
              });
            }}
          />
          <TextInput
            label={t('calendars.edit.nameZh')}
            value={draft.nameZh}
            error={errors['name.zh-CN']}
            onChange={(event) => {
              const value = event.currentTarget.value;
              update((d) => {
                d.nameZh = value;
              });
            }}
          />
          <TextInput
            label={t('calendars.edit.region')}
            description={t('calendars.edit.regionHint')}
            value={draft.region}
            error={errors.region}
            onChange={(event) => {
              const value = event.currentTarget.value;
              update((d) => {
                d.region = value;
              });
            }}
          />
          <Stack gap={6}>
            <TextInput
              label={t('calendars.edit.years')}
              description={t('calendars.edit.yearsHint')}
              value={draft.years}
              disabled={draft.allYears}
              error={errors.years}
              onChange={(event) => {
                const value = event.currentTarget.value;
                update((d) => {
                  d.years = value;
                });
              }}
            />
            <Checkbox
              label={t('calendars.edit.allYears')}
              checked={draft.allYears}
              onChange={(event) => {
                const checked = event.currentTarget.checked;
                update((d) => {
                  d.allYears = checked;
                });
              }}
            />
          </Stack>
          <Checkbox.Group
            label={t('calendars.edit.weekendDays')}
            value={draft.weekendDays.map(String)}
            error={errors.weekendDays}
            onChange={(values) =>
              update((d) => {
                d.weekendDays = values.map(Number);
              })
            }
          >
            <Group gap="md" mt={6}>
              {[1, 2, 3, 4, 5, 6, 7].map((day) => (
                <Checkbox key={day} value={String(day)} label={names.weekday(day, 'long')} />
              ))}
            </Group>
          </Checkbox.Group>
          <span />
          <TextInput
            label={t('calendars.edit.sourceDocument')}
            value={draft.sourceDocument}
            error={errors['source.document']}
            onChange={(event) => {
              const value = event.currentTarget.value;
              update((d) => {
                d.sourceDocument = value;
              });
            }}
          />
          <TextInput
            label={t('calendars.edit.sourceSection')}
            value={draft.sourceSection}
            error={errors['source.section']}
            onChange={(event) => {
              const value = event.currentTarget.value;
              update((d) => {
                d.sourceSection = value;
              });
            }}
          />
        </SimpleGrid>
      </Block>

      <Block
        title={t('calendars.holidays.title')}
        action={
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={16} />}
            onClick={() =>
              update((d) => {
                d.holidays.push({ key: key(), date: '', en: '', zh: '', statutory: false });
              })
            }
          >
            {t('calendars.edit.addHoliday')}
          </Button>
        }
      >
        {draft.holidays.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('calendars.holidays.none')}
          </Text>
        ) : (
          <Table verticalSpacing={6} horizontalSpacing="sm" data-testid="edit-holidays">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={200}>{t('calendars.holidays.date')}</Table.Th>
                <Table.Th>{t('calendars.holidays.nameEn')}</Table.Th>
                <Table.Th>{t('calendars.holidays.nameZh')}</Table.Th>
                <Table.Th w={90}>{t('calendars.holidays.statutory')}</Table.Th>
                <Table.Th w={50}>
                  <span className="visually-hidden">{t('calendars.edit.remove')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {draft.holidays.map((row, i) => {
                const n = i + 1;
                return (
                  <Table.Tr key={row.key}>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <TextInput
                        aria-label={t('calendars.edit.holidayDate', { row: n })}
                        placeholder={t('calendars.edit.datePlaceholder')}
                        value={row.date}
                        description={weekdayHint(row.date)}
                        inputWrapperOrder={['label', 'input', 'description', 'error']}
                        error={errors[`holidays[${i}].date`]}
                        onChange={(event) => {
                          const value = event.currentTarget.value;
                          update((d) => {
                            (d.holidays[i] as HolidayRow).date = value;
                          });
                        }}
                      />
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <TextInput
                        aria-label={t('calendars.edit.holidayNameEn', { row: n })}
                        value={row.en}
                        error={errors[`holidays[${i}].name.en`]}
                        onChange={(event) => {
                          const value = event.currentTarget.value;
                          update((d) => {
                            (d.holidays[i] as HolidayRow).en = value;
                          });
                        }}
                      />
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <TextInput
                        aria-label={t('calendars.edit.holidayNameZh', { row: n })}
                        value={row.zh}
                        error={errors[`holidays[${i}].name.zh-CN`]}
                        onChange={(event) => {
                          const value = event.currentTarget.value;
                          update((d) => {
                            (d.holidays[i] as HolidayRow).zh = value;
                          });
                        }}
                      />
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <Group justify="center" h={36}>
                        <Checkbox
                          aria-label={t('calendars.edit.holidayStatutory', { row: n })}
                          checked={row.statutory}
                          onChange={(event) => {
                            const checked = event.currentTarget.checked;
                            update((d) => {
                              (d.holidays[i] as HolidayRow).statutory = checked;
                            });
                          }}
                        />
                      </Group>
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <RemoveButton
                        label={t('calendars.edit.removeHoliday', { row: n })}
                        onClick={() =>
                          update((d) => {
                            d.holidays.splice(i, 1);
                          })
                        }
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Block>

      <Block
        title={t('calendars.makeUps.title')}
        action={
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={16} />}
            onClick={() =>
              update((d) => {
                d.makeUps.push({ key: key(), date: '', en: '', zh: '' });
              })
            }
          >
            {t('calendars.edit.addMakeUp')}
          </Button>
        }
      >
        {draft.makeUps.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('calendars.makeUps.none')}
          </Text>
        ) : (
          <Table verticalSpacing={6} horizontalSpacing="sm" data-testid="edit-make-ups">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={200}>{t('calendars.holidays.date')}</Table.Th>
                <Table.Th>{t('calendars.holidays.nameEn')}</Table.Th>
                <Table.Th>{t('calendars.holidays.nameZh')}</Table.Th>
                <Table.Th w={50}>
                  <span className="visually-hidden">{t('calendars.edit.remove')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {draft.makeUps.map((row, i) => {
                const n = i + 1;
                return (
                  <Table.Tr key={row.key}>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <TextInput
                        aria-label={t('calendars.edit.makeUpDate', { row: n })}
                        placeholder={t('calendars.edit.datePlaceholder')}
                        value={row.date}
                        description={weekdayHint(row.date)}
                        inputWrapperOrder={['label', 'input', 'description', 'error']}
                        error={errors[`makeUpWorkdays[${i}].date`]}
                        onChange={(event) => {
                          const value = event.currentTarget.value;
                          update((d) => {
                            (d.makeUps[i] as MakeUpRow).date = value;
                          });
                        }}
                      />
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <TextInput
                        aria-label={t('calendars.edit.makeUpNameEn', { row: n })}
                        value={row.en}
                        error={errors[`makeUpWorkdays[${i}].name.en`]}
                        onChange={(event) => {
                          const value = event.currentTarget.value;
                          update((d) => {
                            (d.makeUps[i] as MakeUpRow).en = value;
                          });
                        }}
                      />
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <TextInput
                        aria-label={t('calendars.edit.makeUpNameZh', { row: n })}
                        value={row.zh}
                        error={errors[`makeUpWorkdays[${i}].name.zh-CN`]}
                        onChange={(event) => {
                          const value = event.currentTarget.value;
                          update((d) => {
                            (d.makeUps[i] as MakeUpRow).zh = value;
                          });
                        }}
                      />
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <RemoveButton
                        label={t('calendars.edit.removeMakeUp', { row: n })}
                        onClick={() =>
                          update((d) => {
                            d.makeUps.splice(i, 1);
                          })
                        }
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Block>

      <Group justify="flex-end">
        <Button variant="default" onClick={props.onDone}>
          {t('calendars.edit.cancel')}
        </Button>
        <Button onClick={() => void submit()} loading={save.isPending}>
          {t('calendars.edit.save')}
        </Button>
      </Group>
    </Stack>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Tooltip label={label}>
      <ActionIcon variant="subtle" color="red" size={36} aria-label={label} onClick={onClick}>
        <IconTrash size={18} />
      </ActionIcon>
    </Tooltip>
  );
}
