import { describe, expect, it, vi } from 'vitest';
import type { IpcMain } from 'electron';
import { registerIpc, type IpcOptions } from '../../../src-main/hosts/electron/ipc.js';
import { isTrustedSender } from '../../../src-main/hosts/electron/security.js';
import type { Envelope, EventMessage } from '../../../src-shared/contract/index.js';

type Handler = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => Promise<Envelope<unknown>>;

function setup(windows: { url: string; destroyed?: boolean }[] = []) {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, handler: Handler) => void handlers.set(channel, handler),
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
  let emit: ((m: EventMessage) => void) | undefined;
  const core = {
    call: vi.fn(async (method: string, input: unknown): Promise<Envelope<unknown>> => ({ ok: true, data: { method, input } })),
    onEvent: vi.fn((listener: (m: EventMessage) => void) => {
      emit = listener;
      return () => {
        emit = undefined;
      };
    }),
  };
  const fakes = windows.map((w) => ({
    isDestroyed: () => w.destroyed ?? false,
    webContents: { isDestroyed: () => false, getURL: () => w.url, send: vi.fn() },
  }));
  const dispose = registerIpc({
    ipcMain: ipcMain as unknown as IpcMain,
    core,
    isTrustedSender: (url) => isTrustedSender(url),
    getWindows: () => fakes as unknown as ReturnType<IpcOptions['getWindows']>,
  });
  const invoke = (frameUrl: string | null, ...args: unknown[]) => {
    const handler = handlers.get('keydesk:call');
    if (!handler) throw new Error('keydesk:call not registered');
    return handler({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, ...args);
  };
  return { handlers, core, invoke, emit: (m: EventMessage) => emit?.(m), windows: fakes, dispose };
}

describe('registerIpc', () => {
  it('registers exactly one invoke channel', () => {
    expect([...setup().handlers.keys()]).toEqual(['keydesk:call']);
  });

  it.each(['https://evil.example/', 'file:///tmp/x.html', 'app://other/index.html', 'about:blank'])(
    'refuses a call from %s with FORBIDDEN_SENDER and never reaches the core',
    async (url) => {
      const { invoke, core } = setup();
      const result = await invoke(url, 'vault.status', {});
      expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN_SENDER', message: '拒绝来自未知页面的调用。' } });
      expect(core.call).not.toHaveBeenCalled();
    },
  );

  it('refuses a call whose frame is already gone', async () => {
    const { invoke, core } = setup();
    expect(await invoke(null, 'vault.status', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(core.call).not.toHaveBeenCalled();
  });

  it('passes a trusted call through to the core unchanged', async () => {
    const { invoke, core } = setup();
    const result = await invoke('app://keydesk/index.html', 'vault.unlock', { passphrase: 'correct horse' });
    expect(core.call).toHaveBeenCalledWith('vault.unlock', { passphrase: 'correct horse' });
    expect(result).toEqual({ ok: true, data: { method: 'vault.unlock', input: { passphrase: 'correct horse' } } });
  });

  it('refuses a non-string method name without calling the core', async () => {
    const { invoke, core } = setup();
    expect(await invoke('app://keydesk/index.html', { toString: () => 'vault.status' }, {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    expect(core.call).not.toHaveBeenCalled();
  });

  it('turns a throwing core into an INTERNAL envelope instead of an IPC error with a stack', async () => {
    const { invoke, core } = setup();
    core.call.mockRejectedValueOnce(new Error('database is closed'));
    const result = await invoke('app://keydesk/index.html', 'vault.status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('database is closed');
  });

  it('forwards core events to our windows only', () => {
    const { emit, windows } = setup([
      { url: 'app://keydesk/index.html' },
      { url: 'https://evil.example/' },
      { url: 'app://keydesk/index.html', destroyed: true },
    ]);
    const message: EventMessage = { event: 'app.notice', payload: { level: 'info', message: '已同步 3 个订单' } };
    emit(message);
    expect(windows[0]!.webContents.send).toHaveBeenCalledWith('keydesk:event', message);
    expect(windows[1]!.webContents.send).not.toHaveBeenCalled();
    expect(windows[2]!.webContents.send).not.toHaveBeenCalled();
  });

  it('unregisters the channel and the subscription when disposed', () => {
    const { dispose, handlers, emit, windows } = setup([{ url: 'app://keydesk/index.html' }]);
    dispose();
    expect(handlers.size).toBe(0);
    emit({ event: 'app.notice', payload: { level: 'info', message: 'x' } });
    expect(windows[0]!.webContents.send).not.toHaveBeenCalled();
  });
});
