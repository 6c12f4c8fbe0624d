// The virtual list's scroll writes, less its first one when that asks for the top: the library
// writes the current offset once the list mounts, and a new scroller is at the top already; the
// write forced a layout of the whole new section in the middle of React's commit (22 ms when the
// Inbox opened, measured). One per list instance (the list is remade with each new filter).
import { elementScroll, type Virtualizer } from '@tanstack/react-virtual';

type ScrollToFn = (offset: number, options: { adjustments?: number; behavior?: ScrollBehavior }, instance: Virtualizer<HTMLDivElement, Element>) => void;

export function scrollWithoutFirstWrite(): ScrollToFn {
  let first = true;
  return (offset, options, instance) => {
    const skip = first && offset === 0 && !options.adjustments;
    first = false;
    if (!skip) elementScroll(offset, options, instance);
  };
}
