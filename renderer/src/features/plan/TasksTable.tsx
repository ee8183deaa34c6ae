import { Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { TASK_STATUSES } from '@shared/domain/plan';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { errorText } from '../../errors';
import { type PlanView, usePlanMutation } from './queries';

type Task = PlanView['tasks'][number];
type Patch = Partial<Pick<Task, 'name' | 'startDate' | 'endDate' | 'owner' | 'status' | 'raci'>>;

/** The plan's tasks with dates, owner, status and RACI; every cell saves when it is left. */
export function TasksTable({ plan, readOnly }: { plan: PlanView; readOnly: boolean }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={1180}>
        <Table verticalSpacing="xs" horizontalSpacing="sm" data-testid="plan-tasks">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('plan.task')}</Table.Th>
              <Table.Th>{t('plan.start')}</Table.Th>
              <Table.Th>{t('plan.end')}</Table.Th>
              <Table.Th>{t('plan.owner')}</Table.Th>
              <Table.Th>{t('plan.status')}</Table.Th>
              <Table.Th>{t('plan.raciCustomer')}</Table.Th>
              <Table.Th>{t('plan.raciProvider')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.tasks.map((task) => (
              <TaskRow
                key={`${task.id}:${task.startDate}:${task.endDate}:${task.raci.customer}:${task.raci.provider}`}
                plan={plan}
                task={task}
                readOnly={readOnly}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed" p="sm">
        {t('plan.raciLegend')}
      </Text>
    </Paper>
  );
}

function TaskRow({ plan, task, readOnly }: { plan: PlanView; task: Task; readOnly: boolean }) {
  const { t } = useTranslation();
  const update = usePlanMutation('plan.updateTask', plan.engagementId);
  const [draft, setDraft] = useState(task);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = (patch: Patch) => {
    update.mutate(
      { id: task.id, patch },
      {
        onSuccess: () => setErrors({}),
        onError: (error) => {
          const field = isApiError(error) ? error.appError.field?.replace(/^patch\./, '') : undefined;
          if (field) setErrors({ [field.startsWith('raci') ? 'raci' : field]: errorText(t, error) });
          else notifications.show({ color: 'red', message: errorText(t, error) });
          setDraft(task);
        },
      },
    );
  };
  const raciChanged = (party: 'customer' | 'provider', value: string) => {
    const raci = { ...draft.raci, [party]: value.toUpperCase().replace(/\s+/g, '') };
    if (raci.customer !== task.raci.customer || raci.provider !== task.raci.provider) save({ raci });
  };
  const label = (what: string) => `${what}: ${task.name}`;
  return (
    <Table.Tr>
      <Table.Td miw={240}>
        <TextInput
          aria-label={label(t('plan.task'))}
          value={draft.name}
          readOnly={readOnly}
          variant="unstyled"
          onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
          onBlur={() => draft.name !== task.name && save({ name: draft.name })}
          error={errors.name}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          type="date"
          aria-label={label(t('plan.start'))}
          value={draft.startDate}
          readOnly={readOnly}
          onChange={(e) => setDraft({ ...draft, startDate: e.currentTarget.value })}
          onBlur={() => draft.startDate !== task.startDate && save({ startDate: draft.startDate })}
          error={errors.startDate}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          type="date"
          aria-label={label(t('plan.end'))}
          value={draft.endDate}
          readOnly={readOnly}
          onChange={(e) => setDraft({ ...draft, endDate: e.currentTarget.value })}
          onBlur={() => draft.endDate !== task.endDate && save({ endDate: draft.endDate })}
          error={errors.endDate}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          aria-label={label(t('plan.owner'))}
          placeholder={t('plan.ownerPlaceholder')}
          w={150}
          value={draft.owner}
          readOnly={readOnly}
          onChange={(e) => setDraft({ ...draft, owner: e.currentTarget.value })}
          onBlur={() => draft.owner !== task.owner && save({ owner: draft.owner })}
        />
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={label(t('plan.status'))}
          data={TASK_STATUSES.map((s) => ({ value: s, label: t(`plan.taskStatus.${s}`) }))}
          value={draft.status}
          readOnly={readOnly}
          allowDeselect={false}
          w={150}
          onChange={(value) => {
            if (!value || value === task.status) return;
            setDraft({ ...draft, status: value as Task['status'] });
            save({ status: value as Task['status'] });
          }}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          aria-label={label(t('plan.raciCustomer'))}
          value={draft.raci.customer}
          readOnly={readOnly}
          w={110}
          onChange={(e) => setDraft({ ...draft, raci: { ...draft.raci, customer: e.currentTarget.value } })}
          onBlur={(e) => raciChanged('customer', e.currentTarget.value)}
          error={errors.raci}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          aria-label={label(t('plan.raciProvider'))}
          value={draft.raci.provider}
          readOnly={readOnly}
          w={110}
          onChange={(e) => setDraft({ ...draft, raci: { ...draft.raci, provider: e.currentTarget.value } })}
          onBlur={(e) => raciChanged('provider', e.currentTarget.value)}
          error={errors.raci ? ' ' : undefined}
        />
      </Table.Td>
    </Table.Tr>
  );
}
