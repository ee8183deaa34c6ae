import { Button, Group, Modal, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconRestore, IconTrash, IconTrashOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { errorText } from '../../errors';
import { instant } from '../../format';
import { useEmptyTrash, useTrash } from '../engagements/queries';
import { useEngagementActions } from '../engagements/useEngagementActions';

export function TrashView() {
  const { t, i18n } = useTranslation();
  const trash = useTrash();
  const actions = useEngagementActions();
  const emptyTrash = useEmptyTrash();
  const [confirming, confirm] = useDisclosure(false);
  const rows = trash.data ?? [];

  const empty = async () => {
    try {
      const { purged } = await emptyTrash.mutateAsync();
      notifications.show({ color: 'teal', message: t('trash.emptied', { count: purged }) });
    } catch (error) {
      notifications.show({ color: 'red', message: errorText(t, error) });
    }
    confirm.close();
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t('trash.title')}
          </Title>
          <Text c="dimmed">{t('trash.subtitle')}</Text>
        </div>
        <Button
          color="red"
          variant="light"
          leftSection={<IconTrash size={18} />}
          disabled={rows.length === 0}
          onClick={confirm.open}
        >
          {t('trash.emptyTrash')}
        </Button>
      </Group>
      {trash.isPending && <Skeleton h={120} />}
      {trash.isSuccess && rows.length === 0 && (
        <EmptyState icon={<IconTrashOff size={32} />} title={t('trash.empty')} body={t('trash.subtitle')} />
      )}
      {rows.length > 0 && (
        <Paper withBorder radius="md">
          <Table verticalSpacing="sm" horizontalSpacing="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('list.columns.event')}</Table.Th>
                <Table.Th>{t('list.columns.customer')}</Table.Th>
                <Table.Th>{t('trash.deletedAt')}</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">{t('list.columns.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((engagement) => (
                <Table.Tr key={engagement.id}>
                  <Table.Td fw={600}>{engagement.eventName}</Table.Td>
                  <Table.Td>{engagement.customerOrg}</Table.Td>
                  <Table.Td>{engagement.deletedAt && instant(engagement.deletedAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="light"
                      leftSection={<IconRestore size={16} />}
                      aria-label={t('trash.restoreNamed', { name: engagement.eventName })}
                      onClick={() => void actions.restore(engagement)}
                    >
                      {t('actions.restore')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <Modal
        opened={confirming}
        onClose={confirm.close}
        title={t('trash.confirmTitle')}
        centered
        closeButtonProps={{ 'aria-label': t('form.cancel') }}
      >
        <Stack>
          <Text>{t('trash.confirmBody', { count: rows.length })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close} data-autofocus>
              {t('form.cancel')}
            </Button>
            <Button color="red" onClick={() => void empty()} loading={emptyTrash.isPending}>
              {t('trash.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
