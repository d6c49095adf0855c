/**
 * The desktop host's trust rules as pure functions, so every rule is unit-tested without Electron.
 * The effects (opening a browser, answering IPC) are passed in by the callers.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'keydesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Sent with every renderer response. Scripts only from our own bundle; inline styles are allowed
 * because antd injects them at runtime. `connect-src 'self'` keeps a compromised page from posting
 * card secrets anywhere: the renderer talks to the core over IPC, never the network.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function parse(raw: unknown): URL | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

/**
 * What `shell.openExternal` may be given: a web page and nothing else. Any other scheme hands the
 * string to the OS (file:, smb: and custom handlers can run programs or leak NTLM hashes), and
 * `user:pass@host` is the classic way to disguise where a link really goes.
 */
export function isSafeExternalUrl(raw: unknown): boolean {
  const url = parse(raw);
  if (!url) return false;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username !== '' || url.password !== '') return false;
  return url.hostname !== '';
}

/**
 * Whether a URL belongs to our own renderer: `app://keydesk/…`, or, when running under the
 * electron-vite dev server, exactly that server's origin. Used both for IPC senders and for
 * navigation, so the two can never disagree.
 */
export function isAppUrl(raw: unknown, devServerUrl?: string): boolean {
  const url = parse(raw);
  if (!url || url.username !== '' || url.password !== '') return false;
  // Node's URL gives custom schemes an opaque "null" origin, so compare scheme and host instead.
  if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
  if (devServerUrl === undefined) return false;
  const dev = parse(devServerUrl);
  return dev !== undefined && dev.origin !== 'null' && url.origin === dev.origin;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The electron-vite dev server URL (ELECTRON_RENDERER_URL), if it is one: a packaged app never
 * trusts one, and an unpackaged one only on loopback, so a stray environment variable cannot make
 * a remote page "ours".
 */
export function devServerUrlFrom(raw: string | undefined, isPackaged: boolean): string | undefined {
  if (isPackaged || raw === undefined) return undefined;
  const url = parse(raw);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  return url.origin;
}

/** An IPC sender is trusted only when the frame that sent it shows our own renderer. */
export function isTrustedSender(frameUrl: unknown, devServerUrl?: string): boolean {
  return isAppUrl(frameUrl, devServerUrl);
}
