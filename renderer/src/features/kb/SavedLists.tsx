// Shown instead of results while the search box is empty: the agent's favourites and the articles
// opened last, from the replica (offline too). `cursor` is the keyboard's place across both lists.
import { Badge, Group, NavLink, Stack, Text } from '@mantine/core';
import { IconClock, IconStarFilled } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { KbSavedArticle } from '../../../../contract/kb-local.ts';

export interface SavedListsProps {
  favourites: KbSavedArticle[];
  recent: KbSavedArticle[];
  selected: string | null;
  cursor: number;
  onOpen(id: string, index: number): void;
}

export function SavedLists(p: SavedListsProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" pb="xs">
      <Section
        testId="kb-favourites"
        title={t('kb.saved.favourites')}
        empty={t('kb.saved.noFavourites')}
        icon={<IconStarFilled size={14} color="var(--mantine-color-yellow-6)" aria-hidden />}
        items={p.favourites}
        offset={0}
        {...p}
      />
      <Section
        testId="kb-recent"
        title={t('kb.saved.recent')}
        empty={t('kb.saved.noRecent')}
        icon={<IconClock size={14} aria-hidden />}
        items={p.recent}
        offset={p.favourites.length}
        {...p}
      />
    </Stack>
  );
}

interface SectionProps extends SavedListsProps {
  testId: string;
  title: string;
  empty: string;
  icon: React.ReactNode;
  items: KbSavedArticle[];
  offset: number;
}

function Section({ testId, title, empty, icon, items, offset, selected, cursor, onOpen }: SectionProps) {
  const { t } = useTranslation();
  const headingId = `${testId}-heading`;
  return (
    <div data-testid={testId}>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" pt={6} pb={2} id={headingId}>
        {title}
      </Text>
      {items.length === 0 ? (
        <Text size="xs" c="dimmed" px="sm" py={4}>
          {empty}
        </Text>
      ) : (
        <Stack gap={0} role="listbox" aria-labelledby={headingId}>
          {items.map((a, i) => (
            <NavLink
              key={a.id}
              role="option"
              aria-selected={a.id === selected}
              active={a.id === selected || offset + i === cursor}
              variant="light"
              data-testid={`${testId}-item`}
              leftSection={icon}
              onClick={() => onOpen(a.id, offset + i)}
              label={
                <Group gap={6} wrap="nowrap" justify="space-between" align="flex-start">
                  <Text size="sm" lineClamp={2}>
                    {a.title}
                  </Text>
                  <Badge size="xs" variant="outline" style={{ flexShrink: 0 }}>
                    {t(`kb.categories.${a.category}`)}
                  </Badge>
                </Group>
              }
            />
          ))}
        </Stack>
      )}
    </div>
  );
}
