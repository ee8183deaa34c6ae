import { ActionIcon, Button, Group, Menu, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { DUTY_ROLE_KINDS, type DutyRole, type RosterSettings, type RosterView } from '@shared/domain/roster';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../errors';
import { roleName } from './rosterFormat';
import { useRosterWrites } from './rosterQueries';

/**
 * The duty roles with the coverage each needs and the longest shift allowed. Numbers save when
 * they change, names when the field is left; a refusal (a role still holding shifts) is shown and
 * the stored settings come back.
 */
export function RosterSettingsEditor({ view }: { view: RosterView }) {
  const { t } = useTranslation();
  const writes = useRosterWrites(view.engagementId);
  const [draft, setDraft] = useState<RosterSettings>(view.settings);
  useEffect(() => setDraft(view.settings), [view.settings]);
  const readOnly = view.readOnly;

  const save = (settings: RosterSettings) => {
    setDraft(settings);
    writes.saveSettings.mutate(
      { settings },
      {
        onError: (error) => {
          setDraft(view.settings);
          notifications.show({ color: 'red', message: errorText(t, error) });
        },
      },
    );
  };
  const patchRole = (id: string, patch: Partial<DutyRole>) =>
    draft.roles.map((role) => (role.id === id ? { ...role, ...patch } : role));

  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('roster.rolesHeading')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('roster.rolesHint')}
      </Text>
      <Table withTableBorder verticalSpacing={4} maw={760}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('roster.role')}</Table.Th>
            <Table.Th>{t('roster.roleName')}</Table.Th>
            <Table.Th>{t('roster.required')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {draft.roles.map((role) => (
            <Table.Tr key={role.id}>
              <Table.Td>{t(`roster.kinds.${role.kind}`)}</Table.Td>
              <Table.Td>
                <TextInput
                  size="xs"
                  aria-label={t('roster.roleNameOf', { role: t(`roster.kinds.${role.kind}`) })}
                  placeholder={role.kind === 'productExpert' ? t('roster.productPlaceholder') : ''}
                  value={role.name}
                  disabled={readOnly}
                  onChange={(event) =>
                    setDraft({ ...draft, roles: patchRole(role.id, { name: event.currentTarget.value }) })
                  }
                  onBlur={() => {
                    const stored = view.settings.roles.find((r) => r.id === role.id);
                    if (stored?.name !== role.name) save(draft);
                  }}
                />
              </Table.Td>
              <Table.Td>
                <NumberInput
                  size="xs"
                  w={90}
                  min={0}
                  max={20}
                  allowDecimal={false}
                  aria-label={t('roster.requiredOf', { role: roleName(t, role) })}
                  value={role.required}
                  disabled={readOnly}
                  onChange={(value) => {
                    if (typeof value === 'number' && value >= 0 && value <= 20 && value !== role.required) {
                      save({ ...draft, roles: patchRole(role.id, { required: value }) });
                    }
                  }}
                />
              </Table.Td>
              <Table.Td>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  disabled={readOnly}
                  aria-label={t('roster.removeRole', { role: roleName(t, role) })}
                  onClick={() => save({ ...draft, roles: draft.roles.filter((r) => r.id !== role.id) })}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group align="flex-end">
        <Menu position="bottom-start">
          <Menu.Target>
            <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} disabled={readOnly}>
              {t('roster.addRole')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {DUTY_ROLE_KINDS.map((kind) => (
              <Menu.Item
                key={kind}
                onClick={() =>
                  save({ ...draft, roles: [...draft.roles, { id: crypto.randomUUID(), kind, name: '', required: 0 }] })
                }
              >
                {t(`roster.kinds.${kind}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <NumberInput
          size="xs"
          w={200}
          label={t('roster.maxShiftHours')}
          min={1}
          max={48}
          value={draft.maxShiftHours}
          disabled={readOnly}
          onChange={(value) => {
            if (typeof value === 'number' && value >= 1 && value <= 48 && value !== draft.maxShiftHours) {
              save({ ...draft, maxShiftHours: value });
            }
          }}
        />
      </Group>
    </Stack>
  );
}
