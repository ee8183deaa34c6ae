import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Group,
  Menu,
  MultiSelect,
  Paper,
  Select,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  ENGAGEMENT_SORT_KEYS,
  ENGAGEMENT_STATUSES,
  type Engagement,
  type EngagementStatus,
} from '@shared/domain/engagement';
import {
  IconArchive,
  IconArchiveOff,
  IconDots,
  IconPackageImport,
  IconPlus,
  IconSearch,
  IconShieldCheck,
  IconSortAscending,
  IconSortDescending,
  IconTrash,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { StatusBadge } from '../../components/StatusBadge';
import { errorText } from '../../errors';
import { instant, wallTime } from '../../format';
import { routeHref, useRoute } from '../../routing';
import { ImportBundleModal } from '../bundles/ImportBundleModal';
import { useCatalogList } from './EngagementFields';
import { useEngagementList } from './queries';
import { useEngagementActions } from './useEngagementActions';

type SortKey = (typeof ENGAGEMENT_SORT_KEYS)[number];

export function EngagementList({ onNew }: { onNew: () => void }) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 150);
  const [statuses, setStatuses] = useState<EngagementStatus[]>([]);
  const [includeArchived, setIncludeArchived] = useState(false);
  const [sortBy, setSortBy] = useState<SortKey>('updatedAt');
  const [sortDir, setSortDir] = useState<'asc' | 'desc'>('desc');
  const list = useEngagementList({ search: debouncedSearch, statuses, includeArchived, sortBy, sortDir });
  const actions = useEngagementActions();
  const [importing, setImporting] = useState(false);
  const [, navigate] = useRoute();
  const filtered = search !== '' || statuses.length > 0 || includeArchived;

  const clearFilters = () => {
    setSearch('');
    setStatuses([]);
    setIncludeArchived(false);
  };

  const rows = list.data ?? [];
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t('list.title')}
          </Title>
          <Text c="dimmed">{t('list.subtitle')}</Text>
        </div>
        <Group gap="xs">
          <Button variant="default" leftSection={<IconPackageImport size={18} />} onClick={() => setImporting(true)}>
            {t('bundle.importAction')}
          </Button>
          <Tooltip label={t(/Mac|iPhone|iPad/.test(navigator.platform) ? 'list.newShortcutMac' : 'list.newShortcut')}>
            <Button leftSection={<IconPlus size={18} />} onClick={onNew}>
              {t('list.new')}
            </Button>
          </Tooltip>
        </Group>
      </Group>
      <ImportBundleModal
        opened={importing}
        onClose={() => setImporting(false)}
        onImported={(engagement) => navigate({ name: 'engagement', id: engagement.id, section: 'overview' })}
      />

      <Paper withBorder p="sm" radius="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            aria-label={t('list.search')}
            placeholder={t('list.search')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            style={{ flex: '1 1 260px' }}
          />
          <MultiSelect
            aria-label={t('list.statusFilter')}
            placeholder={statuses.length === 0 ? t('list.statusFilterPlaceholder') : undefined}
            data={ENGAGEMENT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            value={statuses}
            onChange={(value) => setStatuses(value as EngagementStatus[])}
            clearable
            style={{ flex: '1 1 220px' }}
          />
          <Select
            aria-label={t('list.sortBy')}
            data={ENGAGEMENT_SORT_KEYS.map((key) => ({ value: key, label: t(`sort.${key}`) }))}
            value={sortBy}
            onChange={(value) => value && setSortBy(value as SortKey)}
            allowDeselect={false}
            w={180}
          />
          <Tooltip label={sortDir === 'asc' ? t('list.ascending') : t('list.descending')}>
            <ActionIcon
              variant="default"
              size="input-sm"
              aria-label={`${t('list.sortDirection')}: ${sortDir === 'asc' ? t('list.ascending') : t('list.descending')}`}
              onClick={() => setSortDir(sortDir === 'asc' ? 'desc' : 'asc')}
            >
              {sortDir === 'asc' ? <IconSortAscending size={18} /> : <IconSortDescending size={18} />}
            </ActionIcon>
          </Tooltip>
          <Switch
            label={t('list.showArchived')}
            checked={includeArchived}
            onChange={(event) => setIncludeArchived(event.currentTarget.checked)}
            mb={8}
          />
        </Group>
      </Paper>

      {list.isError && (
        <Alert color="red" title={t('app.loadFailed', { message: '' })}>
          <Group>
            <Text size="sm">{errorText(t, list.error)}</Text>
            <Button size="compact-sm" variant="light" onClick={() => void list.refetch()}>
              {t('app.retry')}
            </Button>
          </Group>
        </Alert>
      )}

      {list.isPending && (
        <Stack gap="xs" aria-label={t('app.loading')}>
          <Skeleton h={36} />
          <Skeleton h={36} />
          <Skeleton h={36} />
        </Stack>
      )}

      {list.isSuccess && rows.length === 0 && !filtered && (
        <EmptyState
          icon={<IconShieldCheck size={36} />}
          title={t('list.emptyTitle')}
          body={t('list.emptyBody')}
          action={
            <Button leftSection={<IconPlus size={18} />} onClick={onNew} mt="sm">
              {t('list.emptyAction')}
            </Button>
          }
        />
      )}
      {list.isSuccess && rows.length === 0 && filtered && (
        <EmptyState
          icon={<IconSearch size={32} />}
          title={t('list.noMatchTitle')}
          body={t('list.noMatchBody')}
          action={
            <Button variant="light" onClick={clearFilters}>
              {t('list.clearFilters')}
            </Button>
          }
        />
      )}

      {rows.length > 0 && (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={860}>
            <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" data-testid="engagement-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('list.columns.event')}</Table.Th>
                  <Table.Th>{t('list.columns.customer')}</Table.Th>
                  <Table.Th>{t('list.columns.window')}</Table.Th>
                  <Table.Th>{t('list.columns.offering')}</Table.Th>
                  <Table.Th>{t('list.columns.status')}</Table.Th>
                  <Table.Th>{t('list.columns.updated')}</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">{t('list.columns.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((engagement) => (
                  <EngagementRow
                    key={engagement.id}
                    engagement={engagement}
                    language={i18n.language}
                    actions={actions}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="sm" c="dimmed" px="md" py="xs">
            {t('list.count', { count: rows.length })}
          </Text>
        </Paper>
      )}
    </Stack>
  );
}

function EngagementRow({
  engagement,
  language,
  actions,
}: {
  engagement: Engagement;
  language: string;
  actions: ReturnType<typeof useEngagementActions>;
}) {
  const { t } = useTranslation();
  const catalogs = useCatalogList();
  const lang = language === 'zh-CN' ? 'zh-CN' : 'en';
  const catalog = catalogs.data?.find((c) => c.catalogId === engagement.catalogId);
  // A catalog no longer installed still shows its id rather than nothing.
  const offering = {
    catalog: catalog?.name[lang] ?? engagement.catalogId,
    edition: catalog?.editions.find((e) => e.id === engagement.editionId)?.name[lang] ?? engagement.editionId,
  };
  const href = routeHref({ name: 'engagement', id: engagement.id, section: 'overview' });
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor href={href} fw={600}>
          {engagement.eventName}
        </Anchor>
        <Text size="xs" c="dimmed">
          {t(`eventKind.${engagement.eventKind}`)}
        </Text>
      </Table.Td>
      <Table.Td>{engagement.customerOrg}</Table.Td>
      <Table.Td>
        {/* Each instant stays on one line; the range breaks only at the arrow. */}
        <Text size="sm">
          <span style={{ whiteSpace: 'nowrap' }}>{wallTime(engagement.eventStartLocal)}</span> →{' '}
          <span style={{ whiteSpace: 'nowrap' }}>{wallTime(engagement.eventEndLocal)}</span>
        </Text>
        <Text size="xs" c="dimmed">
          {engagement.timeZone}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{offering.catalog}</Text>
        <Text size="xs" c="dimmed">
          {offering.edition}
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <StatusBadge status={engagement.status} />
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {instant(engagement.updatedAt, language)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={t('list.actionsFor', { name: engagement.eventName })}>
              <IconDots size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item component="a" href={href}>
              {t('list.open')}
            </Menu.Item>
            {engagement.status === 'archived' ? (
              <Menu.Item leftSection={<IconArchiveOff size={16} />} onClick={() => void actions.unarchive(engagement)}>
                {t('actions.unarchive')}
              </Menu.Item>
            ) : (
              <Menu.Item leftSection={<IconArchive size={16} />} onClick={() => void actions.archive(engagement)}>
                {t('actions.archive')}
              </Menu.Item>
            )}
            <Menu.Divider />
            <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => void actions.trash(engagement)}>
              {t('actions.trash')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Table.Td>
    </Table.Tr>
  );
}
