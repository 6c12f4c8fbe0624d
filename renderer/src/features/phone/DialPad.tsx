// Twelve keys of a telephone keypad: typing into the dial field, or DTMF during a call.
import { Button, SimpleGrid } from '@mantine/core';

export const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

export function DialPad({ onKey, testId, disabled }: { onKey: (key: string) => void; testId: string; disabled?: boolean }) {
  return (
    <SimpleGrid cols={3} spacing={6} verticalSpacing={6} data-testid={testId} maw={240}>
      {KEYS.map((k) => (
        <Button key={k} variant="default" size="md" disabled={disabled} onClick={() => onKey(k)} data-key={k} aria-label={k} styles={{ label: { fontSize: 18, fontVariantNumeric: 'tabular-nums' } }}>
          {k}
        </Button>
      ))}
    </SimpleGrid>
  );
}
