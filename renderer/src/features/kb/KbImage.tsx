// A picture inside an article. `kb-image:NAME` pictures come from the replica's cache (fetched from
// the server the first time), so they show offline too; any other source is not loaded at all —
// an article must not make the app call out to the internet.
import { Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconPhotoOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { KB_IMAGE_SCHEME, KbImageName } from '../../../../contract/kb-images.ts';
import { usePult } from '../../api/api-context.tsx';

export function KbImage({ src, alt }: { src?: string; alt?: string }) {
  const { t } = useTranslation();
  const api = usePult();
  const name = src?.startsWith(KB_IMAGE_SCHEME) ? src.slice(KB_IMAGE_SCHEME.length) : null;
  const valid = name !== null && KbImageName.safeParse(name).success;
  const image = useQuery({
    queryKey: ['kb', 'image', name],
    queryFn: () => api.invoke('kb.image', { name: name! }),
    enabled: valid,
    staleTime: Infinity,
  });
  if (valid && image.data) {
    return <img src={image.data.dataUrl} alt={alt ?? ''} style={{ maxWidth: '100%', height: 'auto', display: 'block', margin: '8px 0' }} data-testid="kb-image" />;
  }
  if (valid && image.isPending) return <Text size="xs" c="dimmed">{alt}</Text>;
  return (
    <Text size="xs" c="dimmed" span data-testid="kb-image-missing">
      <IconPhotoOff size={14} aria-hidden style={{ verticalAlign: 'middle' }} /> {alt || t('kb.imageUnavailable')}
      {valid ? '' : ` — ${t('kb.imageExternal')}`}
    </Text>
  );
}

/** react-markdown drops unknown URL schemes; ours must pass (the component above checks it). */
export function kbUrlTransform(url: string): string {
  if (url.startsWith(KB_IMAGE_SCHEME)) return url;
  return /^(https?:|mailto:|tel:|#)/i.test(url) ? url : '';
}
