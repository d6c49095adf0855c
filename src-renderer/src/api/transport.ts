/** A raw event as it arrives from a host, before the client narrows it to the contract's events. */
export interface RawEvent {
  event: string;
  payload: unknown;
}

/**
 * How the client reaches the core: IPC through the Electron preload, or HTTP to `keydesk serve`.
 * `call` resolves with the unwrapped data or rejects with an ApiError.
 */
export interface Transport {
  readonly kind: 'electron' | 'browser';
  call(method: string, input: unknown): Promise<unknown>;
  /** `onReconnect` fires after the event stream came back from a drop: events may have been missed. */
  subscribe(onEvent: (event: RawEvent) => void, onReconnect: () => void): () => void;
  /** Hands a supplier file to the host for an import; resolves with the `uploadId` to import from. */
  upload(file: File): Promise<UploadedFile>;
  /** Puts an export on the owner's disk: the browser's download, or the desktop's save dialog. */
  saveDownload(downloadId: string, fileName: string): Promise<SavedDownload>;
}

export interface UploadedFile {
  uploadId: string;
  fileName: string;
  size: number;
}

/** `saved` is false when the owner closed the desktop save dialog without choosing a place. */
export interface SavedDownload {
  saved: boolean;
}
