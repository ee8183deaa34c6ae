import { Group, NumberInput, Paper, Select, SimpleGrid, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { countingRuleText } from '@shared/domain/calendar';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../errors';
import { type PlanView, useCalendars, usePlanMutation } from './queries';

type Settings = PlanView['settings'];

/** N, order date, calendar and days: each saves as soon as it changes, and the warnings follow. */
export function PlanFacts({ plan, readOnly }: { plan: PlanView; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const calendars = useCalendars();
  const update = usePlanMutation('plan.updateSettings', plan.engagementId);
  const [draft, setDraft] = useState(plan.settings);
  const save = (patch: Partial<Settings>) =>
    update.mutate(
      { patch },
      {
        onError: (error) => {
          notifications.show({ color: 'red', message: errorText(t, error) });
          setDraft(plan.settings);
        },
      },
    );
  return (
    <Paper withBorder p="md" radius="md">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          type="date"
          label={t('plan.applicationDate')}
          description={t('plan.applicationDateHint')}
          value={draft.applicationDate}
          readOnly={readOnly}
          onChange={(e) => setDraft({ ...draft, applicationDate: e.currentTarget.value })}
          onBlur={() =>
            draft.applicationDate !== plan.settings.applicationDate && save({ applicationDate: draft.applicationDate })
          }
          inputWrapperOrder={['label', 'input', 'description', 'error']}
        />
        <TextInput
          type="date"
          label={t('plan.orderDate')}
          description={t('plan.orderDateHint')}
          value={draft.orderDate ?? ''}
          readOnly={readOnly}
          onChange={(e) => setDraft({ ...draft, orderDate: e.currentTarget.value || null })}
          onBlur={() => draft.orderDate !== plan.settings.orderDate && save({ orderDate: draft.orderDate })}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
        />
        <Select
          label={t('plan.calendar')}
          description={countingRuleText(language)}
          data={(calendars.data ?? [{ calendarId: plan.calendar.calendarId, name: plan.calendar.name }]).map((c) => ({
            value: c.calendarId,
            label: c.name[language],
          }))}
          value={draft.calendarId}
          readOnly={readOnly}
          allowDeselect={false}
          onChange={(value) => {
            if (!value) return;
            setDraft({ ...draft, calendarId: value });
            save({ calendarId: value });
          }}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
        />
        <NumberInput
          label={t('plan.serviceDays')}
          description={
            plan.catalog.maxServiceDays
              ? t('plan.serviceDaysCap', { days: plan.catalog.maxServiceDays })
              : t('plan.noCap')
          }
          min={1}
          max={366}
          value={draft.serviceDays}
          readOnly={readOnly}
          onChange={(value) => typeof value === 'number' && setDraft({ ...draft, serviceDays: value })}
          onBlur={() => draft.serviceDays !== plan.settings.serviceDays && save({ serviceDays: draft.serviceDays })}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
        />
        <NumberInput
          label={t('plan.remoteDays')}
          description={
            plan.catalog.includedRemoteDays !== null
              ? t('plan.remoteDaysIncluded', { days: plan.catalog.includedRemoteDays })
              : t('plan.noRemoteTerm')
          }
          min={0}
          max={366}
          value={draft.remoteDays}
          readOnly={readOnly}
          onChange={(value) => typeof value === 'number' && setDraft({ ...draft, remoteDays: value })}
          onBlur={() => draft.remoteDays !== plan.settings.remoteDays && save({ remoteDays: draft.remoteDays })}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
        />
        <Group align="center" pt="lg">
          <Switch
            label={t('plan.largeResources')}
            checked={draft.largeResources}
            disabled={readOnly}
            onChange={(e) => {
              setDraft({ ...draft, largeResources: e.currentTarget.checked });
              save({ largeResources: e.currentTarget.checked });
            }}
          />
        </Group>
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="sm">
        {t('plan.snapshot', { version: plan.catalog.version, hash: plan.catalog.hash.slice(0, 12) })}
      </Text>
    </Paper>
  );
}
