import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  type CapacityFormula,
  type CapacityInputs,
  type CapacityItemInput,
  capacityItemInputSchema,
  EMPTY_CAPACITY_INPUTS,
  evaluateCapacity,
  primaryFormula,
} from '@shared/domain/capacity';
import { RESOURCE_TYPES } from '@shared/domain/plan';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { errorText } from '../../errors';
import { EvaluationSummary } from './EvaluationSummary';
import { type CapacityItem, type CapacityList, useCapacityMutation } from './queries';

type Values = Omit<CapacityItemInput, 'id'>;
type InputKey = keyof CapacityInputs;

function valuesOf(item: CapacityItem | null, formulas: readonly CapacityFormula[]): Values {
  if (item) {
    return {
      formulaId: item.formulaId,
      name: item.name,
      scopeResourceId: item.scopeResourceId,
      inputs: item.inputs,
      notes: item.notes,
    };
  }
  return {
    formulaId: formulas[0]?.id ?? '',
    name: '',
    scopeResourceId: null,
    inputs: EMPTY_CAPACITY_INPUTS,
    notes: '',
  };
}

/** Adds or edits a capacity item, showing the evaluation its figures give before it is saved. */
export function CapacityItemModal(props: {
  engagementId: string;
  opened: boolean;
  onClose: () => void;
  item: CapacityItem | null;
  formulas: CapacityFormula[];
  list: CapacityList;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const save = useCapacityMutation('capacity.save', props.engagementId);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: valuesOf(props.item, props.formulas),
    validate: schemaResolver(capacityItemInputSchema, { sync: true }),
  });

  // A fresh form each time the dialog opens, for whichever item it opens on.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when opened or the item changes.
  useEffect(() => {
    if (props.opened) {
      form.setValues(valuesOf(props.item, props.formulas));
      form.resetDirty();
      form.clearErrors();
    }
  }, [props.opened, props.item?.id, props.item?.updatedAt]);

  const values = form.getValues();
  const formula = props.formulas.find((f) => f.id === values.formulaId);
  const formulaOptions = useMemo(
    () =>
      RESOURCE_TYPES.map((type) => ({
        group: t(`details.types.${type}`),
        items: props.formulas
          .filter((f) => f.resourceType === type)
          .map((f) => ({ value: f.id, label: `${f.metric[lang]} (${f.unit[lang]})` })),
      })).filter((group) => group.items.length > 0),
    [props.formulas, lang, t],
  );

  const errorOf = (path: string) => {
    const error = form.errors[path];
    return typeof error === 'string' ? t(error) : undefined;
  };

  const number = (key: InputKey, label: string, extra: { description?: string; placeholder?: string } = {}) => (
    <NumberInput
      key={key}
      label={label}
      min={0}
      thousandSeparator=","
      allowNegative={false}
      {...extra}
      value={values.inputs[key] ?? ''}
      error={errorOf(`inputs.${key}`)}
      onChange={(value) => form.setFieldValue(`inputs.${key}`, typeof value === 'number' ? value : null)}
    />
  );

  const chooseResource = (resourceId: string | null) => {
    form.setFieldValue('scopeResourceId', resourceId);
    const resource = props.list.resources.find((r) => r.id === resourceId);
    if (!resource) return;
    // A resource in scope suggests the formula, the name and the count, without overwriting entries.
    const suggested = primaryFormula(props.formulas, resource.resourceType);
    if (suggested && !props.item && formula?.resourceType !== resource.resourceType) {
      form.setFieldValue('formulaId', suggested.id);
    }
    if (values.name.trim() === '') {
      const label = resource.spec.trim() || t(`details.types.${resource.resourceType}`);
      form.setFieldValue('name', resource.region.trim() ? `${label} · ${resource.region.trim()}` : label);
    }
    if (values.inputs.units === null) form.setFieldValue('inputs.units', resource.count);
  };

  const submit = form.onSubmit(async (submitted) => {
    try {
      await save.mutateAsync({ item: { ...submitted, ...(props.item ? { id: props.item.id } : {}) } });
      notifications.show({ color: 'teal', message: t(props.item ? 'capacity.saved' : 'capacity.added') });
      props.onClose();
    } catch (error) {
      const field = isApiError(error) ? error.appError.field?.replace(/^item\./, '') : undefined;
      if (field && field !== 'id' && isApiError(error)) {
        form.setFieldError(field, error.appError.messageKey ?? error.appError.message);
      } else {
        notifications.show({ color: 'red', message: errorText(t, error) });
      }
    }
  });

  const preview = formula ? evaluateCapacity({ inputs: values.inputs }, formula, props.list.peak) : null;
  const unit = formula ? formula.unit[lang] : '';
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t(props.item ? 'capacity.editTitle' : 'capacity.addTitle')}
      size="xl"
      closeButtonProps={{ 'aria-label': t('form.cancel') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('capacity.fields.resource')}
              description={t('capacity.fields.resourceHint')}
              placeholder={t('capacity.fields.noResource')}
              clearable
              data={props.list.resources.map((r) => ({
                value: r.id,
                label: `${t(`details.types.${r.resourceType}`)}${r.spec ? ` · ${r.spec}` : ''} × ${r.count}`,
              }))}
              value={values.scopeResourceId}
              error={errorOf('scopeResourceId')}
              onChange={chooseResource}
            />
            <Select
              label={t('capacity.fields.formula')}
              description={t('capacity.fields.formulaHint')}
              withAsterisk
              searchable
              allowDeselect={false}
              data={formulaOptions}
              value={values.formulaId}
              error={errorOf('formulaId')}
              onChange={(value) => value && form.setFieldValue('formulaId', value)}
            />
          </SimpleGrid>
          <TextInput
            label={t('capacity.fields.name')}
            withAsterisk
            data-autofocus
            {...form.getInputProps('name')}
            error={errorOf('name')}
          />
          {formula && (
            <>
              <Text size="sm" c="dimmed">
                {formula.guidance[lang]}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {formula.scaling.kind === 'scaleOut'
                  ? [
                      number('units', formula.labels.units?.[lang] ?? t('capacity.fields.units')),
                      number(
                        'capacityPerUnit',
                        formula.labels.capacityPerUnit?.[lang] ?? t('capacity.fields.perUnit'),
                        {
                          description: unit,
                        },
                      ),
                    ]
                  : number('currentCap', formula.labels.currentCap?.[lang] ?? t('capacity.fields.currentCap'), {
                      description: unit,
                    })}
                {number('baseline', formula.labels.baseline[lang], {
                  description: formula.baselineInput === 'utilisation' ? '%' : unit,
                })}
                {number('multiplier', formula.labels.multiplier[lang], {
                  placeholder: t('capacity.fields.default', { value: formula.defaultMultiplier }),
                  description: t('capacity.fields.multiplierHint'),
                })}
                {number('marginPct', t('capacity.fields.margin'), {
                  placeholder: t('capacity.fields.default', { value: `${formula.defaultMarginPct} %` }),
                  description: t('capacity.fields.marginHint'),
                })}
                {number('peakOverride', t('capacity.fields.peakOverride'), {
                  description: t('capacity.fields.peakOverrideHint', { unit }),
                })}
              </SimpleGrid>
            </>
          )}
          <Textarea
            label={t('capacity.fields.notes')}
            autosize
            minRows={2}
            maxRows={6}
            {...form.getInputProps('notes')}
          />
          {preview && formula && (
            <Alert color="gray" title={t('capacity.preview')} aria-live="polite">
              <EvaluationSummary evaluation={preview} formula={formula} />
            </Alert>
          )}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={props.onClose}>
              {t('form.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t(props.item ? 'capacity.save' : 'capacity.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
