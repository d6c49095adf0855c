import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { ServerResponse } from 'node:http';
import { BASE_HEADERS, CSP } from './http-util.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Resolves a URL path inside `root`, or undefined for anything that would step outside it. */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.split(/[/\\]/).includes('..')) return undefined;
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  const full = join(root, relative || 'index.html');
  return full === root || full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : undefined;
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>卡密工作台</title>
<p style="font:16px sans-serif;margin:3em">界面尚未构建。请在项目目录运行 <code>npm run build</code>，然后重新启动 <code>keydesk serve</code>。</p>`;

export async function serveStatic(res: ServerResponse, root: string, urlPath: string): Promise<void> {
  const headers = { ...BASE_HEADERS, 'content-security-policy': CSP };
  let file = resolveStaticPath(root, urlPath);
  if (!file) {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    res.end('未找到');
    return;
  }
  // Extensionless paths are screens of the single-page app.
  if (!extname(file)) file = join(root, 'index.html');
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
    const body = await readFile(file);
    const cache = file.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable';
    res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': cache });
    res.end(body);
  } catch {
    if (file.endsWith('index.html')) {
      res.writeHead(503, { ...headers, 'content-type': 'text/html; charset=utf-8' });
      res.end(NOT_BUILT);
      return;
    }
    res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    res.end('未找到');
  }
}
