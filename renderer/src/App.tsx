import {
  ActionIcon,
  AppShell,
  Burger,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Select,
  Text,
  ThemeIcon,
  Tooltip,
  useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import type { EventPayload } from '@shared/contract';
import { COLOR_SCHEMES, type Settings, UI_LANGUAGES } from '@shared/domain/settings';
import {
  IconAdjustmentsHorizontal,
  IconAlertTriangle,
  IconArrowLeft,
  IconBook2,
  IconBooks,
  IconBriefcase,
  IconCalendar,
  IconCalendarTime,
  IconChartLine,
  IconClipboardList,
  IconDeviceDesktop,
  IconFileCertificate,
  IconGauge,
  IconHeadset,
  IconLayoutDashboard,
  IconLock,
  IconMoon,
  IconSearch,
  IconSettings,
  IconShieldCheck,
  IconSun,
  IconTrash,
} from '@tabler/icons-react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { onEvent } from './api';
import { ImportBundleModal } from './features/bundles/ImportBundleModal';
import { CalendarList } from './features/calendars/CalendarList';
import { CalendarView } from './features/calendars/CalendarView';
import { CatalogList } from './features/catalogs/CatalogList';
import { CatalogView } from './features/catalogs/CatalogView';
import { EngagementList } from './features/engagements/EngagementList';
import { EngagementWorkspace } from './features/engagements/EngagementWorkspace';
import { NewEngagementWizard } from './features/engagements/NewEngagementWizard';
import { useEngagementChangeEvents } from './features/engagements/queries';
import { LibraryScreen } from './features/findings/LibraryScreen';
import { SearchDialog } from './features/search/SearchDialog';
import { usePreferenceSwitches } from './features/settings/preferences';
import { useSettings } from './features/settings/queries';
import { SettingsView } from './features/settings/SettingsView';
import { TrashView } from './features/trash/TrashView';
import { ENGAGEMENT_SECTIONS, type EngagementSection, routeHref, useRoute } from './routing';

const SECTION_ICONS: Record<EngagementSection, ReactNode> = {
  overview: <IconLayoutDashboard size={18} />,
  survey: <IconClipboardList size={18} />,
  inspection: <IconSearch size={18} />,
  security: <IconLock size={18} />,
  findings: <IconAlertTriangle size={18} />,
  capacity: <IconGauge size={18} />,
  stressTest: <IconChartLine size={18} />,
  optimization: <IconAdjustmentsHorizontal size={18} />,
  plan: <IconCalendarTime size={18} />,
  onDuty: <IconHeadset size={18} />,
  deliverables: <IconFileCertificate size={18} />,
};

const SCHEME_ICONS: Record<Settings['colorScheme'], ReactNode> = {
  auto: <IconDeviceDesktop size={18} />,
  light: <IconSun size={18} />,
  dark: <IconMoon size={18} />,
};

export function App({ initialSettings }: { initialSettings: Settings }) {
  const { t } = useTranslation();
  const [route, navigate] = useRoute();
  const [navOpened, nav] = useDisclosure(false);
  const [creating, create] = useDisclosure(false);
  const [searching, searchBox] = useDisclosure(false);
  const settings = useSettings().data ?? initialSettings;
  const switches = usePreferenceSwitches();
  const { colorScheme } = useMantineColorScheme();
  useEngagementChangeEvents();

  // Ctrl/Cmd+N everywhere (also the Electron menu's accelerator); a bare N on screens without a focused field.
  useHotkeys([
    ['mod+N', create.open],
    // Bare N only on the list: elsewhere N belongs to the screen (a note in a checklist).
    ['N', () => route.name === 'list' && create.open()],
  ]);
  // Ctrl/Cmd+K opens the global search from anywhere, a focused field included.
  useHotkeys([['mod+K', searchBox.open]], []);
  // A .vigil file opened from the desktop: the import dialog starts on it, wherever the consultant is.
  const [openedBundle, setOpenedBundle] = useState<EventPayload<'bundle.opened'> | null>(null);
  useEffect(() => onEvent('bundle.opened', setOpenedBundle), []);
  useEffect(
    () =>
      onEvent('menu.command', ({ command }) => {
        if (command === 'engagement.new') create.open();
        if (command === 'settings.open') navigate({ name: 'settings' });
      }),
    [create.open, navigate],
  );

  // After moving to another place, keyboard and screen-reader users continue from its content.
  const place = routeHref(route);
  const firstPlace = useRef(place);
  useEffect(() => {
    if (place !== firstPlace.current) document.getElementById('main')?.focus({ preventScroll: true });
  }, [place]);

  let content: ReactNode;
  switch (route.name) {
    case 'list':
      content = <EngagementList onNew={create.open} />;
      break;
    case 'trash':
      content = <TrashView />;
      break;
    case 'settings':
      content = <SettingsView settings={settings} />;
      break;
    case 'catalogs':
      content = <CatalogList />;
      break;
    case 'catalog':
      content = <CatalogView key={route.id} id={route.id} />;
      break;
    case 'calendars':
      content = <CalendarList />;
      break;
    case 'calendar':
      content = <CalendarView key={route.id} id={route.id} editing={route.editing} />;
      break;
    case 'library':
      content = <LibraryScreen />;
      break;
    case 'engagement':
      content = <EngagementWorkspace id={route.id} section={route.section} />;
      break;
  }

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="lg"
    >
      {/* A button, not a link: the hash belongs to the router, so this moves focus instead. */}
      <button type="button" className="skip-link" onClick={() => document.getElementById('main')?.focus()}>
        {t('app.skipToContent')}
      </button>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('header.toggleNav')}
            />
            <ThemeIcon size={32} radius="md" variant="filled">
              <IconShieldCheck size={20} />
            </ThemeIcon>
            <div>
              <Text fw={700} lh={1.1}>
                {t('app.name')}
              </Text>
              <Text size="xs" c="dimmed" lh={1.1}>
                {t('app.tagline')}
              </Text>
            </div>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Tooltip label={t(/Mac|iPhone|iPad/.test(navigator.platform) ? 'search.openMac' : 'search.open')}>
              <ActionIcon variant="default" size="lg" aria-label={t('search.title')} onClick={searchBox.open}>
                <IconSearch size={18} />
              </ActionIcon>
            </Tooltip>
            <Select
              aria-label={t('header.language')}
              size="xs"
              w={170}
              value={settings.uiLanguage}
              allowDeselect={false}
              data={UI_LANGUAGES.map((id) => ({ value: id, label: t(`languages.${id}`) }))}
              onChange={(value) => value && switches.setLanguage(value as Settings['uiLanguage'])}
              data-testid="language-switch"
            />
            <Menu position="bottom-end">
              <Menu.Target>
                <Tooltip label={t('header.colorScheme')}>
                  <ActionIcon variant="default" size="lg" aria-label={t('header.colorScheme')}>
                    {SCHEME_ICONS[settings.colorScheme]}
                  </ActionIcon>
                </Tooltip>
              </Menu.Target>
              <Menu.Dropdown>
                {COLOR_SCHEMES.map((scheme) => (
                  <Menu.Item
                    key={scheme}
                    leftSection={SCHEME_ICONS[scheme]}
                    onClick={() => switches.setColorScheme(scheme)}
                    fw={scheme === settings.colorScheme ? 700 : undefined}
                  >
                    {t(`colorScheme.${scheme}`)}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={t('nav.main')} data-scheme={colorScheme}>
        <AppShell.Section grow component={ScrollArea}>
          {route.name === 'engagement' ? (
            <>
              <NavLink
                href={routeHref({ name: 'list' })}
                label={t('nav.back')}
                leftSection={<IconArrowLeft size={18} />}
              />
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4}>
                {t('workspace.sections')}
              </Text>
              {ENGAGEMENT_SECTIONS.map((section) => (
                <PlaceLink
                  key={section}
                  href={routeHref({ name: 'engagement', id: route.id, section })}
                  label={t(`workspace.${section}`)}
                  icon={SECTION_ICONS[section]}
                  current={route.section === section}
                  onNavigate={nav.close}
                />
              ))}
            </>
          ) : (
            <>
              <PlaceLink
                href={routeHref({ name: 'list' })}
                label={t('nav.engagements')}
                icon={<IconBriefcase size={18} />}
                current={route.name === 'list'}
                onNavigate={nav.close}
              />
              <PlaceLink
                href={routeHref({ name: 'trash' })}
                label={t('nav.trash')}
                icon={<IconTrash size={18} />}
                current={route.name === 'trash'}
                onNavigate={nav.close}
              />
              <PlaceLink
                href={routeHref({ name: 'catalogs' })}
                label={t('nav.catalogs')}
                icon={<IconBook2 size={18} />}
                current={route.name === 'catalogs' || route.name === 'catalog'}
                onNavigate={nav.close}
              />
              <PlaceLink
                href={routeHref({ name: 'calendars' })}
                label={t('nav.calendars')}
                icon={<IconCalendar size={18} />}
                current={route.name === 'calendars' || route.name === 'calendar'}
                onNavigate={nav.close}
              />
              <PlaceLink
                href={routeHref({ name: 'library' })}
                label={t('nav.library')}
                icon={<IconBooks size={18} />}
                current={route.name === 'library'}
                onNavigate={nav.close}
              />
            </>
          )}
        </AppShell.Section>
        <AppShell.Section>
          <PlaceLink
            href={routeHref({ name: 'settings' })}
            label={t('nav.settings')}
            icon={<IconSettings size={18} />}
            current={route.name === 'settings'}
            onNavigate={nav.close}
          />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1}>
        {content}
      </AppShell.Main>
      <SearchDialog opened={searching} onClose={searchBox.close} />
      <NewEngagementWizard
        opened={creating}
        onClose={create.close}
        onCreated={(id) => navigate({ name: 'engagement', id, section: 'plan' })}
      />
      <ImportBundleModal
        opened={openedBundle !== null}
        initialUpload={openedBundle}
        onClose={() => setOpenedBundle(null)}
        onImported={(engagement) => navigate({ name: 'engagement', id: engagement.id, section: 'overview' })}
      />
    </AppShell>
  );
}

/** A navigation entry that tells assistive technology which place is the current one. */
function PlaceLink(props: { href: string; label: string; icon: ReactNode; current: boolean; onNavigate: () => void }) {
  return (
    <NavLink
      href={props.href}
      label={props.label}
      leftSection={props.icon}
      active={props.current}
      aria-current={props.current ? 'page' : undefined}
      onClick={props.onNavigate}
    />
  );
}
