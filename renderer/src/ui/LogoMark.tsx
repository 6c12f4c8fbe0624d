// Pult's mark: a console with three keys, in the accent colour. Decorative (the name is next to it).
export function LogoMark({ size = 24 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="var(--mantine-primary-color-filled)" />
      <rect x="7" y="8" width="18" height="12" rx="2.5" fill="none" stroke="#fff" strokeWidth="2.2" />
      <circle cx="12" cy="14" r="1.7" fill="#fff" />
      <circle cx="16" cy="14" r="1.7" fill="#fff" />
      <circle cx="20" cy="14" r="1.7" fill="#fff" />
      <path d="M11 24h10" stroke="#fff" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}
