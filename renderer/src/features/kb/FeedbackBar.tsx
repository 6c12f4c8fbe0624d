// "Helped / outdated" of one article as a small bar: its length is the article's share of the
// busiest article's count, teal helped and orange outdated, with the numbers beside it in words
// and icons (the bar is a picture, the numbers say the same for everyone).
import { Box, Group, Text } from '@mantine/core';
import { IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export function FeedbackBar({ helped, outdated, max }: { helped: number; outdated: number; max: number }) {
  const { t } = useTranslation();
  const pct = (n: number) => `${max > 0 ? (n / max) * 100 : 0}%`;
  return (
    <Group gap="sm" wrap="nowrap" data-testid="kb-feedback-bar" data-helped={helped} data-outdated={outdated}>
      <Box
        role="img"
        aria-label={t('kb.feedbackView.bar', { helped, outdated })}
        w={180}
        h={10}
        style={{ flexShrink: 0, display: 'flex', borderRadius: 5, overflow: 'hidden', background: 'var(--mantine-color-default-hover)' }}
      >
        <Box h="100%" w={pct(helped)} bg="teal.6" />
        {/* Stripes: outdated differs from helped by more than its hue. */}
        <Box
          h="100%"
          w={pct(outdated)}
          style={{ background: 'repeating-linear-gradient(135deg, transparent 0 3px, rgba(255,255,255,0.45) 3px 5px), var(--mantine-color-orange-6)' }}
        />
      </Box>
      <Group gap={10} wrap="nowrap" aria-hidden>
        <Group gap={3} wrap="nowrap">
          <IconThumbUp size={14} color="var(--mantine-color-teal-text)" />
          <Text size="xs">{t('kb.feedbackView.helped', { n: helped })}</Text>
        </Group>
        <Group gap={3} wrap="nowrap">
          <IconThumbDown size={14} color="var(--mantine-color-orange-text)" />
          <Text size="xs">{t('kb.feedbackView.outdated', { n: outdated })}</Text>
        </Group>
      </Group>
    </Group>
  );
}
