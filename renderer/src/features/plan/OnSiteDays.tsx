import { ActionIcon, Button, Group, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../errors';
import { type PlanView, usePlanMutation } from './queries';

/** On-site days with persons, and what they bill: the holiday multiplier shown per day. */
export function OnSiteDays({ plan, readOnly }: { plan: PlanView; readOnly: boolean }) {
  const { t } = useTranslation();
  const setDays = usePlanMutation('plan.setOnSiteDays', plan.engagementId);
  const [date, setDate] = useState('');
  const [persons, setPersons] = useState<number>(1);
  const billingByDate = new Map(plan.billing.days.map((d) => [d.date, d]));
  const save = (days: PlanView['onSiteDays']) =>
    setDays.mutate(
      { days },
      { onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }) },
    );

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('plan.onSiteTitle')}
        </Title>
        {plan.onSiteDays.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('plan.onSiteEmpty')}
          </Text>
        ) : (
          <Table verticalSpacing={4} data-testid="on-site-days">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('plan.date')}</Table.Th>
                <Table.Th>{t('plan.persons')}</Table.Th>
                <Table.Th>{t('plan.multiplier')}</Table.Th>
                <Table.Th>{t('plan.equivalent')}</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">{t('list.columns.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.onSiteDays.map((day) => {
                const billed = billingByDate.get(day.date);
                return (
                  <Table.Tr key={day.date}>
                    <Table.Td>{day.date}</Table.Td>
                    <Table.Td>{day.persons}</Table.Td>
                    <Table.Td>
                      ×{billed?.multiplier ?? 1}
                      {billed?.statutory ? ` (${t('plan.statutoryHoliday')})` : ''}
                    </Table.Td>
                    <Table.Td>{billed?.equivalent ?? day.persons}</Table.Td>
                    <Table.Td>
                      {!readOnly && (
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('plan.removeDay', { date: day.date })}
                          onClick={() => save(plan.onSiteDays.filter((d) => d.date !== day.date))}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th>{t('plan.total')}</Table.Th>
                <Table.Th>{plan.billing.totalPersonDays}</Table.Th>
                <Table.Th />
                <Table.Th>{plan.billing.totalEquivalent}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        )}
        {!readOnly && (
          <Group align="flex-end">
            <TextInput
              type="date"
              label={t('plan.date')}
              value={date}
              onChange={(e) => setDate(e.currentTarget.value)}
            />
            <NumberInput
              label={t('plan.persons')}
              min={1}
              max={100}
              value={persons}
              onChange={(v) => typeof v === 'number' && setPersons(v)}
              w={120}
            />
            <Button
              variant="light"
              leftSection={<IconPlus size={16} />}
              disabled={date === ''}
              onClick={() => {
                save([...plan.onSiteDays.filter((d) => d.date !== date), { date, persons }]);
                setDate('');
              }}
            >
              {t('plan.addDay')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
