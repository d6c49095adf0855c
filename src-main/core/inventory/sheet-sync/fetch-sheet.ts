import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { KeyDeskError } from '../../../../src-shared/contract/index.js';
import type { FileStore } from '../../files/file-store.js';

export const SHEET_DOWNLOAD_LIMIT = 100 * 1024 * 1024;

/**
 * Downloads a published sheet (CSV or xlsx link) into the upload area, streamed and capped, so the
 * import reads it like any uploaded file. Errors are Chinese and name the host, never the full link
 * (it may carry an access token).
 */
export async function fetchSheet(url: string, files: FileStore, timeoutMs = 30_000): Promise<{ uploadId: string }> {
  const host = new URL(url).host;
  let res: Response;
  try {
    res = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(timeoutMs), headers: { 'user-agent': 'KeyDesk sheet sync' } });
  } catch (err) {
    throw new KeyDeskError('SYNC_SOURCE_UNREACHABLE', { host, reason: (err as Error).name === 'TimeoutError' ? '超时' : '连接失败' });
  }
  if (!res.ok || !res.body) throw new KeyDeskError('SYNC_SOURCE_UNREACHABLE', { host, status: res.status }, `读取云端表格失败：${host} 返回 ${res.status}。`);
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > SHEET_DOWNLOAD_LIMIT) throw new KeyDeskError('IMPORT_FILE_TOO_LARGE', { host, limitBytes: SHEET_DOWNLOAD_LIMIT });
  const name = decodeURIComponent(new URL(url).pathname.split('/').pop() || host);
  return files.saveUpload(Readable.fromWeb(res.body as WebReadableStream), name, SHEET_DOWNLOAD_LIMIT);
}
