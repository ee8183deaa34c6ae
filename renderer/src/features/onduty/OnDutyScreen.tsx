import { Stack, Tabs, Text, Title } from '@mantine/core';
import type { Engagement } from '@shared/domain/engagement';
import { type ComponentType, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckpointsPanel } from './CheckpointsPanel';
import { ClosePanel } from './ClosePanel';
import { ON_DUTY_TABS, type OnDutyTab, onDutyTabHref, tabOfHash } from './eventQueries';
import { IncidentsPanel } from './IncidentsPanel';
import { LogPanel } from './LogPanel';
import { RosterPanel } from './RosterPanel';

/** Every on-duty panel gets the engagement; each one loads and saves its own data. */
export type OnDutyPanelProps = { engagement: Engagement };

/**
 * The on-duty panels in tab order. A tab shows only once its panel exists: the roster,
 * checkpoints, incidents and closing panels are added here, one line each, as they are built.
 */
const PANELS: readonly { tab: OnDutyTab; Panel: ComponentType<OnDutyPanelProps> }[] = [
  { tab: 'log', Panel: LogPanel },
  { tab: 'roster', Panel: RosterPanel },
  { tab: 'checkpoints', Panel: CheckpointsPanel },
  { tab: 'incidents', Panel: IncidentsPanel },
  { tab: 'close', Panel: ClosePanel },
];

/** The on-duty period of an engagement: the war-room log and, beside it, the roster, checks, incidents and closing. */
export function OnDutyScreen({ engagement }: OnDutyPanelProps) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>(() => tabOfHash(window.location.hash) ?? 'log');
  useEffect(() => {
    const follow = () => {
      const named = tabOfHash(window.location.hash);
      if (named) setTab(named);
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return (
    <Stack gap="md">
      <div>
        <Title order={2} size="h3">
          {t('onDuty.title')}
        </Title>
        <Text c="dimmed" size="sm" maw={720}>
          {t('onDuty.subtitle')}
        </Text>
      </div>
      <Tabs
        value={tab}
        onChange={(value) => {
          setTab(value);
          // The address names the tab shown, so a link to another tab always changes it and fires.
          const named = ON_DUTY_TABS.find((t) => t === value);
          if (named) window.history.replaceState(null, '', onDutyTabHref(engagement.id, named));
        }}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('onDuty.tabsLabel')}>
          {PANELS.map(({ tab: value }) => (
            <Tabs.Tab key={value} value={value}>
              {t(`onDuty.tabs.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {PANELS.map(({ tab: value, Panel }) => (
          <Tabs.Panel key={value} value={value} pt="md">
            <Panel engagement={engagement} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
