import { Badge, Tooltip } from '@mantine/core';
import type { CatalogOrigin } from '@shared/domain/catalog';
import { useTranslation } from 'react-i18next';

export function OriginBadge({ origin }: { origin: CatalogOrigin }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t(`catalogs.originHint.${origin}`)} multiline w={260}>
      <Badge
        variant="light"
        color={origin === 'firm' ? 'grape' : 'gray'}
        data-testid="catalog-origin"
        style={{ minWidth: 'max-content' }}
      >
        {t(`catalogs.origin.${origin}`)}
      </Badge>
    </Tooltip>
  );
}

/** The first characters of a content hash: enough to tell versions apart at a glance. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}
