import { IconAddressBook, IconBook2, IconChecklist, IconInbox, IconPhone, IconSettings, type Icon } from '@tabler/icons-react';
import type { SectionId } from './sections.ts';

export const SECTION_ICONS: Record<SectionId, Icon> = {
  inbox: IconInbox,
  phone: IconPhone,
  kb: IconBook2,
  customers: IconAddressBook,
  quality: IconChecklist,
  settings: IconSettings,
};
