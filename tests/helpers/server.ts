import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { startServer, type RunningServer, TOKEN_HEADER } from '../../src-main/hosts/server/server.js';
import type { Core } from '../../src-main/core/index.js';
import { tempDir } from './core.js';

const running: { server: RunningServer; core: Core }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    await r.server.close();
    r.core.close();
  }
});

export const TOKEN = 'test-token-0123456789';

/** A server over a tiny fake renderer folder, closed after each test. */
export async function serve(core: Core): Promise<RunningServer> {
  const rendererDir = tempDir('keydesk-renderer-');
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>卡密工作台</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  const server = await startServer({ core, token: TOKEN, rendererDir, port: 0 });
  running.push({ server, core });
  return server;
}

export async function rpc(server: RunningServer, method: string, input: unknown, token: string | null = TOKEN) {
  const res = await fetch(`${server.url}/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token !== null && { [TOKEN_HEADER]: token }) },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; data?: unknown; error?: { code: string; message: string; details?: unknown } } };
}
