import { activeTransport } from './client.js';
import type { SavedDownload, UploadedFile } from './transport.js';

export type { SavedDownload, UploadedFile };

/**
 * A supplier file for `inventory.previewImport` / `inventory.import` (as `{ uploadId }`). The host
 * deletes the upload once an import of it has finished, so importing the same file again needs a
 * new upload. Rejects with ApiError like `call`.
 */
export function uploadFile(file: File): Promise<UploadedFile> {
  return activeTransport().upload(file);
}

/**
 * Saves an export or problem list (a `downloadId` from the core) on the owner's computer: a browser
 * download, or the desktop's save dialog. A download id can be used once. Rejects with ApiError.
 */
export function saveDownload(downloadId: string, fileName: string): Promise<SavedDownload> {
  return activeTransport().saveDownload(downloadId, fileName);
}
