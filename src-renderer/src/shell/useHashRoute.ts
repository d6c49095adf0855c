import { useCallback, useSyncExternalStore } from 'react';
import { isScreenId, type ScreenId } from './screens.js';

export interface Route {
  screen: ScreenId;
  /** The part after the screen, e.g. `security` in `#/settings/security`: a tab or section. */
  section: string | undefined;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function parse(hash: string): Route {
  const [screen = '', section] = hash.replace(/^#\/?/, '').split('/');
  return { screen: isScreenId(screen) ? screen : 'home', section: section || undefined };
}

/**
 * Hash routing without a router library: eight screens and a section each do not need one, and the
 * hash works the same from file:// in Electron and from the local server.
 */
export function useHashRoute(): [Route, (screen: ScreenId, section?: string) => void] {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  const navigate = useCallback((screen: ScreenId, section?: string) => {
    window.location.hash = section ? `#/${screen}/${section}` : `#/${screen}`;
  }, []);
  return [parse(hash), navigate];
}
