import { Button, Group, Modal, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { Calendar } from '@shared/domain/calendar';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api';
import { errorText } from '../../errors';
import { useLocalized } from '../catalogs/queries';
import { useCalendarList, useSaveCalendar } from './queries';

type Values = { year: number | string; newId: string; nameEn: string; nameZh: string };
const ID = /^[a-z0-9][a-z0-9-]*$/;

function lastYear(calendar: Calendar): number {
  return calendar.years === 'all' ? new Date().getFullYear() : Math.max(...calendar.years);
}

/** `cn-2026` → `cn-2027`; an id or name without the year gets it appended. */
function withYear(text: string, from: number, to: number, separator: string): string {
  return text.includes(String(from)) ? text.replaceAll(String(from), String(to)) : `${text}${separator}${to}`;
}

function derived(calendar: Calendar, year: number): Omit<Values, 'year'> {
  const from = lastYear(calendar);
  return {
    newId: withYear(calendar.id, from, year, '-'),
    nameEn: withYear(calendar.name.en, from, year, ' '),
    nameZh: withYear(calendar.name['zh-CN'], from, year, ' '),
  };
}

/**
 * "Add a year": the calendar copied under a new id for the next year, with its region and weekend
 * days but no days off, for the consultant to fill once the official notice is out (the State
 * Council publishes China's dates late in the year before).
 */
export function AddYearModal(props: {
  source: Calendar;
  opened: boolean;
  onClose: () => void;
  onCreated: (calendarId: string) => void;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const save = useSaveCalendar();
  const list = useCalendarList();
  const taken = new Set((list.data ?? []).map((c) => c.calendarId));
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { year: '', newId: '', nameEn: '', nameZh: '' },
    validate: {
      year: (value) =>
        typeof value === 'number' && Number.isInteger(value) && value >= 1900 && value <= 2999
          ? null
          : t('calendars.addYear.yearRequired'),
      newId: (value) =>
        !ID.test(value) ? t('calendars.addYear.idRequired') : taken.has(value) ? t('calendars.addYear.idTaken') : null,
      nameEn: (value) => (value.trim() ? null : t('calendars.addYear.nameRequired')),
      nameZh: (value) => (value.trim() ? null : t('calendars.addYear.nameRequired')),
    },
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: start from the source calendar each time the dialog opens.
  useEffect(() => {
    if (props.opened) {
      const year = lastYear(props.source) + 1;
      form.setValues({ year, ...derived(props.source, year) });
      form.clearErrors();
      save.reset();
    }
  }, [props.opened]);

  const submit = form.onSubmit(async (values) => {
    const year = Number(values.year);
    try {
      const created = await save.mutateAsync({
        ...props.source,
        id: values.newId,
        name: { en: values.nameEn.trim(), 'zh-CN': values.nameZh.trim() },
        years: [year],
        holidays: [],
        makeUpWorkdays: [],
        source: {
          document: t('calendars.addYear.sourceDocument', { year }),
          section: t('calendars.addYear.sourceSection'),
        },
      });
      notifications.show({ color: 'teal', message: t('calendars.addYear.done', { name: localized(created.name) }) });
      props.onClose();
      props.onCreated(created.id);
    } catch (error) {
      const details = isApiError(error) ? (error.appError.details ?? []) : [];
      form.setFieldError('newId', details.length ? details.join('; ') : errorText(t, error));
    }
  });

  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t('calendars.addYear.title', { name: localized(props.source.name) })}
      centered
      closeButtonProps={{ 'aria-label': t('form.cancel') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('calendars.addYear.hint')}
          </Text>
          <NumberInput
            label={t('calendars.addYear.year')}
            required
            allowDecimal={false}
            data-autofocus
            {...form.getInputProps('year')}
            onChange={(value) => {
              form.setFieldValue('year', value);
              if (typeof value === 'number' && value >= 1900 && value <= 2999) {
                form.setValues(derived(props.source, value));
              }
            }}
          />
          <TextInput
            label={t('calendars.addYear.newId')}
            description={t('calendars.addYear.newIdHint')}
            required
            {...form.getInputProps('newId')}
          />
          <TextInput label={t('calendars.addYear.nameEn')} required {...form.getInputProps('nameEn')} />
          <TextInput label={t('calendars.addYear.nameZh')} required {...form.getInputProps('nameZh')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('form.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('calendars.addYear.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
