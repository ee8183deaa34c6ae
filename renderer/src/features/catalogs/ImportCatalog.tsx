import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { JsonFileImport } from '../../components/JsonFileImport';
import { useCatalogMutation, useLocalized } from './queries';

/** "Import from file": the file is read here as text; the core validates it and stores nothing if it is bad. */
export function ImportCatalog({ onImported }: { onImported: (catalogId: string) => void }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const importCatalog = useCatalogMutation('catalog.import');

  return (
    <JsonFileImport
      read="text"
      mutation={importCatalog}
      labels={{
        button: 'catalogs.actions.import',
        chooseFile: 'catalogs.import.chooseFile',
        failedTitle: 'catalogs.import.failedTitle',
      }}
      testId="catalog-import"
      onImported={(imported) => {
        notifications.show({
          color: 'teal',
          message: t('catalogs.import.done', {
            name: localized(imported.catalog.name),
            version: imported.catalog.version,
          }),
        });
        onImported(imported.catalog.id);
      }}
    />
  );
}
