import { Button, Group, Modal, NumberInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  EMPTY_STRESS_SCENARIO,
  type StressScenario,
  type StressScenarioFields,
  stressScenarioInputSchema,
} from '@shared/domain/stress-test';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { errorText } from '../../errors';
import { useStressMutation } from './queries';

const FIELDS = Object.keys(EMPTY_STRESS_SCENARIO) as (keyof StressScenarioFields)[];
const NUMBER_FIELDS = [
  'targetTps',
  'targetP95Ms',
  'targetP99Ms',
  'maxErrorRatePct',
  'concurrency',
  'durationMin',
  'rampUpMin',
] as const satisfies readonly (keyof StressScenarioFields)[];

function valuesOf(scenario: StressScenario | null): StressScenarioFields {
  if (!scenario) return { ...EMPTY_STRESS_SCENARIO };
  return Object.fromEntries(FIELDS.map((f) => [f, scenario[f]])) as StressScenarioFields;
}

/** Adds or edits a scenario: targets (at least one) and the load model. */
export function ScenarioModal(props: {
  engagementId: string;
  opened: boolean;
  scenario: StressScenario | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useStressMutation('stress.saveScenario', props.engagementId);
  const form = useForm<StressScenarioFields>({
    mode: 'controlled',
    initialValues: valuesOf(props.scenario),
    validate: schemaResolver(stressScenarioInputSchema, { sync: true }),
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when opened or the scenario changes.
  useEffect(() => {
    if (props.opened) {
      form.setValues(valuesOf(props.scenario));
      form.clearErrors();
    }
  }, [props.opened, props.scenario?.id, props.scenario?.updatedAt]);

  const input = (field: keyof StressScenarioFields) => {
    const error = form.errors[field];
    return { ...form.getInputProps(field), error: typeof error === 'string' ? t(error) : undefined };
  };
  const number = (field: (typeof NUMBER_FIELDS)[number], extra: { suffix?: string; decimal?: boolean } = {}) => ({
    ...input(field),
    value: form.getValues()[field] ?? '',
    onChange: (value: string | number) => form.setFieldValue(field, typeof value === 'number' ? value : null),
    min: 0,
    thousandSeparator: ',',
    allowDecimal: extra.decimal ?? true,
    suffix: extra.suffix,
  });

  const submit = form.onSubmit(async (values) => {
    try {
      await save.mutateAsync({ scenario: values, ...(props.scenario ? { id: props.scenario.id } : {}) });
      notifications.show({ color: 'teal', message: t('stress.scenarioSaved', { name: values.name }) });
      props.onClose();
    } catch (error) {
      const field = isApiError(error) ? error.appError.field?.replace(/^scenario\./, '') : undefined;
      if (field && (FIELDS as string[]).includes(field) && isApiError(error)) {
        form.setFieldError(field, error.appError.messageKey ?? error.appError.message);
      } else {
        notifications.show({ color: 'red', message: errorText(t, error) });
      }
    }
  });

  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t(props.scenario ? 'stress.editScenario' : 'stress.addScenario')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('form.cancel') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('stress.fields.name')} withAsterisk data-autofocus {...input('name')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label={t('stress.fields.targetTps')}
              description={t('stress.fields.targetTpsHint')}
              {...number('targetTps')}
            />
            <NumberInput
              label={t('stress.fields.maxErrorRatePct')}
              {...number('maxErrorRatePct', { suffix: ' %' })}
              max={100}
            />
            <NumberInput label={t('stress.fields.targetP95Ms')} {...number('targetP95Ms', { suffix: ' ms' })} />
            <NumberInput label={t('stress.fields.targetP99Ms')} {...number('targetP99Ms', { suffix: ' ms' })} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput label={t('stress.fields.concurrency')} {...number('concurrency', { decimal: false })} />
            <NumberInput label={t('stress.fields.durationMin')} {...number('durationMin')} />
            <NumberInput label={t('stress.fields.rampUpMin')} {...number('rampUpMin')} />
          </SimpleGrid>
          <TextInput label={t('stress.fields.dataSet')} {...input('dataSet')} />
          <Textarea label={t('stress.fields.notes')} autosize minRows={2} maxRows={6} {...input('notes')} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={props.onClose}>
              {t('form.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('stress.saveScenario')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
