import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CalendarOrigin } from './queries';

/** Like the catalogs' badge, with the calendar's own meaning: saving a shipped calendar makes the firm's copy. */
export function CalendarOriginBadge({ origin }: { origin: CalendarOrigin }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t(`calendars.originHint.${origin}`)} multiline w={280}>
      <Badge
        variant="light"
        color={origin === 'firm' ? 'grape' : 'gray'}
        data-testid="calendar-origin"
        style={{ minWidth: 'max-content' }}
      >
        {t(`calendars.origin.${origin}`)}
      </Badge>
    </Tooltip>
  );
}
