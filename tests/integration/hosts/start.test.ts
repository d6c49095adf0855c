import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { TOKEN_HEADER } from '../../../src-main/hosts/server/server.js';
import { tempDir } from '../../helpers/core.js';

describe('npm start where the desktop window cannot open', () => {
  it('says why, then serves the app in browser mode with the sandbox on', async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, ['scripts/start.js'], {
      env: { ...process.env, KEYDESK_NO_ELECTRON: '1', KEYDESK_SKIP_BUILD: '1', KEYDESK_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /KeyDesk listening on (http:\/\/127\.0\.0\.1:\d+)\/\?token=([\w-]+)/.exec(out);
        if (m) resolve(`${m[1]}|${m[2]}`);
      });
      child.once('exit', (code) => reject(new Error(`start exited ${code}: ${out}`)));
    });
    expect(out).toContain('无法打开桌面窗口');
    expect(out).toContain('浏览器模式');
    const [origin, token] = url.split('|') as [string, string];
    const res = await fetch(`${origin}/api/rpc/app.info`, { method: 'POST', headers: { [TOKEN_HEADER]: token }, body: '{}' });
    expect(await res.json()).toMatchObject({ ok: true, data: { host: 'server', sandbox: true, dataDir } });
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  });
});
