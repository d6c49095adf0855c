import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the merchant's data lives unless told otherwise: %APPDATA%\KeyDesk on Windows,
 * ~/Library/Application Support/KeyDesk on macOS, $XDG_CONFIG_HOME/KeyDesk elsewhere.
 * KEYDESK_DATA_DIR overrides all of them.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.KEYDESK_DATA_DIR) return env.KEYDESK_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'KeyDesk');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'KeyDesk');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'KeyDesk');
}
