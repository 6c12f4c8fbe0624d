// The current section lives in the URL hash (#/kb), so reloads and Electron's file:// both keep it
// without a router or host-side routes.
import { useCallback, useSyncExternalStore } from 'react';
import { isSectionId, type SectionId } from './sections.ts';

function read(): SectionId {
  const id = location.hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return isSectionId(id) ? id : 'inbox';
}

function subscribe(cb: () => void) {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useSection(): [SectionId, (id: SectionId) => void] {
  const section = useSyncExternalStore(subscribe, read);
  const go = useCallback((id: SectionId) => {
    if (read() !== id) location.hash = `/${id}`;
  }, []);
  return [section, go];
}
