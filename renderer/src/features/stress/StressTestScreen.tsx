import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Engagement } from '@shared/domain/engagement';
import { STRESS_PLAN_FIELDS, type StressPlan, type StressScenario } from '@shared/domain/stress-test';
import { IconFileImport, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onEvent } from '../../api';
import { AutosaveIndicator } from '../../components/AutosaveIndicator';
import { showUndoNotice } from '../../components/UndoNotice';
import { useAutosave } from '../../components/useAutosave';
import { errorText } from '../../errors';
import { routeHref } from '../../routing';
import { ImportModal } from './ImportModal';
import { type StressView, stressKeys, useStressMutation, useStressView } from './queries';
import { RunView, useFigureFormat } from './RunView';
import { ScenarioModal } from './ScenarioModal';

const VERDICT_COLORS = { passed: 'teal', missed: 'red', noData: 'gray' } as const;

/** Stress tests of an engagement: the plan, scenarios with targets, imported runs and their results. */
export function StressTestScreen({ engagement }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const view = useStressView(engagement.id);
  const locked = engagement.status === 'archived' || engagement.deletedAt !== null;
  const [selectedRun, setSelectedRun] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);

  useEffect(
    () =>
      onEvent('engagement.changed', ({ id }) => {
        if (id === engagement.id || id === '*')
          void queryClient.invalidateQueries({ queryKey: stressKeys.engagement(engagement.id) });
      }),
    [queryClient, engagement.id],
  );

  if (view.isPending) return <Skeleton h={320} />;
  if (view.isError) return <Alert color="red">{errorText(t, view.error)}</Alert>;
  const data = view.data;
  // Outside the edition nothing changes here (the core refuses it too): what was recorded stays visible.
  const readOnly = locked || !data.inScope;
  const runId = data.runs.some((r) => r.id === selectedRun) ? selectedRun : (data.runs[0]?.id ?? null);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} size="h3">
            {t('stress.title')}
          </Title>
          <Text c="dimmed" size="sm" maw={720}>
            {t('stress.subtitle')}
          </Text>
        </div>
        {!readOnly && (
          <Button leftSection={<IconFileImport size={18} />} onClick={() => setImporting(true)}>
            {t('stress.import')}
          </Button>
        )}
      </Group>
      {!data.inScope && (
        <Alert color="yellow" title={t('stress.notInEditionTitle')} data-testid="not-in-edition">
          {t('stress.notInEdition')}
        </Alert>
      )}
      {locked && <Alert color="gray">{t('stress.readOnly')}</Alert>}

      <PlanForm key={engagement.id} engagementId={engagement.id} plan={data.plan} readOnly={readOnly} />
      <Scenarios engagement={engagement} view={data} readOnly={readOnly} />
      <Runs view={data} timeZone={engagement.timeZone} selected={runId} onSelect={setSelectedRun} />
      {runId && (
        <RunView
          engagement={engagement}
          runId={runId}
          view={data}
          readOnly={readOnly}
          onRemoved={() => setSelectedRun(null)}
        />
      )}
      <ImportModal
        engagementId={engagement.id}
        opened={importing}
        onClose={() => setImporting(false)}
        onImported={(run) => setSelectedRun(run.id)}
      />
    </Stack>
  );
}

/** The test plan's text, saved a moment after typing stops. */
function PlanForm(props: { engagementId: string; plan: StressPlan; readOnly: boolean }) {
  const { t } = useTranslation();
  const [plan, setPlan] = useState(props.plan);
  const save = useStressMutation('stress.savePlan', props.engagementId);
  const describe = useCallback((error: unknown) => errorText(t, error), [t]);
  const autosave = useAutosave<StressPlan>(async (values) => {
    await save.mutateAsync({ plan: values });
  }, describe);
  const change = (field: keyof StressPlan, value: string) => {
    const next = { ...plan, [field]: value };
    setPlan(next);
    autosave.schedule(next);
  };
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4">
          {t('stress.planTitle')}
        </Title>
        {!props.readOnly && <AutosaveIndicator state={autosave.state} onRetry={() => void autosave.flush()} />}
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {STRESS_PLAN_FIELDS.map((field) => (
          <Textarea
            key={field}
            label={t(`stress.plan.${field}`)}
            description={t(`stress.planHint.${field}`)}
            autosize
            minRows={2}
            maxRows={8}
            value={plan[field]}
            readOnly={props.readOnly}
            onChange={(e) => change(field, e.currentTarget.value)}
          />
        ))}
      </SimpleGrid>
    </Paper>
  );
}

function Scenarios({ engagement, view, readOnly }: { engagement: Engagement; view: StressView; readOnly: boolean }) {
  const { t } = useTranslation();
  const f = useFigureFormat();
  const [editing, setEditing] = useState<StressScenario | null>(null);
  const [adding, setAdding] = useState(false);
  const remove = useStressMutation('stress.removeScenario', engagement.id);
  const restore = useStressMutation('stress.restoreScenario', engagement.id);

  const removeScenario = (scenario: StressScenario) =>
    remove.mutate(
      { id: scenario.id },
      {
        onSuccess: () => {
          showUndoNotice(t, t('stress.scenarioRemoved', { name: scenario.name }), () => {
            restore.mutate({ id: scenario.id });
          });
        },
        onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }),
      },
    );

  const dash = '—';
  const opt = (v: number | null, format: (n: number) => string) => (v === null ? dash : format(v));
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={3} size="h4">
            {t('stress.scenariosTitle')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('stress.scenariosHint')}
          </Text>
        </div>
        {!readOnly && (
          <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            {t('stress.addScenario')}
          </Button>
        )}
      </Group>
      {view.scenarios.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('stress.noScenarios')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped withTableBorder fz="sm" aria-label={t('stress.scenariosTitle')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('stress.fields.name')}</Table.Th>
                <Table.Th ta="right">{t('stress.col.targetTps')}</Table.Th>
                <Table.Th ta="right">{t('stress.col.targetP95')}</Table.Th>
                <Table.Th ta="right">{t('stress.col.targetP99')}</Table.Th>
                <Table.Th ta="right">{t('stress.col.maxErrors')}</Table.Th>
                <Table.Th ta="right">{t('stress.col.concurrency')}</Table.Th>
                <Table.Th ta="right">{t('stress.col.duration')}</Table.Th>
                <Table.Th>{t('stress.col.verdict')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {view.scenarios.map((s) => {
                const result = view.results.find((r) => r.scenarioId === s.id);
                const status = result?.verdict.status ?? 'noData';
                return (
                  <Table.Tr key={s.id} data-testid="scenario-row">
                    <Table.Td fw={600}>{s.name}</Table.Td>
                    <Table.Td ta="right">{opt(s.targetTps, f.tps)}</Table.Td>
                    <Table.Td ta="right">{opt(s.targetP95Ms, (v) => `${f.ms(v)} ms`)}</Table.Td>
                    <Table.Td ta="right">{opt(s.targetP99Ms, (v) => `${f.ms(v)} ms`)}</Table.Td>
                    <Table.Td ta="right">{opt(s.maxErrorRatePct, (v) => `${f.percent(v)} %`)}</Table.Td>
                    <Table.Td ta="right">{opt(s.concurrency, f.count)}</Table.Td>
                    <Table.Td ta="right">
                      {s.durationMin === null
                        ? dash
                        : t('stress.durationCell', { duration: f.tps(s.durationMin), rampUp: f.tps(s.rampUpMin ?? 0) })}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Badge color={VERDICT_COLORS[status]} variant={status === 'noData' ? 'outline' : 'filled'}>
                          {t(`stress.verdict.${status}`)}
                        </Badge>
                        {result?.findingId && (
                          <Anchor
                            href={routeHref({ name: 'engagement', id: engagement.id, section: 'findings' })}
                            size="xs"
                          >
                            {t('stress.finding')}
                          </Anchor>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {!readOnly && (
                        <Group gap={4} wrap="nowrap" justify="flex-end">
                          <Tooltip label={t('stress.editScenario')}>
                            <ActionIcon
                              variant="subtle"
                              aria-label={t('stress.editScenarioNamed', { name: s.name })}
                              onClick={() => setEditing(s)}
                            >
                              <IconPencil size={16} />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label={t('stress.removeScenario')}>
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={t('stress.removeScenarioNamed', { name: s.name })}
                              onClick={() => removeScenario(s)}
                            >
                              <IconTrash size={16} />
                            </ActionIcon>
                          </Tooltip>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ScenarioModal
        engagementId={engagement.id}
        opened={adding || editing !== null}
        scenario={editing}
        onClose={() => {
          setAdding(false);
          setEditing(null);
        }}
      />
    </Paper>
  );
}

function Runs(props: { view: StressView; timeZone: string; selected: string | null; onSelect: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const f = useFigureFormat();
  const { view } = props;
  const when = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: props.timeZone,
    }).format(new Date(iso));
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={3} size="h4" mb="sm">
        {t('stress.runsTitle')}
      </Title>
      {view.runs.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('stress.noRuns')}
        </Text>
      ) : (
        <Table highlightOnHover withTableBorder fz="sm" aria-label={t('stress.runsTitle')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('stress.runName')}</Table.Th>
              <Table.Th>{t('stress.col.started')}</Table.Th>
              <Table.Th>{t('stress.formatLabel')}</Table.Th>
              <Table.Th ta="right">{t('stress.col.samples')}</Table.Th>
              <Table.Th ta="right">{t('stress.col.labels')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.runs.map((run) => (
              <Table.Tr
                key={run.id}
                bg={run.id === props.selected ? 'var(--mantine-color-default-hover)' : undefined}
                data-testid="run-row"
              >
                <Table.Td>
                  <Anchor
                    component="button"
                    type="button"
                    onClick={() => props.onSelect(run.id)}
                    aria-current={run.id === props.selected ? 'true' : undefined}
                    fw={run.id === props.selected ? 700 : undefined}
                  >
                    {run.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{when(run.startedAt)}</Table.Td>
                <Table.Td>{t(`stress.format.${run.format}`)}</Table.Td>
                <Table.Td ta="right">{f.count(run.rows)}</Table.Td>
                <Table.Td ta="right">{f.count(run.labelCount)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
