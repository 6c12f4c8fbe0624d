// The signed-in workspace: header (mark, name, current section, language), navigation on the left,
// the section in the middle, status bar at the bottom. Keyboard: skip link first, Alt+1…6 jump to
// sections and put focus on the section's main field, or else its heading.
import { memo, useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AppShell, Badge, Burger, Group, Kbd, NavLink, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import type { SessionInfo } from '../../../contract/ipc.ts';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { LogoMark } from '../ui/LogoMark.tsx';
import { SettingsPage } from '../features/settings/SettingsPage.tsx';
import { KbPage } from '../features/kb/KbPage.tsx';
import { CustomersPage } from '../features/customers/CustomersPage.tsx';
import { PhonePage } from '../features/phone/PhonePage.tsx';
import { InboxPage } from '../features/inbox/InboxPage.tsx';
import { InboxNotifier } from '../features/inbox/InboxNotifier.tsx';
import { useInboxPrefetch, useInboxReadAhead } from '../features/inbox/use-inbox.ts';

const INBOX_PREFETCH_WAIT_MS = 80;
import { PhoneProvider } from '../features/phone/PhoneProvider.tsx';
import { useMissedUnseen } from '../features/phone/use-phone-api.ts';
import { ComingSoon } from './ComingSoon.tsx';
import { StatusBar } from './StatusBar.tsx';
import { FirstSyncPanel } from './FirstSyncPanel.tsx';
import { SECTION_IDS, type SectionId } from './sections.ts';
import { SECTION_ICONS } from './section-icons.ts';
import { currentSection, useGoToSection, useSection } from './use-section.ts';

// Drawn again only when their own inputs change, not on every change of section.
const StatusBarOnce = memo(StatusBar);
const FirstSyncPanelOnce = memo(FirstSyncPanel);

export function MainLayout({ session }: { session: SessionInfo }) {
  const go = useGoToSection();
  // The softphone lives as long as the sign-in; a call that rings pops the Phone section.
  return (
    <PhoneProvider onRinging={() => go('phone')} onShow={() => go('phone')}>
      <Workspace session={session} />
      <InboxNotifier />
    </PhoneProvider>
  );
}

const inboxShowing = () => currentSection() === 'inbox';

function Workspace({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const [section, go] = useSection();
  const missed = useMissedUnseen();
  const [navOpened, nav] = useDisclosure(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const focusHeading = useRef(false);
  const prefetchInbox = useInboxPrefetch();
  useInboxReadAhead(inboxShowing);

  const { close: closeNav } = nav;
  const latestPick = useRef(0);
  const open = useCallback((id: SectionId, moveFocus: boolean) => {
    const pick = ++latestPick.current;
    const show = () => {
      // Another section picked while the Inbox's page was on its way wins.
      if (pick !== latestPick.current) return;
      focusHeading.current = moveFocus;
      go(id);
      closeNav();
    };
    // The Inbox is shown with its list's first page already read (a few ms from the replica), so
    // it is drawn once with its rows rather than empty and again; a slow read does not hold it up.
    if (id === 'inbox' && currentSection() !== 'inbox') void prefetchInbox(INBOX_PREFETCH_WAIT_MS).then(show);
    else show();
  }, [prefetchInbox, go, closeNav]);
  // A section with a main field (the search of KB and Customers) gets it focused, so the operator
  // types at once; other sections focus their heading, which screen readers announce.
  useEffect(() => {
    const field = document.querySelector<HTMLElement>('#main-content [data-section-focus]');
    if (field) field.focus();
    else if (focusHeading.current) heading.current?.focus();
    focusHeading.current = false;
  }, [section]);

  // Alt+1…6 work everywhere, inputs included: they never type a character an operator needs.
  useHotkeys(
    SECTION_IDS.map((id, i) => [`alt+${i + 1}`, () => open(id, true)] as [string, () => void]),
    [],
  );

  return (
    <AppShell
      header={{ height: 44 }}
      footer={{ height: 32 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="md"
    >
      <a className="pult-skip-link" href="#main-content" onClick={(e) => { e.preventDefault(); heading.current?.focus(); }}>
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <WorkspaceHeader navOpened={navOpened} onToggleNav={nav.toggle} />
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label={t('app.mainNavigation')} component="nav">
        <SectionNav section={section} missed={missed} onOpen={open} />
      </AppShell.Navbar>

      <AppShell.Main id="main-content">
        <Stack gap="md">
          <Title order={1} ref={heading} tabIndex={-1} className="pult-section-heading" data-testid="section-title">
            {t(`nav.${section}`)}
          </Title>
          <FirstSyncPanelOnce />
          {section === 'settings' ? (
            <SettingsPage session={session} />
          ) : section === 'kb' ? (
            <KbPage />
          ) : section === 'customers' ? (
            <CustomersPage />
          ) : section === 'phone' ? (
            <PhonePage />
          ) : section === 'inbox' ? (
            <InboxPage />
          ) : (
            <ComingSoon section={section} />
          )}
        </Stack>
      </AppShell.Main>

      <AppShell.Footer>
        <StatusBarOnce session={session} />
      </AppShell.Footer>
    </AppShell>
  );
}

const WorkspaceHeader = memo(function WorkspaceHeader({ navOpened, onToggleNav }: { navOpened: boolean; onToggleNav: () => void }) {
  const { t } = useTranslation();
  return (
    <Group h="100%" px="sm" justify="space-between" wrap="nowrap">
      <Group gap="xs" wrap="nowrap">
        <Burger opened={navOpened} onClick={onToggleNav} hiddenFrom="sm" size="sm" aria-label={t('app.mainNavigation')} />
        <LogoMark size={22} />
        <Text fw={700} size="md">
          {t('app.name')}
        </Text>
      </Group>
      <LanguageSwitch />
    </Group>
  );
});

const SectionNav = memo(function SectionNav({ section, missed, onOpen }: { section: SectionId; missed: number; onOpen: (id: SectionId, moveFocus: boolean) => void }) {
  return (
    <AppShell.Section grow component={ScrollArea}>
      <Stack gap={2}>
        {SECTION_IDS.map((id, i) => (
          <SectionNavLink key={id} id={id} index={i} active={id === section} missed={id === 'phone' ? missed : 0} onOpen={onOpen} />
        ))}
      </Stack>
    </AppShell.Section>
  );
});

/** One section's link; only the two whose "current" mark moves are drawn again on a change. */
const SectionNavLink = memo(function SectionNavLink({ id, index, active, missed, onOpen }: {
  id: SectionId;
  index: number;
  active: boolean;
  missed: number;
  onOpen: (id: SectionId, moveFocus: boolean) => void;
}) {
  const { t } = useTranslation();
  const Icon = SECTION_ICONS[id];
  return (
    <NavLink
      data-testid={`nav-${id}`}
      href={`#/${id}`}
      onClick={(e) => {
        e.preventDefault();
        onOpen(id, false);
      }}
      active={active}
      aria-current={active ? 'page' : undefined}
      label={t(`nav.${id}`)}
      leftSection={<Icon size={18} stroke={1.6} aria-hidden />}
      rightSection={
        <Group gap={4} wrap="nowrap">
          {missed > 0 && (
            <Badge size="sm" color="red" circle data-testid="nav-phone-missed" aria-label={t('phone.history.missedBadge', { count: missed })}>
              {missed}
            </Badge>
          )}
          <Kbd size="xs" style={{ opacity: 0.7 }}>
            {t('nav.shortcut', { n: index + 1 })}
          </Kbd>
        </Group>
      }
      variant="light"
      className="pult-nav-link"
    />
  );
});
