import type { KeyDeskBridge } from './bridge.js';
import { unwrap } from './envelope.js';
import { ApiError } from './errors.js';
import type { SavedDownload, Transport, UploadedFile } from './transport.js';

/** Calls go through the preload bridge; IPC does not drop, so there is never a reconnect. */
export function electronTransport(bridge: KeyDeskBridge): Transport {
  return {
    kind: 'electron',
    async call(method, input) {
      return unwrap(await invoke(() => bridge.call(method, input)));
    },
    subscribe(onEvent) {
      return bridge.onEvent((message) => onEvent({ event: message.event, payload: message.payload }));
    },
    async upload(file) {
      const data = await file.arrayBuffer();
      return unwrap(await invoke(() => bridge.upload(file.name, data))) as UploadedFile;
    },
    async saveDownload(downloadId) {
      const { saved } = unwrap(await invoke(() => bridge.saveDownload(downloadId))) as SavedDownload;
      return { saved };
    },
  };
}

/** A rejected invoke means the main process did not answer at all, not that it refused. */
async function invoke(send: () => Promise<unknown>): Promise<unknown> {
  try {
    return await send();
  } catch (err) {
    throw ApiError.client('UNREACHABLE', { reason: (err as Error).message });
  }
}
