// A calm, dense look for eight-hour shifts: muted blue accent, system fonts (Cyrillic-complete on
// every OS, nothing to download), small radii, compact controls, the focus ring only for keyboards.
import { createTheme, type MantineColorsTuple } from '@mantine/core';

const pult: MantineColorsTuple = [
  '#e9f3fb', '#d5e4f3', '#a8c7e6', '#78a9da', '#518fcf', '#387fc9', '#2a77c7', '#1c65b0', '#115a9e', '#004d8c',
];

export const theme = createTheme({
  primaryColor: 'pult',
  colors: { pult },
  primaryShade: { light: 7, dark: 5 },
  defaultRadius: 'sm',
  focusRing: 'auto',
  cursorType: 'pointer',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace',
  fontSizes: { xs: '0.75rem', sm: '0.8125rem', md: '0.875rem', lg: '1rem', xl: '1.125rem' },
  headings: { fontWeight: '600', sizes: { h1: { fontSize: '1.375rem', lineHeight: '1.3' }, h2: { fontSize: '1.0625rem', lineHeight: '1.35' } } },
});
