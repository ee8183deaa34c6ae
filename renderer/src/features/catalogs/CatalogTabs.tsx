import { Badge, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { type Catalog, type Edition, SERVICE_PHASES, type Source } from '@shared/domain/catalog';
import { IconCheck, IconCircleDashed, IconMinus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalized } from './queries';

export function SourceLine({ source }: { source: Source }) {
  const { t } = useTranslation();
  return (
    <Text size="xs" c="dimmed" data-testid="source">
      {t('catalogs.rules.source', { document: source.document, section: source.section })}
    </Text>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function useNames(catalog: Catalog) {
  const localized = useLocalized();
  const itemName = (id: string) => {
    const item = catalog.items.find((i) => i.id === id);
    return item ? localized(item.name) : id;
  };
  const editionName = (id: string) => {
    const edition = catalog.editions.find((e) => e.id === id);
    return edition ? localized(edition.name) : id;
  };
  const deliverableName = (id: string) => {
    const deliverable = catalog.deliverables.find((d) => d.id === id);
    return deliverable ? localized(deliverable.name) : id;
  };
  return { localized, itemName, editionName, deliverableName };
}

function InclusionCell({ edition, itemId }: { edition: Edition; itemId: string }) {
  const { t } = useTranslation();
  if (edition.pickItems) {
    return <IconCircleDashed size={18} aria-label={t('catalogs.editions.pickItems')} role="img" />;
  }
  return edition.itemIds.includes(itemId) ? (
    <IconCheck size={18} color="var(--mantine-color-teal-7)" aria-label={t('catalogs.editions.included')} role="img" />
  ) : (
    <IconMinus
      size={18}
      color="var(--mantine-color-dimmed)"
      aria-label={t('catalogs.editions.notIncluded')}
      role="img"
    />
  );
}

export function EditionsTab({ catalog }: { catalog: Catalog }) {
  const { t } = useTranslation();
  const { localized } = useNames(catalog);
  const columns = catalog.editions.length + 1;
  return (
    <Stack gap="xl">
      <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
        <Table verticalSpacing="xs" horizontalSpacing="md" data-testid="edition-matrix">
          <Table.Caption>{t('catalogs.editions.matrixCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('catalogs.editions.item')}</Table.Th>
              {catalog.editions.map((edition) => (
                <Table.Th key={edition.id} scope="col" ta="center">
                  {localized(edition.name)}
                  {edition.pickItems && (
                    <Text size="xs" c="dimmed" fw={400}>
                      {t('catalogs.editions.pickItems')}
                    </Text>
                  )}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          {SERVICE_PHASES.map((phase) => {
            const items = catalog.items.filter((item) => item.phase === phase);
            if (items.length === 0) return null;
            return (
              <Table.Tbody key={phase}>
                <Table.Tr bg="var(--mantine-color-default-hover)">
                  <Table.Th scope="colgroup" colSpan={columns}>
                    {t(`catalogs.phase.${phase}`)}
                  </Table.Th>
                </Table.Tr>
                {items.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Th scope="row" fw={400}>
                      {localized(item.name)}
                    </Table.Th>
                    {catalog.editions.map((edition) => (
                      <Table.Td key={edition.id} ta="center">
                        <InclusionCell edition={edition} itemId={item.id} />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            );
          })}
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row">{t('catalogs.editions.maxServiceDays')}</Table.Th>
              {catalog.editions.map((edition) => (
                <Table.Td key={edition.id} ta="center" data-testid={`cap-${edition.id}`}>
                  {edition.maxServiceDays === null
                    ? t('catalogs.editions.noCap')
                    : t('catalogs.editions.days', { count: edition.maxServiceDays })}
                </Table.Td>
              ))}
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('catalogs.editions.includedRemoteDays')}</Table.Th>
              {catalog.editions.map((edition) => (
                <Table.Td key={edition.id} ta="center">
                  {edition.includedRemoteDays === null
                    ? t('catalogs.editions.notStated')
                    : t('catalogs.editions.remoteDays', { count: edition.includedRemoteDays })}
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Paper>
      <Section title={t('catalogs.editions.descriptions')}>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          {catalog.items.map((item) => (
            <Paper key={item.id} withBorder radius="md" p="sm">
              <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                <Text fw={600}>{localized(item.name)}</Text>
                <Badge variant="outline" color="gray" size="sm">
                  {t(`catalogs.phase.${item.phase}`)}
                </Badge>
              </Group>
              <Text size="sm" mt={4}>
                {localized(item.description)}
              </Text>
              <SourceLine source={item.source} />
            </Paper>
          ))}
        </SimpleGrid>
      </Section>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Section title={t('catalogs.editions.inclusions')}>
          <List size="sm" spacing={4}>
            {catalog.inclusions.map((text) => (
              <List.Item key={text.en}>{localized(text)}</List.Item>
            ))}
          </List>
        </Section>
        <Section title={t('catalogs.editions.exclusions')}>
          <List size="sm" spacing={4}>
            {catalog.exclusions.map((text) => (
              <List.Item key={text.en}>{localized(text)}</List.Item>
            ))}
          </List>
        </Section>
      </SimpleGrid>
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Group justify="space-between" gap="md" wrap="nowrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} ta="right">
        {value}
      </Text>
    </Group>
  );
}

export function RulesTab({ catalog }: { catalog: Catalog }) {
  const { t } = useTranslation();
  const { localized, editionName } = useNames(catalog);
  const yesNo = (value: boolean) => (value ? t('catalogs.rules.yes') : t('catalogs.rules.no'));
  return (
    <Stack gap="xl">
      <Section title={t('catalogs.rules.leadTimes')}>
        <Paper withBorder radius="md">
          <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="lead-times">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('catalogs.rules.leadTime')}</Table.Th>
                <Table.Th>{t('catalogs.rules.counted')}</Table.Th>
                <Table.Th>{t('catalogs.rules.applies')}</Table.Th>
                <Table.Th w="45%" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {catalog.leadTimes.map((rule) => (
                <Table.Tr key={rule.id}>
                  <Table.Td fw={600}>{t(`catalogs.rules.amount.${rule.unit}`, { count: rule.amount })}</Table.Td>
                  <Table.Td>{t(`catalogs.rules.anchor.${rule.anchor}`)}</Table.Td>
                  <Table.Td>{t(`catalogs.rules.when.${rule.when}`)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{localized(rule.description)}</Text>
                    <SourceLine source={rule.source} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </Section>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Section title={t('catalogs.rules.onSite')}>
          <Paper withBorder radius="md" p="md">
            <Stack gap="xs">
              {catalog.onSite.description && <Text size="sm">{localized(catalog.onSite.description)}</Text>}
              <Fact
                label={t('catalogs.rules.billing')}
                value={t(`catalogs.rules.billingValue.${catalog.onSite.billing}`)}
              />
              <Fact
                label={t('catalogs.rules.holidayMultiplier')}
                value={t('catalogs.rules.multiplier', { value: catalog.onSite.holidayMultiplier })}
              />
              <Fact
                label={t('catalogs.rules.capByServiceDuration')}
                value={yesNo(catalog.onSite.capByServiceDuration)}
              />
              <SourceLine source={catalog.onSite.source} />
            </Stack>
          </Paper>
        </Section>
        <Section title={t('catalogs.rules.remote')}>
          <Paper withBorder radius="md" p="md">
            <Stack gap="xs">
              {catalog.remote.description && <Text size="sm">{localized(catalog.remote.description)}</Text>}
              <Fact label={t('catalogs.rules.extraDaysBillable')} value={yesNo(catalog.remote.extraDaysBillable)} />
              {catalog.editions.map((edition) => (
                <Fact
                  key={edition.id}
                  label={`${editionName(edition.id)}: ${t('catalogs.editions.includedRemoteDays')}`}
                  value={
                    edition.includedRemoteDays === null
                      ? t('catalogs.editions.notStated')
                      : t('catalogs.editions.remoteDays', { count: edition.includedRemoteDays })
                  }
                />
              ))}
              <SourceLine source={catalog.remote.source} />
            </Stack>
          </Paper>
        </Section>
      </SimpleGrid>
    </Stack>
  );
}

export function DeliverablesTab({ catalog }: { catalog: Catalog }) {
  const { t } = useTranslation();
  const { localized, itemName, editionName, deliverableName } = useNames(catalog);
  return (
    <Stack gap="xl">
      <Section title={t('catalogs.deliverables.title')}>
        <Paper withBorder radius="md">
          <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="deliverables">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('catalogs.deliverables.name')}</Table.Th>
                <Table.Th>{t('catalogs.deliverables.editions')}</Table.Th>
                <Table.Th>{t('catalogs.deliverables.fedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {catalog.deliverables.map((deliverable) => {
                const fedBy = catalog.items.filter((item) => item.deliverableIds.includes(deliverable.id));
                return (
                  <Table.Tr key={deliverable.id}>
                    <Table.Td>
                      <Text fw={600} size="sm">
                        {localized(deliverable.name)}
                      </Text>
                      {deliverable.contents && deliverable.contents.length > 0 && (
                        <>
                          <Text size="xs" fw={600} mt={4}>
                            {t('catalogs.deliverables.contents')}
                          </Text>
                          <List size="xs" spacing={2}>
                            {deliverable.contents.map((line) => (
                              <List.Item key={line.en}>{localized(line)}</List.Item>
                            ))}
                          </List>
                        </>
                      )}
                      <SourceLine source={deliverable.source} />
                    </Table.Td>
                    <Table.Td>
                      {deliverable.editionIds.length === 0
                        ? t('catalogs.deliverables.allEditions')
                        : deliverable.editionIds.map(editionName).join(' · ')}
                    </Table.Td>
                    <Table.Td>
                      {fedBy.length === 0
                        ? t('catalogs.deliverables.none')
                        : fedBy.map((item) => itemName(item.id)).join(' · ')}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Paper>
      </Section>
      <Section title={t('catalogs.deliverables.milestones')}>
        <Paper withBorder radius="md">
          <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="milestones">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('catalogs.deliverables.milestone')}</Table.Th>
                <Table.Th>{t('catalogs.deliverables.title')}</Table.Th>
                <Table.Th>{t('catalogs.deliverables.completion')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {catalog.acceptanceMilestones.map((milestone) => (
                <Table.Tr key={milestone.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {localized(milestone.name)}
                    </Text>
                    <SourceLine source={milestone.source} />
                  </Table.Td>
                  <Table.Td>{milestone.deliverableIds.map(deliverableName).join(' · ')}</Table.Td>
                  <Table.Td>{localized(milestone.completion)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </Section>
    </Stack>
  );
}

export function RaciTab({ catalog }: { catalog: Catalog }) {
  const { t } = useTranslation();
  const { localized } = useNames(catalog);
  return (
    <Stack gap="sm">
      <Paper withBorder radius="md">
        <Table verticalSpacing="xs" horizontalSpacing="md" data-testid="raci">
          <Table.Caption>{t('catalogs.raci.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('catalogs.raci.task')}</Table.Th>
              <Table.Th scope="col" ta="center">
                {t('catalogs.raci.customer')}
              </Table.Th>
              <Table.Th scope="col" ta="center">
                {t('catalogs.raci.provider')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          {SERVICE_PHASES.map((phase) => {
            const items = catalog.items.filter((item) => item.phase === phase);
            if (items.length === 0) return null;
            return (
              <Table.Tbody key={phase}>
                <Table.Tr bg="var(--mantine-color-default-hover)">
                  <Table.Th scope="colgroup" colSpan={3}>
                    {t(`catalogs.phase.${phase}`)}
                  </Table.Th>
                </Table.Tr>
                {items.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Th scope="row" fw={400}>
                      <Text size="sm">{localized(item.name)}</Text>
                      <SourceLine source={item.source} />
                    </Table.Th>
                    <Table.Td ta="center" ff="monospace" fw={600}>
                      {item.raci.customer}
                    </Table.Td>
                    <Table.Td ta="center" ff="monospace" fw={600}>
                      {item.raci.provider}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            );
          })}
        </Table>
      </Paper>
      <Text size="sm" c="dimmed">
        {t('catalogs.raci.legend')}
      </Text>
    </Stack>
  );
}

function raciOf(raci: { customer: string; provider: string } | undefined): string {
  return raci ? `${raci.customer} · ${raci.provider}` : '';
}

export function PlanTab({ catalog }: { catalog: Catalog }) {
  const { t } = useTranslation();
  const { localized, itemName } = useNames(catalog);
  const start = (anchor: string, offset: number) => {
    const name = t(`catalogs.plan.anchor.${anchor}`);
    if (offset === 0) return t('catalogs.plan.anchorOnly', { anchor: name });
    return t('catalogs.plan.anchorOffset', { anchor: name, sign: offset > 0 ? '+' : '−', count: Math.abs(offset) });
  };
  return (
    <Stack gap="sm">
      <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
        <Table verticalSpacing="xs" horizontalSpacing="md" data-testid="plan-template">
          <Table.Caption>{t('catalogs.plan.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('catalogs.plan.phase')}</Table.Th>
              <Table.Th scope="col">{t('catalogs.plan.task')}</Table.Th>
              <Table.Th scope="col">{t('catalogs.plan.start')}</Table.Th>
              <Table.Th scope="col">{t('catalogs.plan.duration')}</Table.Th>
              <Table.Th scope="col">{t('catalogs.plan.items')}</Table.Th>
              <Table.Th scope="col">{t('catalogs.tabs.raci')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {catalog.planTemplate.map((task) => (
              <Table.Tr key={task.id}>
                <Table.Td>
                  <Badge variant="light" size="sm">
                    {t(`catalogs.plan.phases.${task.phase}`)}
                  </Badge>
                </Table.Td>
                <Table.Td fw={600}>{localized(task.name)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{start(task.anchor, task.offsetWorkingDays)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {task.durationWorkingDays === 0
                    ? t('catalogs.plan.milestone')
                    : t('catalogs.plan.days', { count: task.durationWorkingDays })}
                </Table.Td>
                <Table.Td>
                  {task.itemIds.length === 0 ? t('catalogs.plan.always') : task.itemIds.map(itemName).join(' · ')}
                </Table.Td>
                <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                  {raciOf(task.raci ?? catalog.items.find((item) => task.itemIds.includes(item.id))?.raci)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Text size="sm" c="dimmed">
        {t('catalogs.plan.onDutyNote')}
      </Text>
    </Stack>
  );
}
