// The colours of a small badge-like chip from Mantine's theme variables, the way its Badge paints
// its light, filled, outline and dot variants, for rows drawn with plain elements.
import type { CSSProperties } from 'react';

export type ChipVariant = 'light' | 'filled' | 'outline' | 'dot';

const cache = new Map<string, CSSProperties>();

export function chipStyle(color: string, variant: ChipVariant): CSSProperties {
  const key = `${color}|${variant}`;
  let style = cache.get(key);
  if (!style) {
    const c = `--mantine-color-${color}`;
    style =
      variant === 'filled' ? { background: `var(${c}-filled)`, color: 'var(--mantine-color-white)' }
      : variant === 'light' ? { background: `var(${c}-light)`, color: `var(${c}-light-color)` }
      : variant === 'outline' ? { border: `1px solid var(${c}-outline)`, color: `var(${c}-outline)` }
      : { border: '1px solid var(--mantine-color-default-border)', ['--pult-chip-dot' as string]: `var(${c}-filled)` };
    cache.set(key, style);
  }
  return style;
}
