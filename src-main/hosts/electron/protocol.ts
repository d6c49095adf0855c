import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Protocol } from 'electron';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security.js';

/**
 * The renderer is served from `app://keydesk/` rather than file://, so it has a real origin the IPC
 * sender check and the CSP can name, and file:// pages cannot read the rest of the disk.
 * Must run before the app's `ready` event.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export interface RendererTarget {
  /** The file the URL names, inside the renderer folder. */
  file: string;
  /** index.html for client-side routes (extensionless paths), served when `file` does not exist. */
  fallback?: string;
}

const URL_SHAPE = new RegExp(`^${APP_SCHEME}://${APP_HOST}(/[^?#]*)?(?:[?#].*)?$`);

/**
 * Maps a request URL to a file under `rendererDir`, or undefined (404) for anything that tries to
 * leave it. Chromium normalises `..` before we see the URL, but not `..%2f` or `%5c`, so the raw
 * path is decoded and checked segment by segment, and the result is checked to still be inside.
 */
export function resolveRendererPath(rendererDir: string, requestUrl: string): RendererTarget | undefined {
  const match = URL_SHAPE.exec(requestUrl);
  if (!match) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(match[1] ?? '/');
  } catch {
    return undefined;
  }
  if (path === '/') path = '/index.html';
  if (path.includes('\0') || path.includes('\\')) return undefined;
  const segments = path.slice(1).split('/');
  // Empty segments ('//etc'), dot segments and drive letters ('C:') are never part of a built asset.
  if (segments.some((s) => s === '' || s === '.' || s === '..' || /^[a-z]:/i.test(s))) return undefined;
  const root = resolve(rendererDir);
  const file = resolve(root, ...segments);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || !file.startsWith(root + sep)) return undefined;
  const last = segments[segments.length - 1] ?? '';
  return extname(last) === '' ? { file, fallback: resolve(root, 'index.html') } : { file };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

// On every response, errors included, so no page from this origin ever runs without the policy.
const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
};

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

type ReadFile = (path: string) => Promise<Uint8Array>;

async function readOrUndefined(read: ReadFile, path: string): Promise<Uint8Array | undefined> {
  try {
    return await read(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return undefined;
    throw err;
  }
}

/** The `app:` handler; `read` is injectable so tests can serve a temp folder or count reads. */
export function createRendererHandler(rendererDir: string, read: ReadFile = readFile) {
  return async (request: Pick<Request, 'url' | 'method'>): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: SECURITY_HEADERS });
    }
    const target = resolveRendererPath(rendererDir, request.url);
    if (!target) return notFound();
    let file = target.file;
    let body = await readOrUndefined(read, file);
    if (!body && target.fallback) {
      file = target.fallback;
      body = await readOrUndefined(read, file);
    }
    if (!body) return notFound();
    // A copy typed over a plain ArrayBuffer, which is what Response accepts.
    const payload = request.method === 'HEAD' ? null : new Uint8Array(body);
    return new Response(payload, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(file) } });
  };
}

export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createRendererHandler(rendererDir));
}
