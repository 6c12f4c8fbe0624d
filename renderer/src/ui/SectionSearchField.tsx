// The search field at the top of a section (knowledge base, customers): large, focused when the
// section opens (data-section-focus), a spinner while results load, ↓/↑/Enter passed to the list.
import { Loader, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';

export interface SectionSearchFieldProps {
  testId: string;
  label: string;
  placeholder: string;
  value: string;
  fetching: boolean;
  maxLength?: number;
  onChange(value: string): void;
  onKeyDown(e: React.KeyboardEvent): void;
}

export function SectionSearchField(p: SectionSearchFieldProps) {
  return (
    <TextInput
      data-testid={p.testId}
      data-section-focus
      size="md"
      maxLength={p.maxLength}
      placeholder={p.placeholder}
      aria-label={p.label}
      leftSection={<IconSearch size={18} aria-hidden />}
      rightSection={p.fetching ? <Loader size="xs" /> : null}
      value={p.value}
      onChange={(e) => p.onChange(e.currentTarget.value)}
      onKeyDown={p.onKeyDown}
    />
  );
}
