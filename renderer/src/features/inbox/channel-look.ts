// Each channel's icon and colour, the same in the list and the conversation's header.
import { IconBrandTelegram, IconBrandWhatsapp, IconMail, IconPhone, IconPrinter, type Icon } from '@tabler/icons-react';
import type { Channel } from '../../../../contract/domain/conversation.ts';

export const CHANNEL_LOOK: Record<Channel, { icon: Icon; color: string }> = {
  phone: { icon: IconPhone, color: 'teal' },
  email: { icon: IconMail, color: 'blue' },
  fax: { icon: IconPrinter, color: 'gray' },
  whatsapp: { icon: IconBrandWhatsapp, color: 'green' },
  telegram: { icon: IconBrandTelegram, color: 'cyan' },
};

export const STATUS_COLOR = { new: 'red', open: 'blue', waiting_customer: 'yellow', resolved: 'gray' } as const;
