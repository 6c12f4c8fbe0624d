// The main layout's sections, in navigation order; Alt+1…6 follow this order.
export const SECTION_IDS = ['inbox', 'phone', 'kb', 'customers', 'quality', 'settings'] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export function isSectionId(s: string): s is SectionId {
  return (SECTION_IDS as readonly string[]).includes(s);
}
