import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { errorBody, isMethodName, type Envelope, type EventMessage, type KeyDeskBridge, type UploadResult } from '../../src-shared/contract/index.js';
import { CALL_CHANNEL, EVENT_CHANNEL, SAVE_DOWNLOAD_CHANNEL, UPLOAD_CHANNEL } from '../hosts/electron/channels.js';

export type { KeyDeskBridge };

/**
 * Built from an injected ipcRenderer so it is tested without Electron. Names outside the contract
 * are refused here, before IPC, so the page cannot use the bridge to probe the main process.
 */
export function createBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): KeyDeskBridge {
  return {
    host: 'electron',
    call(method, input) {
      if (typeof method !== 'string' || !isMethodName(method)) {
        return Promise.resolve({ ok: false, error: errorBody('UNKNOWN_METHOD', { method: String(method) }) });
      }
      return ipc.invoke(CALL_CHANNEL, method, input) as Promise<Envelope<unknown>>;
    },
    upload(fileName, data) {
      return ipc.invoke(UPLOAD_CHANNEL, String(fileName), data) as Promise<Envelope<UploadResult>>;
    },
    saveDownload(downloadId) {
      return ipc.invoke(SAVE_DOWNLOAD_CHANNEL, String(downloadId)) as Promise<Envelope<{ saved: boolean; path?: string }>>;
    },
    onEvent(listener) {
      // The IpcRendererEvent is dropped: it carries `sender`, i.e. ipcRenderer itself.
      const forward = (_event: IpcRendererEvent, message: EventMessage): void => listener(message);
      ipc.on(EVENT_CHANNEL, forward);
      return () => {
        ipc.removeListener(EVENT_CHANNEL, forward);
      };
    },
  };
}
