// An e-mail's HTML, sanitised (sanitize-email-html.ts) before it touches the DOM. Remote images stay
// placeholders until the operator clicks "show images" for this letter, then come through the main
// process (use-remote-images.ts); a click on a link opens nothing (the app is no browser): its
// address is shown instead, to copy if it is needed.
import { useMemo, useRef, useState, type MouseEvent } from 'react';
import { Alert, Button, Group, Text } from '@mantine/core';
import { IconPhotoOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { createEmailSanitizer } from './sanitize-email-html.ts';
import { useRemoteImages } from './use-remote-images.ts';

let sanitizer: ReturnType<typeof createEmailSanitizer> | null = null;
const sanitize: ReturnType<typeof createEmailSanitizer> = (html, options) => (sanitizer ??= createEmailSanitizer(window))(html, options);

export function SafeEmailHtml({ html }: { html: string }) {
  const { t } = useTranslation();
  const [allowImages, setAllowImages] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  const quoteLabel = t('inbox.mail.showQuote');
  const imageLabel = t('inbox.mail.imagePlaceholder');
  const clean = useMemo(() => sanitize(html, { allowImages, quoteLabel, imageLabel }), [html, allowImages, quoteLabel, imageLabel]);
  const box = useRef<HTMLDivElement>(null);
  useRemoteImages(box, clean.html);
  const stopLinks = (e: MouseEvent<HTMLDivElement>) => {
    const a = (e.target as Element).closest('a, area');
    if (!a) return;
    e.preventDefault();
    setLink(a.getAttribute('href'));
  };
  return (
    <div>
      {clean.blockedImages > 0 && !allowImages && (
        <Group gap="xs" mb={6} className="pult-mail-images" data-testid="mail-images-blocked" wrap="nowrap">
          <IconPhotoOff size={16} aria-hidden />
          <Text size="xs" c="dimmed" style={{ flex: 1 }}>
            {t('inbox.mail.imagesBlocked', { count: clean.blockedImages })}
          </Text>
          <Button size="compact-xs" variant="light" onClick={() => setAllowImages(true)} data-testid="mail-show-images">
            {t('inbox.mail.showImages')}
          </Button>
        </Group>
      )}
      <div
        ref={box}
        className="pult-mail-html"
        data-testid="mail-html"
        onClick={stopLinks}
        onAuxClick={stopLinks}
        // Sanitised just above by DOMPurify with our policy; this is the one place HTML from outside is shown.
        dangerouslySetInnerHTML={{ __html: clean.html }}
      />
      {link !== null && (
        <Alert mt={6} variant="light" color="gray" withCloseButton onClose={() => setLink(null)} data-testid="mail-link-blocked" closeButtonLabel={t('conversations.close')}>
          <Text size="xs" style={{ overflowWrap: 'anywhere' }}>{t('inbox.mail.linkBlocked', { url: link || '—' })}</Text>
        </Alert>
      )}
    </div>
  );
}
