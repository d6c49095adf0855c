import { copyFile, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { IpcMain } from 'electron';
import { errorBody, KeyDeskError, type Envelope } from '../../../src-shared/contract/index.js';
import type { Core } from '../../core/index.js';
import { SAVE_DOWNLOAD_CHANNEL, UPLOAD_CHANNEL } from './channels.js';

export interface FileIpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  core: Pick<Core, 'services'>;
  isTrustedSender: (frameUrl: string) => boolean;
  /** Asks the owner where to save; undefined when they cancel. */
  chooseSavePath: (defaultName: string) => Promise<string | undefined>;
}

const fail = (err: unknown): Envelope<never> => ({ ok: false, error: err instanceof KeyDeskError ? err.toBody() : errorBody('INTERNAL') });

/**
 * The desktop's counterpart of the server's /api/upload and /api/download: the same FileStore, the
 * same sender check as contract calls, and an export removed from exports/ once saved.
 */
export function registerFileIpc(o: FileIpcOptions): () => void {
  const trusted = (event: { senderFrame?: { url: string } | null }) => o.isTrustedSender(event.senderFrame?.url ?? '');

  o.ipcMain.handle(UPLOAD_CHANNEL, async (event, fileName: unknown, data: unknown) => {
    if (!trusted(event)) return { ok: false, error: errorBody('FORBIDDEN_SENDER') };
    if (typeof fileName !== 'string' || !(data instanceof Uint8Array || data instanceof ArrayBuffer)) return { ok: false, error: errorBody('INVALID_INPUT') };
    try {
      const locked = o.core.services.vault.lockedReason();
      if (locked) throw new KeyDeskError(locked);
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : data;
      const saved = await o.core.services.files.saveUpload(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), fileName);
      return { ok: true, data: { ...saved, fileName } };
    } catch (err) {
      return fail(err);
    }
  });

  o.ipcMain.handle(SAVE_DOWNLOAD_CHANNEL, async (event, downloadId: unknown) => {
    if (!trusted(event)) return { ok: false, error: errorBody('FORBIDDEN_SENDER') };
    if (typeof downloadId !== 'string') return { ok: false, error: errorBody('INVALID_INPUT') };
    try {
      const file = o.core.services.files.download(downloadId);
      const target = await o.chooseSavePath(file.fileName);
      if (!target) return { ok: true, data: { saved: false } };
      await copyFile(file.path, target);
      await rm(file.path, { force: true });
      return { ok: true, data: { saved: true, path: target } };
    } catch (err) {
      return fail(err);
    }
  });

  return () => {
    o.ipcMain.removeHandler(UPLOAD_CHANNEL);
    o.ipcMain.removeHandler(SAVE_DOWNLOAD_CHANNEL);
  };
}
