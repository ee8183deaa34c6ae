import {
  Alert,
  Badge,
  Box,
  Button,
  Drawer,
  Group,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Engagement } from '@shared/domain/engagement';
import type { RedactionDecision } from '@shared/domain/redaction';
import { IconAlertTriangle, IconFileText, IconListTree, IconShieldCheck, IconShieldLock } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onEvent } from '../../api';
import { errorText } from '../../errors';
import { VerifyPanel } from '../signoff/VerifyPanel';
import { DeliverableWorkspace } from './DeliverableDrawer';
import {
  type DeliverableSummary,
  deliverableKeys,
  type RedactionHit,
  redactionKeys,
  useDecide,
  useDeliverables,
  useMaskUndecided,
  useRedactionScan,
} from './queries';

/** The engagement's deliverables: the documents its catalog names, then the pre-export secrets check. */
export function DeliverablesScreen({ engagement }: { engagement: Engagement }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <div>
        <Title order={2} size="h3">
          {t('redaction.deliverablesTitle')}
        </Title>
        <Text c="dimmed" size="sm" maw={760}>
          {t('redaction.deliverablesIntro')}
        </Text>
      </div>
      <Documents engagement={engagement} />
      <SecretsCheck engagement={engagement} />
      <VerifyPanel />
    </Stack>
  );
}

function Documents({ engagement }: { engagement: Engagement }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const queryClient = useQueryClient();
  const list = useDeliverables(engagement.id);
  const [open, setOpen] = useState<DeliverableSummary | null>(null);
  // The secrets check below scans the same engagement; its undecided hits print masked.
  const undecided = (useRedactionScan(engagement.id).data ?? []).filter((hit) => hit.decision === null).length;

  // The documents are built from everything in the engagement: any change may alter them.
  useEffect(
    () =>
      onEvent('engagement.changed', ({ id }) => {
        if (id === engagement.id || id === '*')
          void queryClient.invalidateQueries({ queryKey: [...deliverableKeys.all, engagement.id] });
      }),
    [queryClient, engagement.id],
  );

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="documents-title">
      <Stack gap="sm">
        <div>
          <Group gap="xs">
            <IconFileText size={20} aria-hidden />
            <Title order={3} size="h4" id="documents-title">
              {t('deliverables.title')}
            </Title>
          </Group>
          <Text c="dimmed" size="sm" maw={760}>
            {t('deliverables.subtitle')}
          </Text>
        </div>
        {list.isPending ? (
          <Skeleton h={120} />
        ) : list.isError ? (
          <Alert color="red" title={t('deliverables.loadFailed', { message: errorText(t, list.error) })}>
            <Button size="compact-sm" variant="light" onClick={() => void list.refetch()}>
              {t('app.retry')}
            </Button>
          </Alert>
        ) : (
          <Stack
            gap="xs"
            component="ul"
            aria-label={t('deliverables.list')}
            style={{ listStyle: 'none', padding: 0, margin: 0 }}
          >
            {list.data.map((d) => (
              <Box
                component="li"
                key={d.id}
                data-testid={`deliverable-${d.id}`}
                data-available={d.available}
                p="sm"
                style={{
                  border: '1px solid var(--mantine-color-default-border)',
                  borderRadius: 'var(--mantine-radius-sm)',
                }}
              >
                <Group justify="space-between" wrap="wrap" gap="sm">
                  <div style={{ flex: 1, minWidth: 240 }}>
                    <Group gap="xs">
                      <Text fw={600}>{d.title[language]}</Text>
                      <Badge variant="outline" color={d.available ? 'teal.9' : 'gray.7'}>
                        {d.available ? t('deliverables.available') : t('deliverables.notAvailable')}
                      </Badge>
                    </Group>
                    {d.available ? (
                      <Text
                        size="sm"
                        c={d.blocking > 0 ? undefined : 'dimmed'}
                        fw={d.blocking > 0 ? 500 : undefined}
                        data-testid="preflight"
                      >
                        {d.blocking > 0
                          ? t('deliverables.blocking', { count: d.blocking })
                          : t('deliverables.noBlocking')}
                      </Text>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('deliverables.notAvailableHint')}
                      </Text>
                    )}
                  </div>
                  {d.available && (
                    <Button
                      variant="default"
                      leftSection={<IconListTree size={16} />}
                      aria-label={t('deliverables.openOf', { title: d.title[language] })}
                      onClick={() => setOpen(d)}
                    >
                      {t('deliverables.open')}
                    </Button>
                  )}
                </Group>
              </Box>
            ))}
          </Stack>
        )}
      </Stack>
      <Drawer
        opened={open !== null}
        onClose={() => setOpen(null)}
        position="right"
        size="xl"
        closeButtonProps={{ 'aria-label': t('app.close') }}
        title={open ? open.title[language] : ''}
      >
        {open && (
          <DeliverableWorkspace
            engagement={engagement}
            summary={open}
            language={language}
            undecidedSecrets={undecided}
          />
        )}
      </Drawer>
    </Paper>
  );
}

const hitKey = (hit: RedactionHit) => `${hit.sourceKind}/${hit.sourceId}/${hit.field}/${hit.start}`;

function SecretsCheck({ engagement }: { engagement: Engagement }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const queryClient = useQueryClient();
  const readOnly = engagement.status === 'archived' || engagement.deletedAt !== null;
  const scan = useRedactionScan(engagement.id);
  const decide = useDecide(engagement.id);
  const maskAll = useMaskUndecided(engagement.id);

  // Text edited elsewhere (the checklist, the findings, another window) is scanned again.
  useEffect(
    () =>
      onEvent('engagement.changed', ({ id }) => {
        if (id === engagement.id || id === '*')
          void queryClient.invalidateQueries({ queryKey: redactionKeys.scan(engagement.id) });
      }),
    [queryClient, engagement.id],
  );

  const hits = scan.data ?? [];
  const undecided = hits.filter((hit) => hit.decision === null).length;

  const choose = (hit: RedactionHit, decision: RedactionDecision) =>
    decide.mutate(
      {
        engagementId: engagement.id,
        sourceKind: hit.sourceKind,
        sourceId: hit.sourceId,
        field: hit.field,
        fingerprint: hit.fingerprint,
        kind: hit.kind,
        decision,
      },
      { onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }) },
    );

  const onMaskAll = () =>
    maskAll.mutate(undefined, {
      onSuccess: ({ masked }) =>
        notifications.show({ color: 'teal', message: t('redaction.maskedAll', { count: masked }) }),
      onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }),
    });

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="secrets-check-title">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <div style={{ flex: 1, minWidth: 280 }}>
            <Group gap="xs">
              <IconShieldLock size={20} aria-hidden />
              <Title order={3} size="h4" id="secrets-check-title">
                {t('redaction.title')}
              </Title>
              {scan.isSuccess && (
                <Badge variant="light" color={hits.length === 0 ? 'gray' : 'blue'} data-testid="secrets-count">
                  {t('redaction.hits', { count: hits.length })}
                </Badge>
              )}
            </Group>
            <Text c="dimmed" size="sm" maw={760}>
              {t('redaction.subtitle')}
            </Text>
          </div>
          {!readOnly && hits.length > 0 && (
            <Button
              variant="default"
              leftSection={<IconShieldLock size={16} />}
              onClick={onMaskAll}
              disabled={undecided === 0}
              loading={maskAll.isPending}
            >
              {t('redaction.maskAll')}
            </Button>
          )}
        </Group>

        {readOnly && <Alert color="gray">{t('redaction.readOnly')}</Alert>}

        {scan.isPending ? (
          <Skeleton h={120} />
        ) : scan.isError ? (
          <Alert color="red" title={t('redaction.loadFailed', { message: errorText(t, scan.error) })}>
            <Button size="compact-sm" variant="light" onClick={() => void scan.refetch()}>
              {t('app.retry')}
            </Button>
          </Alert>
        ) : (
          <>
            <Status total={hits.length} undecided={undecided} />
            {hits.length > 0 && (
              <Table.ScrollContainer minWidth={760}>
                <Table verticalSpacing="sm" data-testid="secrets-table" aria-label={t('redaction.table')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('redaction.columns.where')}</Table.Th>
                      <Table.Th>{t('redaction.columns.field')}</Table.Th>
                      <Table.Th>{t('redaction.columns.kind')}</Table.Th>
                      <Table.Th>{t('redaction.columns.context')}</Table.Th>
                      <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('redaction.columns.decision')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {hits.map((hit) => {
                      const label = hit.label[language];
                      return (
                        <Table.Tr key={hitKey(hit)} data-hit={hit.kind} data-decision={hit.decision ?? 'undecided'}>
                          <Table.Td maw={260}>
                            <Text size="sm" fw={500} lineClamp={2} title={label}>
                              {label}
                            </Text>
                            <Text size="xs" c="dimmed">
                              {t(`redaction.sourceKinds.${hit.sourceKind}`)}
                            </Text>
                          </Table.Td>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>
                            <Text size="sm">{t(`redaction.fields.${hit.field}`)}</Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{t(`redaction.kinds.${hit.kind}`)}</Text>
                          </Table.Td>
                          <Table.Td>
                            <Context hit={hit} />
                          </Table.Td>
                          <Table.Td>
                            <Stack gap={4} align="flex-start">
                              <SegmentedControl
                                size="xs"
                                aria-label={t('redaction.decisionFor', {
                                  kind: t(`redaction.kinds.${hit.kind}`),
                                  field: t(`redaction.fields.${hit.field}`),
                                  label,
                                })}
                                readOnly={readOnly}
                                // Keeping a secret is the choice to notice; masking is the safe one.
                                color={hit.decision === 'keep' ? 'yellow' : 'teal.9'}
                                autoContrast
                                value={hit.decision ?? ''}
                                onChange={(value) => choose(hit, value as RedactionDecision)}
                                data={[
                                  { value: 'mask', label: t('redaction.mask') },
                                  { value: 'keep', label: t('redaction.keep') },
                                ]}
                              />
                              {hit.decision === null && (
                                <Badge size="xs" variant="light" color="yellow">
                                  {t('redaction.undecidedBadge')}
                                </Badge>
                              )}
                            </Stack>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

function Status({ total, undecided }: { total: number; undecided: number }) {
  const { t } = useTranslation();
  const [color, icon, text] =
    total === 0
      ? (['teal', <IconShieldCheck key="i" size={18} />, t('redaction.none')] as const)
      : undecided === 0
        ? (['teal', <IconShieldCheck key="i" size={18} />, t('redaction.allDecided', { count: total })] as const)
        : ([
            'yellow',
            <IconAlertTriangle key="i" size={18} />,
            t('redaction.undecided', { count: undecided }),
          ] as const);
  return (
    <Alert color={color} icon={icon} role="status" data-testid="secrets-status" py="xs">
      {text}
    </Alert>
  );
}

/** The snippet around the secret, the masked secret marked; the secret itself never reaches the screen. */
function Context({ hit }: { hit: RedactionHit }) {
  const before = hit.context.slice(0, hit.contextStart);
  const masked = hit.context.slice(hit.contextStart, hit.contextEnd);
  const after = hit.context.slice(hit.contextEnd);
  return (
    <Text size="sm" ff="monospace" style={{ wordBreak: 'break-word' }} maw={420}>
      {before}
      <Text
        component="mark"
        inherit
        fw={700}
        px={2}
        style={{ borderRadius: 3, color: 'inherit', background: 'var(--mantine-color-yellow-light)' }}
      >
        {masked}
      </Text>
      {after}
    </Text>
  );
}
