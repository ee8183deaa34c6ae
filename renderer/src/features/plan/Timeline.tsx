import { Box, Group, Paper, Text, Tooltip } from '@mantine/core';
import type { PlanPhase } from '@shared/domain/catalog';
import { useTranslation } from 'react-i18next';
import type { PlanView } from './queries';

const PHASE_COLORS: Record<PlanPhase, string> = {
  survey: 'blue',
  solution: 'indigo',
  inspection: 'violet',
  optimization: 'grape',
  stressTest: 'pink',
  onDuty: 'orange',
  summary: 'teal',
  acceptance: 'green',
};

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

/**
 * The plan as a Gantt chart: one bar per task on a shared day scale, with N (the application date)
 * and the event window marked. The tasks table below it is the accessible, editable form.
 */
export function Timeline({
  plan,
  eventStartDate,
  eventEndDate,
}: {
  plan: PlanView;
  eventStartDate: string;
  eventEndDate: string;
}) {
  const { t } = useTranslation();
  const dates = [
    plan.settings.applicationDate,
    eventStartDate,
    eventEndDate,
    ...plan.tasks.flatMap((task) => [task.startDate, task.endDate]),
  ];
  const first = Math.min(...dates.map(dayNumber));
  const last = Math.max(...dates.map(dayNumber));
  const span = last - first + 1;
  const left = (date: string) => `${((dayNumber(date) - first) / span) * 100}%`;
  const width = (from: string, to: string) => `${(Math.max(1, dayNumber(to) - dayNumber(from) + 1) / span) * 100}%`;
  const ticks = Array.from(
    { length: Math.min(12, span) },
    (_, i) => first + Math.round((i * (span - 1)) / Math.max(1, Math.min(12, span) - 1)),
  );
  const label = (day: number) => new Date(day * DAY_MS).toISOString().slice(5, 10);

  return (
    <Paper withBorder p="md" radius="md" aria-label={t('plan.timeline')} role="figure">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{t('plan.timeline')}</Text>
        <Group gap="md">
          <Group gap={4}>
            <Box w={12} h={12} bg="red.7" style={{ borderRadius: 2 }} />
            <Text size="xs">{t('plan.applicationMarker')}</Text>
          </Group>
          <Group gap={4}>
            <Box
              w={12}
              h={12}
              bg="orange.1"
              style={{ border: '1px solid var(--mantine-color-orange-5)', borderRadius: 2 }}
            />
            <Text size="xs">{t('plan.eventWindow')}</Text>
          </Group>
        </Group>
      </Group>
      <Box style={{ display: 'grid', gridTemplateColumns: '220px 1fr', rowGap: 6, columnGap: 12 }}>
        <span />
        <Box pos="relative" h={18}>
          {ticks.map((day) => (
            <Text
              key={day}
              size="xs"
              c="dimmed"
              pos="absolute"
              style={{ left: `${((day - first) / span) * 100}%`, whiteSpace: 'nowrap' }}
            >
              {label(day)}
            </Text>
          ))}
        </Box>
        {plan.tasks.map((task) => (
          <Row key={task.id} name={task.name}>
            <Box
              pos="absolute"
              top={0}
              bottom={0}
              left={left(eventStartDate)}
              w={width(eventStartDate, eventEndDate)}
              bg="orange.0"
            />
            <Box pos="absolute" top={0} bottom={0} left={left(plan.settings.applicationDate)} w={2} bg="red.7" />
            <Tooltip label={`${task.name}: ${task.startDate} → ${task.endDate}`}>
              <Box
                pos="absolute"
                top={4}
                bottom={4}
                left={left(task.startDate)}
                w={width(task.startDate, task.endDate)}
                bg={`${PHASE_COLORS[task.phase]}.6`}
                style={{ borderRadius: 4, minWidth: 4, opacity: task.status === 'done' ? 0.5 : 1 }}
              />
            </Tooltip>
          </Row>
        ))}
      </Box>
    </Paper>
  );
}

function Row({ name, children }: { name: string; children: React.ReactNode }) {
  return (
    <>
      <Text size="sm" truncate="end" title={name}>
        {name}
      </Text>
      <Box
        pos="relative"
        h={24}
        bg="var(--mantine-color-default-hover)"
        style={{ borderRadius: 4, overflow: 'hidden' }}
      >
        {children}
      </Box>
    </>
  );
}
