import { createReadStream, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { KeyDeskError, errorBody } from '../../../src-shared/contract/index.js';
import type { Core } from '../../core/index.js';
import { BASE_HEADERS, sendJson, statusFor } from './http-util.js';

/**
 * Files do not fit the JSON contract: an upload is a raw body streamed to disk (a 50 MB sheet never
 * sits in memory), a download is streamed back with a Chinese file name. Both sit behind the token.
 */
export async function receiveUpload(core: Core, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const fileName = url.searchParams.get('name')?.trim() || '上传的文件';
  try {
    // Only an unlocked app takes a file of plaintext keys onto its disk.
    const locked = core.services.vault.lockedReason();
    if (locked) throw new KeyDeskError(locked);
    const saved = await core.services.files.saveUpload(req, fileName);
    sendJson(res, 200, { ok: true, data: { ...saved, fileName } });
  } catch (err) {
    const body = err instanceof KeyDeskError ? err.toBody() : errorBody('INTERNAL');
    req.resume();
    res.setHeader('connection', 'close');
    sendJson(res, statusFor({ ok: false, error: body }), { ok: false, error: body });
  }
}

export function sendDownload(core: Core, res: ServerResponse, downloadId: string): void {
  let file;
  try {
    file = core.services.files.download(downloadId);
  } catch (err) {
    const body = (err as KeyDeskError).toBody();
    return sendJson(res, 404, { ok: false, error: body });
  }
  res.writeHead(200, {
    ...BASE_HEADERS,
    'content-type': 'application/octet-stream',
    'cache-control': 'no-store',
    'content-disposition': `attachment; filename="export"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
  });
  // Exports can hold plaintext keys: the copy on disk goes as soon as it has been handed over.
  createReadStream(file.path)
    .on('close', () => rmSync(file.path, { force: true }))
    .pipe(res);
}
