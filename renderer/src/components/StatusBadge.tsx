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
    <Badge color={COLORS[status]} variant="light" radius="sm">
      {t(`status.${status}`)}
    </Badge>
  );
}
