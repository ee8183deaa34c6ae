import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { type Calendar, type CalendarDay, describeDay, isoWeekday } from '@shared/domain/calendar';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../catalogs/queries';
import classes from './calendar.module.css';

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const pad = (n: number) => String(n).padStart(2, '0');
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Weekday and month names from the platform, in the interface language; dates are read in UTC so no zone shifts them. */
export function useDateNames() {
  const { i18n } = useTranslation();
  const language = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const weekday = (isoDay: number, width: 'long' | 'short' | 'narrow') =>
    new Intl.DateTimeFormat(language, { weekday: width, timeZone: 'UTC' }).format(
      // 2024-01-01 was a Monday (ISO weekday 1).
      new Date(Date.UTC(2024, 0, isoDay)),
    );
  const month = (year: number, month: number) =>
    new Intl.DateTimeFormat(language, { month: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(year, month - 1, 1)),
    );
  const weekdayOf = (date: string) => weekday(isoWeekday(date), 'short');
  return { weekday, month, weekdayOf };
}

/** The kind of a day as shown: a statutory holiday is told apart from a day off moved next to it. */
export type ShownKind = 'workday' | 'weekend' | 'statutory' | 'holiday' | 'makeUp';
export function shownKind(day: CalendarDay): ShownKind {
  if (day.kind === 'holiday') return day.statutory ? 'statutory' : 'holiday';
  if (day.kind === 'makeUpWorkday') return 'makeUp';
  return day.kind;
}

const KIND_CLASS: Record<ShownKind, string | undefined> = {
  workday: undefined,
  weekend: classes.weekend,
  statutory: classes.statutory,
  holiday: classes.holiday,
  makeUp: classes.makeUp,
};

/** Twelve small month grids per year the calendar covers (weeks from Monday), with a legend. */
export function YearGrids({ calendar, years }: { calendar: Calendar; years: number[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" data-testid="calendar-grid">
      <Legend />
      {years.map((year) => (
        <Stack key={year} gap="xs">
          <Title order={2} size="h3">
            {t('calendars.grid.year', { year })}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }} spacing="md" verticalSpacing="md">
            {MONTHS.map((month) => (
              <MonthGrid key={month} calendar={calendar} year={year} month={month} />
            ))}
          </SimpleGrid>
        </Stack>
      ))}
    </Stack>
  );
}

function MonthGrid({ calendar, year, month }: { calendar: Calendar; year: number; month: number }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const names = useDateNames();
  const first = isoWeekday(`${year}-${pad(month)}-01`);
  const count = daysInMonth(year, month);
  const days: (number | null)[] = [...Array.from({ length: first - 1 }, () => null)];
  for (let d = 1; d <= count; d += 1) days.push(d);
  while (days.length % 7 !== 0) days.push(null);
  // Each cell keeps its place in the month, which keys it (blank cells included).
  const cells = days.map((d, pos) => ({ d, pos }));
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));

  return (
    <Paper withBorder radius="md" p="xs">
      <table className={classes.month}>
        <caption>{names.month(year, month)}</caption>
        <thead>
          <tr>
            {[1, 2, 3, 4, 5, 6, 7].map((d) => (
              <th key={d} scope="col" abbr={names.weekday(d, 'long')}>
                {names.weekday(d, 'narrow')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]?.pos}>
              {week.map(({ d, pos }) => {
                if (d === null) return <td key={pos} aria-hidden="true" />;
                const date = `${year}-${pad(month)}-${pad(d)}`;
                const day = describeDay(calendar, date);
                const kind = shownKind(day);
                const kindText = t(`calendars.kind.${kind}`);
                const title = day.name
                  ? t('calendars.dayTitleNamed', {
                      date,
                      weekday: names.weekdayOf(date),
                      name: localized(day.name),
                      kind: kindText,
                    })
                  : t('calendars.dayTitle', { date, weekday: names.weekdayOf(date), kind: kindText });
                return (
                  <td
                    key={date}
                    className={[classes.day, KIND_CLASS[kind]].filter(Boolean).join(' ')}
                    title={title}
                    data-testid={`day-${date}`}
                    data-kind={kind}
                  >
                    {d}
                    {day.name && <span className="visually-hidden">{`: ${localized(day.name)}, ${kindText}`}</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Paper>
  );
}

function Legend() {
  const { t } = useTranslation();
  const kinds: ShownKind[] = ['workday', 'weekend', 'statutory', 'holiday', 'makeUp'];
  return (
    <Group gap="lg" wrap="wrap" data-testid="calendar-legend" role="list" aria-label={t('calendars.legend.title')}>
      {kinds.map((kind) => (
        <Group key={kind} gap={6} wrap="nowrap" role="listitem">
          <span className={[classes.swatch, KIND_CLASS[kind]].filter(Boolean).join(' ')} aria-hidden="true">
            8
          </span>
          <Text size="sm">{t(`calendars.legend.${kind}`)}</Text>
        </Group>
      ))}
    </Group>
  );
}
