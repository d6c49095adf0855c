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
}
