import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Paper,
  ScrollArea,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { latencyChartOption, throughputChartOption } from '@shared/charts/load-test-charts';
import type { Engagement } from '@shared/domain/engagement';
import type { LatencyFigures } from '@shared/domain/load-test';
import {
  achievedRounded,
  boundSign,
  runScenarioVerdict,
  type StressCheck,
  type StressScenario,
  scenarioOfLabel,
} from '@shared/domain/stress-test';
import { IconTrash } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, useChartPalette } from '../../components/EChart';
import { showUndoNotice } from '../../components/UndoNotice';
import { errorText } from '../../errors';
import { routeHref } from '../../routing';
import { type StressRun, type StressView, useStressMutation, useStressRun } from './queries';

const VERDICT_COLORS = { passed: 'teal', missed: 'red', noData: 'gray' } as const;

export function useFigureFormat() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const make = (digits: number) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits });
    const whole = make(0);
    const one = make(1);
    const two = make(2);
    return {
      count: (v: number) => whole.format(v),
      ms: (v: number) => whole.format(v),
      tps: (v: number) => one.format(v),
      percent: (v: number) => two.format(v),
    };
  }, [i18n.language]);
}

/** One imported run: scenarios judged on it, its label mapping, the figures and the two charts. */
export function RunView(props: {
  engagement: Engagement;
  runId: string;
  view: StressView;
  readOnly: boolean;
  onRemoved: () => void;
}) {
  const { t } = useTranslation();
  const run = useStressRun(props.engagement.id, props.runId);
  if (run.isPending) return <Skeleton h={400} />;
  if (run.isError) return <Alert color="red">{errorText(t, run.error)}</Alert>;
  return <RunDetail {...props} run={run.data} />;
}

function RunDetail(props: {
  engagement: Engagement;
  run: StressRun;
  view: StressView;
  readOnly: boolean;
  onRemoved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { engagement, run, view, readOnly } = props;
  const update = useStressMutation('stress.updateRun', engagement.id);
  const remove = useStressMutation('stress.removeRun', engagement.id);
  const restore = useStressMutation('stress.restoreRun', engagement.id);
  const [name, setName] = useState(run.name);
  const [notes, setNotes] = useState(run.notes);
  useEffect(() => {
    setName(run.name);
    setNotes(run.notes);
  }, [run.name, run.notes]);
  const started = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: engagement.timeZone,
  }).format(new Date(run.startedAt));
  const f = useFigureFormat();

  const save = (patch: { name?: string; notes?: string }) =>
    update.mutate(
      { id: run.id, patch },
      { onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }) },
    );

  const removeRun = () =>
    remove.mutate(
      { id: run.id },
      {
        onSuccess: () => {
          props.onRemoved();
          showUndoNotice(t, t('stress.runRemoved', { name: run.name }), () => {
            restore.mutate({ id: run.id });
          });
        },
        onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }),
      },
    );

  return (
    <Stack gap="md" data-testid="run-view">
      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <TextInput
            label={t('stress.runName')}
            value={name}
            readOnly={readOnly}
            onChange={(e) => setName(e.currentTarget.value)}
            onBlur={() => name.trim() && name !== run.name && save({ name: name.trim() })}
            w={360}
          />
          {!readOnly && (
            <Button variant="default" color="red" leftSection={<IconTrash size={16} />} onClick={removeRun}>
              {t('stress.removeRun')}
            </Button>
          )}
        </Group>
        <Text size="sm" c="dimmed" mt="xs">
          {t('stress.runFacts', {
            file: run.fileName,
            format: t(`stress.format.${run.format}`),
            started,
            zone: engagement.timeZone,
            duration: f.count(run.durationSeconds),
            rows: f.count(run.rows),
          })}
        </Text>
        <Textarea
          mt="sm"
          label={t('stress.runNotes')}
          autosize
          minRows={1}
          maxRows={6}
          value={notes}
          readOnly={readOnly}
          onChange={(e) => setNotes(e.currentTarget.value)}
          onBlur={() => notes !== run.notes && save({ notes })}
        />
        {run.analysis.warnings.length > 0 && (
          <Alert color="yellow" mt="sm" title={t('stress.warnings', { count: run.analysis.warnings.length })}>
            <List size="sm">
              {run.analysis.warnings.slice(0, 10).map((w) => (
                <List.Item key={`${w.code}-${w.line ?? ''}-${w.message}`}>{w.message}</List.Item>
              ))}
            </List>
          </Alert>
        )}
      </Paper>

      <ScenarioResults engagement={engagement} run={run} view={view} />
      <LabelMapping engagement={engagement} run={run} view={view} readOnly={readOnly} />
      <RunCharts engagement={engagement} run={run} />
      <FiguresTable run={run} />
    </Stack>
  );
}

function checkText(t: TFunction, check: StressCheck, f: ReturnType<typeof useFigureFormat>) {
  const value = (v: number) =>
    check.criterion === 'throughput'
      ? `${f.tps(v)} TPS`
      : check.criterion === 'errorRate'
        ? `${f.percent(v)} %`
        : `${f.ms(v)} ms`;
  const sign = boundSign(check);
  const line = t('stress.checkLine', {
    criterion: t(`stress.criterion.${check.criterion}`),
    // Rounded against the consultant: a miss never reads as a tie.
    achieved: `${sign ? `${sign} ` : ''}${value(achievedRounded(check))}`,
    target: value(check.target),
  });
  const notes = [
    check.assumed ? t('stress.assumedLimit') : null,
    check.shortRun ? t('stress.notDemonstrated', check.shortRun) : null,
  ].filter((note) => note !== null);
  return notes.length > 0 ? `${line} (${notes.join('; ')})` : line;
}

/** Each scenario judged on this run: target against achieved, passed or missed, and its finding. */
function ScenarioResults({ engagement, run, view }: { engagement: Engagement; run: StressRun; view: StressView }) {
  const { t } = useTranslation();
  const f = useFigureFormat();
  const scenarios = view.scenarios.filter((s) => Object.values(run.labelScenarios).includes(s.id));
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={3} size="h5" mb="xs">
        {t('stress.resultsTitle')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('stress.resultsHint')}
      </Text>
      {scenarios.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('stress.noScenarioMapped')}
        </Text>
      ) : (
        <Stack gap="sm">
          {scenarios.map((scenario) => {
            const verdict = runScenarioVerdict(scenario, run.analysis, run.labelScenarios);
            const standing = view.results.find((r) => r.scenarioId === scenario.id);
            const counts = standing?.runId === run.id;
            return (
              <Paper
                key={scenario.id}
                withBorder
                p="sm"
                radius="sm"
                data-testid="scenario-result"
                data-status={verdict.status}
              >
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Group gap="xs">
                    <Text fw={600}>{scenario.name}</Text>
                    <Badge color={VERDICT_COLORS[verdict.status]} variant="filled">
                      {t(`stress.verdict.${verdict.status}`)}
                    </Badge>
                    {!counts && (
                      <Badge color="gray" variant="outline">
                        {t('stress.notCounting')}
                      </Badge>
                    )}
                  </Group>
                  {counts && standing?.findingId && (
                    <Anchor href={routeHref({ name: 'engagement', id: engagement.id, section: 'findings' })} size="sm">
                      {t('stress.openFinding')}
                    </Anchor>
                  )}
                </Group>
                <List size="sm" mt={4} spacing={2}>
                  {verdict.checks.map((check) => (
                    <List.Item key={check.criterion}>
                      <Text span size="sm" c={check.met ? undefined : 'red.8'} fw={check.met ? undefined : 600}>
                        {checkText(t, check, f)} — {t(check.met ? 'stress.met' : 'stress.missed')}
                      </Text>
                    </List.Item>
                  ))}
                </List>
              </Paper>
            );
          })}
        </Stack>
      )}
    </Paper>
  );
}

/** Which scenario each label counts for; suggested by name at import, changed here. */
function LabelMapping(props: { engagement: Engagement; run: StressRun; view: StressView; readOnly: boolean }) {
  const { t } = useTranslation();
  const { run, view } = props;
  const map = useStressMutation('stress.mapLabels', props.engagement.id);
  const options = [
    { value: '', label: t('stress.noScenario') },
    ...view.scenarios.map((s: StressScenario) => ({ value: s.id, label: s.name })),
  ];
  const setScenario = (label: string, scenarioId: string) => {
    const next: Record<string, string | null> = { ...run.labelScenarios, [label]: scenarioId || null };
    map.mutate(
      { id: run.id, labelScenarios: next },
      { onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }) },
    );
  };
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={3} size="h5" mb="xs">
        {t('stress.mappingTitle')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="xs">
        {run.analysis.labels.map((l) => (
          <Select
            key={l.label}
            label={l.label}
            data={options}
            value={scenarioOfLabel(run.labelScenarios, l.label) ?? ''}
            readOnly={props.readOnly}
            allowDeselect={false}
            onChange={(value) => value !== null && setScenario(l.label, value)}
          />
        ))}
      </SimpleGrid>
    </Paper>
  );
}

function RunCharts({ engagement, run }: { engagement: Engagement; run: StressRun }) {
  const { t, i18n } = useTranslation();
  const palette = useChartPalette();
  const { series } = run.analysis;
  const zone = engagement.timeZone;
  const locale = i18n.language;
  const throughput = useMemo(
    () =>
      throughputChartOption(
        series,
        { timeZone: zone, locale, palette, title: t('stress.chart.throughputTitle', { zone }) },
        { requests: t('stress.chart.requests'), errors: t('stress.chart.errors'), axis: t('stress.chart.perSecond') },
      ),
    [series, palette, zone, locale, t],
  );
  const latency = useMemo(
    () =>
      latencyChartOption(
        series,
        { timeZone: zone, locale, palette, title: t('stress.chart.latencyTitle', { zone }) },
        { p50: 'p50', p95: 'p95', p99: 'p99', axis: 'ms' },
      ),
    [series, palette, zone, locale, t],
  );
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <Paper withBorder p="xs" radius="md" data-testid="throughput-chart">
        <EChart option={throughput} label={t('stress.chart.throughputLabel')} />
      </Paper>
      <Paper withBorder p="xs" radius="md" data-testid="latency-chart">
        <EChart option={latency} label={t('stress.chart.latencyLabel')} />
      </Paper>
    </SimpleGrid>
  );
}

/** Overall and per-label figures, with the percentile method said in words. */
function FiguresTable({ run }: { run: StressRun }) {
  const { t } = useTranslation();
  const f = useFigureFormat();
  const rows: { key: string; name: string; figures: LatencyFigures; overall?: boolean }[] = [
    { key: '\u0000overall', name: t('stress.overall'), figures: run.analysis.overall, overall: true },
    ...run.analysis.labels.map((l) => ({ key: l.label, name: l.label, figures: l })),
  ];
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={3} size="h5" mb={4}>
        {t('stress.figuresTitle')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t(`stress.percentileMethod.${run.analysis.percentileMethod}`)}{' '}
        {t('stress.peakSustainedHint', { seconds: run.analysis.sustainSeconds })}
      </Text>
      <ScrollArea type="auto" offsetScrollbars>
        <Table striped highlightOnHover withTableBorder fz="sm" aria-label={t('stress.figuresTitle')} miw={980}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('stress.col.label')}</Table.Th>
              <Table.Th ta="right">{t('stress.col.samples')}</Table.Th>
              <Table.Th ta="right">{t('stress.col.errors')}</Table.Th>
              <Table.Th ta="right">{t('stress.col.errorRate')}</Table.Th>
              <Table.Th ta="right">p50</Table.Th>
              <Table.Th ta="right">p90</Table.Th>
              <Table.Th ta="right">p95</Table.Th>
              <Table.Th ta="right">p99</Table.Th>
              <Table.Th ta="right">{t('stress.col.throughput')}</Table.Th>
              <Table.Th ta="right">{t('stress.col.peakSustained')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ key, name, figures, overall }) => (
              <Table.Tr key={key} fw={overall ? 700 : undefined}>
                <Table.Td>{name}</Table.Td>
                <Table.Td ta="right">{f.count(figures.samples)}</Table.Td>
                <Table.Td ta="right">{f.count(figures.errors)}</Table.Td>
                <Table.Td ta="right">{f.percent(figures.errorRate * 100)} %</Table.Td>
                <Table.Td ta="right">{f.ms(figures.p50Ms)}</Table.Td>
                <Table.Td ta="right">{f.ms(figures.p90Ms)}</Table.Td>
                <Table.Td ta="right">{f.ms(figures.p95Ms)}</Table.Td>
                <Table.Td ta="right">{f.ms(figures.p99Ms)}</Table.Td>
                <Table.Td ta="right">{f.tps(figures.throughput)}</Table.Td>
                <Table.Td ta="right">{f.tps(figures.peakSustainedTps)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <Text size="xs" c="dimmed" mt={4}>
        {t('stress.msNote')}
      </Text>
    </Paper>
  );
}
