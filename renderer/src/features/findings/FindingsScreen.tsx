import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  Menu,
  Modal,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { Engagement } from '@shared/domain/engagement';
import {
  dispositionMissing,
  FINDING_SORTS,
  FINDING_STATUSES,
  type FindingSort,
  type FindingStatus,
  SEVERITIES,
  type Severity,
} from '@shared/domain/finding';
import {
  IconBooks,
  IconBookUpload,
  IconDots,
  IconPencil,
  IconPlus,
  IconSearch,
  IconSortAscending,
  IconSortDescending,
  IconTrash,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onEvent } from '../../api';
import { errorText } from '../../errors';
import { FindingModal } from './FindingModal';
import { LibraryPicker } from './LibraryPicker';
import { type Finding, findingKeys, SEVERITY_COLORS, useFindingMutation, useFindings } from './queries';
import { FindingStatusBadge, SeverityBadge } from './SeverityBadge';

/** The findings of an engagement: summary by severity, filters, sort, bulk status, library. */
export function FindingsScreen({ engagement }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const readOnly = engagement.status === 'archived' || engagement.deletedAt !== null;
  const [statuses, setStatuses] = useState<FindingStatus[]>([]);
  const [severities, setSeverities] = useState<Severity[]>([]);
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 200);
  const [sortBy, setSortBy] = useState<FindingSort>('severity');
  const [sortDir, setSortDir] = useState<'asc' | 'desc'>('asc');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [editing, setEditing] = useState<Finding | null>(null);
  const [adding, setAdding] = useState(false);
  const [picking, setPicking] = useState(false);
  const [saving, setSaving] = useState<Finding | null>(null);
  const [removing, setRemoving] = useState<Finding | null>(null);

  const all = useFindings(engagement.id);
  const list = useFindings(engagement.id, {
    statuses,
    severities,
    search: debouncedSearch.trim() || undefined,
    sortBy,
    sortDir,
  });
  const rows = list.data ?? [];
  const remove = useFindingMutation('finding.remove');

  // Changes made elsewhere (the answering screen, another window) show here too.
  useEffect(
    () =>
      onEvent('engagement.changed', ({ id }) => {
        if (id === engagement.id || id === '*')
          void queryClient.invalidateQueries({ queryKey: findingKeys.engagement(engagement.id) });
      }),
    [queryClient, engagement.id],
  );

  // Selection only ever holds findings on screen.
  const visibleIds = useMemo(() => new Set(rows.map((f) => f.id)), [rows]);
  const chosen = [...selected].filter((id) => visibleIds.has(id));
  const allChosen = rows.length > 0 && chosen.length === rows.length;
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const counts = useMemo(() => {
    const out = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    for (const f of all.data ?? []) out[f.severity] += 1;
    return out;
  }, [all.data]);
  const total = all.data?.length ?? 0;
  const filtered = statuses.length > 0 || severities.length > 0 || debouncedSearch.trim() !== '';

  const confirmRemove = () => {
    if (!removing) return;
    remove.mutate(
      { engagementId: engagement.id, id: removing.id },
      {
        onSuccess: () =>
          notifications.show({ color: 'teal', message: t('findings.removed', { title: removing.title }) }),
        onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }),
        onSettled: () => setRemoving(null),
      },
    );
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2} size="h3">
            {t('findings.title')}
          </Title>
          <Text c="dimmed" size="sm" maw={720}>
            {t('findings.subtitle')}
          </Text>
        </div>
        {!readOnly && (
          <Group gap="xs">
            <Button variant="default" leftSection={<IconBooks size={18} />} onClick={() => setPicking(true)}>
              {t('findings.insertFromLibrary')}
            </Button>
            <Button leftSection={<IconPlus size={18} />} onClick={() => setAdding(true)}>
              {t('findings.add')}
            </Button>
          </Group>
        )}
      </Group>
      {readOnly && <Alert color="gray">{t('findings.readOnly')}</Alert>}

      <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="xs" data-testid="severity-summary">
        {SEVERITIES.map((severity) => {
          const active = severities.includes(severity);
          return (
            <UnstyledButton
              key={severity}
              onClick={() =>
                setSeverities((current) =>
                  current.includes(severity) ? current.filter((s) => s !== severity) : [...current, severity],
                )
              }
              aria-pressed={active}
              aria-label={t('findings.summaryFilter', {
                severity: t(`findings.severity.${severity}`),
                count: counts[severity],
              })}
              data-severity={severity}
            >
              <Paper
                withBorder
                p="xs"
                radius="md"
                style={{
                  borderLeft: `6px solid var(--mantine-color-${SEVERITY_COLORS[severity]}-filled)`,
                  outline: active ? `2px solid var(--mantine-color-${SEVERITY_COLORS[severity]}-filled)` : undefined,
                }}
              >
                <Text size="xs" c="dimmed" fw={600}>
                  {t(`findings.severity.${severity}`)}
                </Text>
                <Text fw={700} fz="xl" lh={1.2}>
                  {counts[severity]}
                </Text>
              </Paper>
            </UnstyledButton>
          );
        })}
      </SimpleGrid>

      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t('findings.filters.search')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={240}
        />
        <MultiSelect
          label={t('findings.filters.status')}
          placeholder={statuses.length === 0 ? t('findings.filters.any') : undefined}
          data={FINDING_STATUSES.map((s) => ({ value: s, label: t(`findings.status.${s}`) }))}
          value={statuses}
          onChange={(value) => setStatuses(value as FindingStatus[])}
          clearable
          w={260}
        />
        <MultiSelect
          label={t('findings.filters.severity')}
          placeholder={severities.length === 0 ? t('findings.filters.any') : undefined}
          data={SEVERITIES.map((s) => ({ value: s, label: t(`findings.severity.${s}`) }))}
          value={severities}
          onChange={(value) => setSeverities(value as Severity[])}
          clearable
          w={260}
        />
        <Select
          label={t('findings.sort.label')}
          data={FINDING_SORTS.map((s) => ({ value: s, label: t(`findings.sort.${s}`) }))}
          value={sortBy}
          onChange={(value) => value && setSortBy(value as FindingSort)}
          allowDeselect={false}
          w={180}
        />
        <Tooltip label={t(sortDir === 'asc' ? 'findings.sort.asc' : 'findings.sort.desc')}>
          <ActionIcon
            variant="default"
            size="lg"
            mb={2}
            onClick={() => setSortDir((d) => (d === 'asc' ? 'desc' : 'asc'))}
            aria-label={t(sortDir === 'asc' ? 'findings.sort.asc' : 'findings.sort.desc')}
          >
            {sortDir === 'asc' ? <IconSortAscending size={18} /> : <IconSortDescending size={18} />}
          </ActionIcon>
        </Tooltip>
      </Group>

      {!readOnly && chosen.length > 0 && (
        <BulkBar engagementId={engagement.id} ids={chosen} onDone={() => setSelected(new Set())} />
      )}

      {list.isPending ? (
        <Skeleton h={160} />
      ) : list.isError ? (
        <Alert color="red">{errorText(t, list.error)}</Alert>
      ) : rows.length === 0 ? (
        <Paper withBorder p="xl" radius="md">
          <Text c="dimmed" ta="center">
            {t(filtered ? 'findings.noMatch' : 'findings.empty')}
          </Text>
        </Paper>
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={820}>
            <Table verticalSpacing="xs" highlightOnHover data-testid="findings-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>
                    {!readOnly && (
                      <Checkbox
                        aria-label={t('findings.selectAll')}
                        checked={allChosen}
                        indeterminate={chosen.length > 0 && !allChosen}
                        onChange={() => setSelected(allChosen ? new Set() : new Set(rows.map((f) => f.id)))}
                      />
                    )}
                  </Table.Th>
                  <Table.Th>{t('findings.fields.severity')}</Table.Th>
                  <Table.Th>{t('findings.fields.title')}</Table.Th>
                  <Table.Th>{t('findings.fields.status')}</Table.Th>
                  <Table.Th>{t('findings.fields.owner')}</Table.Th>
                  <Table.Th>{t('findings.fields.dueDate')}</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">{t('findings.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((finding) => (
                  <Table.Tr key={finding.id} data-finding={finding.title}>
                    <Table.Td>
                      {!readOnly && (
                        <Checkbox
                          aria-label={t('findings.select', { title: finding.title })}
                          checked={selected.has(finding.id)}
                          onChange={() => toggle(finding.id)}
                        />
                      )}
                    </Table.Td>
                    <Table.Td>
                      <SeverityBadge severity={finding.severity} />
                    </Table.Td>
                    <Table.Td>
                      <Anchor component="button" type="button" fw={600} ta="start" onClick={() => setEditing(finding)}>
                        {finding.title}
                      </Anchor>
                      {finding.affectedResources.length > 0 && (
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {finding.affectedResources.join(', ')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <FindingStatusBadge status={finding.status} />
                    </Table.Td>
                    <Table.Td>{finding.owner}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{finding.dueDate ?? '—'}</Table.Td>
                    <Table.Td>
                      <Menu position="bottom-end">
                        <Menu.Target>
                          <ActionIcon variant="subtle" aria-label={t('findings.actionsFor', { title: finding.title })}>
                            <IconDots size={18} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => setEditing(finding)}>
                            {t(readOnly ? 'findings.view' : 'findings.edit')}
                          </Menu.Item>
                          <Menu.Item leftSection={<IconBookUpload size={16} />} onClick={() => setSaving(finding)}>
                            {t('findings.saveToLibrary')}
                          </Menu.Item>
                          {!readOnly && (
                            <Menu.Item
                              color="red"
                              leftSection={<IconTrash size={16} />}
                              onClick={() => setRemoving(finding)}
                            >
                              {t('findings.remove')}
                            </Menu.Item>
                          )}
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {total > 0 && (
        <Text size="sm" c="dimmed">
          {t('findings.count', { shown: rows.length, total })}
        </Text>
      )}

      <FindingModal engagementId={engagement.id} opened={adding} onClose={() => setAdding(false)} />
      <FindingModal
        engagementId={engagement.id}
        opened={editing !== null}
        finding={editing}
        readOnly={readOnly}
        onClose={() => setEditing(null)}
      />
      <LibraryPicker
        engagementId={engagement.id}
        language={engagement.language}
        opened={picking}
        onClose={() => setPicking(false)}
        onInserted={() => {}}
      />
      <SaveToLibraryModal engagementId={engagement.id} finding={saving} onClose={() => setSaving(null)} />
      <Modal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={t('findings.removeTitle')}
        closeButtonProps={{ 'aria-label': t('form.cancel') }}
      >
        <Stack>
          <Text>{t('findings.removeBody', { title: removing?.title ?? '' })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              {t('form.cancel')}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={confirmRemove}>
              {t('findings.remove')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** The status change for the selected findings; risk accepted asks for the disposition first. */
function BulkBar({ engagementId, ids, onDone }: { engagementId: string; ids: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const bulk = useFindingMutation('finding.bulkStatus');
  const [status, setStatus] = useState<FindingStatus | null>(null);
  const [asking, setAsking] = useState(false);
  const [disposition, setDisposition] = useState('');
  const [dispositionError, setDispositionError] = useState<string | null>(null);

  const apply = (withDisposition?: string) => {
    if (!status) return;
    bulk.mutate(
      { engagementId, ids, status, ...(withDisposition !== undefined ? { disposition: withDisposition } : {}) },
      {
        onSuccess: (changed) => {
          notifications.show({
            color: 'teal',
            message: t('findings.bulk.done', { count: changed.length, status: t(`findings.status.${status}`) }),
          });
          setAsking(false);
          setDisposition('');
          setStatus(null);
          onDone();
        },
        onError: (error) => {
          if (asking) setDispositionError(errorText(t, error));
          else notifications.show({ color: 'red', message: errorText(t, error) });
        },
      },
    );
  };

  return (
    <Paper withBorder p="sm" radius="md" bg="var(--mantine-color-default-hover)" data-testid="bulk-bar">
      <Group gap="sm" align="flex-end">
        <Text fw={600} pb={6}>
          {t('findings.bulk.selected', { count: ids.length })}
        </Text>
        <Select
          label={t('findings.bulk.setStatus')}
          data={FINDING_STATUSES.map((s) => ({ value: s, label: t(`findings.status.${s}`) }))}
          value={status}
          onChange={(value) => setStatus(value as FindingStatus | null)}
          w={220}
        />
        <Button
          disabled={!status}
          loading={bulk.isPending && !asking}
          onClick={() => {
            if (status === 'riskAccepted') {
              setDispositionError(null);
              setAsking(true);
            } else apply();
          }}
        >
          {t('findings.bulk.apply')}
        </Button>
      </Group>
      <Modal
        opened={asking}
        onClose={() => setAsking(false)}
        title={t('findings.bulk.dispositionTitle', { count: ids.length })}
        closeButtonProps={{ 'aria-label': t('form.cancel') }}
      >
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (dispositionMissing('riskAccepted', disposition)) {
              setDispositionError(t('validation.dispositionRequired'));
              return;
            }
            apply(disposition);
          }}
        >
          <Stack>
            <Textarea
              label={t('findings.fields.disposition')}
              description={t('findings.fields.dispositionHint')}
              withAsterisk
              autosize
              minRows={3}
              value={disposition}
              error={dispositionError}
              onChange={(event) => {
                setDisposition(event.currentTarget.value);
                setDispositionError(null);
              }}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAsking(false)}>
                {t('form.cancel')}
              </Button>
              <Button type="submit" loading={bulk.isPending}>
                {t('findings.bulk.acceptRisk')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Paper>
  );
}

function SaveToLibraryModal(props: { engagementId: string; finding: Finding | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useFindingMutation('library.saveFromFinding');
  const [tags, setTags] = useState<string[]>([]);
  useEffect(() => {
    if (props.finding) setTags([]);
  }, [props.finding]);
  const submit = () => {
    if (!props.finding) return;
    save.mutate(
      { engagementId: props.engagementId, findingId: props.finding.id, tags },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('findings.library.saved') });
          props.onClose();
        },
        onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }),
      },
    );
  };
  return (
    <Modal
      opened={props.finding !== null}
      onClose={props.onClose}
      title={t('findings.library.saveTitle')}
      closeButtonProps={{ 'aria-label': t('form.cancel') }}
    >
      <Stack>
        <Text fw={600}>{props.finding?.title}</Text>
        <Text size="sm" c="dimmed">
          {t('findings.library.saveBody')}
        </Text>
        <TagsInput label={t('library.fields.tags')} value={tags} onChange={setTags} clearable data-autofocus />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('form.cancel')}
          </Button>
          <Button loading={save.isPending} onClick={submit}>
            {t('findings.saveToLibrary')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
