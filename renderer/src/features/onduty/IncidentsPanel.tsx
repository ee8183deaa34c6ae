import { ActionIcon, Badge, Button, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  formatMinutes,
  type Incident,
  isOpenIncident,
  mttaMinutes,
  mttrMinutes,
  severitySummaries,
} from '@shared/domain/incidents';
import { IconAlertTriangle, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { showUndoNotice } from '../../components/UndoNotice';
import { errorText } from '../../errors';
import { useEventMutation, useIncidents } from './eventQueries';
import { IncidentModal, SEVERITY_COLORS, SeverityTable } from './IncidentModal';
import type { OnDutyPanelProps } from './OnDutyScreen';
import { wallIn } from './rosterFormat';

/**
 * Incidents of the on-duty period: INC-nnn with P-badges, status, detection time, MTTA and MTTR
 * each, the per-severity summary with its definitions, and the incident dialog with its timeline.
 */
export function IncidentsPanel({ engagement }: OnDutyPanelProps) {
  const { t, i18n } = useTranslation();
  const list = useIncidents(engagement.id);
  const remove = useEventMutation('incident.remove', engagement.id);
  const restore = useEventMutation('incident.restore', engagement.id);
  const [editing, setEditing] = useState<Incident | 'new' | null>(null);
  const readOnly = engagement.status === 'archived' || engagement.deletedAt !== null;
  const lang = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const incidents = list.data ?? [];

  const removeIncident = (incident: Incident) =>
    remove.mutate(
      { engagementId: engagement.id, id: incident.id },
      {
        onSuccess: () =>
          showUndoNotice(t, t('incidents.removed', { ref: incident.ref }), () =>
            restore.mutate(
              { engagementId: engagement.id, id: incident.id },
              { onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }) },
            ),
          ),
        onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }),
      },
    );

  if (list.isPending) return <Skeleton height={200} />;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={720}>
          {t('incidents.definitions')}
        </Text>
        {!readOnly && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('incidents.new')}
          </Button>
        )}
      </Group>
      {incidents.length === 0 ? (
        <EmptyState
          icon={<IconAlertTriangle size={32} />}
          title={t('incidents.emptyTitle')}
          body={t('incidents.empty')}
        />
      ) : (
        <>
          <Table highlightOnHover data-testid="incident-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('incidents.ref')}</Table.Th>
                <Table.Th>{t('incidents.severity')}</Table.Th>
                <Table.Th>{t('incidents.title')}</Table.Th>
                <Table.Th>{t('incidents.status')}</Table.Th>
                <Table.Th>{t('incidents.detected', { zone: engagement.timeZone })}</Table.Th>
                <Table.Th>{t('incidents.mtta')}</Table.Th>
                <Table.Th>{t('incidents.mttr')}</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">{t('incidents.rowActions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {incidents.map((incident) => (
                <Table.Tr key={incident.id} data-ref={incident.ref}>
                  <Table.Td>{incident.ref}</Table.Td>
                  <Table.Td>
                    <Badge color={SEVERITY_COLORS[incident.severity]} variant="filled" autoContrast>
                      {incident.severity}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{incident.title}</Table.Td>
                  <Table.Td>
                    <Badge color={isOpenIncident(incident) ? 'red' : 'blue'} variant="light">
                      {isOpenIncident(incident) ? t('incidents.statusOpen') : t('incidents.statusResolved')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{incident.detectedAt ? wallIn(incident.detectedAt, engagement.timeZone) : '—'}</Table.Td>
                  <Table.Td>{formatMinutes(mttaMinutes(incident), lang)}</Table.Td>
                  <Table.Td>{formatMinutes(mttrMinutes(incident), lang)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('incidents.openNamed', { ref: incident.ref })}
                        onClick={() => setEditing(incident)}
                      >
                        <IconPencil size={16} />
                      </ActionIcon>
                      {!readOnly && (
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('incidents.remove', { ref: incident.ref })}
                          onClick={() => removeIncident(incident)}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Title order={3} size="h5">
            {t('incidents.bySeverity')}
          </Title>
          <SeverityTable rows={severitySummaries(incidents)} />
        </>
      )}
      {editing !== null && (
        <IncidentModal
          engagement={engagement}
          incident={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
