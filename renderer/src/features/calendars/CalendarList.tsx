import { Anchor, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import type { Calendar } from '@shared/domain/calendar';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { routeHref, useRoute } from '../../routing';
import { useLocalized } from '../catalogs/queries';
import { CalendarOriginBadge } from './CalendarOriginBadge';
import { ImportCalendar } from './ImportCalendar';
import { useCalendarList, useCalendars } from './queries';

/** "2026" or "2026, 2027", or that the calendar lists no holidays and so fits every year. */
export function yearsText(t: TFunction, calendar: Calendar): string {
  return calendar.years === 'all' ? t('calendars.allYears') : [...calendar.years].sort((a, b) => a - b).join(', ');
}

export function CalendarList() {
  const { t } = useTranslation();
  const localized = useLocalized();
  const [, navigate] = useRoute();
  const list = useCalendarList();
  const rows = list.data ?? [];
  const full = useCalendars(rows.map((row) => row.calendarId));

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t('calendars.title')}
          </Title>
          <Text c="dimmed" maw={760}>
            {t('calendars.subtitle')}
          </Text>
        </div>
        <ImportCalendar onImported={(id) => navigate({ name: 'calendar', id, editing: false })} />
      </Group>
      {list.isPending && <Skeleton h={120} />}
      {rows.length > 0 && (
        <Paper withBorder radius="md">
          <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="calendar-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('calendars.columns.name')}</Table.Th>
                <Table.Th>{t('calendars.columns.region')}</Table.Th>
                <Table.Th>{t('calendars.columns.years')}</Table.Th>
                <Table.Th>{t('calendars.columns.daysOff')}</Table.Th>
                <Table.Th>{t('calendars.columns.makeUps')}</Table.Th>
                <Table.Th>{t('calendars.columns.origin')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, i) => {
                const calendar = full[i]?.data;
                return (
                  <Table.Tr key={row.calendarId}>
                    <Table.Td>
                      <Anchor href={routeHref({ name: 'calendar', id: row.calendarId, editing: false })} fw={600}>
                        {localized(row.name)}
                      </Anchor>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {row.calendarId}
                      </Text>
                    </Table.Td>
                    <Table.Td>{row.region}</Table.Td>
                    <Table.Td>{calendar ? yearsText(t, calendar) : ''}</Table.Td>
                    <Table.Td>{calendar?.holidays.length ?? ''}</Table.Td>
                    <Table.Td>{calendar?.makeUpWorkdays.length ?? ''}</Table.Td>
                    <Table.Td>
                      <CalendarOriginBadge origin={row.origin} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {rows.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('calendars.count', { count: rows.length })}
        </Text>
      )}
    </Stack>
  );
}
