import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Engagement } from '@shared/domain/engagement';
import { type Contact, type EngagementDetails, PARTIES, RESOURCE_TYPES, type ScopeResource } from '@shared/domain/plan';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../errors';
import { PeakFields } from './PeakFields';
import { type PlanView, usePlan, usePlanMutation } from './queries';

/**
 * What the offerings ask the customer for: the predicted peak, objectives, SLOs, the resources in
 * scope (they drive the inspection checklists) and both teams' contacts. Saved when a field is left.
 */
export function ScopeAndTeam({ engagement }: { engagement: Engagement }) {
  const plan = usePlan(engagement.id);
  const readOnly = engagement.status === 'archived' || engagement.deletedAt !== null;
  if (plan.isPending) return <Skeleton h={200} />;
  if (!plan.data) return null;
  return (
    <Stack gap="md">
      <DetailsPanel key={JSON.stringify(plan.data.details)} plan={plan.data} readOnly={readOnly} />
      <ResourcesPanel plan={plan.data} readOnly={readOnly} />
      <ContactsPanel plan={plan.data} readOnly={readOnly} />
    </Stack>
  );
}

function useNotifyError() {
  const { t } = useTranslation();
  return (error: unknown) => notifications.show({ color: 'red', message: errorText(t, error) });
}

function DetailsPanel({ plan, readOnly }: { plan: PlanView; readOnly: boolean }) {
  const { t } = useTranslation();
  const update = usePlanMutation('plan.updateDetails', plan.engagementId);
  const notifyError = useNotifyError();
  const [draft, setDraft] = useState<EngagementDetails>(plan.details);
  const save = (details: EngagementDetails) => {
    if (JSON.stringify(details) !== JSON.stringify(plan.details)) update.mutate({ details }, { onError: notifyError });
  };
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={3} size="h5" mb="sm">
        {t('details.peakTitle')}
      </Title>
      <PeakFields
        peak={draft.peak}
        readOnly={readOnly}
        onChange={(peak) => setDraft({ ...draft, peak })}
        onCommit={(peak) => save({ ...draft, peak })}
      />
      <Textarea
        mt="sm"
        label={t('details.objectives')}
        autosize
        minRows={2}
        readOnly={readOnly}
        value={draft.objectives}
        onChange={(e) => setDraft({ ...draft, objectives: e.currentTarget.value })}
        onBlur={() => save(draft)}
      />
      <Text fw={500} size="sm" mt="sm">
        {t('details.slos')}
      </Text>
      <Stack gap={6}>
        {draft.slos.map((slo, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: SLOs are positional entries of one JSON value.
          <Group key={index} wrap="nowrap">
            <TextInput
              aria-label={t('details.sloMetric')}
              placeholder={t('details.sloMetricPlaceholder')}
              readOnly={readOnly}
              value={slo.metric}
              onChange={(e) =>
                setDraft({
                  ...draft,
                  slos: draft.slos.map((s, i) => (i === index ? { ...s, metric: e.currentTarget.value } : s)),
                })
              }
              onBlur={() => slo.metric && slo.target && save(draft)}
              style={{ flex: 1 }}
            />
            <TextInput
              aria-label={t('details.sloTarget')}
              placeholder={t('details.sloTargetPlaceholder')}
              readOnly={readOnly}
              value={slo.target}
              onChange={(e) =>
                setDraft({
                  ...draft,
                  slos: draft.slos.map((s, i) => (i === index ? { ...s, target: e.currentTarget.value } : s)),
                })
              }
              onBlur={() => slo.metric && slo.target && save(draft)}
              style={{ flex: 1 }}
            />
            {!readOnly && (
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('details.remove')}
                onClick={() => {
                  const next = { ...draft, slos: draft.slos.filter((_, i) => i !== index) };
                  setDraft(next);
                  save(next);
                }}
              >
                <IconTrash size={16} />
              </ActionIcon>
            )}
          </Group>
        ))}
        {!readOnly && (
          <Group>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={() => setDraft({ ...draft, slos: [...draft.slos, { metric: '', target: '' }] })}
            >
              {t('details.addSlo')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function ResourcesPanel({ plan, readOnly }: { plan: PlanView; readOnly: boolean }) {
  const { t } = useTranslation();
  const save = usePlanMutation('plan.saveResource', plan.engagementId);
  const remove = usePlanMutation('plan.removeRow', plan.engagementId);
  const notifyError = useNotifyError();
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5">
          {t('details.resources')}
        </Title>
        {!readOnly && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() =>
              save.mutate(
                { resource: { resourceType: 'compute', spec: '', count: 1, region: '', notes: '' } },
                { onError: notifyError },
              )
            }
          >
            {t('details.addResource')}
          </Button>
        )}
      </Group>
      {plan.resources.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('details.noResources')}
        </Text>
      ) : (
        <Table verticalSpacing={4} data-testid="scope-resources">
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
            {plan.resources.map((resource) => (
              <ResourceRow
                key={`${resource.id}:${JSON.stringify(resource)}`}
                resource={resource}
                readOnly={readOnly}
                onSave={(r) => save.mutate({ resource: r }, { onError: notifyError })}
                onRemove={() => remove.mutate({ kind: 'resource', id: resource.id }, { onError: notifyError })}
              />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function ResourceRow(props: {
  resource: ScopeResource & { id: string };
  readOnly: boolean;
  onSave: (r: ScopeResource) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(props.resource);
  const commit = (next = draft) => JSON.stringify(next) !== JSON.stringify(props.resource) && props.onSave(next);
  return (
    <Table.Tr>
      <Table.Td>
        <Select
          aria-label={t('details.resourceType')}
          data={RESOURCE_TYPES.map((type) => ({ value: type, label: t(`details.types.${type}`) }))}
          value={draft.resourceType}
          readOnly={props.readOnly}
          allowDeselect={false}
          onChange={(v) => {
            if (!v) return;
            const next = { ...draft, resourceType: v as ScopeResource['resourceType'] };
            setDraft(next);
            commit(next);
          }}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          aria-label={t('details.spec')}
          readOnly={props.readOnly}
          value={draft.spec}
          onChange={(e) => setDraft({ ...draft, spec: e.currentTarget.value })}
          onBlur={() => commit()}
        />
      </Table.Td>
      <Table.Td>
        <NumberInput
          aria-label={t('details.count')}
          readOnly={props.readOnly}
          min={1}
          w={90}
          value={draft.count}
          onChange={(v) => typeof v === 'number' && setDraft({ ...draft, count: v })}
          onBlur={() => commit()}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          aria-label={t('details.region')}
          readOnly={props.readOnly}
          value={draft.region}
          onChange={(e) => setDraft({ ...draft, region: e.currentTarget.value })}
          onBlur={() => commit()}
        />
      </Table.Td>
      <Table.Td>
        {!props.readOnly && (
          <ActionIcon variant="subtle" color="red" aria-label={t('details.remove')} onClick={props.onRemove}>
            <IconTrash size={16} />
          </ActionIcon>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function ContactsPanel({ plan, readOnly }: { plan: PlanView; readOnly: boolean }) {
  const { t } = useTranslation();
  const save = usePlanMutation('plan.saveContact', plan.engagementId);
  const remove = usePlanMutation('plan.removeRow', plan.engagementId);
  const notifyError = useNotifyError();
  const [adding, setAdding] = useState<Contact | null>(null);
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5">
          {t('details.team')}
        </Title>
        {!readOnly && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() =>
              setAdding({ party: 'customer', name: '', role: '', email: '', phone: '', projectManager: false })
            }
          >
            {t('details.addContact')}
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {t('details.teamHint')}
      </Text>
      <Stack gap="xs" data-testid="contacts">
        {plan.contacts.map((contact) => (
          <ContactRow
            key={`${contact.id}:${JSON.stringify(contact)}`}
            contact={contact}
            readOnly={readOnly}
            onSave={(c) => save.mutate({ contact: c }, { onError: notifyError })}
            onRemove={() => remove.mutate({ kind: 'contact', id: contact.id }, { onError: notifyError })}
          />
        ))}
        {adding && (
          <ContactRow
            contact={adding}
            readOnly={false}
            isNew
            onSave={(c) =>
              save.mutate(
                { contact: c },
                {
                  onSuccess: () => setAdding(null),
                  onError: notifyError,
                },
              )
            }
            onRemove={() => setAdding(null)}
          />
        )}
      </Stack>
    </Paper>
  );
}

function ContactRow(props: {
  contact: Contact;
  readOnly: boolean;
  isNew?: boolean;
  onSave: (c: Contact) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(props.contact);
  const commit = (next = draft) => {
    // A new contact is stored once it has a name; an existing one whenever it changes.
    if (next.name.trim() === '') return;
    if (props.isNew || JSON.stringify(next) !== JSON.stringify(props.contact)) props.onSave(next);
  };
  return (
    <Group align="flex-end" wrap="nowrap">
      <Select
        label={t('details.party')}
        data={PARTIES.map((p) => ({ value: p, label: t(`details.parties.${p}`) }))}
        value={draft.party}
        readOnly={props.readOnly}
        allowDeselect={false}
        w={130}
        onChange={(v) => {
          if (!v) return;
          const next = { ...draft, party: v as Contact['party'] };
          setDraft(next);
          if (!props.isNew) commit(next);
        }}
      />
      <TextInput
        label={t('details.name')}
        readOnly={props.readOnly}
        value={draft.name}
        onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
        onBlur={() => !props.isNew && commit()}
      />
      <TextInput
        label={t('details.role')}
        readOnly={props.readOnly}
        value={draft.role}
        onChange={(e) => setDraft({ ...draft, role: e.currentTarget.value })}
        onBlur={() => !props.isNew && commit()}
      />
      <TextInput
        label={t('details.email')}
        readOnly={props.readOnly}
        value={draft.email}
        onChange={(e) => setDraft({ ...draft, email: e.currentTarget.value })}
        onBlur={() => !props.isNew && commit()}
      />
      <TextInput
        label={t('details.phone')}
        readOnly={props.readOnly}
        value={draft.phone}
        w={140}
        onChange={(e) => setDraft({ ...draft, phone: e.currentTarget.value })}
        onBlur={() => !props.isNew && commit()}
      />
      <Checkbox
        mb={8}
        label={t('details.projectManager')}
        checked={draft.projectManager}
        disabled={props.readOnly}
        onChange={(e) => {
          const next = { ...draft, projectManager: e.currentTarget.checked };
          setDraft(next);
          if (!props.isNew) commit(next);
        }}
      />
      {props.isNew ? (
        <Button mb={2} onClick={() => commit()}>
          {t('details.saveContact')}
        </Button>
      ) : null}
      {!props.readOnly && (
        <ActionIcon mb={4} variant="subtle" color="red" aria-label={t('details.remove')} onClick={props.onRemove}>
          <IconTrash size={16} />
        </ActionIcon>
      )}
    </Group>
  );
}
