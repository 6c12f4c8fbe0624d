// A tel:, sip: or callto: link clicked in another program reaches the app (the OS hands it to Pult):
// it never dials by itself — the operator sees the number and confirms, or cancels.
import { useEffect, useState } from 'react';
import { Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProtocolLink } from '../../../../contract/ipc.ts';
import { usePult } from '../../api/api-context.tsx';
import { dialTarget } from '../../sip/dial-target.ts';
import { callNumberText } from './call-format.ts';
import type { PhoneStore } from './phone-store.ts';

/** tel:+7 495 …, sip:1001@pbx, callto:84956428585 → what the dial field would take. */
export function linkTarget(link: ProtocolLink): string {
  const raw = decodeURIComponent(link.target).replace(/^(tel|sip|callto):(\/\/)?/i, '');
  return link.scheme === 'sip' ? raw.split(/[;?]/)[0]!.split('@')[0]! : raw.split(/[;?]/)[0]!;
}

export function ProtocolLinkConfirm({ store, onDialled }: { store: PhoneStore; onDialled: () => void }) {
  const { t } = useTranslation();
  const api = usePult();
  const [link, setLink] = useState<ProtocolLink | null>(null);
  useEffect(() => api.on('protocol.link', setLink), [api]);
  const target = link ? linkTarget(link) : '';
  const valid = Boolean(target && dialTarget(target));
  return (
    <Modal opened={link !== null} onClose={() => setLink(null)} title={t('phone.link.title')} centered>
      <Text size="sm" mb="md" data-testid="protocol-link-number">
        {valid ? t('phone.link.question', { number: callNumberText(target) }) : t('phone.link.invalid', { target: link?.target ?? '' })}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={() => setLink(null)}>{t('phone.link.cancel')}</Button>
        <Button
          color="teal"
          disabled={!valid}
          data-testid="protocol-link-call"
          onClick={() => {
            setLink(null);
            try {
              store.dial(target);
              onDialled();
            } catch {
              /* dialTarget accepted it; a softphone not set up says so in the Phone section */
              onDialled();
            }
          }}
        >
          {t('phone.link.call')}
        </Button>
      </Group>
    </Modal>
  );
}
