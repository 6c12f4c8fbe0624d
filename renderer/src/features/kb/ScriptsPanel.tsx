// The troubleshooting scripts of the knowledge base: the list on the left, the one being walked on
// the right.
import { useState } from 'react';
import { Group, NavLink, Paper, ScrollArea, Text } from '@mantine/core';
import { IconRoute } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ScriptRunner } from './ScriptRunner.tsx';
import { useScripts } from './use-scripts.ts';

export function ScriptsPanel() {
  const { t } = useTranslation();
  const scripts = useScripts();
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <Group align="stretch" gap="md" wrap="nowrap" style={{ flex: 1, minHeight: 0 }} data-testid="scripts-panel">
      <Paper withBorder w={420} style={{ flexShrink: 0 }}>
        <ScrollArea h="100%" type="auto">
          {scripts.data?.length === 0 && (
            <Text size="sm" c="dimmed" p="sm">
              {t('scripts.none')}
            </Text>
          )}
          {scripts.data?.map((s) => (
            <NavLink
              key={s.id}
              data-testid="script-item"
              active={s.id === selected}
              variant="light"
              leftSection={<IconRoute size={16} aria-hidden />}
              label={s.title}
              onClick={() => setSelected(s.id)}
            />
          ))}
        </ScrollArea>
      </Paper>
      <div style={{ flex: 1, minWidth: 0 }}>
        {selected ? (
          <ScriptRunner id={selected} />
        ) : (
          <Text c="dimmed" size="sm" p="md">
            {t('scripts.pick')}
          </Text>
        )}
      </div>
    </Group>
  );
}
