import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from '../../../core/index.js';
import { startSandbox, allSimulators, type Sandbox } from '../../../sandbox/index.js';
import { startServer } from '../../server/server.js';
import type { Command } from '../command.js';
import { VERSION, RENDERER_DIR } from '../package-info.js';

export const serve: Command = {
  path: ['serve'],
  summary: '在浏览器中使用卡密工作台（仅本机 127.0.0.1 可访问）',
  usage: 'keydesk serve [--data-dir D] [--port P] [--sandbox] [--json]',
  options: { port: { type: 'string' }, sandbox: { type: 'boolean' } },
  async run({ dataDir, json, values }) {
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`端口不正确：${String(values.port)}`);
    const sandbox: Sandbox | undefined = values.sandbox ? await startSandbox({ port: 0, simulators: allSimulators() }) : undefined;
    let core: Core | undefined;
    try {
      core = createCore({ dataDir, host: 'server', version: VERSION, ...(sandbox && { sandboxUrl: sandbox.url }) });
      await unlockFromEnvironment(core);
      const token = randomBytes(24).toString('base64url');
      const server = await startServer({ core, token, rendererDir: RENDERER_DIR, port });
      const address = `${server.url}/?token=${token}`;
      if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
        process.stderr.write('提示：界面尚未构建，请先运行 npm run build（接口已可用）。\n');
      }
      if (json) process.stdout.write(JSON.stringify({ url: address, port: server.port, token, dataDir, sandboxUrl: sandbox?.url ?? null }) + '\n');
      // One write: whoever waits for the URL line gets the whole banner with it.
      else process.stdout.write(`KeyDesk listening on ${address}\n数据目录：${dataDir}${sandbox ? `\n沙箱（模拟平台）：${sandbox.url}` : ''}\n按 Ctrl+C 停止。\n`);
      await waitForStopSignal();
      await server.close();
      return 0;
    } finally {
      core?.close();
      await sandbox?.close();
    }
  },
};

/** A service or script can start unlocked with KEYDESK_PASSPHRASE; otherwise the browser shows the unlock screen. */
async function unlockFromEnvironment(core: Core): Promise<void> {
  const passphrase = process.env.KEYDESK_PASSPHRASE;
  if (!passphrase || core.services.vault.status().state !== 'locked') return;
  try {
    await core.services.vault.unlock({ passphrase });
  } catch (err) {
    process.stderr.write(`KEYDESK_PASSPHRASE 无法解锁：${(err as Error).message} 请在浏览器中解锁。\n`);
  }
}

function waitForStopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
