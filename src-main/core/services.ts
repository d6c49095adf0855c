import type Database from 'better-sqlite3';
import type { Db } from './db/open.js';
import type { Vault } from './vault/vault.js';
import type { AuditLog } from './audit/audit-log.js';
import type { Settings } from './settings.js';
import type { Preferences } from './preferences.js';
import type { EventBus } from './events.js';
import type { Logger } from './log/logger.js';
import type { Clock } from './clock.js';
import type { SandboxLink } from './sandbox-link/sandbox-link.js';

export type HostKind = 'electron' | 'server' | 'cli';

/** Everything a capability may use, built once by createCore. */
export interface CoreServices {
  version: string;
  host: HostKind;
  dataDir: string;
  sqlite: Database.Database;
  db: Db;
  clock: Clock;
  log: Logger;
  events: EventBus;
  settings: Settings;
  preferences: Preferences;
  vault: Vault;
  audit: AuditLog;
  sandbox: SandboxLink;
}
