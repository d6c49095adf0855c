import type { BrowserWindow, IpcMain } from 'electron';
import { errorBody, type Envelope, type EventMessage } from '../../../src-shared/contract/index.js';
import type { Core } from '../../core/index.js';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels.js';

export interface IpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  core: Pick<Core, 'call' | 'onEvent'>;
  /** `isTrustedSender` bound to the dev server URL, if any. */
  isTrustedSender: (frameUrl: string) => boolean;
  getWindows: () => Pick<BrowserWindow, 'isDestroyed' | 'webContents'>[];
  log?: { warn(details: object, message: string): void };
}

const fail = (...args: Parameters<typeof errorBody>): Envelope<never> => ({ ok: false, error: errorBody(...args) });

/**
 * One invoke channel for every contract method. The core validates the name and the input and
 * answers with an envelope; this layer only decides whether the caller may ask at all. It never
 * throws, because a thrown error would cross IPC with its stack.
 * Returns a function that unregisters the channel and the event subscription.
 */
export function registerIpc(options: IpcOptions): () => void {
  const { ipcMain, core, isTrustedSender, getWindows, log } = options;

  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, input: unknown): Promise<Envelope<unknown>> => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!isTrustedSender(frameUrl)) {
      log?.warn({ frameUrl }, 'registerIpc: refused call from untrusted frame');
      return fail('FORBIDDEN_SENDER');
    }
    if (typeof method !== 'string') return fail('UNKNOWN_METHOD', { method: typeof method });
    try {
      return await core.call(method, input);
    } catch (err) {
      log?.warn({ method, err: (err as Error).message }, 'registerIpc: core.call threw');
      return fail('INTERNAL', { method });
    }
  });

  const unsubscribe = core.onEvent((message: EventMessage) => {
    for (const win of getWindows()) {
      if (win.isDestroyed() || win.webContents.isDestroyed()) continue;
      // Events carry vault state and notices; a window that somehow shows another page gets none.
      if (!isTrustedSender(win.webContents.getURL())) continue;
      win.webContents.send(EVENT_CHANNEL, message);
    }
  });

  return () => {
    unsubscribe();
    ipcMain.removeHandler(CALL_CHANNEL);
  };
}
