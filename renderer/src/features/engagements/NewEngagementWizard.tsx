import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Modal,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { type EngagementFields, engagementDraftSchema } from '@shared/domain/engagement';
import {
  type Contact,
  EMPTY_DETAILS,
  type EngagementDetails,
  PARTIES,
  RESOURCE_TYPES,
  type ScopeResource,
} from '@shared/domain/plan';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, isApiError } from '../../api';
import { errorText } from '../../errors';
import { PeakFields } from '../plan/PeakFields';
import { useCalendars } from '../plan/queries';
import { EngagementFieldsForm, newEngagementDefaults, useCatalogList } from './EngagementFields';
import { useEngagementMutation } from './queries';

type Props = { opened: boolean; onClose: () => void; onCreated: (id: string) => void };
type PlanChoices = {
  applicationDate: string;
  orderDate: string;
  largeResources: boolean;
  calendarId: string;
  pickedItemIds: string[];
};

const today = () => new Date().toLocaleDateString('en-CA');
const STEP_FIELDS: (keyof EngagementFields)[][] = [
  ['catalogId', 'editionId'],
  ['customerOrg', 'eventName', 'eventKind', 'eventStartLocal', 'eventEndLocal', 'timeZone', 'language'],
];

/**
 * New engagement, the way a consultant starts one: offering and edition, customer and event with
 * dates, then scope and team. Everything is stored in one transaction at the end.
 */
export function NewEngagementWizard({ opened, onClose, onCreated }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const [step, setStep] = useState(0);
  const catalogs = useCatalogList();
  const calendars = useCalendars();
  const create = useEngagementMutation('engagement.createPlanned');
  const form = useForm<EngagementFields>({
    mode: 'controlled',
    initialValues: newEngagementDefaults(language),
    validate: schemaResolver(engagementDraftSchema, { sync: true }),
  });
  const [plan, setPlan] = useState<PlanChoices>({
    applicationDate: today(),
    orderDate: '',
    largeResources: false,
    calendarId: '',
    pickedItemIds: [],
  });
  const [details, setDetails] = useState<EngagementDetails>(EMPTY_DETAILS);
  const [resources, setResources] = useState<ScopeResource[]>([]);
  const [contacts, setContacts] = useState<Contact[]>([]);
  const values = form.getValues();
  const catalog = useQuery({
    queryKey: ['catalogs', 'one', values.catalogId],
    queryFn: () => call('catalog.get', { catalogId: values.catalogId }),
    enabled: opened && values.catalogId !== '',
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: start afresh each time the wizard opens.
  useEffect(() => {
    if (!opened) return;
    form.setValues(newEngagementDefaults(language));
    form.clearErrors();
    setStep(0);
    setPlan({ applicationDate: today(), orderDate: '', largeResources: false, calendarId: '', pickedItemIds: [] });
    setDetails(EMPTY_DETAILS);
    setResources([]);
    setContacts([]);
    create.reset();
  }, [opened]);

  const next = () => {
    const fields = STEP_FIELDS[step] ?? [];
    const result = form.validate();
    const stepErrors = fields.filter((field) => result.errors[field]);
    form.clearErrors();
    for (const field of stepErrors) form.setFieldError(field, result.errors[field]);
    if (stepErrors.length === 0) setStep((s) => Math.min(s + 1, 3));
  };

  const submit = async () => {
    const validation = form.validate();
    if (validation.hasErrors) {
      setStep(STEP_FIELDS.findIndex((fields) => fields.some((f) => validation.errors[f])));
      return;
    }
    try {
      const engagement = await create.mutateAsync({
        engagement: form.getValues(),
        plan: {
          settings: {
            applicationDate: plan.applicationDate,
            orderDate: plan.orderDate || null,
            largeResources: plan.largeResources,
            pickedItemIds: plan.pickedItemIds,
            ...(plan.calendarId ? { calendarId: plan.calendarId } : {}),
          },
          details,
          resources,
          contacts,
        },
      });
      notifications.show({ color: 'teal', message: t('form.created') });
      onClose();
      onCreated(engagement.id);
    } catch (error) {
      const field = isApiError(error) ? error.appError.field : undefined;
      if (field?.startsWith('engagement.')) {
        const name = field.slice('engagement.'.length);
        form.setFieldError(name, isApiError(error) ? (error.appError.messageKey ?? error.appError.message) : '');
        setStep(STEP_FIELDS.findIndex((fields) => fields.includes(name as keyof EngagementFields)));
      }
    }
  };

  const edition = catalog.data?.catalog.editions.find((e) => e.id === values.editionId);
  const summary = catalogs.data?.find((c) => c.catalogId === values.catalogId);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('form.createTitle')}
      size="min(1080px, calc(100vw - 64px))"
      centered
      closeButtonProps={{ 'aria-label': t('form.cancel') }}
    >
      <Stack gap="md">
        <Stepper active={step} onStepClick={(s) => s < step && setStep(s)} size="sm">
          <Stepper.Step label={t('wizard.offering')}>
            <Stack gap="md">
              <Select
                label={t('form.catalog')}
                data={(catalogs.data ?? []).map((c) => ({ value: c.catalogId, label: c.name[language] }))}
                allowDeselect={false}
                {...form.getInputProps('catalogId')}
                onChange={(value) => {
                  if (!value) return;
                  form.setFieldValue('catalogId', value);
                  const editions = catalogs.data?.find((c) => c.catalogId === value)?.editions ?? [];
                  if (!editions.some((e) => e.id === form.getValues().editionId))
                    form.setFieldValue('editionId', editions[0]?.id ?? '');
                  setPlan((p) => ({ ...p, pickedItemIds: [] }));
                }}
              />
              <Radio.Group
                label={t('form.edition')}
                {...form.getInputProps('editionId')}
                error={form.errors.editionId ? t(String(form.errors.editionId)) : undefined}
              >
                <SimpleGrid cols={{ base: 1, sm: Math.min(4, summary?.editions.length ?? 2) }} mt="xs">
                  {(catalog.data?.catalog.editions ?? []).map((e) => (
                    <Radio.Card key={e.id} value={e.id} p="sm" radius="md" withBorder>
                      <Group wrap="nowrap" align="flex-start">
                        <Radio.Indicator />
                        <div>
                          <Text fw={600}>{e.name[language]}</Text>
                          <Text size="xs" c="dimmed">
                            {e.pickItems ? t('wizard.pickItems') : t('wizard.itemCount', { count: e.itemIds.length })}
                            {e.maxServiceDays ? ` · ${t('wizard.maxDays', { days: e.maxServiceDays })}` : ''}
                          </Text>
                        </div>
                      </Group>
                    </Radio.Card>
                  ))}
                </SimpleGrid>
              </Radio.Group>
              {edition && (
                <Stack gap={4}>
                  <Text size="sm" fw={600}>
                    {edition.pickItems ? t('wizard.chooseItems') : t('wizard.includedItems')}
                  </Text>
                  <SimpleGrid cols={{ base: 1, sm: 3 }} spacing={4}>
                    {(catalog.data?.catalog.items ?? []).map((item) =>
                      edition.pickItems ? (
                        <Checkbox
                          key={item.id}
                          label={item.name[language]}
                          checked={plan.pickedItemIds.includes(item.id)}
                          onChange={(e) => {
                            const checked = e.currentTarget.checked;
                            setPlan((p) => ({
                              ...p,
                              pickedItemIds: checked
                                ? [...p.pickedItemIds, item.id]
                                : p.pickedItemIds.filter((id) => id !== item.id),
                            }));
                          }}
                        />
                      ) : edition.itemIds.includes(item.id) ? (
                        <Text key={item.id} size="sm">
                          ✓ {item.name[language]}
                        </Text>
                      ) : null,
                    )}
                  </SimpleGrid>
                </Stack>
              )}
            </Stack>
          </Stepper.Step>
          <Stepper.Step label={t('wizard.event')}>
            <Stack gap="md">
              <EngagementFieldsForm form={form} hideOffering />
              <Fieldset legend={t('wizard.planning')}>
                <SimpleGrid cols={{ base: 1, sm: 4 }}>
                  <TextInput
                    type="date"
                    label={t('plan.applicationDate')}
                    value={plan.applicationDate}
                    onChange={(e) => setPlan({ ...plan, applicationDate: e.currentTarget.value })}
                  />
                  <TextInput
                    type="date"
                    label={t('plan.orderDate')}
                    value={plan.orderDate}
                    onChange={(e) => setPlan({ ...plan, orderDate: e.currentTarget.value })}
                  />
                  <Select
                    label={t('plan.calendar')}
                    placeholder={t('wizard.calendarAuto')}
                    data={(calendars.data ?? []).map((c) => ({ value: c.calendarId, label: c.name[language] }))}
                    value={plan.calendarId || null}
                    onChange={(value) => setPlan({ ...plan, calendarId: value ?? '' })}
                    clearable
                  />
                  <Switch
                    mt="xl"
                    label={t('plan.largeResources')}
                    checked={plan.largeResources}
                    onChange={(e) => setPlan({ ...plan, largeResources: e.currentTarget.checked })}
                  />
                </SimpleGrid>
              </Fieldset>
            </Stack>
          </Stepper.Step>
          <Stepper.Step label={t('wizard.scope')}>
            <ScopeStep details={details} setDetails={setDetails} resources={resources} setResources={setResources} />
          </Stepper.Step>
          <Stepper.Step label={t('wizard.team')}>
            <TeamStep contacts={contacts} setContacts={setContacts} />
          </Stepper.Step>
        </Stepper>
        {create.isError && (
          <Text c="red.8" size="sm" role="alert">
            {errorText(t, create.error)}
          </Text>
        )}
        <Group justify="space-between">
          <Button variant="default" onClick={step === 0 ? onClose : () => setStep(step - 1)}>
            {step === 0 ? t('form.cancel') : t('wizard.back')}
          </Button>
          <Group>
            {step >= 1 && (
              <Button
                variant={step === 3 ? 'filled' : 'default'}
                onClick={() => void submit()}
                loading={create.isPending}
              >
                {t('form.create')}
              </Button>
            )}
            {step < 3 && <Button onClick={next}>{t('wizard.next')}</Button>}
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}

function ScopeStep(props: {
  details: EngagementDetails;
  setDetails: (d: EngagementDetails) => void;
  resources: ScopeResource[];
  setResources: (r: ScopeResource[]) => void;
}) {
  const { t } = useTranslation();
  const { details, setDetails, resources, setResources } = props;
  return (
    <Stack gap="md">
      <PeakFields peak={details.peak} onChange={(peak) => setDetails({ ...details, peak })} />
      <TextInput
        label={t('details.objectives')}
        value={details.objectives}
        onChange={(e) => setDetails({ ...details, objectives: e.currentTarget.value })}
      />
      <Text fw={600} size="sm">
        {t('details.resources')}
      </Text>
      {resources.length > 0 && (
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('details.resourceType')}</Table.Th>
              <Table.Th>{t('details.spec')}</Table.Th>
              <Table.Th>{t('details.count')}</Table.Th>
              <Table.Th>{t('details.region')}</Table.Th>
              <Table.Th>
                <span className="visually-hidden">{t('list.columns.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {resources.map((r, index) => {
              const change = (patch: Partial<ScopeResource>) =>
                setResources(resources.map((x, i) => (i === index ? { ...x, ...patch } : x)));
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until stored.
                <Table.Tr key={index}>
                  <Table.Td>
                    <Select
                      aria-label={t('details.resourceType')}
                      data={RESOURCE_TYPES.map((type) => ({ value: type, label: t(`details.types.${type}`) }))}
                      value={r.resourceType}
                      allowDeselect={false}
                      onChange={(v) => v && change({ resourceType: v as ScopeResource['resourceType'] })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('details.spec')}
                      value={r.spec}
                      onChange={(e) => change({ spec: e.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={t('details.count')}
                      min={1}
                      value={r.count}
                      onChange={(v) => typeof v === 'number' && change({ count: v })}
                      w={90}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t('details.region')}
                      value={r.region}
                      onChange={(e) => change({ region: e.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('details.remove')}
                      onClick={() => setResources(resources.filter((_, i) => i !== index))}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <Group>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          onClick={() =>
            setResources([...resources, { resourceType: 'compute', spec: '', count: 1, region: '', notes: '' }])
          }
        >
          {t('details.addResource')}
        </Button>
      </Group>
    </Stack>
  );
}

function TeamStep({ contacts, setContacts }: { contacts: Contact[]; setContacts: (c: Contact[]) => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('details.teamHint')}
      </Text>
      {contacts.map((c, index) => {
        const change = (patch: Partial<Contact>) =>
          setContacts(contacts.map((x, i) => (i === index ? { ...x, ...patch } : x)));
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until stored.
          <Group key={index} align="flex-end" wrap="nowrap">
            <Select
              label={t('details.party')}
              data={PARTIES.map((p) => ({ value: p, label: t(`details.parties.${p}`) }))}
              value={c.party}
              allowDeselect={false}
              onChange={(v) => v && change({ party: v as Contact['party'] })}
              w={140}
            />
            <TextInput
              label={t('details.name')}
              value={c.name}
              onChange={(e) => change({ name: e.currentTarget.value })}
            />
            <TextInput
              label={t('details.role')}
              value={c.role}
              onChange={(e) => change({ role: e.currentTarget.value })}
            />
            <TextInput
              label={t('details.email')}
              value={c.email}
              onChange={(e) => change({ email: e.currentTarget.value })}
            />
            <TextInput
              label={t('details.phone')}
              value={c.phone}
              onChange={(e) => change({ phone: e.currentTarget.value })}
              w={140}
            />
            <Checkbox
              mb={8}
              label={t('details.projectManager')}
              checked={c.projectManager}
              onChange={(e) => change({ projectManager: e.currentTarget.checked })}
            />
            <ActionIcon
              mb={4}
              variant="subtle"
              color="red"
              aria-label={t('details.remove')}
              onClick={() => setContacts(contacts.filter((_, i) => i !== index))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        );
      })}
      <Group>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          onClick={() =>
            setContacts([
              ...contacts,
              { party: 'customer', name: '', role: '', email: '', phone: '', projectManager: contacts.length === 0 },
            ])
          }
        >
          {t('details.addContact')}
        </Button>
      </Group>
    </Stack>
  );
}
