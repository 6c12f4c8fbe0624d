// Told once per session, until the operator closes it: this PC could not decrypt its local copy
// (the key the OS kept was lost), so the copy was made anew and unsent changes are gone. It stays
// after the first sync ends — a quick one would otherwise hide it before anyone read it.
import { Alert } from '@mantine/core';
import { IconLockExclamation } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSyncStatus } from '../api/hooks.ts';

export function ReplicaRecreatedNotice() {
  const { t } = useTranslation();
  const status = useSyncStatus();
  const [closed, setClosed] = useState(false);
  if (!status.data?.replicaRecreated || closed) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      mb="md"
      icon={<IconLockExclamation size={20} />}
      title={t('sync.replicaRecreated.title')}
      withCloseButton
      closeButtonLabel={t('sync.replicaRecreated.close')}
      onClose={() => setClosed(true)}
      data-testid="replica-recreated"
      role="alert"
    >
      {t('sync.replicaRecreated.body')}
    </Alert>
  );
}
