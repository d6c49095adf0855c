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
}
