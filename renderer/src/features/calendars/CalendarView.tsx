import { Alert, Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type Calendar, countingRuleText } from '@shared/domain/calendar';
import { IconArrowLeft, IconCalendarPlus, IconDownload, IconInfoCircle, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { routeHref, useRoute } from '../../routing';
import { useLocalized } from '../catalogs/queries';
import { AddYearModal } from './AddYearModal';
import { CalendarEditor } from './CalendarEditor';
import { yearsText } from './CalendarList';
import { CalendarOriginBadge } from './CalendarOriginBadge';
import { ImportCalendar } from './ImportCalendar';
import { exportCalendar, useCalendar, useCalendarList } from './queries';
import { useDateNames, YearGrids } from './YearGrid';

export function CalendarView({ id, editing }: { id: string; editing: boolean }) {
  const { t, i18n } = useTranslation();
  const localized = useLocalized();
  const names = useDateNames();
  const [, navigate] = useRoute();
  const loaded = useCalendar(id);
  const list = useCalendarList();
  const [addingYear, addYear] = useDisclosure(false);

  if (loaded.isPending) return <Skeleton h={240} />;
  if (loaded.isError) {
    const notFound = isApiError(loaded.error) && loaded.error.appError.code === 'NOT_FOUND';
    return (
      <Stack>
        <BackLink />
        <Alert color={notFound ? 'gray' : 'red'} title={notFound ? t('calendars.notFound') : t('app.unexpected')} />
      </Stack>
    );
  }
  const calendar = loaded.data;
  const origin = list.data?.find((c) => c.calendarId === id)?.origin;
  const years = calendar.years === 'all' ? [new Date().getFullYear()] : [...calendar.years].sort((a, b) => a - b);
  const weekend = [...calendar.weekendDays].sort((a, b) => a - b).map((d) => names.weekday(d, 'long'));
  const language = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';

  return (
    <Stack gap="lg">
      <BackLink />
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2">
              {localized(calendar.name)}
            </Title>
            {origin && <CalendarOriginBadge origin={origin} />}
          </Group>
          <Group gap="lg">
            <Text size="sm" ff="monospace" c="dimmed">
              {calendar.id}
            </Text>
            <Text size="sm">{t('calendars.region', { region: calendar.region })}</Text>
            <Text size="sm" data-testid="calendar-years">
              {t('calendars.years', { years: yearsText(t, calendar) })}
            </Text>
            <Text size="sm">{t('calendars.weekend', { days: weekend.join(language === 'zh-CN' ? '、' : ', ') })}</Text>
          </Group>
          <Text size="sm" c="dimmed">
            {t('calendars.source', { document: calendar.source.document, section: calendar.source.section })}
          </Text>
        </Stack>
        {!editing && (
          <Group gap="xs">
            <Button
              leftSection={<IconPencil size={18} />}
              onClick={() => navigate({ name: 'calendar', id, editing: true })}
            >
              {t('calendars.actions.edit')}
            </Button>
            {calendar.years !== 'all' && (
              <Button variant="default" leftSection={<IconCalendarPlus size={18} />} onClick={addYear.open}>
                {t('calendars.actions.addYear')}
              </Button>
            )}
            <ImportCalendar
              onImported={(calendarId) => navigate({ name: 'calendar', id: calendarId, editing: false })}
            />
            <Button variant="default" leftSection={<IconDownload size={18} />} onClick={() => exportCalendar(calendar)}>
              {t('calendars.actions.export')}
            </Button>
          </Group>
        )}
      </Group>

      <Alert variant="light" color="indigo" icon={<IconInfoCircle size={20} />} title={t('calendars.countingRule')}>
        <Text size="sm" data-testid="counting-rule">
          {countingRuleText(language)}
        </Text>
      </Alert>

      {editing ? (
        <Stack gap="xs">
          <Title order={2} size="h3">
            {t('calendars.edit.title')}
          </Title>
          {/* Keyed by content so a save that comes back starts the next edit from the stored calendar. */}
          <CalendarEditor
            key={JSON.stringify(calendar)}
            calendar={calendar}
            origin={origin}
            onDone={() => navigate({ name: 'calendar', id, editing: false })}
          />
        </Stack>
      ) : (
        <>
          {calendar.years === 'all' && (
            <Text size="sm" c="dimmed">
              {t('calendars.grid.weekendsOnly', { year: years[0] })}
            </Text>
          )}
          <YearGrids calendar={calendar} years={years} />
          <DayTables calendar={calendar} />
        </>
      )}
      <AddYearModal
        source={calendar}
        opened={addingYear}
        onClose={addYear.close}
        onCreated={(calendarId) => navigate({ name: 'calendar', id: calendarId, editing: true })}
      />
    </Stack>
  );
}

function DayTables({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation();
  const names = useDateNames();
  const holidays = [...calendar.holidays].sort((a, b) => a.date.localeCompare(b.date));
  const makeUps = [...calendar.makeUpWorkdays].sort((a, b) => a.date.localeCompare(b.date));
  const dateCell = (date: string) => (
    <Table.Td style={{ whiteSpace: 'nowrap' }}>
      <Text span ff="monospace" size="sm">
        {date}
      </Text>{' '}
      <Text span size="sm" c="dimmed">
        {names.weekdayOf(date)}
      </Text>
    </Table.Td>
  );
  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('calendars.holidays.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('calendars.holidays.hint')}
          </Text>
          {holidays.length === 0 ? (
            <Text size="sm">{t('calendars.holidays.none')}</Text>
          ) : (
            <Table verticalSpacing={6} horizontalSpacing="md" striped data-testid="holiday-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('calendars.holidays.date')}</Table.Th>
                  <Table.Th>{t('calendars.holidays.nameEn')}</Table.Th>
                  <Table.Th>{t('calendars.holidays.nameZh')}</Table.Th>
                  <Table.Th>{t('calendars.holidays.statutory')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {holidays.map((holiday) => (
                  <Table.Tr key={holiday.date}>
                    {dateCell(holiday.date)}
                    <Table.Td>{holiday.name.en}</Table.Td>
                    <Table.Td lang="zh-CN">{holiday.name['zh-CN']}</Table.Td>
                    <Table.Td>
                      {holiday.statutory ? (
                        <Badge color="red" variant="light">
                          {t('calendars.holidays.yes')}
                        </Badge>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t('calendars.holidays.no')}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('calendars.makeUps.title')}
          </Title>
          {makeUps.length === 0 ? (
            <Text size="sm">{t('calendars.makeUps.none')}</Text>
          ) : (
            <Table verticalSpacing={6} horizontalSpacing="md" striped data-testid="make-up-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('calendars.holidays.date')}</Table.Th>
                  <Table.Th>{t('calendars.holidays.nameEn')}</Table.Th>
                  <Table.Th>{t('calendars.holidays.nameZh')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {makeUps.map((day) => (
                  <Table.Tr key={day.date}>
                    {dateCell(day.date)}
                    <Table.Td>{day.name.en}</Table.Td>
                    <Table.Td lang="zh-CN">{day.name['zh-CN']}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor href={routeHref({ name: 'calendars' })} size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={16} />
        {t('calendars.back')}
      </Group>
    </Anchor>
  );
}
