// Puts a letter's remote images in once the operator asked for them: each <img data-pult-remote-src>
// the sanitiser left is fetched by the main process (`mail.remoteImage`; the page's CSP loads
// nothing from outside) and shown from a blob: URL; a refused one says why in its place. One fetch
// per address for the whole session (the same logo in every letter of a thread).
import { useEffect, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { RemoteImage } from '../../../../contract/remote-image-ipc.ts';
import { usePult } from '../../api/api-context.tsx';

const fetched = new Map<string, Promise<RemoteImage | null>>();
const FETCHED_MAX = 200;

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const raw = atob(base64);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

export function useRemoteImages(box: RefObject<HTMLElement | null>, html: string): void {
  const api = usePult();
  const { t } = useTranslation();
  useEffect(() => {
    const root = box.current;
    if (!root) return;
    const urls: string[] = [];
    let live = true;
    for (const img of Array.from(root.querySelectorAll<HTMLImageElement>('img[data-pult-remote-src]'))) {
      const src = img.dataset.pultRemoteSrc ?? '';
      img.dataset.pultRemoteState = 'loading';
      if (!img.alt) img.alt = t('inbox.mail.remoteImage.loading');
      let answer = fetched.get(src);
      if (!answer) {
        if (fetched.size >= FETCHED_MAX) fetched.delete(fetched.keys().next().value!);
        answer = api.invoke('mail.remoteImage', { url: src }).catch(() => null);
        fetched.set(src, answer);
      }
      void answer.then((r) => {
        if (!live) return;
        if (r?.ok) {
          const url = URL.createObjectURL(new Blob([bytesOf(r.base64)], { type: r.type }));
          urls.push(url);
          img.src = url;
          img.dataset.pultRemoteState = 'shown';
        } else {
          img.alt = t(`inbox.mail.remoteImage.refused.${r ? r.reason : 'failed'}`);
          img.title = img.alt;
          img.dataset.pultRemoteState = 'refused';
        }
      });
    }
    return () => {
      live = false;
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, [api, box, html, t]);
}
