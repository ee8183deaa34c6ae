import { Box, Group, Stack, Text, Tooltip } from '@mantine/core';
import type { RosterView } from '@shared/domain/roster';
import { localToUtc, utcToLocal } from '@shared/domain/time';
import { useTranslation } from 'react-i18next';
import classes from './roster.module.css';
import { hoursText, roleName, wallIn } from './rosterFormat';

const ms = (iso: string) => Date.parse(iso);

/** Local midnights of the event zone inside the window: the day lines of the chart. */
function dayStarts(view: RosterView): { utc: string; label: string }[] {
  const days: { utc: string; label: string }[] = [];
  let day = utcToLocal(view.window.startUtc, view.timeZone).slice(0, 10);
  for (let i = 0; i < 60; i += 1) {
    const utc = localToUtc(`${day}T00:00`, view.timeZone) ?? localToUtc(`${day}T01:00`, view.timeZone);
    if (utc && ms(utc) >= ms(view.window.endUtc)) break;
    if (utc && ms(utc) > ms(view.window.startUtc)) days.push({ utc, label: day.slice(5) });
    const next = new Date(`${day}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    day = next.toISOString().slice(0, 10);
  }
  return days;
}

/**
 * Shifts per role across the event window, one track per role that holds shifts or requires
 * coverage. Gaps are red and say so in words to screen readers; day lines are the event zone's.
 */
export function RosterTimeline({ view, onShift }: { view: RosterView; onShift: (id: string) => void }) {
  const { t } = useTranslation();
  const from = ms(view.window.startUtc);
  const span = ms(view.window.endUtc) - from;
  const pos = (startUtc: string, endUtc: string) => ({
    left: `${((Math.max(ms(startUtc), from) - from) / span) * 100}%`,
    width: `${((Math.min(ms(endUtc), from + span) - Math.max(ms(startUtc), from)) / span) * 100}%`,
  });
  const contactOf = new Map(view.contacts.map((c) => [c.id, c]));
  const doubled = new Set(view.doubleBookings.flatMap((d) => d.shiftIds));
  const long = new Set(view.longShifts.map((l) => l.shiftId));
  const roles = view.settings.roles.filter((r) => r.required > 0 || view.shifts.some((s) => s.roleId === r.id));
  const days = dayStarts(view);
  return (
    <Stack gap={4} role="group" aria-label={t('roster.timelineLabel')}>
      <Group gap="xs" wrap="nowrap">
        <Box w={180} />
        <Box className={classes.axis}>
          <Text size="xs" c="dimmed" className={classes.axisLabel} style={{ left: 0 }}>
            {wallIn(view.window.startUtc, view.timeZone).slice(5)}
          </Text>
          {days.map((d) => (
            <Text
              key={d.utc}
              size="xs"
              c="dimmed"
              className={classes.axisLabel}
              style={{ left: pos(d.utc, d.utc).left }}
            >
              {d.label}
            </Text>
          ))}
        </Box>
      </Group>
      {roles.map((role) => {
        const shifts = view.shifts.filter((s) => s.roleId === role.id);
        const gaps = view.gaps.filter((g) => g.roleId === role.id);
        return (
          <Group key={role.id} gap="xs" wrap="nowrap" align="center">
            <Text size="sm" w={180} truncate="end" title={roleName(t, role)}>
              {roleName(t, role)}
              {role.required > 0 && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  ×{role.required}
                </Text>
              )}
            </Text>
            <Box className={classes.track}>
              {days.map((d) => (
                <span key={d.utc} className={classes.dayLine} style={{ left: pos(d.utc, d.utc).left }} />
              ))}
              {gaps.map((gap) => (
                <Tooltip
                  key={gap.startUtc}
                  label={t('roster.gapTooltip', {
                    from: wallIn(gap.startUtc, view.timeZone),
                    to: wallIn(gap.endUtc, view.timeZone),
                    hours: hoursText(gap.minutes / 60),
                  })}
                >
                  <span
                    className={classes.gap}
                    style={pos(gap.startUtc, gap.endUtc)}
                    role="img"
                    aria-label={t('roster.gapTooltip', {
                      from: wallIn(gap.startUtc, view.timeZone),
                      to: wallIn(gap.endUtc, view.timeZone),
                      hours: hoursText(gap.minutes / 60),
                    })}
                  />
                </Tooltip>
              ))}
              {shifts.map((shift) => {
                const person = contactOf.get(shift.contactId);
                const flags = [
                  doubled.has(shift.id) && t('roster.doubleBooked'),
                  long.has(shift.id) && t('roster.tooLong'),
                ]
                  .filter(Boolean)
                  .join(', ');
                const label = `${person?.name ?? '?'} ${wallIn(shift.startUtc, view.timeZone)} – ${wallIn(shift.endUtc, view.timeZone)}${flags ? ` (${flags})` : ''}`;
                return (
                  <Tooltip key={shift.id} label={label}>
                    <button
                      type="button"
                      className={classes.bar}
                      data-party={person?.party ?? 'provider'}
                      data-flagged={flags !== '' || undefined}
                      style={pos(shift.startUtc, shift.endUtc)}
                      aria-label={label}
                      onClick={() => onShift(shift.id)}
                    >
                      {person?.name ?? '?'}
                    </button>
                  </Tooltip>
                );
              })}
            </Box>
          </Group>
        );
      })}
    </Stack>
  );
}
