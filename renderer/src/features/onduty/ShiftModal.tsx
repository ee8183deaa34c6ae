import { Anchor, Button, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { RosterView, Shift } from '@shared/domain/roster';
import { localToUtc, utcToLocal } from '@shared/domain/time';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { errorText } from '../../errors';
import { routeHref } from '../../routing';
import { laptopZone, roleName, wallIn } from './rosterFormat';
import { useRosterWrites } from './rosterQueries';

type Values = { contactId: string; roleId: string; start: string; end: string; notes: string };
type FieldErrors = Partial<Record<keyof Values, string>>;

/** The core names fields as `shift.startUtc`; the form shows wall times under its own names. */
const FIELD_OF: Record<string, keyof Values> = {
  'shift.contactId': 'contactId',
  'shift.roleId': 'roleId',
  'shift.startUtc': 'start',
  'shift.endUtc': 'end',
  'shift.notes': 'notes',
};

function initialValues(view: RosterView, shift: Shift | null): Values {
  if (shift) {
    return {
      contactId: shift.contactId,
      roleId: shift.roleId,
      start: utcToLocal(shift.startUtc, view.timeZone),
      end: utcToLocal(shift.endUtc, view.timeZone),
      notes: shift.notes,
    };
  }
  // A new shift starts where the first gap does, else at the window's start.
  const gap = view.gaps[0];
  return {
    contactId: '',
    roleId: gap?.roleId ?? view.settings.roles[0]?.id ?? '',
    start: utcToLocal(gap?.startUtc ?? view.window.startUtc, view.timeZone),
    end: utcToLocal(gap?.endUtc ?? view.window.endUtc, view.timeZone),
    notes: '',
  };
}

/** Adds or edits one shift; times are typed as wall times in the event's zone. */
export function ShiftModal(props: { view: RosterView; shift: Shift | null; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { view, shift } = props;
  const writes = useRosterWrites(view.engagementId);
  const [values, setValues] = useState<Values>(() => initialValues(view, shift));
  const [errors, setErrors] = useState<FieldErrors>({});

  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh form each time the dialog opens, not on every roster refresh.
  useEffect(() => {
    if (props.opened) {
      setValues(initialValues(view, shift));
      setErrors({});
    }
  }, [props.opened, shift]);

  const set = (key: keyof Values) => (value: string | null) => {
    setValues((current) => ({ ...current, [key]: value ?? '' }));
    setErrors((current) => ({ ...current, [key]: undefined }));
  };

  const submit = () => {
    const found: FieldErrors = {};
    if (values.contactId === '') found.contactId = t('validation.rosterPerson');
    if (values.roleId === '') found.roleId = t('validation.rosterRole');
    const startUtc = localToUtc(values.start, view.timeZone);
    const endUtc = localToUtc(values.end, view.timeZone);
    if (!startUtc) found.start = values.start === '' ? t('validation.rosterStart') : t('validation.localTimeMissing');
    if (!endUtc) found.end = values.end === '' ? t('validation.rosterEnd') : t('validation.localTimeMissing');
    if (startUtc && endUtc && endUtc <= startUtc) found.end = t('validation.rosterEndBeforeStart');
    if (Object.keys(found).length > 0 || !startUtc || !endUtc) {
      setErrors(found);
      return;
    }
    writes.saveShift.mutate(
      {
        shift: {
          ...(shift ? { id: shift.id } : {}),
          contactId: values.contactId,
          roleId: values.roleId,
          startUtc,
          endUtc,
          notes: values.notes,
        },
      },
      {
        onSuccess: props.onClose,
        onError: (error) => {
          const field = isApiError(error) ? FIELD_OF[error.appError.field ?? ''] : undefined;
          setErrors({ [field ?? 'notes']: errorText(t, error) });
        },
      },
    );
  };

  const zone = laptopZone();
  const laptopHint = (local: string) => {
    const utc = localToUtc(local, view.timeZone);
    return utc && zone !== view.timeZone ? t('roster.laptopTime', { time: wallIn(utc, zone), zone }) : undefined;
  };

  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={shift ? t('roster.editShift') : t('roster.addShift')}
      size="lg"
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('roster.person')}
              placeholder={t('roster.personPlaceholder')}
              data={view.contacts.map((c) => ({
                value: c.id,
                label: `${c.name} (${t(`roster.party.${c.party}`)}${c.role ? ` · ${c.role}` : ''})`,
              }))}
              searchable
              withAsterisk
              value={values.contactId || null}
              onChange={set('contactId')}
              error={errors.contactId}
              nothingFoundMessage={t('roster.noPeople')}
            />
            <Select
              label={t('roster.role')}
              data={view.settings.roles.map((r) => ({ value: r.id, label: roleName(t, r) }))}
              withAsterisk
              allowDeselect={false}
              value={values.roleId || null}
              onChange={set('roleId')}
              error={errors.roleId}
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('roster.peopleFromPlan')}{' '}
            <Anchor href={routeHref({ name: 'engagement', id: view.engagementId, section: 'overview' })} size="xs">
              {t('roster.addPeopleLink')}
            </Anchor>
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              type="datetime-local"
              label={t('roster.startIn', { zone: view.timeZone })}
              withAsterisk
              value={values.start}
              onChange={(event) => set('start')(event.currentTarget.value)}
              error={errors.start}
              description={laptopHint(values.start)}
            />
            <TextInput
              type="datetime-local"
              label={t('roster.endIn', { zone: view.timeZone })}
              withAsterisk
              value={values.end}
              onChange={(event) => set('end')(event.currentTarget.value)}
              error={errors.end}
              description={laptopHint(values.end)}
            />
          </SimpleGrid>
          <Textarea
            label={t('roster.notes')}
            autosize
            minRows={2}
            value={values.notes}
            onChange={(event) => set('notes')(event.currentTarget.value)}
            error={errors.notes}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('roster.cancel')}
            </Button>
            <Button type="submit" loading={writes.saveShift.isPending}>
              {t('roster.saveShift')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
