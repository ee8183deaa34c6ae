import { Button, Group, Modal, Text, Title } from '@mantine/core';
import type { Engagement } from '@shared/domain/engagement';
import {
  coverageSummary,
  escalationContacts,
  type RosterView,
  rosterRows,
  rowsByDay,
  staffedShifts,
} from '@shared/domain/roster';
import { IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import classes from './roster.module.css';
import { documentLanguage, hoursText, wallIn } from './rosterFormat';

/**
 * The printable roster and escalation sheet: who to call by role with phone numbers, then the
 * shifts by day in the event's zone, then what the roster leaves uncovered. Printing hides the
 * rest of the app (roster.module.css).
 */
export function RosterPrintSheet(props: {
  engagement: Engagement;
  view: RosterView;
  opened: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { view, engagement } = props;
  const language = documentLanguage(i18n.language);
  const escalation = escalationContacts(view.shifts, view.contacts, view.settings.roles, language);
  const days = rowsByDay(rosterRows(view.shifts, view.contacts, view.settings.roles, view.timeZone, language));
  const coverage = coverageSummary(
    view.window,
    staffedShifts(view.shifts, view.contacts),
    view.settings.roles,
    language,
  ).filter((c) => c.gapMinutes > 0);
  const party = (value: string) => (value === 'customer' || value === 'provider' ? t(`roster.party.${value}`) : '');
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      fullScreen
      title={t('roster.printTitle')}
      transitionProps={{ duration: 0 }}
    >
      <Group mb="md">
        <Button leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>
          {t('roster.print')}
        </Button>
        <Text size="sm" c="dimmed">
          {t('roster.printHint')}
        </Text>
      </Group>
      <div className={classes.sheet} data-testid="roster-sheet">
        <Title order={2} size="h3">
          {t('roster.sheetHeading', { event: engagement.eventName, customer: engagement.customerOrg })}
        </Title>
        <Text size="sm" mb="sm">
          {t('roster.sheetWindow', {
            from: wallIn(view.window.startUtc, view.timeZone),
            to: wallIn(view.window.endUtc, view.timeZone),
            zone: view.timeZone,
          })}
        </Text>
        <Title order={3} size="h4">
          {t('roster.escalationHeading')}
        </Title>
        {escalation.length === 0 ? (
          <Text size="sm">{t('roster.noEscalation')}</Text>
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t('roster.role')}</th>
                <th>{t('roster.person')}</th>
                <th>{t('roster.partyLabel')}</th>
                <th>{t('roster.phone')}</th>
              </tr>
            </thead>
            <tbody>
              {escalation.map((c) => (
                <tr key={`${c.roleId}-${c.person}`}>
                  <td>{c.role}</td>
                  <td>{c.person}</td>
                  <td>{party(c.party)}</td>
                  <td>{c.phone || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Title order={3} size="h4">
          {t('roster.byDayHeading', { zone: view.timeZone })}
        </Title>
        {days.length === 0 && <Text size="sm">{t('roster.noShifts')}</Text>}
        {days.map((day) => (
          <div key={day.day} className={classes.day}>
            <Text fw={700} size="sm" mt="xs">
              {day.day}
            </Text>
            <table>
              <thead>
                <tr>
                  <th>{t('roster.start')}</th>
                  <th>{t('roster.end')}</th>
                  <th>{t('roster.role')}</th>
                  <th>{t('roster.person')}</th>
                  <th>{t('roster.partyLabel')}</th>
                  <th>{t('roster.phone')}</th>
                  <th>{t('roster.hours')}</th>
                </tr>
              </thead>
              <tbody>
                {day.rows.map((row) => (
                  <tr key={row.shiftId}>
                    <td>{row.startLocal.slice(11)}</td>
                    <td>{row.endLocal.slice(0, 10) === day.day ? row.endLocal.slice(11) : row.endLocal}</td>
                    <td>{row.role}</td>
                    <td>{row.person}</td>
                    <td>{row.party ? party(row.party) : ''}</td>
                    <td>{row.phone || '—'}</td>
                    <td>{hoursText(row.hours)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
        <Title order={3} size="h4">
          {t('roster.coverageHeading')}
        </Title>
        {coverage.length === 0 ? (
          <Text size="sm">{t('roster.allCovered')}</Text>
        ) : (
          coverage.map((c) => (
            <Text key={c.roleId} size="sm">
              {t('roster.coverageLine', {
                role: c.role,
                hours: hoursText(c.gapMinutes / 60),
                gaps: c.gaps
                  .map((g) => `${wallIn(g.startUtc, view.timeZone)} – ${wallIn(g.endUtc, view.timeZone)}`)
                  .join('; '),
              })}
            </Text>
          ))
        )}
      </div>
    </Modal>
  );
}
