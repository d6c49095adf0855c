import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.js';

// Sandboxed preload: only `electron` may be required at runtime; everything else is bundled in.
contextBridge.exposeInMainWorld('keydesk', createBridge(ipcRenderer));

export type { KeyDeskBridge } from './bridge.js';
