// The current section lives in the URL hash (#/kb), so reloads and Electron's file:// both keep it
// without a router or host-side routes.
import { useEffect, useState } from 'react';
import { isSectionId, type SectionId } from './sections.ts';

/** The section the URL names now (what the next draw will show). */
export function currentSection(): SectionId {
  const id = location.hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return isSectionId(id) ? id : 'inbox';
}

const followers = new Set<() => void>();

// pushState, not `location.hash =`: the hash assignment waits for its hashchange event (a task of
// its own, 10–15 ms later when the Inbox was measured); the sections in view are told at once.
const goTo = (id: SectionId) => {
  if (currentSection() === id) return;
  history.pushState(history.state, '', `#/${id}`);
  for (const follow of followers) follow();
};

/** Moving to a section, for components that do not show which one is current (no re-render on a change). */
export const useGoToSection = (): ((id: SectionId) => void) => goTo;

export function useSection(): [SectionId, (id: SectionId) => void] {
  const [section, setSection] = useState(currentSection);
  useEffect(() => {
    const follow = () => setSection(currentSection());
    // Typed into the address bar, or Back and Forward.
    window.addEventListener('hashchange', follow);
    window.addEventListener('popstate', follow);
    followers.add(follow);
    follow(); // a change between the first draw and this subscription
    return () => {
      window.removeEventListener('hashchange', follow);
      window.removeEventListener('popstate', follow);
      followers.delete(follow);
    };
  }, []);
  return [section, goTo];
}
