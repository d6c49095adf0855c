import { describe, it, expect } from 'vitest';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { methodNames } from '../../../src-shared/contract/index.js';
import { TOKEN_HEADER } from '../../../src-main/hosts/server/server.js';
import { testCore, unlockedCore, PASSPHRASE } from '../../helpers/core.js';
import { serve, rpc, TOKEN } from '../../helpers/server.js';

describe('keydesk serve: the HTTP host', () => {
  it('listens on 127.0.0.1 only and refuses connections on other addresses', async () => {
    const server = await serve(testCore());
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const others = Object.values(networkInterfaces()).flat().filter((a) => a && a.family === 'IPv4' && !a.internal);
    // A machine with no network card has nothing else to try; CI machines have one.
    expect(others.length).toBeGreaterThan(0);
    for (const address of others) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: address!.address, port: server.port });
        socket.once('connect', () => (socket.destroy(), resolve('connected')));
        socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
      });
      expect(outcome).toBe('ECONNREFUSED');
    }
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    const server = await serve(testCore());
    expect((await rpc(server, 'vault.status', {}, null)).status).toBe(401);
    const wrong = await rpc(server, 'vault.status', {}, 'nope');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error?.code).toBe('UNAUTHORIZED');
    expect((await fetch(`${server.url}/api/contract`)).status).toBe(401);
    expect((await rpc(server, 'vault.status', {})).body.ok).toBe(true);
  });

  it('refuses a foreign Host header (DNS rebinding) and a cross-origin caller', async () => {
    const server = await serve(testCore());
    const status = await new Promise<number>((resolve) => {
      request({ host: '127.0.0.1', port: server.port, path: '/api/contract', headers: { host: 'evil.example:80', [TOKEN_HEADER]: TOKEN } }, (res) => resolve(res.statusCode!)).end();
    });
    expect(status).toBe(421);
    const res = await fetch(`${server.url}/api/rpc/vault.status`, { method: 'POST', headers: { [TOKEN_HEADER]: TOKEN, origin: 'http://evil.example' }, body: '{}' });
    expect(res.status).toBe(403);
  });

  it('lists every contract method with JSON schemas', async () => {
    const server = await serve(testCore());
    const res = await fetch(`${server.url}/api/contract`, { headers: { [TOKEN_HEADER]: TOKEN } });
    const body = (await res.json()) as { methods: { name: string; input: { type?: string }; requiresUnlock: boolean }[] };
    expect(body.methods.map((m) => m.name).sort()).toEqual([...methodNames].sort());
    const setup = body.methods.find((m) => m.name === 'vault.setup')!;
    expect(setup.requiresUnlock).toBe(false);
    expect(JSON.stringify(setup.input)).toContain('passphrase');
  });

  it('answers unknown methods, bad input and a locked vault with typed Chinese errors', async () => {
    const core = testCore();
    const server = await serve(core);
    const unknown = await rpc(server, 'orders.deleteEverything', {});
    expect([unknown.status, unknown.body.error?.code]).toEqual([404, 'UNKNOWN_METHOD']);
    const bad = await rpc(server, 'vault.setup', { method: 'passphrase', passphrase: 42 });
    expect([bad.status, bad.body.error?.code]).toEqual([400, 'INVALID_INPUT']);
    expect(bad.body.error?.details).toMatchObject({ issues: [{ field: 'passphrase' }] });
    expect(bad.body.error?.message).toMatch(/[\u4e00-\u9fff]/);
    const notSetUp = await rpc(server, 'audit.verify', {});
    expect(notSetUp.body.error?.code).toBe('VAULT_NOT_SET_UP');
    await core.services.vault.setup({ method: 'passphrase', passphrase: PASSPHRASE });
    core.services.vault.lock();
    const locked = await rpc(server, 'audit.verify', {});
    expect([locked.status, locked.body.error?.code]).toEqual([423, 'VAULT_LOCKED']);
    const malformed = await fetch(`${server.url}/api/rpc/vault.status`, { method: 'POST', headers: { [TOKEN_HEADER]: TOKEN }, body: '{not json' });
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('INVALID_INPUT');
  });

  it('refuses a body over 10 MB without writing anything', async () => {
    const core = testCore();
    const server = await serve(core);
    const huge = JSON.stringify({ method: 'passphrase', passphrase: 'x'.repeat(11 * 1024 * 1024) });
    const res = await fetch(`${server.url}/api/rpc/vault.setup`, { method: 'POST', headers: { [TOKEN_HEADER]: TOKEN }, body: huge }).catch((e: Error) => e);
    if (res instanceof Error) throw res;
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BODY_TOO_LARGE');
    expect(core.services.vault.status().state).toBe('new');
    expect((await rpc(server, 'vault.status', {})).body.ok).toBe(true);
  });

  it('never sends a stack trace across the boundary', async () => {
    const { core } = await unlockedCore();
    const server = await serve(core);
    core.services.sqlite.exec('drop table audit_log');
    const res = await rpc(server, 'audit.list', {});
    expect(res.body.error?.code).toBe('INTERNAL');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts|SqliteError|no such table/);
  });

  it('streams events over SSE to a caller with the token', async () => {
    const core = testCore();
    const server = await serve(core);
    const res = await fetch(`${server.url}/api/events`, { headers: { [TOKEN_HEADER]: TOKEN } });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    await rpc(server, 'vault.setup', { method: 'passphrase', passphrase: PASSPHRASE });
    let text = '';
    while (!text.includes('vault.changed')) text += new TextDecoder().decode((await reader.read()).value);
    const frame = text.split('\n').find((l) => l.startsWith('data: '))!;
    expect(JSON.parse(frame.slice(6))).toMatchObject({ event: 'vault.changed', payload: { state: 'unlocked' } });
    await reader.cancel();
  });

  it('serves the renderer with a strict CSP and refuses path traversal', async () => {
    const server = await serve(testCore());
    const page = await fetch(`${server.url}/?token=abc`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect((await fetch(`${server.url}/inventory`)).status).toBe(200);
    expect((await fetch(`${server.url}/assets/app.js`)).headers.get('content-type')).toContain('javascript');
    // Raw paths: fetch() would normalise the dots away before they reach the server.
    for (const path of ['/..%2fpackage.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%5c..%5cpackage.json', '/../../etc/hosts']) {
      const status = await new Promise<number>((resolve) => {
        request({ host: '127.0.0.1', port: server.port, path }, (res) => (res.resume(), resolve(res.statusCode!))).end();
      });
      expect(status, path).toBe(404);
    }
  });
});
