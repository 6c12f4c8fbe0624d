// A fax's page file drawn as pictures, one a page, once it scrolls into view: the main process
// brings the file from the server (fax-pages/load-attachment.ts), pdf.js draws a PDF, UTIF decodes a
// TIFF, a PNG/JPEG is shown as it is. Each page carries its number; a click shows it large. A file
// the server does not give, or that cannot be drawn, says so in words in its place.
import { Group, Loader, Modal, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconFileTypePdf, IconPhoto } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageAttachment } from '../../../../contract/domain/conversation.ts';
import { usePult } from '../../api/api-context.tsx';
import { fileSize } from './AttachmentList.tsx';
import { AttachmentRefused, loadAttachment } from './fax-pages/load-attachment.ts';
import type { PageImage } from './fax-pages/page-image.ts';

/** Pixels across a drawn page: sharp when shown large, scaled down in the thread. */
const PAGE_WIDTH = 1240;

type State =
  | { kind: 'waiting' }
  | { kind: 'loading'; pages: PageImage[] }
  | { kind: 'done'; pages: PageImage[]; total: number }
  | { kind: 'failed'; pages: PageImage[]; error: string };

async function* drawPages(file: Awaited<ReturnType<typeof loadAttachment>>, signal: AbortSignal): AsyncGenerator<PageImage, number> {
  if (file.type === 'application/pdf') return yield* (await import('./fax-pages/pdf-pages.ts')).pdfPages(file.bytes, PAGE_WIDTH, signal);
  if (file.type === 'image/tiff') return yield* (await import('./fax-pages/tiff-pages.ts')).tiffPages(file.bytes, signal);
  const url = URL.createObjectURL(new Blob([file.bytes], { type: file.type }));
  const img = new Image();
  img.src = url;
  try {
    await img.decode();
  } catch (e) {
    URL.revokeObjectURL(url);
    throw e;
  }
  yield { url, width: img.naturalWidth, height: img.naturalHeight };
  return 1;
}

export function FaxPageFile({ file, index }: { file: MessageAttachment; index: number }) {
  const { t, i18n } = useTranslation();
  const api = usePult();
  const box = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  const [state, setState] = useState<State>({ kind: 'waiting' });
  const [large, setLarge] = useState<number | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el || visible) return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setVisible(true);
    }, { rootMargin: '200px' });
    io.observe(el);
    return () => io.disconnect();
  }, [visible]);

  useEffect(() => {
    if (!visible || file.refused) return;
    const abort = new AbortController();
    const pages: PageImage[] = [];
    void (async () => {
      setState({ kind: 'loading', pages: [] });
      try {
        const loaded = await loadAttachment(api, file.id, abort.signal);
        const drawing = drawPages(loaded, abort.signal);
        for (;;) {
          const next = await drawing.next();
          if (abort.signal.aborted) {
            if (!next.done) URL.revokeObjectURL(next.value.url);
            return;
          }
          if (next.done) {
            if (pages.length === 0) throw new Error('no pages');
            setState({ kind: 'done', pages: [...pages], total: next.value });
            return;
          }
          pages.push(next.value);
          setState({ kind: 'loading', pages: [...pages] });
        }
      } catch (e) {
        if (abort.signal.aborted) return;
        const error = e instanceof AttachmentRefused ? t(`inbox.fax.refused.${e.reason}`) : t(pages.length ? 'inbox.fax.brokenAfter' : 'inbox.fax.broken', { n: pages.length });
        setState({ kind: 'failed', pages: [...pages], error });
      }
    })();
    return () => {
      abort.abort();
      for (const p of pages) URL.revokeObjectURL(p.url);
    };
  }, [visible, api, file.id, file.refused, t]);

  const Icon = file.mimeType === 'application/pdf' ? IconFileTypePdf : IconPhoto;
  const pages = state.kind === 'waiting' ? [] : state.pages;
  const shown = large === null ? undefined : pages[large];
  return (
    <Stack gap={4} ref={box} data-testid="fax-file" data-state={state.kind} data-pages={pages.length}>
      <Group gap={6} wrap="nowrap">
        <Icon size={18} stroke={1.4} aria-hidden />
        <Text size="xs" truncate>{t('inbox.fax.file', { n: index + 1, name: file.fileName })}</Text>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{fileSize(file.size, i18n.language)}</Text>
        {state.kind === 'done' && state.total > pages.length && (
          <Text size="xs" c="dimmed" data-testid="fax-pages-cut">{t('inbox.fax.pagesCut', { shown: pages.length, total: state.total })}</Text>
        )}
      </Group>
      {file.refused ? (
        <Text size="xs" c="dimmed" data-testid="fax-file-error">{t(`inbox.attachments.refused.${file.refused}`)}</Text>
      ) : (
        <Group gap="sm" align="flex-start">
          {pages.map((p, i) => (
            <UnstyledButton key={p.url} className="pult-fax-page" onClick={() => setLarge(i)} data-testid="fax-page" aria-label={t('inbox.fax.enlarge', { n: i + 1 })}>
              <img src={p.url} alt={t('inbox.fax.page', { n: i + 1 })} width={p.width} height={p.height} data-testid="fax-page-image" />
              <Text size="xs" ta="center" data-testid="fax-page-number">{state.kind === 'done' ? t('inbox.fax.pageOf', { n: i + 1, count: pages.length }) : t('inbox.fax.page', { n: i + 1 })}</Text>
            </UnstyledButton>
          ))}
          {(state.kind === 'loading' || state.kind === 'waiting') && (
            <Group gap={6} className="pult-fax-page-pending" data-testid="fax-pages-loading">
              <Loader size="xs" />
              <Text size="xs" c="dimmed">{t('inbox.fax.loading')}</Text>
            </Group>
          )}
        </Group>
      )}
      {state.kind === 'failed' && (
        <Group gap={6} wrap="nowrap" data-testid="fax-file-error">
          <IconAlertTriangle size={16} stroke={1.5} color="var(--mantine-color-orange-7)" aria-hidden />
          <Text size="xs" c="orange.8">{state.error}</Text>
        </Group>
      )}
      <Modal opened={!!shown} onClose={() => setLarge(null)} size="auto" centered title={large === null ? '' : t('inbox.fax.pageOf', { n: large + 1, count: pages.length })}>
        {shown && <img src={shown.url} alt={t('inbox.fax.page', { n: (large ?? 0) + 1 })} className="pult-fax-page-large" data-testid="fax-page-large" />}
      </Modal>
    </Stack>
  );
}
