import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { JsonFileImport } from '../../components/JsonFileImport';
import { useLocalized } from '../catalogs/queries';
import { useSaveCalendar } from './queries';

/**
 * "Import from file": the file is read and parsed here, then saved through calendar.save, which
 * validates it and stores nothing when it is bad. A calendar with an existing id becomes the firm's version of it.
 */
export function ImportCalendar({ onImported }: { onImported: (calendarId: string) => void }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const save = useSaveCalendar();

  return (
    <JsonFileImport
      read="json"
      notJson="calendars.import.notJson"
      mutation={save}
      labels={{
        button: 'calendars.actions.import',
        chooseFile: 'calendars.import.chooseFile',
        failedTitle: 'calendars.import.failedTitle',
      }}
      testId="calendar-import"
      onImported={(saved) => {
        notifications.show({ color: 'teal', message: t('calendars.import.done', { name: localized(saved.name) }) });
        onImported(saved.id);
      }}
    />
  );
}
