// What to offer this customer: promotions that fit their tariff, the one ending soonest first, and
// upcoming ones marked so. "Conditions" opens the promotion's article beside the card, so the
// operator reads it without leaving the call's customer.
import { useState } from 'react';
import { Badge, Button, Divider, Drawer, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconGift } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Promotion } from '../../../../contract/domain/promotion.ts';
import { ArticleView } from '../kb/ArticleView.tsx';

function dayLabel(day: string, language: string): string {
  // A calendar day, not an instant: read at noon UTC so no time zone moves it to another date.
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
}

function PeriodBadge({ p, upcoming }: { p: Promotion; upcoming: boolean }) {
  const { t, i18n } = useTranslation();
  if (upcoming && p.startsOn) return <Badge size="sm" variant="light" color="blue">{t('customers.offers.from', { date: dayLabel(p.startsOn, i18n.language) })}</Badge>;
  if (p.endsOn) return <Badge size="sm" variant="light" color="orange">{t('customers.offers.until', { date: dayLabel(p.endsOn, i18n.language) })}</Badge>;
  return <Badge size="sm" variant="light" color="gray">{t('customers.offers.noEnd')}</Badge>;
}

/** Shown before "more": the card is read during a call, the rest is one click away. */
const FIRST = 3;

export function CustomerOffers({ offers, today }: { offers: readonly Promotion[]; today: string }) {
  const { t } = useTranslation();
  const [article, setArticle] = useState<string | null>(null);
  const [all, setAll] = useState(false);
  const shown = all ? offers : offers.slice(0, FIRST);
  return (
    <Stack gap="sm">
      <Divider label={t('customers.offers.title', { count: offers.length })} labelPosition="left" />
      {offers.length === 0 ? (
        <Text size="sm" c="dimmed">{t('customers.offers.none')}</Text>
      ) : (
        <Stack gap={8} data-testid="customer-offers">
          {shown.map((p) => {
            const upcoming = Boolean(p.startsOn && p.startsOn > today);
            return (
              <Group key={p.id} gap="sm" wrap="nowrap" align="flex-start" data-testid="customer-offer" data-upcoming={upcoming ? 'true' : undefined}>
                <ThemeIcon variant="light" color={upcoming ? 'blue' : 'grape'} size="md" aria-hidden>
                  <IconGift size={16} stroke={1.7} />
                </ThemeIcon>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Group gap="xs" wrap="nowrap">
                    <Text size="sm" fw={600} lineClamp={1}>{p.name}</Text>
                    <PeriodBadge p={p} upcoming={upcoming} />
                  </Group>
                  <Text size="xs" c="dimmed" lineClamp={2}>{p.summary}</Text>
                </div>
                {p.articleId && (
                  <Button size="compact-xs" variant="subtle" onClick={() => setArticle(p.articleId)} style={{ flexShrink: 0 }}>
                    {t('customers.offers.conditions')}
                  </Button>
                )}
              </Group>
            );
          })}
          {offers.length > FIRST && (
            <Button size="compact-sm" variant="subtle" onClick={() => setAll(!all)} style={{ alignSelf: 'flex-start' }} data-testid="customer-offers-more">
              {all ? t('customers.offers.fewer') : t('customers.offers.more', { count: offers.length - FIRST })}
            </Button>
          )}
        </Stack>
      )}
      <Drawer opened={article !== null} onClose={() => setArticle(null)} position="right" size="lg" title={t('customers.offers.articleTitle')}
        closeButtonProps={{ 'aria-label': t('customers.offers.close') }}>
        <ArticleView id={article} />
      </Drawer>
    </Stack>
  );
}
