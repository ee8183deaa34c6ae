import {
  Alert,
  Button,
  Checkbox,
  Group,
  List,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Catalog, Localized } from '@shared/domain/catalog';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { errorText } from '../../errors';
import { useCatalogMutation, useLocalized } from './queries';

type Amount = number | '';

/** The common edits of a firm catalog; everything else is carried over unchanged. */
type Draft = {
  name: Localized;
  editionNames: Localized[];
  caps: Amount[];
  remoteDays: Amount[];
  itemIds: string[][];
  leadAmounts: Amount[];
  holidayMultiplier: Amount;
  deliverableNames: Localized[];
};

function draftOf(catalog: Catalog): Draft {
  return {
    name: { ...catalog.name },
    editionNames: catalog.editions.map((e) => ({ ...e.name })),
    caps: catalog.editions.map((e) => e.maxServiceDays ?? ''),
    remoteDays: catalog.editions.map((e) => e.includedRemoteDays ?? ''),
    itemIds: catalog.editions.map((e) => [...e.itemIds]),
    leadAmounts: catalog.leadTimes.map((r) => r.amount),
    holidayMultiplier: catalog.onSite.holidayMultiplier,
    deliverableNames: catalog.deliverables.map((d) => ({ ...d.name })),
  };
}

const orNull = (value: Amount) => (value === '' ? null : value);

/** The whole catalog as it will be sent: the core validates it, so blanks go as null and are refused there. */
function payloadOf(catalog: Catalog, draft: Draft): unknown {
  const order = catalog.items.map((item) => item.id);
  return {
    ...catalog,
    name: draft.name,
    editions: catalog.editions.map((edition, e) => ({
      ...edition,
      name: draft.editionNames[e],
      maxServiceDays: orNull(draft.caps[e] ?? ''),
      includedRemoteDays: orNull(draft.remoteDays[e] ?? ''),
      itemIds: order.filter((id) => draft.itemIds[e]?.includes(id)),
    })),
    leadTimes: catalog.leadTimes.map((rule, r) => ({ ...rule, amount: orNull(draft.leadAmounts[r] ?? '') })),
    onSite: { ...catalog.onSite, holidayMultiplier: orNull(draft.holidayMultiplier) },
    deliverables: catalog.deliverables.map((deliverable, d) => ({ ...deliverable, name: draft.deliverableNames[d] })),
  };
}

// The schema's messages (English, shown as-is in the problem list) mapped to translated field errors.
const FIELD_MESSAGES: Record<string, string> = {
  'expected a positive integer': 'catalogs.edit.errors.positiveInt',
  'expected a whole number ≥ 0': 'catalogs.edit.errors.wholeNumber',
  'expected a number ≥ 1': 'catalogs.edit.errors.multiplier',
  'expected English text': 'catalogs.edit.errors.english',
  'expected Simplified Chinese text': 'catalogs.edit.errors.chinese',
  'expected items, or pickItems: true': 'catalogs.edit.errors.noItems',
};

/** `editions[1].maxServiceDays: expected a positive integer` → path and message. */
function fieldErrors(problems: string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const line of problems) {
    const at = line.indexOf(': ');
    if (at > 0) errors[line.slice(0, at)] ??= line.slice(at + 2);
  }
  return errors;
}

const asAmount = (value: number | string): Amount => (typeof value === 'number' ? value : '');

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

export function CatalogEditor({ catalog, onDone }: { catalog: Catalog; onDone: () => void }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const save = useCatalogMutation('catalog.save');
  const [draft, setDraft] = useState(() => draftOf(catalog));
  const [problems, setProblems] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const errors = fieldErrors(problems);
  const error = (path: string) => {
    const message = errors[path];
    if (!message) return undefined;
    const key = FIELD_MESSAGES[message];
    return key ? t(key) : message;
  };
  const update = (change: (next: Draft) => void) =>
    setDraft((current) => {
      const next = structuredClone(current);
      change(next);
      return next;
    });

  const submit = async () => {
    setFailure(null);
    try {
      const saved = await save.mutateAsync({ catalog: payloadOf(catalog, draft) });
      notifications.show({ color: 'teal', message: t('catalogs.edit.saved', { version: saved.catalog.version }) });
      setProblems([]);
      onDone();
    } catch (caught) {
      const details = isApiError(caught) ? (caught.appError.details ?? []) : [];
      setProblems(details);
      if (details.length === 0) setFailure(errorText(t, caught));
    }
  };

  return (
    <Stack gap="lg" data-testid="catalog-editor">
      <Text c="dimmed" size="sm">
        {t('catalogs.edit.hint')}
      </Text>
      {problems.length > 0 && (
        <Alert color="red" title={t('catalogs.edit.failedTitle')} data-testid="catalog-save-errors">
          <List size="sm" spacing={2}>
            {problems.map((line) => (
              <List.Item key={line}>
                <Text component="code" ff="monospace" size="sm">
                  {line}
                </Text>
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {failure && <Alert color="red">{failure}</Alert>}

      <Block title={t('catalogs.edit.names')}>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TextInput
            label={t('catalogs.edit.catalogNameEn')}
            value={draft.name.en}
            error={error('name.en')}
            onChange={(event) => {
              const value = event.currentTarget.value;
              update((d) => {
                d.name.en = value;
              });
            }}
          />
          <TextInput
            label={t('catalogs.edit.catalogNameZh')}
            value={draft.name['zh-CN']}
            error={error('name.zh-CN')}
            onChange={(event) => {
              const value = event.currentTarget.value;
              update((d) => {
                d.name['zh-CN'] = value;
              });
            }}
          />
          {catalog.editions.map((edition, e) => (
            <NamePair
              key={edition.id}
              labelEn={t('catalogs.edit.editionNameEn', { edition: localized(edition.name) })}
              labelZh={t('catalogs.edit.editionNameZh', { edition: localized(edition.name) })}
              value={draft.editionNames[e] ?? edition.name}
              errorEn={error(`editions[${e}].name.en`)}
              errorZh={error(`editions[${e}].name.zh-CN`)}
              onChange={(name) =>
                update((d) => {
                  d.editionNames[e] = name;
                })
              }
            />
          ))}
        </SimpleGrid>
      </Block>

      <Block title={t('catalogs.edit.editions')}>
        <Table verticalSpacing="xs" horizontalSpacing="md">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('catalogs.columns.editions')}</Table.Th>
              <Table.Th>{t('catalogs.editions.maxServiceDays')}</Table.Th>
              <Table.Th>{t('catalogs.editions.includedRemoteDays')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {catalog.editions.map((edition, e) => (
              <Table.Tr key={edition.id}>
                <Table.Td fw={600}>{localized(edition.name)}</Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={`${localized(edition.name)}: ${t('catalogs.editions.maxServiceDays')}`}
                    description={t('catalogs.edit.emptyMeansNone')}
                    allowDecimal={false}
                    value={draft.caps[e] ?? ''}
                    error={error(`editions[${e}].maxServiceDays`)}
                    data-testid={`edit-cap-${edition.id}`}
                    onChange={(value) =>
                      update((d) => {
                        d.caps[e] = asAmount(value);
                      })
                    }
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={`${localized(edition.name)}: ${t('catalogs.editions.includedRemoteDays')}`}
                    description={t('catalogs.edit.emptyMeansNotStated')}
                    allowDecimal={false}
                    value={draft.remoteDays[e] ?? ''}
                    error={error(`editions[${e}].includedRemoteDays`)}
                    onChange={(value) =>
                      update((d) => {
                        d.remoteDays[e] = asAmount(value);
                      })
                    }
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Block>

      <Block title={t('catalogs.edit.items')}>
        <div style={{ overflowX: 'auto' }}>
          <Table verticalSpacing={6} horizontalSpacing="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('catalogs.editions.item')}</Table.Th>
                {catalog.editions.map((edition, e) => (
                  <Table.Th key={edition.id} scope="col" ta="center">
                    {localized(edition.name)}
                    {error(`editions[${e}].itemIds`) && (
                      <Text size="xs" c="red" fw={400}>
                        {error(`editions[${e}].itemIds`)}
                      </Text>
                    )}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {catalog.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Th scope="row" fw={400}>
                    {localized(item.name)}
                  </Table.Th>
                  {catalog.editions.map((edition, e) => (
                    <Table.Td key={edition.id}>
                      {edition.pickItems ? (
                        <Text size="xs" c="dimmed" ta="center">
                          {t('catalogs.editions.pickItems')}
                        </Text>
                      ) : (
                        <Group justify="center">
                          <Checkbox
                            aria-label={t('catalogs.edit.includeItem', {
                              item: localized(item.name),
                              edition: localized(edition.name),
                            })}
                            checked={draft.itemIds[e]?.includes(item.id) ?? false}
                            onChange={(event) => {
                              const checked = event.currentTarget.checked;
                              update((d) => {
                                const ids = (d.itemIds[e] ?? []).filter((id) => id !== item.id);
                                d.itemIds[e] = checked ? [...ids, item.id] : ids;
                              });
                            }}
                          />
                        </Group>
                      )}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </Block>

      <Block title={t('catalogs.edit.rules')}>
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          {catalog.leadTimes.map((rule, r) => (
            <NumberInput
              key={rule.id}
              label={t('catalogs.edit.leadTimeAmount', {
                rule: `${t(`catalogs.rules.anchor.${rule.anchor}`)} · ${t(`catalogs.rules.when.${rule.when}`)}`,
              })}
              description={t(`catalogs.rules.amount.${rule.unit}`, {
                count: asAmount(draft.leadAmounts[r] ?? '') || 0,
              })}
              allowDecimal={false}
              value={draft.leadAmounts[r] ?? ''}
              error={error(`leadTimes[${r}].amount`)}
              onChange={(value) =>
                update((d) => {
                  d.leadAmounts[r] = asAmount(value);
                })
              }
            />
          ))}
          <NumberInput
            label={t('catalogs.rules.holidayMultiplier')}
            decimalScale={2}
            value={draft.holidayMultiplier}
            error={error('onSite.holidayMultiplier')}
            onChange={(value) =>
              update((d) => {
                d.holidayMultiplier = asAmount(value);
              })
            }
          />
        </SimpleGrid>
      </Block>

      <Block title={t('catalogs.edit.deliverables')}>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {catalog.deliverables.map((deliverable, d) => (
            <NamePair
              key={deliverable.id}
              labelEn={t('catalogs.edit.deliverableNameEn', { deliverable: localized(deliverable.name) })}
              labelZh={t('catalogs.edit.deliverableNameZh', { deliverable: localized(deliverable.name) })}
              value={draft.deliverableNames[d] ?? deliverable.name}
              errorEn={error(`deliverables[${d}].name.en`)}
              errorZh={error(`deliverables[${d}].name.zh-CN`)}
              onChange={(name) =>
                update((next) => {
                  next.deliverableNames[d] = name;
                })
              }
            />
          ))}
        </SimpleGrid>
      </Block>

      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('catalogs.edit.cancel')}
        </Button>
        <Button onClick={() => void submit()} loading={save.isPending}>
          {t('catalogs.edit.save')}
        </Button>
      </Group>
    </Stack>
  );
}

function NamePair(props: {
  labelEn: string;
  labelZh: string;
  value: Localized;
  errorEn?: string;
  errorZh?: string;
  onChange: (name: Localized) => void;
}) {
  return (
    <>
      <TextInput
        label={props.labelEn}
        value={props.value.en}
        error={props.errorEn}
        onChange={(event) => props.onChange({ ...props.value, en: event.currentTarget.value })}
      />
      <TextInput
        label={props.labelZh}
        value={props.value['zh-CN']}
        error={props.errorZh}
        onChange={(event) => props.onChange({ ...props.value, 'zh-CN': event.currentTarget.value })}
      />
    </>
  );
}
