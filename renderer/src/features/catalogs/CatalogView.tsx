import { Alert, Anchor, Button, Code, Group, Modal, Skeleton, Stack, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { Catalog } from '@shared/domain/catalog';
import { IconArrowLeft, IconCopy, IconDownload, IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { errorText } from '../../errors';
import { downloadFile } from '../../files';
import { routeHref, useRoute } from '../../routing';
import { CatalogEditor } from './CatalogEditor';
import { DeliverablesTab, EditionsTab, PlanTab, RaciTab, RulesTab } from './CatalogTabs';
import { DuplicateCatalogModal } from './DuplicateCatalogModal';
import { ImportCatalog } from './ImportCatalog';
import { OriginBadge, shortHash } from './OriginBadge';
import { useCatalog, useCatalogMutation, useLocalized } from './queries';

const TABS = ['editions', 'rules', 'deliverables', 'raci', 'plan'] as const;

/** Saves the catalog as a JSON file through a temporary Blob link: no network, nothing inline. */
function exportCatalog(catalog: Catalog) {
  downloadFile(
    `${catalog.id}-${catalog.version}.json`,
    new Blob([`${JSON.stringify(catalog, null, 2)}\n`], { type: 'application/json' }),
  );
}

export function CatalogView({ id }: { id: string }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const [, navigate] = useRoute();
  const loaded = useCatalog(id);
  const [editing, setEditing] = useState(false);
  const [duplicating, duplicate] = useDisclosure(false);
  const [deleting, confirmDelete] = useDisclosure(false);
  const remove = useCatalogMutation('catalog.delete');

  if (loaded.isPending) return <Skeleton h={240} />;
  if (loaded.isError) {
    const notFound = isApiError(loaded.error) && loaded.error.appError.code === 'NOT_FOUND';
    return (
      <Stack>
        <BackLink />
        <Alert color={notFound ? 'gray' : 'red'} title={notFound ? t('catalogs.notFound') : t('app.unexpected')} />
      </Stack>
    );
  }
  const { catalog, hash, origin } = loaded.data;
  const reference = catalog.reference.updated
    ? t('catalogs.referenceUpdated', { title: catalog.reference.title, updated: catalog.reference.updated })
    : t('catalogs.reference', { title: catalog.reference.title });

  const deleteCatalog = async () => {
    try {
      await remove.mutateAsync({ catalogId: catalog.id });
      notifications.show({ color: 'teal', message: t('catalogs.remove.done', { name: localized(catalog.name) }) });
      confirmDelete.close();
      navigate({ name: 'catalogs' });
    } catch (error) {
      notifications.show({ color: 'red', message: errorText(t, error) });
    }
  };

  return (
    <Stack gap="lg">
      <BackLink />
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2">
              {localized(catalog.name)}
            </Title>
            <OriginBadge origin={origin} />
          </Group>
          <Group gap="md">
            <Text c="dimmed">{localized(catalog.provider)}</Text>
            <Text data-testid="catalog-version">{t('catalogs.version', { version: catalog.version })}</Text>
            <Tooltip label={t('catalogs.hashTitle', { hash })} multiline w={320}>
              <Code>{shortHash(hash)}</Code>
            </Tooltip>
          </Group>
          <Text size="sm" c="dimmed">
            {reference}
          </Text>
        </Stack>
        {!editing && (
          <Group gap="xs">
            <Button variant="default" leftSection={<IconCopy size={18} />} onClick={duplicate.open}>
              {t('catalogs.actions.duplicate')}
            </Button>
            <ImportCatalog onImported={(catalogId) => navigate({ name: 'catalog', id: catalogId })} />
            <Button variant="default" leftSection={<IconDownload size={18} />} onClick={() => exportCatalog(catalog)}>
              {t('catalogs.actions.export')}
            </Button>
            {origin === 'firm' && (
              <>
                <Button leftSection={<IconPencil size={18} />} onClick={() => setEditing(true)}>
                  {t('catalogs.actions.edit')}
                </Button>
                <Button color="red" variant="light" leftSection={<IconTrash size={18} />} onClick={confirmDelete.open}>
                  {t('catalogs.actions.delete')}
                </Button>
              </>
            )}
          </Group>
        )}
      </Group>

      {editing ? (
        <Stack gap="xs">
          <Title order={2} size="h3">
            {t('catalogs.edit.title', { version: catalog.version })}
          </Title>
          {/* Keyed by hash so a save that comes back starts the next edit from the stored content. */}
          <CatalogEditor key={hash} catalog={catalog} onDone={() => setEditing(false)} />
        </Stack>
      ) : (
        <Tabs defaultValue="editions" keepMounted={false}>
          <Tabs.List aria-label={t('catalogs.tabsLabel')}>
            {TABS.map((tab) => (
              <Tabs.Tab key={tab} value={tab}>
                {t(`catalogs.tabs.${tab}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="editions" pt="lg">
            <EditionsTab catalog={catalog} />
          </Tabs.Panel>
          <Tabs.Panel value="rules" pt="lg">
            <RulesTab catalog={catalog} />
          </Tabs.Panel>
          <Tabs.Panel value="deliverables" pt="lg">
            <DeliverablesTab catalog={catalog} />
          </Tabs.Panel>
          <Tabs.Panel value="raci" pt="lg">
            <RaciTab catalog={catalog} />
          </Tabs.Panel>
          <Tabs.Panel value="plan" pt="lg">
            <PlanTab catalog={catalog} />
          </Tabs.Panel>
        </Tabs>
      )}

      <DuplicateCatalogModal
        source={catalog}
        opened={duplicating}
        onClose={duplicate.close}
        onDuplicated={(catalogId) => navigate({ name: 'catalog', id: catalogId })}
      />
      <Modal
        opened={deleting}
        onClose={confirmDelete.close}
        title={t('catalogs.remove.title')}
        centered
        closeButtonProps={{ 'aria-label': t('form.cancel') }}
      >
        <Stack>
          <Text>{t('catalogs.remove.body')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={confirmDelete.close} data-autofocus>
              {t('form.cancel')}
            </Button>
            <Button color="red" onClick={() => void deleteCatalog()} loading={remove.isPending}>
              {t('catalogs.remove.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor href={routeHref({ name: 'catalogs' })} size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={16} />
        {t('catalogs.back')}
      </Group>
    </Anchor>
  );
}
