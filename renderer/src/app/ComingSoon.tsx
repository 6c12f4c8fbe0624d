// A section that is not built yet says so, and what it will do.
import { Paper, Text, ThemeIcon, Group } from '@mantine/core';
import { IconTools } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SectionId } from './sections.ts';

export function ComingSoon({ section }: { section: Exclude<SectionId, 'settings' | 'kb' | 'customers' | 'phone'> }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" maw={640} data-testid={`section-${section}-pending`}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="default" size="lg" aria-hidden>
          <IconTools size={18} stroke={1.6} />
        </ThemeIcon>
        <div>
          <Text fw={600} size="sm">
            {t('sections.inDevelopment')}
          </Text>
          <Text size="sm" c="dimmed">
            {t(`sections.${section}`)}
          </Text>
        </div>
      </Group>
    </Paper>
  );
}
