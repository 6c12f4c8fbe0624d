// One click switches ru ↔ en; the choice goes to settings (settings.update), so it is remembered.
// The button names the other language in that language, so it is found by someone who cannot read
// the current one.
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSettings, useUpdateSettings } from '../api/hooks.ts';
import { errorMessage } from '../i18n/error-message.ts';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const settings = useSettings();
  const update = useUpdateSettings();
  const current = settings.data?.language ?? (i18n.language === 'en' ? 'en' : 'ru');
  const next = current === 'ru' ? 'en' : 'ru';
  return (
    <Button
      data-testid="language-switch"
      variant="subtle"
      color="gray"
      size="compact-sm"
      leftSection={<IconLanguage size={16} stroke={1.6} aria-hidden />}
      lang={next}
      aria-label={t('language.switchAria')}
      title={t('language.switchAria')}
      onClick={() =>
        update.mutate(
          { language: next },
          { onError: (e) => notifications.show({ color: 'red', title: t('settings.saveFailed'), message: errorMessage(t, e) }) },
        )
      }
    >
      {t('language.switchLabel')}
    </Button>
  );
}
