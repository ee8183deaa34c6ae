/**
 * A deliverable's signed versions: who signed when, the fingerprint, the files exactly as signed,
 * which sections changed from the version before, and whether today's data still matches the
 * latest signed version.
 */
import { Alert, Badge, Button, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import type { DeliverableLanguage } from '@shared/domain/engagement';
import { SECTION_TITLES } from '@shared/report/text';
import { IconFileTypeDocx, IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { errorText } from '../../errors';
import { fetchFile, saveFile } from '../deliverables/exporting';
import { useSignoffVersions } from './queries';

/** A section id as the document titles it; the control table and unknown ids by their id. */
export function sectionName(id: string, language: DeliverableLanguage, documentControl: string): string {
  if (id === 'documentControl') return documentControl;
  return Object.hasOwn(SECTION_TITLES, id) ? SECTION_TITLES[id as keyof typeof SECTION_TITLES][language] : id;
}

export function VersionsPanel({
  engagementId,
  documentId,
  language,
}: {
  engagementId: string;
  documentId: string;
  language: DeliverableLanguage;
}) {
  const { t } = useTranslation();
  const versions = useSignoffVersions(engagementId, documentId);
  const [failed, setFailed] = useState<unknown>(null);

  if (versions.isPending) return <Skeleton h={120} />;
  if (versions.isError) return <Alert color="red">{errorText(t, versions.error)}</Alert>;
  const { versions: list, current } = versions.data;

  const download = async (version: number, format: 'pdf' | 'docx') => {
    setFailed(null);
    try {
      const jobId = crypto.randomUUID();
      const file = await call('signoff.file', { engagementId, documentId, version, format, jobId });
      saveFile(await fetchFile(jobId, { ...file, format, millis: 0 }));
    } catch (error) {
      setFailed(error);
    }
  };

  return (
    <Stack gap="sm" data-testid="signed-versions">
      {current.state === 'unsigned' ? (
        <Text size="sm" c="dimmed">
          {t('signoff.unsigned')}
        </Text>
      ) : current.state === 'signed' ? (
        <Alert color="teal" data-testid="signoff-state">
          {t('signoff.stateSigned', { version: current.version })}
        </Alert>
      ) : (
        <Alert color="yellow" data-testid="signoff-state">
          {t('signoff.stateChanged', { version: current.version })}
        </Alert>
      )}
      {failed !== null && <Alert color="red">{errorText(t, failed)}</Alert>}
      {list.length > 0 && (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('signoff.colVersion')}</Table.Th>
              <Table.Th>{t('signoff.colSigned')}</Table.Th>
              <Table.Th>{t('signoff.colChanged')}</Table.Th>
              <Table.Th>{t('signoff.colFiles')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((v) => (
              <Table.Tr key={v.id} data-version={v.version}>
                <Table.Td>
                  <Text fw={600}>{v.version}</Text>
                  <Text size="xs" c="dimmed" ff="monospace" title={v.fingerprint}>
                    {v.fingerprint.slice(0, 16)}…
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {v.customer.name}, {v.customer.title} ({v.customer.org})
                    {v.customer.sealed && (
                      <Badge size="xs" variant="outline" ml={6}>
                        {t('signoff.sealed')}
                      </Badge>
                    )}
                  </Text>
                  <Text size="sm">
                    {v.consultant.name}, {v.consultant.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {v.signedAtText}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {v.version === 1
                      ? t('signoff.firstVersion')
                      : v.changedSections
                          .map((id) => sectionName(id, language, t('signoff.documentControl')))
                          .join(', ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="compact-sm"
                      variant="default"
                      leftSection={<IconFileTypePdf size={14} />}
                      aria-label={t('signoff.downloadPdf', { version: v.version })}
                      onClick={() => void download(v.version, 'pdf')}
                    >
                      PDF
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="default"
                      leftSection={<IconFileTypeDocx size={14} />}
                      aria-label={t('signoff.downloadDocx', { version: v.version })}
                      onClick={() => void download(v.version, 'docx')}
                    >
                      DOCX
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
