import { Anchor, Code, Group, Paper, Skeleton, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { routeHref, useRoute } from '../../routing';
import { ImportCatalog } from './ImportCatalog';
import { OriginBadge, shortHash } from './OriginBadge';
import { useCatalogList, useLocalized } from './queries';

export function CatalogList() {
  const { t } = useTranslation();
  const localized = useLocalized();
  const [, navigate] = useRoute();
  const list = useCatalogList();
  const rows = list.data ?? [];

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t('catalogs.title')}
          </Title>
          <Text c="dimmed" maw={760}>
            {t('catalogs.subtitle')}
          </Text>
        </div>
        <ImportCatalog onImported={(id) => navigate({ name: 'catalog', id })} />
      </Group>
      {list.isPending && <Skeleton h={160} />}
      {rows.length > 0 && (
        <Paper withBorder radius="md">
          <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="catalog-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('catalogs.columns.name')}</Table.Th>
                <Table.Th>{t('catalogs.columns.provider')}</Table.Th>
                <Table.Th>{t('catalogs.columns.editions')}</Table.Th>
                <Table.Th>{t('catalogs.columns.version')}</Table.Th>
                <Table.Th>{t('catalogs.columns.origin')}</Table.Th>
                <Table.Th>{t('catalogs.columns.hash')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((catalog) => (
                <Table.Tr key={catalog.catalogId}>
                  <Table.Td>
                    <Anchor href={routeHref({ name: 'catalog', id: catalog.catalogId })} fw={600}>
                      {localized(catalog.name)}
                    </Anchor>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {catalog.catalogId}
                    </Text>
                  </Table.Td>
                  <Table.Td>{localized(catalog.provider)}</Table.Td>
                  <Table.Td>{catalog.editions.map((e) => localized(e.name)).join(' · ')}</Table.Td>
                  <Table.Td>{catalog.version}</Table.Td>
                  <Table.Td>
                    <OriginBadge origin={catalog.origin} />
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={t('catalogs.hashTitle', { hash: catalog.hash })} multiline w={320}>
                      <Code>{shortHash(catalog.hash)}</Code>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {rows.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('catalogs.count', { count: rows.length })}
        </Text>
      )}
    </Stack>
  );
}
