// A conversation opened from the customer card, beside it: the thread and the note composer.
import { Drawer } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ConversationThread } from './ConversationThread.tsx';

export function ConversationDrawer({ id, title, onClose }: { id: string | null; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer opened={id !== null} onClose={onClose} position="right" size="lg" title={title || t('conversations.title')} closeButtonProps={{ 'aria-label': t('conversations.close') }}>
      {id && <ConversationThread id={id} />}
    </Drawer>
  );
}
