import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Group,
  Menu,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type CapacityFormula, formatFactor, formatNumber, formatPct, formatQuantity } from '@shared/domain/capacity';
import type { Engagement } from '@shared/domain/engagement';
import { IconDots, IconGauge, IconListDetails, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onEvent } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { showUndoNotice } from '../../components/UndoNotice';
import { errorText } from '../../errors';
import { routeHref } from '../../routing';
import { usePlan } from '../plan/queries';
import { CapacityItemModal } from './CapacityItemModal';
import { HeadroomBadge, missingNames, uiLang } from './EvaluationSummary';
import {
  type CapacityItem,
  type CapacityList,
  capacityKeys,
  useCapacity,
  useCapacityFormulas,
  useCapacityMutation,
} from './queries';

/**
 * Capacity evaluation of an engagement: per resource, capacity, predicted peak, required capacity
 * with the margin, headroom and scaling, with the finding a resource below its margin raised.
 */
export function CapacityScreen({ engagement }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const list = useCapacity(engagement.id);
  const formulas = useCapacityFormulas();
  const [editing, setEditing] = useState<CapacityItem | null>(null);
  const [adding, setAdding] = useState(false);

  // Changes made elsewhere (the forecast on the overview, another window) show here too.
  useEffect(
    () =>
      onEvent('engagement.changed', ({ id }) => {
        if (id === engagement.id || id === '*')
          void queryClient.invalidateQueries({ queryKey: capacityKeys.list(engagement.id) });
      }),
    [queryClient, engagement.id],
  );

  if (list.isPending || formulas.isPending) return <Skeleton h={240} />;
  if (list.isError || formulas.isError) {
    return (
      <Alert color="red" title={t('app.unexpected')}>
        <Button size="compact-sm" variant="light" onClick={() => void list.refetch()}>
          {t('app.retry')}
        </Button>
      </Alert>
    );
  }
  const data = list.data;
  return (
    <Stack gap="md">
      <div>
        <Title order={2} size="h3">
          {t('capacity.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('capacity.intro')}
        </Text>
      </div>
      <StateNotes engagement={engagement} list={data} />
      <ForecastCard engagement={engagement} list={data} />
      <CapacityTable
        engagement={engagement}
        list={data}
        formulas={formulas.data}
        onAdd={() => setAdding(true)}
        onEdit={setEditing}
      />
      <CapacityItemModal
        engagementId={engagement.id}
        opened={adding || editing !== null}
        onClose={() => {
          setAdding(false);
          setEditing(null);
        }}
        item={editing}
        formulas={formulas.data}
        list={data}
      />
    </Stack>
  );
}

function StateNotes({ engagement, list }: { engagement: Engagement; list: CapacityList }) {
  const { t, i18n } = useTranslation();
  const plan = usePlan(engagement.id);
  const lang = uiLang(i18n.language);
  if (!list.inEdition) {
    return (
      <Alert color="gray" title={t('capacity.notInEditionTitle')} data-testid="capacity-not-in-edition">
        {t('capacity.notInEdition', { edition: plan.data?.catalog.editionName[lang] ?? '' })}
      </Alert>
    );
  }
  if (engagement.deletedAt !== null) return <Alert color="gray">{t('workspace.trashedNote')}</Alert>;
  if (engagement.status === 'archived') return <Alert color="gray">{t('workspace.archivedNote')}</Alert>;
  return null;
}

/** The forecast the figures use, with the way to change it (it lives with scope and team). */
function ForecastCard({ engagement, list }: { engagement: Engagement; list: CapacityList }) {
  const { t } = useTranslation();
  const { peak } = list;
  const figure = (value: number | null) => (value === null ? t('capacity.notForecast') : formatNumber(value));
  const bandwidth =
    peak.bandwidth === null ? t('capacity.notForecast') : `${formatNumber(peak.bandwidth)} ${peak.bandwidthUnit}`;
  const parts = [
    t('capacity.forecastFigure', { name: t('details.qps'), value: figure(peak.qps) }),
    t('capacity.forecastFigure', { name: t('details.tps'), value: figure(peak.tps) }),
    t('capacity.forecastFigure', { name: t('details.concurrentUsers'), value: figure(peak.concurrentUsers) }),
    t('capacity.forecastFigure', { name: t('details.bandwidth'), value: bandwidth }),
  ];
  return (
    <Paper withBorder p="sm" radius="md" data-testid="capacity-forecast">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs" wrap="wrap">
          <Text fw={600} size="sm">
            {t('capacity.forecastUsed')}
          </Text>
          <Text size="sm">{parts.join(' · ')}</Text>
        </Group>
        <Anchor size="sm" href={routeHref({ name: 'engagement', id: engagement.id, section: 'overview' })}>
          {t('capacity.editForecast')}
        </Anchor>
      </Group>
    </Paper>
  );
}

function CapacityTable(props: {
  engagement: Engagement;
  list: CapacityList;
  formulas: CapacityFormula[];
  onAdd: () => void;
  onEdit: (item: CapacityItem) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = uiLang(i18n.language);
  const { engagement, list } = props;
  const byId = useMemo(() => new Map(props.formulas.map((f) => [f.id, f])), [props.formulas]);
  const seed = useCapacityMutation('capacity.seed', engagement.id);
  const remove = useCapacityMutation('capacity.remove', engagement.id);
  const restore = useCapacityMutation('capacity.restore', engagement.id);
  const readOnly = list.readOnly;

  const addFromScope = () =>
    seed.mutate(
      {},
      {
        onSuccess: (result) =>
          notifications.show({
            color: result.added > 0 ? 'teal' : 'gray',
            message:
              list.resources.length === 0
                ? t('capacity.seedNoResources')
                : t('capacity.seeded', { added: result.added, skipped: result.skipped }),
          }),
        onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }),
      },
    );

  const removeItem = (item: CapacityItem) =>
    remove.mutate(
      { id: item.id },
      {
        onSuccess: () => {
          showUndoNotice(t, t('capacity.removed', { name: item.name }), () => {
            restore.mutate(
              { id: item.id },
              { onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }) },
            );
          });
        },
        onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }),
      },
    );

  const below = list.items.filter((i) => i.evaluation.status === 'evaluated' && i.evaluation.belowMargin).length;
  const incomplete = list.items.filter((i) => i.evaluation.status === 'incomplete').length;
  const actions = !readOnly && (
    <Group gap="xs">
      <Button leftSection={<IconPlus size={16} />} onClick={props.onAdd}>
        {t('capacity.addResource')}
      </Button>
      <Button
        variant="default"
        leftSection={<IconListDetails size={16} />}
        loading={seed.isPending}
        onClick={addFromScope}
      >
        {t('capacity.addFromScope')}
      </Button>
    </Group>
  );

  if (list.items.length === 0) {
    return (
      <EmptyState
        icon={<IconGauge size={32} />}
        title={t('capacity.emptyTitle')}
        body={t(readOnly ? 'capacity.emptyReadOnly' : 'capacity.emptyBody')}
        action={actions || undefined}
      />
    );
  }
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" data-testid="capacity-counts">
          {t('capacity.counts', { count: list.items.length, below, incomplete })}
        </Text>
        {actions}
      </Group>
      <Table.ScrollContainer minWidth={960}>
        <Table striped highlightOnHover verticalSpacing="sm" data-testid="capacity-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('capacity.columns.resource')}</Table.Th>
              <Table.Th>{t('capacity.columns.capacity')}</Table.Th>
              <Table.Th>{t('capacity.columns.baseline')}</Table.Th>
              <Table.Th>{t('capacity.columns.peak')}</Table.Th>
              <Table.Th>{t('capacity.columns.required')}</Table.Th>
              <Table.Th>{t('capacity.columns.headroom')}</Table.Th>
              <Table.Th>{t('capacity.columns.recommendation')}</Table.Th>
              <Table.Th>{t('capacity.columns.finding')}</Table.Th>
              {!readOnly && (
                <Table.Th>
                  <span className="visually-hidden">{t('capacity.columns.actions')}</span>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.items.map((item) => {
              const formula = byId.get(item.formulaId);
              const e = item.evaluation;
              const q = (value: number) => (formula ? formatQuantity(value, formula.unit, lang) : formatNumber(value));
              return (
                <Table.Tr key={item.id} data-capacity-item={item.name}>
                  <Table.Td>
                    <Text fw={500} size="sm">
                      {item.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formula
                        ? `${formula.metric[lang]} · ${t(`details.types.${formula.resourceType}`)}`
                        : item.formulaId}
                    </Text>
                  </Table.Td>
                  {e.status === 'evaluated' ? (
                    <>
                      <Table.Td>
                        <Text size="sm">{q(e.currentCapacity)}</Text>
                        {formula?.scaling.kind === 'scaleOut' && (
                          <Text size="xs" c="dimmed">
                            {`${formatNumber(item.inputs.units ?? 0)} × ${q(item.inputs.capacityPerUnit ?? 0)}`}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {e.baselineUtilisationPct === null ? '—' : formatPct(e.baselineUtilisationPct, lang)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{q(e.predictedPeak)}</Text>
                        <Text size="xs" c="dimmed">
                          {e.peakSource === 'override'
                            ? t('capacity.peakStated')
                            : e.peakSource === 'forecast'
                              ? t('capacity.peakFromForecast', {
                                  figure: q(e.forecastFigure ?? 0),
                                  times: formatFactor(e.multiplier),
                                })
                              : t('capacity.peakFromBaseline', { times: formatFactor(e.multiplier) })}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{q(e.requiredCapacity)}</Text>
                        <Text size="xs" c="dimmed">
                          {t('capacity.withMargin', { margin: formatPct(e.marginPct, lang) })}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <HeadroomBadge evaluation={e} />
                      </Table.Td>
                      <Table.Td maw={260}>
                        <Text size="sm">{e.recommendation.text[lang]}</Text>
                      </Table.Td>
                    </>
                  ) : (
                    <>
                      <Table.Td colSpan={4}>
                        <Text size="sm" c="dimmed">
                          {t('capacity.missingList', { names: missingNames(t, e.missing, formula, lang) })}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <HeadroomBadge evaluation={e} />
                      </Table.Td>
                      <Table.Td />
                    </>
                  )}
                  <Table.Td>
                    <FindingLink engagementId={engagement.id} item={item} />
                  </Table.Td>
                  {!readOnly && (
                    <Table.Td>
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <ActionIcon variant="subtle" aria-label={t('capacity.actionsFor', { name: item.name })}>
                            <IconDots size={16} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => props.onEdit(item)}>
                            {t('capacity.edit')}
                          </Menu.Item>
                          <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => removeItem(item)}>
                            {t('capacity.remove')}
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** The finding the item raised, with a nudge when the headroom has since recovered. */
function FindingLink({ engagementId, item }: { engagementId: string; item: CapacityItem }) {
  const { t } = useTranslation();
  const { finding, evaluation } = item;
  if (!finding)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  const recovered =
    evaluation.status === 'evaluated' &&
    !evaluation.belowMargin &&
    (finding.status === 'open' || finding.status === 'inProgress');
  return (
    <Stack gap={2}>
      <Anchor
        size="sm"
        href={routeHref({ name: 'engagement', id: engagementId, section: 'findings' })}
        title={finding.title}
      >
        {t('capacity.findingLink', { status: t(`findings.status.${finding.status}`) })}
      </Anchor>
      {recovered && (
        <Text size="xs" c="dimmed">
          {t('capacity.recovered')}
        </Text>
      )}
    </Stack>
  );
}
