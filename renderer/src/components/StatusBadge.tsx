import { Badge } from '@mantine/core';
import type { EngagementStatus } from '@shared/domain/engagement';
import { useTranslation } from 'react-i18next';

const COLORS: Record<EngagementStatus, string> = {
  planning: 'blue',
  preparing: 'indigo',
  onDuty: 'orange',
  closing: 'grape',
  accepted: 'teal',
  archived: 'gray',
};

export function StatusBadge({ status }: { status: EngagementStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={COLORS[status]}
      variant="light"
      radius="sm"
      tt="none"
      // The label never truncates: a status must be read in full, in either language.
      styles={{
        root: { flexShrink: 0, maxWidth: 'none', overflow: 'visible' },
        label: { overflow: 'visible', textOverflow: 'clip' },
      }}
    >
      {t(`status.${status}`)}
    </Badge>
  );
}
