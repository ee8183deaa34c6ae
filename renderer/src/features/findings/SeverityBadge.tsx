import { Badge } from '@mantine/core';
import type { Severity } from '@shared/domain/finding';
import { useTranslation } from 'react-i18next';
import { type Finding, SEVERITY_COLORS, STATUS_COLORS } from './queries';

const NO_TRUNCATE = {
  root: { flexShrink: 0, maxWidth: 'none', overflow: 'visible' },
  label: { overflow: 'visible', textOverflow: 'clip' },
} as const;

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return (
    <Badge color={SEVERITY_COLORS[severity]} variant="filled" radius="sm" tt="none" styles={NO_TRUNCATE} autoContrast>
      {t(`findings.severity.${severity}`)}
    </Badge>
  );
}

export function FindingStatusBadge({ status }: { status: Finding['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" radius="sm" tt="none" styles={NO_TRUNCATE}>
      {t(`findings.status.${status}`)}
    </Badge>
  );
}
