import { unwrap } from './envelope.js';
import { ApiError } from './errors.js';
import { TOKEN_HEADER } from './token.js';
import type { SavedDownload, UploadedFile } from './transport.js';

/**
 * `keydesk serve`'s file routes. The upload is the raw file as the body (streamed to disk there, so
 * a 50 MB sheet is never JSON); the download is fetched with the token header, which a plain link
 * cannot send, and handed to the browser as a temporary object URL.
 */
export async function httpUpload(token: string, file: File): Promise<UploadedFile> {
  const res = await send(`/api/upload?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', [TOKEN_HEADER]: token },
    body: file,
  });
  return unwrap(await envelopeOf(res)) as UploadedFile;
}

export async function httpDownload(token: string, downloadId: string, fileName: string): Promise<SavedDownload> {
  const res = await send(`/api/download/${encodeURIComponent(downloadId)}`, { headers: { [TOKEN_HEADER]: token } });
  // A refusal (expired download, locked vault) comes back as an envelope, not as the file.
  if (!res.ok) unwrap(await envelopeOf(res));
  let blob: Blob;
  try {
    blob = await res.blob();
  } catch (err) {
    throw ApiError.client('UNREACHABLE', { reason: (err as Error).message });
  }
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.style.display = 'none';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The click has queued the download; the browser keeps its own copy of the data.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return { saved: true };
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, cache: 'no-store' });
  } catch (err) {
    throw ApiError.client('UNREACHABLE', { reason: (err as Error).message });
  }
}

async function envelopeOf(res: Response): Promise<unknown> {
  try {
    return (await res.json()) as unknown;
  } catch {
    throw ApiError.client('BAD_RESPONSE', { status: res.status });
  }
}
