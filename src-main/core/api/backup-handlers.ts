import type { Handlers } from './handlers.js';
import type { CoreServices } from '../services.js';
import { KeyDeskError } from '../../../src-shared/contract/index.js';

type BackupMethods = 'backup.placeholder';

const notBuilt = (): never => {
  throw new KeyDeskError('INTERNAL', undefined, '此功能尚未完成');
};

/** backup: thin bindings onto the backup services (being built). */
export function backupHandlers(_s: CoreServices): Pick<Handlers, BackupMethods> {
  return {
    'backup.placeholder': notBuilt,
  };
}
