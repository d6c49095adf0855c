// Shared by the RPA engine tests: a tiny portal on node:http, a real Chromium, an engine in a temp folder.
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach } from 'vitest';
import { systemClock } from '../../../src-main/core/clock.js';
import { RpaEngine, type RpaEngineOptions } from '../../../src-main/core/rpa/engine.js';
import type { Flow, PortalAccount, Step } from '../../../src-main/core/rpa/types.js';
import { tempDir } from '../../helpers/core.js';

/** Debian's chromium (or KEYDESK_CHROMIUM); on a fresh machine apt may still be installing it. */
export async function chromiumPath(): Promise<string> {
  const path = process.env['KEYDESK_CHROMIUM'] ?? '/usr/bin/chromium';
  for (let waited = 0; !existsSync(path); waited += 2000) {
    if (waited > 100_000) throw new Error(`no Chromium at ${path}: install it or set KEYDESK_CHROMIUM`);
    await new Promise((r) => setTimeout(r, 2000));
  }
  return path;
}

const page = (title: string, body: string) => `<!doctype html><meta charset="utf-8"><title>${title}</title><body>${body}</body>`;

function route(req: IncomingMessage, res: ServerResponse, body: string): void {
  const url = new URL(req.url ?? '/', 'http://portal');
  res.setHeader('content-type', 'text/html; charset=utf-8');
  switch (url.pathname) {
    case '/':
      res.end(page('演示网站', '<h1>首页</h1><a id="go" href="/form">去充值</a>'));
      return;
    case '/form':
      res.end(
        page(
          '充值',
          '<form method="post" action="/done"><input id="account" name="account"><input id="password" name="password" type="password"><button id="submit">充值</button></form>',
        ),
      );
      return;
    case '/done':
      res.end(page('结果', `<h1 id="result">充值成功</h1><p id="order">KD-${body.length}</p>`));
      return;
    case '/login':
      // Max-Age makes it a persistent cookie, kept in the profile between browser runs.
      res.setHeader('set-cookie', `sid=${url.searchParams.get('sid') ?? 'abc'}; Max-Age=86400; Path=/`);
      res.end(page('登录', '<p id="state">已登录</p>'));
      return;
    case '/whoami':
      res.end(page('我的', `<p id="who">${req.headers.cookie ?? '未登录'}</p>`));
      return;
    default:
      res.statusCode = 404;
      res.end(page('404', '<h1>页面不存在</h1>'));
  }
}

export interface Portal {
  url: string;
  close(): Promise<void>;
}

export async function startPortal(): Promise<Portal> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => route(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export interface TestEngine {
  engine: RpaEngine;
  root: string;
  evidenceRoot: string;
  profilesRoot: string;
  /** Every line the engine logged. */
  logLines: string[];
}

const engines: RpaEngine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()));
});

export async function testEngine(options: Partial<RpaEngineOptions> = {}): Promise<TestEngine> {
  const root = tempDir('keydesk-rpa-');
  const logLines: string[] = [];
  const engine = new RpaEngine({
    evidenceRoot: join(root, 'evidence'),
    profilesRoot: join(root, 'profiles'),
    browser: { executablePath: await chromiumPath() },
    concurrency: 2,
    stepTimeoutMs: 5000,
    retryDelayMs: () => 0,
    takeOverHeadless: true,
    clock: systemClock,
    log: pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) }),
    ...options,
  });
  engines.push(engine);
  return { engine, root, evidenceRoot: join(root, 'evidence'), profilesRoot: join(root, 'profiles'), logLines };
}

export function account(id: string, portalUrl: string, password = 'Pw-not-used'): PortalAccount {
  return { id, portal: 'demo', baseUrl: portalUrl, username: `shop-${id}`, password };
}

/** A flow over `S = Record<string, string>`, output = the state. */
export function flow(name: string, steps: Step<unknown, Record<string, string>>[]): Flow<unknown, Record<string, string>, Record<string, string>> {
  return { name, title: `测试流程 ${name}`, portal: 'demo', initialState: () => ({}), steps, output: (state) => state };
}

export function step(name: string, title: string, run: Step<unknown, Record<string, string>>['run'], timeoutMs?: number): Step<unknown, Record<string, string>> {
  return { name, title, run, ...(timeoutMs !== undefined && { timeoutMs }) };
}
