// The canned-response picker: a search field and the matching responses, filtered as you type
// (ё as е), ↑/↓ to move, Enter to take one, Escape to go back to the reply. Each shows its title
// and its text with the variables already filled, so the operator sees what the customer will get.
import { useEffect, useRef, useState } from 'react';
import { Badge, Group, Paper, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CannedResponse } from '../../../../contract/domain/canned-response.ts';
import { fillVariables, type CannedValues } from './canned-variables.ts';
import { matchCanned } from './composer-canned.ts';

export interface CannedResponsePickerProps {
  responses: readonly CannedResponse[];
  values: CannedValues;
  initialQuery?: string;
  onPick(response: CannedResponse): void;
  onClose(): void;
}

export function CannedResponsePicker({ responses, values, initialQuery = '', onPick, onClose }: CannedResponsePickerProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState(initialQuery);
  const [active, setActive] = useState(0);
  const list = matchCanned(responses, query);
  const at = Math.min(active, Math.max(0, list.length - 1));
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${at}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [at]);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive(Math.min(at + 1, list.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(Math.max(at - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const pick = list[at];
      if (pick) onPick(pick);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  };
  return (
    <Paper withBorder shadow="sm" p={6} data-testid="canned-picker">
      <TextInput
        autoFocus
        size="xs"
        leftSection={<IconSearch size={14} aria-hidden />}
        placeholder={t('composer.canned.search')}
        aria-label={t('composer.canned.search')}
        value={query}
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-expanded
        aria-controls="canned-picker-list"
        aria-activedescendant={list[at] ? `canned-${list[at].id}` : undefined}
        data-testid="canned-search"
      />
      <Text size="xs" c="dimmed" mt={4}>{t('composer.canned.keys')}</Text>
      <ScrollArea.Autosize mah={260} mt={4} type="auto">
        <Stack gap={2} id="canned-picker-list" role="listbox" aria-label={t('composer.canned.title')} ref={listRef}>
          {list.length === 0 && <Text size="sm" c="dimmed" p={6}>{t('composer.canned.none')}</Text>}
          {list.map((c, i) => (
            <UnstyledButton
              key={c.id}
              id={`canned-${c.id}`}
              role="option"
              aria-selected={i === at}
              data-index={i}
              data-testid="canned-option"
              data-id={c.id}
              onMouseEnter={() => setActive(i)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => onPick(c)}
              p={6}
              style={{ borderRadius: 4, background: i === at ? 'var(--mantine-color-blue-light)' : undefined }}
            >
              <Group gap={6} wrap="nowrap">
                <Text size="sm" fw={600}>{c.title}</Text>
                <Badge size="xs" variant="outline" color="gray">{c.language.toUpperCase()}</Badge>
                {c.kind === 'whatsapp_template' && <Badge size="xs" variant="light" color="green">{t('composer.canned.template')}</Badge>}
              </Group>
              <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>{fillVariables(c.body, values).text}</Text>
            </UnstyledButton>
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Paper>
  );
}
