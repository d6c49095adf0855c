const STORAGE_KEY = 'keydesk.token';

/** Every /api request carries the token in this header; a cookie alone would let other pages ride along. */
export const TOKEN_HEADER = 'x-keydesk-token';

/**
 * The server prints `http://127.0.0.1:P/?token=…`. Read the token once, keep it for this tab only
 * (sessionStorage survives a reload but not a closed tab), and take it out of the address bar so it
 * does not end up in screenshots, history or bookmarks.
 */
export function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    const search = url.searchParams.toString();
    window.history.replaceState(window.history.state, '', `${url.pathname}${search ? `?${search}` : ''}${url.hash}`);
    return fromUrl;
  }
  return sessionStorage.getItem(STORAGE_KEY);
}

/** After the server refused the token (it was restarted with a new one), stop reusing it. */
export function forgetToken(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
