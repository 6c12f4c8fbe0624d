// The virtual list's scroller size from a ResizeObserver alone. The library's default also reads
// getBoundingClientRect when the list mounts, which forces a layout of the whole new section in the
// middle of React's commit (16 ms when the Inbox opened, measured); the observer reports the size
// after the browser's own layout of that frame, and `initialRect` covers the draw before it.
import type { Virtualizer } from '@tanstack/react-virtual';

export function observeScrollerSize(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: { width: number; height: number }) => void): (() => void) | undefined {
  const element = instance.scrollElement;
  if (!element || typeof ResizeObserver === 'undefined') return undefined;
  const observer = new ResizeObserver((entries) => {
    const box = entries[entries.length - 1]?.contentRect;
    if (box) cb({ width: Math.round(box.width), height: Math.round(box.height) });
  });
  observer.observe(element, { box: 'content-box' });
  return () => observer.disconnect();
}
