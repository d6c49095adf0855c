import type { Handlers } from './handlers.js';
import type { CoreServices } from '../services.js';
import { KeyDeskError } from '../../../src-shared/contract/index.js';

type BackupMethods =
  | 'backup.settings.get' | 'backup.settings.update' | 'backup.run' | 'backup.list' | 'backup.inspect'
  | 'backup.restore' | 'backup.cancelRestore';

/** backup: thin bindings onto the backup services. */
export function backupHandlers(s: CoreServices): Pick<Handlers, BackupMethods> {
  return {
    'backup.settings.get': () => s.backups.settings.get(),
    'backup.settings.update': (input) => s.backups.settings.update(input),
    'backup.run': (input) => s.backups.run({ folder: input.folder, kind: 'manual' }),
    'backup.list': () => s.backups.list(),
    'backup.inspect': (input) => s.backups.inspect(input.source),
    'backup.restore': (input) => {
      if (input.passphrase && input.recoveryKey) {
        throw new KeyDeskError('INVALID_INPUT', { field: 'recoveryKey' }, '密码和恢复密钥只需填写一个。');
      }
      const secret = input.passphrase ? { passphrase: input.passphrase } : input.recoveryKey ? { recoveryKey: input.recoveryKey } : undefined;
      return s.backups.stage(input.source, secret);
    },
    'backup.cancelRestore': () => s.backups.cancelStaged(),
  };
}
