import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OnDutyPanelProps } from './OnDutyScreen';

/** The war-room log: one line and Enter appends an entry. */
export function LogPanel({ engagement }: OnDutyPanelProps) {
  const { t } = useTranslation();
  return <Text c="dimmed">{t('warRoomLog.empty', { event: engagement.eventName })}</Text>;
}
