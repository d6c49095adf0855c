import Store, { type Schema } from 'electron-store';
import type { WindowSize } from './window.js';

/**
 * Desktop-only settings: the keychain-sealed KEK and window/data-folder choices. Everything the
 * business needs (language included) lives in the core's database, so the server host sees it too.
 */
export interface DesktopSettings {
  windowBounds?: WindowSize;
  vault?: { sealedKek?: string };
  dataDir?: string;
}

export const desktopSettingsSchema: Schema<DesktopSettings> = {
  windowBounds: {
    type: 'object',
    properties: {
      width: { type: 'integer', minimum: 1 },
      height: { type: 'integer', minimum: 1 },
    },
    required: ['width', 'height'],
    additionalProperties: false,
  },
  vault: {
    type: 'object',
    properties: { sealedKek: { type: 'string' } },
    additionalProperties: false,
  },
  dataDir: { type: 'string', minLength: 1 },
};

export type DesktopSettingsStore = Store<DesktopSettings>;

/**
 * `clearInvalidConfig: false` is the point: a hand-edited or half-written file must stop the app
 * with an error, never silently reset and lose the sealed KEK.
 */
export function createSettingsStore(options: { cwd?: string } = {}): DesktopSettingsStore {
  return new Store<DesktopSettings>({
    name: 'desktop-settings',
    schema: desktopSettingsSchema,
    clearInvalidConfig: false,
    ...(options.cwd !== undefined && { cwd: options.cwd }),
  });
}
