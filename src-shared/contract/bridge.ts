import type { Envelope } from './errors.js';
import type { EventMessage } from './events.js';

/**
 * What the desktop preload exposes as `window.keydesk`. The renderer's API client prefers it over
 * HTTP; the preload builds it from the contract so only contract methods can be called.
 */
export interface KeyDeskBridge {
  readonly host: 'electron';
  call(method: string, input?: unknown): Promise<Envelope<unknown>>;
  onEvent(listener: (message: EventMessage) => void): () => void;
  /** A supplier file for inventory.previewImport / inventory.import (`{ uploadId }` source). */
  upload(fileName: string, data: ArrayBuffer): Promise<Envelope<UploadResult>>;
  /** Saves an export (downloadId from inventory.exportKeys …) where the owner chooses. */
  saveDownload(downloadId: string): Promise<Envelope<{ saved: boolean; path?: string }>>;
}

export interface UploadResult {
  uploadId: string;
  size: number;
  fileName: string;
}
