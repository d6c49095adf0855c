import type { KeyDeskBridge } from '../../../src-shared/contract/bridge.js';

export type { KeyDeskBridge };

/** `window.keydesk` exists only in the desktop window (contextBridge from the preload). */
declare global {
  interface Window {
    keydesk?: KeyDeskBridge;
  }
}
