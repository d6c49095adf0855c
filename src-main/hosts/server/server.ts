import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import {
  methods, isMethodName, DEFAULT_MAX_BODY_BYTES, KeyDeskError, errorBody,
} from '../../../src-shared/contract/index.js';
import type { Core } from '../../core/index.js';
import { readJsonBody, sendError, sendJson, statusFor, tokenMatches, BASE_HEADERS } from './http-util.js';
import { serveStatic } from './static-files.js';
import { receiveUpload, sendDownload } from './file-routes.js';
import { PUSH_PATH, SITE_VERIFY_PATH, SUPPLIER_CALLBACK_PATH, receiveCallback, receivePush, receiveSiteVerify } from './push-route.js';

export interface ServerOptions {
  core: Core;
  token: string;
  rendererDir: string;
  port?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const TOKEN_HEADER = 'x-keydesk-token';
const LOOPBACK = '127.0.0.1';

/**
 * The browser host: the core's contract over HTTP on loopback only. Every /api request needs the token
 * in a header (a cookie alone would let any page the user visits ride along), and the Host header must
 * be ours so a DNS-rebinding page cannot reach us under another name.
 */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const sse = new Set<ServerResponse>();
  let port = 0;
  const unsubscribe = opts.core.onEvent((message) => {
    const frame = `data: ${JSON.stringify(message)}\n\n`;
    for (const res of sse) res.write(frame);
  });

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      opts.core.services.log.error({ err: (err as Error).message, url: req.url }, 'server: request failed');
      if (!res.headersSent) sendError(res, 'INTERNAL');
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}`);
    if (!isOurHost(req.headers.host, port)) {
      res.writeHead(421, BASE_HEADERS);
      res.end();
      return;
    }
    const push = PUSH_PATH.exec(url.pathname);
    if (push) return receivePush(opts.core, req, res, url, push);
    const callback = SUPPLIER_CALLBACK_PATH.exec(url.pathname);
    if (callback) return receiveCallback(opts.core, req, res, url, callback);
    const siteVerify = SITE_VERIFY_PATH.exec(url.pathname);
    if (siteVerify) return receiveSiteVerify(opts.core, req, res, url, siteVerify);
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 'NOT_FOUND');
      // The raw path, not url.pathname: the URL parser silently resolves `%2e%2e`, hiding a traversal attempt.
      return serveStatic(res, opts.rendererDir, (req.url ?? '/').split('?')[0]!);
    }
    if (!tokenMatches(opts.token, req.headers[TOKEN_HEADER])) return sendError(res, 'UNAUTHORIZED');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}`) return sendError(res, 'FORBIDDEN_SENDER', { origin });

    if (url.pathname === '/api/contract' && req.method === 'GET') return sendJson(res, 200, describeContract());
    if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(res);
    if (url.pathname === '/api/upload' && req.method === 'POST') return receiveUpload(opts.core, req, res, url);
    const download = /^\/api\/download\/([\w-]+)$/.exec(url.pathname);
    if (download && req.method === 'GET') return sendDownload(opts.core, res, download[1]!);
    const rpc = /^\/api\/rpc\/([\w.]+)$/.exec(url.pathname);
    if (rpc && req.method === 'POST') return callRpc(req, res, rpc[1]!);
    return sendError(res, 'NOT_FOUND', { path: url.pathname });
  }

  async function callRpc(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const limit = isMethodName(name) ? (methods[name].maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES) : DEFAULT_MAX_BODY_BYTES;
    let input: unknown;
    try {
      input = await readJsonBody(req, limit);
    } catch (err) {
      const body = err instanceof KeyDeskError ? err.toBody() : errorBody('INVALID_INPUT');
      // Close the connection after a refused upload so the client stops sending.
      res.setHeader('connection', 'close');
      return sendJson(res, statusFor({ ok: false, error: body }), { ok: false, error: body });
    }
    const envelope = await opts.core.call(name, input);
    sendJson(res, statusFor(envelope), envelope);
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, { ...BASE_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write('retry: 3000\n\n');
    sse.add(res);
    // A comment line keeps proxies and idle timers from closing a quiet stream.
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    res.on('close', () => {
      clearInterval(keepAlive);
      sse.delete(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, LOOPBACK, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  opts.core.services.orders.shops.setPushBase(`http://${LOOPBACK}:${port}`);
  return {
    url: `http://${LOOPBACK}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const res of sse) res.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function isOurHost(host: string | undefined, port: number): boolean {
  return host === `${LOOPBACK}:${port}` || host === `localhost:${port}`;
}

/** Method names with JSON Schemas, for tools and tests (`GET /api/contract`). */
export function describeContract() {
  return {
    methods: Object.entries(methods).map(([name, def]) => ({
      name,
      summary: def.summary,
      requiresUnlock: def.unlocked,
      maxBodyBytes: def.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      input: z.toJSONSchema(def.input, { io: 'input', unrepresentable: 'any' }),
      output: z.toJSONSchema(def.output, { io: 'output', unrepresentable: 'any' }),
    })),
  };
}
