import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Divider,
  Group,
  List,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import type { Engagement } from '@shared/domain/engagement';
import type { RosterView, Shift } from '@shared/domain/roster';
import { IconAlertTriangle, IconCircleCheck, IconPencil, IconPlus, IconPrinter, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showUndoNotice } from '../../components/UndoNotice';
import { errorText } from '../../errors';
import { routeHref } from '../../routing';
import { PatternForm } from './PatternForm';
import { RosterPrintSheet } from './RosterPrintSheet';
import { RosterSettingsEditor } from './RosterSettingsEditor';
import { RosterTimeline } from './RosterTimeline';
import { hoursText, laptopZone, roleName, wallIn } from './rosterFormat';
import { useRoster, useRosterWrites } from './rosterQueries';
import { ShiftModal } from './ShiftModal';

/**
 * The on-duty roster: shifts per role across the event window in the event's zone and the
 * laptop's, what the roster leaves uncovered, people booked twice and shifts over the limit;
 * shifts added one by one or from a pattern, removed with undo; roles and coverage; a printable
 * roster and escalation sheet.
 */
export function RosterPanel({ engagement }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const roster = useRoster(engagement.id);
  const [editing, setEditing] = useState<{ shift: Shift | null } | null>(null);
  const [printing, setPrinting] = useState(false);
  if (roster.isPending) return <Skeleton h={240} />;
  if (roster.isError) {
    return (
      <Alert color="red" title={errorText(t, roster.error)}>
        <Button size="compact-sm" variant="light" onClick={() => void roster.refetch()}>
          {t('app.retry')}
        </Button>
      </Alert>
    );
  }
  const view = roster.data;
  const openShift = (id: string) => setEditing({ shift: view.shifts.find((s) => s.id === id) ?? null });
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Text size="sm">
            {t('roster.windowLine', {
              from: wallIn(view.window.startUtc, view.timeZone),
              to: wallIn(view.window.endUtc, view.timeZone),
              zone: view.timeZone,
            })}
          </Text>
          {laptopZone() !== view.timeZone && (
            <Text size="sm" c="dimmed">
              {t('roster.laptopWindowLine', {
                from: wallIn(view.window.startUtc, laptopZone()),
                to: wallIn(view.window.endUtc, laptopZone()),
                zone: laptopZone(),
              })}
            </Text>
          )}
        </Stack>
        <Group gap="xs">
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setEditing({ shift: null })}
            disabled={view.readOnly}
          >
            {t('roster.addShift')}
          </Button>
          <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => setPrinting(true)}>
            {t('roster.printable')}
          </Button>
        </Group>
      </Group>
      {view.readOnly && <Alert color="gray">{t('roster.readOnly')}</Alert>}
      {view.contacts.length === 0 && (
        <Alert color="blue" title={t('roster.noContactsTitle')}>
          {t('roster.noContacts')}{' '}
          <Anchor href={routeHref({ name: 'engagement', id: engagement.id, section: 'overview' })}>
            {t('roster.addPeopleLink')}
          </Anchor>
        </Alert>
      )}
      <RosterChecks view={view} onShift={openShift} />
      <Paper withBorder p="sm">
        <RosterTimeline view={view} onShift={openShift} />
      </Paper>
      <ShiftTable view={view} onEdit={(shift) => setEditing({ shift })} />
      <Divider />
      <PatternForm view={view} />
      <Divider />
      <RosterSettingsEditor view={view} />
      <ShiftModal
        view={view}
        shift={editing?.shift ?? null}
        opened={editing !== null}
        onClose={() => setEditing(null)}
      />
      <RosterPrintSheet engagement={engagement} view={view} opened={printing} onClose={() => setPrinting(false)} />
    </Stack>
  );
}

/** The roster's problems in words (and colour): gaps first, since an uncovered minute is what hurts. */
function RosterChecks({ view, onShift }: { view: RosterView; onShift: (id: string) => void }) {
  const { t } = useTranslation();
  const roleOf = new Map(view.settings.roles.map((r) => [r.id, r]));
  const nameOf = new Map(view.contacts.map((c) => [c.id, c.name]));
  const zone = laptopZone();
  const both = (utc: string) =>
    zone === view.timeZone
      ? wallIn(utc, view.timeZone)
      : `${wallIn(utc, view.timeZone)} (${wallIn(utc, zone)} ${t('roster.laptopShort')})`;
  const role = (id: string) => {
    const found = roleOf.get(id);
    return found ? roleName(t, found) : id;
  };
  return (
    <Stack gap="xs">
      {view.gaps.length === 0 ? (
        <Alert color="teal" icon={<IconCircleCheck size={18} />} data-testid="roster-covered">
          {t('roster.allCovered')}
        </Alert>
      ) : (
        <Alert
          color="red"
          icon={<IconAlertTriangle size={18} />}
          title={t('roster.gapsTitle', { n: view.gaps.length })}
          data-testid="roster-gaps"
        >
          <List size="sm">
            {view.gaps.map((gap) => (
              <List.Item key={`${gap.roleId}-${gap.startUtc}`}>
                {t('roster.gapLine', {
                  role: role(gap.roleId),
                  from: both(gap.startUtc),
                  to: both(gap.endUtc),
                  hours: hoursText(gap.minutes / 60),
                  fewest: gap.fewest,
                  required: gap.required,
                })}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {view.orphanShifts.length > 0 && (
        <Alert
          color="red"
          icon={<IconAlertTriangle size={18} />}
          title={t('roster.orphanTitle', { n: view.orphanShifts.length })}
          data-testid="roster-orphans"
        >
          <Text size="sm">{t('roster.orphanHint')}</Text>
          <List size="sm">
            {view.orphanShifts.map((orphan) => {
              const shift = view.shifts.find((s) => s.id === orphan.shiftId);
              if (!shift) return null;
              return (
                <List.Item key={orphan.shiftId}>
                  <Anchor component="button" type="button" size="sm" onClick={() => onShift(orphan.shiftId)}>
                    {t('roster.orphanLine', {
                      role: role(orphan.roleId),
                      from: both(shift.startUtc),
                      to: both(shift.endUtc),
                    })}
                  </Anchor>
                </List.Item>
              );
            })}
          </List>
        </Alert>
      )}
      {view.doubleBookings.length > 0 && (
        <Alert
          color="orange"
          icon={<IconAlertTriangle size={18} />}
          title={t('roster.doubleTitle', { n: view.doubleBookings.length })}
        >
          <List size="sm">
            {view.doubleBookings.map((d) => (
              <List.Item key={d.shiftIds.join('-')}>
                <Anchor component="button" type="button" size="sm" onClick={() => onShift(d.shiftIds[1])}>
                  {t('roster.doubleLine', {
                    person: nameOf.get(d.contactId) ?? t('roster.personGone'),
                    from: both(d.startUtc),
                    to: both(d.endUtc),
                  })}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {view.longShifts.length > 0 && (
        <Alert
          color="yellow"
          icon={<IconAlertTriangle size={18} />}
          title={t('roster.longTitle', { n: view.longShifts.length, max: view.settings.maxShiftHours })}
        >
          <List size="sm">
            {view.longShifts.map((l) => (
              <List.Item key={l.shiftId}>
                <Anchor component="button" type="button" size="sm" onClick={() => onShift(l.shiftId)}>
                  {t('roster.longLine', {
                    person: nameOf.get(l.contactId) ?? t('roster.personGone'),
                    hours: hoursText(l.hours),
                  })}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}

/** Every shift with its times in both zones; remove has undo. */
function ShiftTable({ view, onEdit }: { view: RosterView; onEdit: (shift: Shift) => void }) {
  const { t } = useTranslation();
  const writes = useRosterWrites(view.engagementId);
  const zone = laptopZone();
  const showLaptop = zone !== view.timeZone;
  const roleOf = new Map(view.settings.roles.map((r) => [r.id, r]));
  const contactOf = new Map(view.contacts.map((c) => [c.id, c]));
  const doubled = new Set(view.doubleBookings.flatMap((d) => d.shiftIds));
  const long = new Set(view.longShifts.map((l) => l.shiftId));
  if (view.shifts.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('roster.noShifts')}
      </Text>
    );
  }
  const remove = (shift: Shift) => {
    const person = contactOf.get(shift.contactId)?.name ?? '?';
    writes.removeShift.mutate(
      { id: shift.id },
      {
        onSuccess: () =>
          showUndoNotice(t, t('roster.removed', { person, from: wallIn(shift.startUtc, view.timeZone) }), () =>
            writes.restoreShift.mutate({ id: shift.id }),
          ),
      },
    );
  };
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing={4} aria-label={t('roster.shiftsLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('roster.role')}</Table.Th>
            <Table.Th>{t('roster.person')}</Table.Th>
            <Table.Th>{t('roster.eventZoneColumn', { zone: view.timeZone })}</Table.Th>
            {showLaptop && <Table.Th>{t('roster.laptopZoneColumn', { zone })}</Table.Th>}
            <Table.Th>{t('roster.hours')}</Table.Th>
            <Table.Th>{t('roster.notes')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.shifts.map((shift) => {
            const role = roleOf.get(shift.roleId);
            const person = contactOf.get(shift.contactId);
            const hours = (Date.parse(shift.endUtc) - Date.parse(shift.startUtc)) / 3_600_000;
            return (
              <Table.Tr key={shift.id}>
                <Table.Td>{role ? roleName(t, role) : shift.roleId}</Table.Td>
                <Table.Td>
                  {person?.name ?? (
                    <Text span size="sm" c="red">
                      {t('roster.personGone')}
                    </Text>
                  )}{' '}
                  {person && (
                    <Text span size="xs" c="dimmed">
                      {t(`roster.party.${person.party}`)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {wallIn(shift.startUtc, view.timeZone)} – {wallIn(shift.endUtc, view.timeZone)}
                </Table.Td>
                {showLaptop && (
                  <Table.Td>
                    {wallIn(shift.startUtc, zone)} – {wallIn(shift.endUtc, zone)}
                  </Table.Td>
                )}
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {hoursText(hours)}
                    {long.has(shift.id) && (
                      <Badge color="yellow" size="xs">
                        {t('roster.tooLong')}
                      </Badge>
                    )}
                    {doubled.has(shift.id) && (
                      <Badge color="orange" size="xs">
                        {t('roster.doubleBooked')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={1}>
                    {shift.notes}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('roster.editShiftOf', {
                        person: person?.name ?? '?',
                        from: wallIn(shift.startUtc, view.timeZone),
                      })}
                      onClick={() => onEdit(shift)}
                      disabled={view.readOnly}
                    >
                      <IconPencil size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('roster.removeShiftOf', {
                        person: person?.name ?? '?',
                        from: wallIn(shift.startUtc, view.timeZone),
                      })}
                      onClick={() => remove(shift)}
                      disabled={view.readOnly}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
