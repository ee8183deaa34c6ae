import { Alert, Badge, Button, Checkbox, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Engagement } from '@shared/domain/engagement';
import { dateInZone } from '@shared/domain/plan';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../errors';
import { OnSiteDays } from './OnSiteDays';
import { PlanFacts } from './PlanFacts';
import { usePlan, usePlanMutation } from './queries';
import { TasksTable } from './TasksTable';
import { Timeline } from './Timeline';
import { WarningsPanel } from './WarningsPanel';

/** The plan screen: warnings where they apply, the facts they are computed from, the timeline and tasks. */
export function PlanScreen({ engagement }: { engagement: Engagement }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const plan = usePlan(engagement.id);
  const regenerate = usePlanMutation('plan.regenerateTasks', engagement.id);
  const updateSettings = usePlanMutation('plan.updateSettings', engagement.id);
  const readOnly = engagement.status === 'archived' || engagement.deletedAt !== null;
  if (plan.isPending) return <Skeleton h={320} />;
  if (plan.isError) return <Alert color="red">{errorText(t, plan.error)}</Alert>;
  const view = plan.data;
  const inScope = view.catalog.items.filter((item) => item.inScope);
  return (
    <Stack gap="lg">
      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} size="h4">
              {view.catalog.name[language]} · {view.catalog.editionName[language]}
            </Title>
            <Text size="sm" c="dimmed">
              {t('plan.itemsInScope', { count: inScope.length })}
            </Text>
          </div>
        </Group>
        {view.catalog.pickItems ? (
          <Checkbox.Group
            mt="sm"
            label={t('plan.pickItems')}
            value={view.settings.pickedItemIds}
            onChange={(picked) =>
              !readOnly &&
              updateSettings.mutate(
                { patch: { pickedItemIds: picked } },
                { onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }) },
              )
            }
          >
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing={4} mt={6}>
              {view.catalog.items.map((item) => (
                <Checkbox key={item.id} value={item.id} label={item.name[language]} disabled={readOnly} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
        ) : (
          <Group gap={6} mt="sm">
            {inScope.map((item) => (
              <Badge key={item.id} variant="light" tt="none">
                {item.name[language]}
              </Badge>
            ))}
          </Group>
        )}
        <Text size="sm" mt="sm">
          {t('plan.deliverables')}: {view.catalog.deliverables.map((d) => d.name[language]).join(' · ')}
        </Text>
      </Paper>
      <section aria-labelledby="plan-warnings-title">
        <Title order={2} size="h4" id="plan-warnings-title" mb="xs">
          {t('plan.warningsTitle')}
        </Title>
        <WarningsPanel plan={view} readOnly={readOnly} />
      </section>
      <PlanFacts key={JSON.stringify(view.settings)} plan={view} readOnly={readOnly} />
      <Timeline
        plan={view}
        eventStartDate={dateInZone(engagement.eventStartUtc, engagement.timeZone)}
        eventEndDate={dateInZone(engagement.eventEndUtc, engagement.timeZone)}
      />
      <section aria-labelledby="plan-tasks-title">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4" id="plan-tasks-title">
            {t('plan.tasksTitle')}
          </Title>
          {!readOnly && (
            <Button
              variant="default"
              size="xs"
              leftSection={<IconRefresh size={14} />}
              loading={regenerate.isPending}
              onClick={() => {
                if (!window.confirm(t('plan.regenerateConfirm'))) return;
                regenerate.mutate(
                  {},
                  { onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }) },
                );
              }}
            >
              {t('plan.regenerate')}
            </Button>
          )}
        </Group>
        {view.tasksStale && !readOnly && (
          <Alert color="yellow" mb="sm" title={t('plan.tasksStale')} data-testid="tasks-stale">
            {t('plan.tasksStaleBody')}
          </Alert>
        )}
        <TasksTable plan={view} readOnly={readOnly} />
      </section>
      <OnSiteDays plan={view} readOnly={readOnly} />
    </Stack>
  );
}
