import { describe, it, expect, vi } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerFileIpc } from '../../../src-main/hosts/electron/file-ipc.js';
import { unlockedCore, tempDir } from '../../helpers/core.js';

type Handler = (event: { senderFrame: { url: string } }, ...args: unknown[]) => Promise<unknown>;

async function setup(chooseSavePath: (n: string) => Promise<string | undefined> = async () => undefined) {
  const { core } = await unlockedCore();
  const handlers = new Map<string, Handler>();
  const ipcMain = { handle: vi.fn((ch: string, h: Handler) => void handlers.set(ch, h)), removeHandler: vi.fn() } as unknown as Parameters<typeof registerFileIpc>[0]['ipcMain'];
  registerFileIpc({ ipcMain, core, isTrustedSender: (url) => url.startsWith('app://keydesk/'), chooseSavePath });
  const invoke = (channel: string, url: string, ...args: unknown[]) => handlers.get(channel)!({ senderFrame: { url } }, ...args);
  return { core, invoke };
}

describe('desktop file IPC', () => {
  it('stores an upload from our page and refuses one from any other frame', async () => {
    const { core, invoke } = await setup();
    const bytes = new TextEncoder().encode('卡密\nK-1\n');
    const ok = (await invoke('keydesk:upload', 'app://keydesk/index.html', '卡密.txt', bytes.buffer)) as { ok: true; data: { uploadId: string } };
    expect(ok.ok).toBe(true);
    expect(readFileSync(core.services.files.upload(ok.data.uploadId).path, 'utf8')).toBe('卡密\nK-1\n');
    const refused = await invoke('keydesk:upload', 'https://evil.example/', 'x.txt', bytes.buffer);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });

  it('refuses an upload while the vault is locked', async () => {
    const { core, invoke } = await setup();
    core.services.vault.lock();
    expect(await invoke('keydesk:upload', 'app://keydesk/', 'a.txt', new ArrayBuffer(2))).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } });
  });

  it('saves an export where the owner chose and removes the copy in exports/', async () => {
    const target = join(tempDir(), '导出.csv');
    const { core, invoke } = await setup(async () => target);
    const { downloadId, path } = core.services.files.newExport('导出.csv');
    writeFileSync(path, 'a,b');
    expect(await invoke('keydesk:save-download', 'app://keydesk/', downloadId)).toEqual({ ok: true, data: { saved: true, path: target } });
    expect(readFileSync(target, 'utf8')).toBe('a,b');
    expect(existsSync(path)).toBe(false);
  });
});
