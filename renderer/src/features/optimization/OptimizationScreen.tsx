import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Menu,
  Paper,
  Skeleton,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Engagement } from '@shared/domain/engagement';
import {
  isOpenStatus,
  OPTIMIZATION_COLUMNS,
  OPTIMIZATION_KINDS,
  type OptimizationKind,
  optimizationByKind,
  optimizationScope,
  overdue,
  unassigned,
} from '@shared/domain/optimization';
import { dateInZone } from '@shared/domain/plan';
import {
  IconArrowDown,
  IconArrowUp,
  IconDots,
  IconPencil,
  IconPlus,
  IconTemplate,
  IconTrash,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onEvent } from '../../api';
import { showUndoNotice } from '../../components/UndoNotice';
import { errorText } from '../../errors';
import { usePlan } from '../plan/queries';
import { choiceLabels, STATUS_COLORS } from './fields';
import { OptimizationModal } from './OptimizationModal';
import { type OptimizationItem, optimizationKeys, useOptimizationItems, useOptimizationMutation } from './queries';
import { TemplatePicker } from './TemplatePicker';

/** Badges in table cells keep their whole word rather than an ellipsis. */
const WHOLE_LABEL = { label: { overflow: 'visible' } } as const;

/**
 * The optimization plans of an engagement, one tab per kind with its count: a table with the
 * kind's own columns, status, owner and due date (overdue said in words, not only colour), add and
 * edit in a dialog, common entries from templates, reorder, and remove with undo.
 */
export function OptimizationScreen({ engagement }: { engagement: Engagement }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const readOnly = engagement.status === 'archived' || engagement.deletedAt !== null;
  const list = useOptimizationItems(engagement.id);
  const plan = usePlan(engagement.id);
  const [kind, setKind] = useState<OptimizationKind>('monitoring');
  const [editing, setEditing] = useState<OptimizationItem | null>(null);
  const [adding, setAdding] = useState(false);
  const [picking, setPicking] = useState(false);
  const remove = useOptimizationMutation('optimization.remove');
  const restore = useOptimizationMutation('optimization.restore');
  const reorder = useOptimizationMutation('optimization.reorder');

  // Changes made elsewhere (another window, an import) show here too.
  useEffect(
    () =>
      onEvent('engagement.changed', ({ id }) => {
        if (id === engagement.id || id === '*')
          void queryClient.invalidateQueries({ queryKey: optimizationKeys.engagement(engagement.id) });
      }),
    [queryClient, engagement.id],
  );

  const items = list.data ?? [];
  const byKind = useMemo(() => optimizationByKind(items), [items]);
  const present = useMemo(() => new Set(items.flatMap((i) => (i.templateId ? [i.templateId] : []))), [items]);
  const catalogItems = plan.data?.catalog.items;
  const scope = useMemo(() => (catalogItems ? optimizationScope(catalogItems) : null), [catalogItems]);
  // A kind the edition leaves out is kept as recorded but cannot change (the core refuses it too).
  const outOfEdition = useMemo(() => new Set(OPTIMIZATION_KINDS.filter((k) => scope !== null && !scope[k])), [scope]);
  const kindReadOnly = (k: OptimizationKind) => readOnly || outOfEdition.has(k);
  const today = dateInZone(new Date().toISOString(), engagement.timeZone);
  const lang = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const plans = byKind.emergency.map((p) => ({ id: p.id, title: p.title }));

  const removeItem = (item: OptimizationItem) =>
    remove.mutate(
      { engagementId: engagement.id, id: item.id },
      {
        onSuccess: () => {
          showUndoNotice(t, t('optimization.removed', { title: item.title }), () => {
            restore.mutate(
              { engagementId: engagement.id, id: item.id },
              {
                onSuccess: () =>
                  notifications.show({
                    color: 'teal',
                    message: t('optimization.restored', { title: item.title }),
                  }),
                onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }),
              },
            );
          });
        },
        onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }),
      },
    );

  const move = (item: OptimizationItem, by: -1 | 1) => {
    const ids = byKind[item.kind].map((i) => i.id);
    const from = ids.indexOf(item.id);
    const to = from + by;
    const other = ids[to];
    if (other === undefined) return;
    ids[to] = item.id;
    ids[from] = other;
    reorder.mutate(
      { engagementId: engagement.id, kind: item.kind, ids },
      { onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }) },
    );
  };

  /** A kind's field as the table shows it: choices translated, plans by title, dates as they are. */
  const cell = (item: OptimizationItem, column: string) => {
    const fields: Record<string, unknown> = item.fields;
    const value = fields[column];
    const labels = choiceLabels(item.kind, column);
    if (labels && typeof value === 'string') return t(`optimization.${labels}.${value}`);
    if (column === 'emergencyId') {
      if (typeof value !== 'string') return t('optimization.noPlan');
      return plans.find((p) => p.id === value)?.title ?? t('optimization.planRemoved');
    }
    if (Array.isArray(value)) return value.join(', ');
    return typeof value === 'string' && value !== '' ? value : '—';
  };

  const columnsOf = (k: OptimizationKind): readonly string[] =>
    k === 'drill' ? ['emergencyId', ...OPTIMIZATION_COLUMNS.drill] : OPTIMIZATION_COLUMNS[k];

  const table = (k: OptimizationKind) => {
    const rows = byKind[k];
    const open = rows.filter((r) => isOpenStatus(r.status));
    if (rows.length === 0) {
      return (
        <Paper withBorder p="xl" radius="md">
          <Text c="dimmed" ta="center">
            {t('optimization.empty')}
          </Text>
        </Paper>
      );
    }
    return (
      <Stack gap="xs">
        <Text size="sm" c="dimmed" data-testid="optimization-summary">
          {t('optimization.summary', {
            open: open.length,
            overdue: rows.filter((r) => overdue(r, today)).length,
            unassigned: rows.filter((r) => unassigned(r)).length,
          })}
        </Text>
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="xs" highlightOnHover data-testid={`optimization-table-${k}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('optimization.common.title')}</Table.Th>
                  {columnsOf(k).map((column) => (
                    <Table.Th key={column}>{t(`optimization.fields.${column}`)}</Table.Th>
                  ))}
                  <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('optimization.common.status')}</Table.Th>
                  <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('optimization.common.owner')}</Table.Th>
                  <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('optimization.common.dueDate')}</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">{t('optimization.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((item, index) => {
                  const late = overdue(item, today);
                  return (
                    <Table.Tr key={item.id} data-optimization={item.title}>
                      <Table.Td miw={180} maw={280}>
                        <Anchor component="button" type="button" fw={600} ta="start" onClick={() => setEditing(item)}>
                          {item.title}
                        </Anchor>
                        {item.priority === 'high' && (
                          <Badge ml={6} size="xs" color="orange" variant="light">
                            {t('optimization.priority.high')}
                          </Badge>
                        )}
                      </Table.Td>
                      {columnsOf(k).map((column) => (
                        <Table.Td key={column} miw={120} maw={280}>
                          <Text size="sm" lineClamp={4} style={{ whiteSpace: 'pre-line' }}>
                            {cell(item, column)}
                          </Text>
                        </Table.Td>
                      ))}
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Badge color={STATUS_COLORS[item.status]} variant="light" styles={WHOLE_LABEL}>
                          {t(`optimization.status.${item.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td miw={110}>
                        {item.owner || (
                          <Text size="sm" c="dimmed" fs="italic">
                            {t('optimization.unassigned')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {item.dueDate ?? (
                          <Text size="sm" c="dimmed" fs="italic">
                            {t('optimization.noDueDate')}
                          </Text>
                        )}
                        {late && (
                          <Badge ml={6} color="red" variant="filled" size="sm" styles={WHOLE_LABEL}>
                            {t('optimization.overdue')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Menu position="bottom-end">
                          <Menu.Target>
                            <ActionIcon
                              variant="subtle"
                              aria-label={t('optimization.actionsFor', { title: item.title })}
                            >
                              <IconDots size={18} />
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => setEditing(item)}>
                              {t(kindReadOnly(k) ? 'optimization.view' : 'optimization.edit')}
                            </Menu.Item>
                            {!kindReadOnly(k) && (
                              <>
                                <Menu.Item
                                  leftSection={<IconArrowUp size={16} />}
                                  disabled={index === 0}
                                  onClick={() => move(item, -1)}
                                >
                                  {t('optimization.moveUp')}
                                </Menu.Item>
                                <Menu.Item
                                  leftSection={<IconArrowDown size={16} />}
                                  disabled={index === rows.length - 1}
                                  onClick={() => move(item, 1)}
                                >
                                  {t('optimization.moveDown')}
                                </Menu.Item>
                                <Menu.Item
                                  color="red"
                                  leftSection={<IconTrash size={16} />}
                                  onClick={() => removeItem(item)}
                                >
                                  {t('optimization.remove')}
                                </Menu.Item>
                              </>
                            )}
                          </Menu.Dropdown>
                        </Menu>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      </Stack>
    );
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} size="h3">
            {t('optimization.title')}
          </Title>
          <Text c="dimmed" size="sm" maw={760}>
            {t('optimization.subtitle')}
          </Text>
        </div>
        {!readOnly && (
          <Group gap="xs">
            <Button variant="default" leftSection={<IconTemplate size={18} />} onClick={() => setPicking(true)}>
              {t('optimization.fromTemplates')}
            </Button>
            {!outOfEdition.has(kind) && (
              <Button leftSection={<IconPlus size={18} />} onClick={() => setAdding(true)}>
                {t(`optimization.add.${kind}`)}
              </Button>
            )}
          </Group>
        )}
      </Group>
      {readOnly && <Alert color="gray">{t('optimization.readOnly')}</Alert>}

      {list.isPending ? (
        <Skeleton h={200} />
      ) : list.isError ? (
        <Alert color="red">{errorText(t, list.error)}</Alert>
      ) : (
        <Tabs
          value={kind}
          onChange={(value) => setKind(OPTIMIZATION_KINDS.find((k) => k === value) ?? 'monitoring')}
          keepMounted={false}
        >
          <Tabs.List aria-label={t('optimization.kindsLabel')}>
            {OPTIMIZATION_KINDS.map((k) => (
              <Tabs.Tab key={k} value={k}>
                {t('optimization.tab', { kind: t(`optimization.kinds.${k}`), count: byKind[k].length })}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {OPTIMIZATION_KINDS.map((k) => (
            <Tabs.Panel key={k} value={k} pt="md">
              <Stack gap="sm">
                {scope && !scope[k] && plan.data && (
                  <Alert color="yellow" data-testid="optimization-not-in-edition">
                    {t('optimization.notInEdition', {
                      kind: t(`optimization.kinds.${k}`),
                      edition: plan.data.catalog.editionName[lang],
                      catalog: plan.data.catalog.name[lang],
                    })}
                  </Alert>
                )}
                {table(k)}
              </Stack>
            </Tabs.Panel>
          ))}
        </Tabs>
      )}

      <OptimizationModal
        engagementId={engagement.id}
        kind={editing?.kind ?? kind}
        opened={adding || editing !== null}
        item={editing}
        plans={plans}
        readOnly={kindReadOnly(editing?.kind ?? kind)}
        onClose={() => {
          setAdding(false);
          setEditing(null);
        }}
      />
      <TemplatePicker
        engagementId={engagement.id}
        language={engagement.language}
        opened={picking}
        initialKind={kind}
        present={present}
        outOfEdition={outOfEdition}
        onClose={() => setPicking(false)}
      />
    </Stack>
  );
}
