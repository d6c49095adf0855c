import { beforeEach, describe, expect, it, vi } from 'vitest';
import { methodNames, type KeyDeskBridge } from '../../../src-shared/contract/index.js';

const exposed = new Map<string, unknown>();
const ipcRenderer = {
  invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, data: 'from main' })),
  on: vi.fn(),
  removeListener: vi.fn(),
};

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer,
}));

await import('../../../src-main/preload/index.js');

type Bridge = KeyDeskBridge;
const bridge = () => exposed.get('keydesk') as Bridge;

beforeEach(() => {
  ipcRenderer.invoke.mockClear();
  ipcRenderer.on.mockClear();
  ipcRenderer.removeListener.mockClear();
});

describe('preload', () => {
  it('exposes only window.keydesk with host, call, onEvent and the two file functions', () => {
    expect([...exposed.keys()]).toEqual(['keydesk']);
    expect(Object.keys(bridge()).sort()).toEqual(['call', 'host', 'onEvent', 'saveDownload', 'upload']);
    expect(bridge().host).toBe('electron');
    expect(Object.values(bridge())).not.toContain(ipcRenderer);
  });

  it('sends uploads and download saves over their own channels only', async () => {
    const data = new ArrayBuffer(4);
    await bridge().upload('卡密.xlsx', data);
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('keydesk:upload', '卡密.xlsx', data);
    await bridge().saveDownload('abc-123');
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('keydesk:save-download', 'abc-123');
  });

  it('sends a contract method over the one call channel', async () => {
    const name = methodNames[0]!;
    expect(await bridge().call(name, { a: 1 })).toEqual({ ok: true, data: 'from main' });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('keydesk:call', name, { a: 1 });
  });

  it.each(['fs.readFile', 'constructor', '__proto__', 'toString', 'hasOwnProperty', '', 42, undefined])(
    'refuses %s with UNKNOWN_METHOD without touching IPC',
    async (name) => {
      const result = await bridge().call(name as string, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
      expect(ipcRenderer.invoke).not.toHaveBeenCalled();
    },
  );

  it('hands listeners the message only, never the IPC event, and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = bridge().onEvent(listener);
    expect(ipcRenderer.on).toHaveBeenCalledTimes(1);
    const [channel, forward] = ipcRenderer.on.mock.calls[0] as unknown as [string, (e: unknown, m: unknown) => void];
    expect(channel).toBe('keydesk:event');

    const message = { event: 'app.notice', payload: { level: 'info', message: '你好' } };
    forward({ sender: ipcRenderer, senderId: 0 }, message);
    expect(listener).toHaveBeenCalledWith(message);
    expect(listener.mock.calls[0]).toHaveLength(1);

    // Returning ipcRenderer.removeListener's result would hand the page ipcRenderer itself.
    expect(unsubscribe()).toBeUndefined();
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith('keydesk:event', forward);
  });
});
