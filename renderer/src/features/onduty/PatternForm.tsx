import {
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type RosterView, SHIFT_PATTERNS, type ShiftPattern } from '@shared/domain/roster';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showUndoNotice } from '../../components/UndoNotice';
import { errorText } from '../../errors';
import { roleName } from './rosterFormat';
import { useRosterWrites } from './rosterQueries';

const PATTERN_LABELS: Record<ShiftPattern, string> = {
  '1x24': '1 × 24 h',
  '2x12': '2 × 12 h',
  '3x8': '3 × 8 h',
  '4x6': '4 × 6 h',
};

/** Quick creation: shifts for the whole window in one role from a pattern on the event zone's clock. */
export function PatternForm({ view }: { view: RosterView }) {
  const { t } = useTranslation();
  const writes = useRosterWrites(view.engagementId);
  const [pattern, setPattern] = useState<ShiftPattern>('3x8');
  const [startHour, setStartHour] = useState(8);
  const [roleId, setRoleId] = useState<string | null>(view.settings.roles[0]?.id ?? null);
  const [people, setPeople] = useState<string[]>([]);
  // Off by default: replacing deletes shifts someone planned by hand.
  const [replace, setReplace] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const role = view.settings.roles.find((r) => r.id === roleId);
  const replaced = view.shifts.filter((s) => s.roleId === roleId).length;

  const generate = () => {
    if (!roleId) return;
    setConfirming(false);
    writes.generate.mutate(
      { request: { pattern, startHourLocal: startHour, roleId, contactIds: people }, replace },
      {
        onSuccess: ({ view: next, removedIds, createdIds }) => {
          const n = next.shifts.filter((s) => s.roleId === roleId).length;
          if (removedIds.length === 0) {
            notifications.show({ color: 'teal', message: t('roster.generated', { n }) });
            return;
          }
          showUndoNotice(t, t('roster.generatedReplacing', { n, removed: removedIds.length }), () =>
            writes.undoGenerate.mutate(
              { removedIds, createdIds },
              {
                onSuccess: () => notifications.show({ color: 'teal', message: t('roster.undoneGenerate') }),
                onError: (failure) => setError(errorText(t, failure)),
              },
            ),
          );
        },
        onError: (failure) => setError(errorText(t, failure)),
      },
    );
  };

  const create = () => {
    if (!roleId) return setError(t('validation.rosterRole'));
    if (people.length === 0) return setError(t('validation.rosterPeople'));
    setError(null);
    // Removing shifts is said in numbers and confirmed first; with nothing to remove there is nothing to ask.
    if (replace && replaced > 0) return setConfirming(true);
    generate();
  };

  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('roster.patternHeading')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('roster.patternHint', { zone: view.timeZone })}
      </Text>
      <Group align="flex-end" gap="sm">
        <Stack gap={2}>
          <Text size="sm" fw={500} id="roster-pattern-label">
            {t('roster.pattern')}
          </Text>
          <SegmentedControl
            aria-labelledby="roster-pattern-label"
            data={SHIFT_PATTERNS.map((value) => ({ value, label: PATTERN_LABELS[value] }))}
            value={pattern}
            onChange={(value) => setPattern(SHIFT_PATTERNS.find((p) => p === value) ?? '3x8')}
            disabled={view.readOnly}
          />
        </Stack>
        <NumberInput
          w={130}
          label={t('roster.startHour')}
          min={0}
          max={23}
          allowDecimal={false}
          value={startHour}
          onChange={(value) => typeof value === 'number' && setStartHour(value)}
          disabled={view.readOnly}
        />
        <Select
          w={220}
          label={t('roster.role')}
          data={view.settings.roles.map((r) => ({ value: r.id, label: roleName(t, r) }))}
          value={roleId}
          onChange={setRoleId}
          allowDeselect={false}
          disabled={view.readOnly}
        />
        <MultiSelect
          miw={260}
          label={t('roster.peopleInTurn')}
          data={view.contacts.map((c) => ({ value: c.id, label: c.name }))}
          value={people}
          onChange={setPeople}
          searchable
          nothingFoundMessage={t('roster.noPeople')}
          disabled={view.readOnly}
        />
      </Group>
      <Group gap="sm">
        <Checkbox
          label={t('roster.replace')}
          checked={replace}
          onChange={(e) => setReplace(e.currentTarget.checked)}
          disabled={view.readOnly}
        />
        <Button size="xs" onClick={create} loading={writes.generate.isPending} disabled={view.readOnly}>
          {t('roster.createShifts')}
        </Button>
      </Group>
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('roster.replaceConfirmTitle', { role: role ? roleName(t, role) : roleId })}
      >
        <Stack>
          <Text size="sm">
            {t('roster.replaceConfirmBody', { n: replaced, role: role ? roleName(t, role) : roleId })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
              {t('roster.cancel')}
            </Button>
            <Button color="red" onClick={generate}>
              {t('roster.replaceConfirm', { n: replaced })}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
