import type { MethodName, ParsedInput, MethodOutput } from '../../../src-shared/contract/index.js';
import type { CoreServices } from '../services.js';
import { inventoryHandlers } from './inventory-handlers.js';
import { orderHandlers } from './order-handlers.js';
import { topupHandlers } from './topup-handlers.js';
import { afterSalesHandlers } from './aftersales-handlers.js';
import { riskHandlers } from './risk-handlers.js';
import { alertsHandlers } from './alerts-handlers.js';
import { backupHandlers } from './backup-handlers.js';
import { auditHandlers } from './audit-handlers.js';
import { reportsHandlers } from './reports-handlers.js';

export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

/** Binds each contract method to the service that does it. Thin: no business rule lives here. */
export function createHandlers(s: CoreServices): Handlers {
  const vaultChanged = () => {
    const status = s.vault.status();
    s.events.emit('vault.changed', status);
    return status;
  };
  return {
    ...inventoryHandlers(s),
    ...orderHandlers(s),
    ...topupHandlers(s),
    ...afterSalesHandlers(s),
    ...riskHandlers(s),
    ...alertsHandlers(s),
    ...backupHandlers(s),
    ...auditHandlers(s),
    ...reportsHandlers(s),
    'app.info': () => ({ version: s.version, dataDir: s.dataDir, host: s.host, sandbox: s.sandbox.enabled }),
    'settings.get': () => s.preferences.get(),
    'settings.update': (input) => s.preferences.update(input),

    'vault.status': () => s.vault.status(),
    'vault.setup': async (input) => {
      const recoveryKey = await s.vault.setup(input);
      s.log.info({ method: input.method }, 'vault.setup: done');
      return { recoveryKey, status: vaultChanged() };
    },
    'vault.confirmRecoveryKey': (input) => {
      s.vault.confirmRecoveryKey(input.recoveryKey);
      return vaultChanged();
    },
    'vault.regenerateRecoveryKey': () => {
      const recoveryKey = s.vault.regenerateRecoveryKey();
      return { recoveryKey, status: vaultChanged() };
    },
    'vault.unlock': async (input) => {
      await s.vault.unlock(input);
      return vaultChanged();
    },
    'vault.lock': () => {
      s.vault.lock();
      return vaultChanged();
    },
    'vault.changePassphrase': async (input) => {
      await s.vault.changePassphrase(input.next);
      return vaultChanged();
    },
    'vault.rotateKey': () => {
      s.vault.rotate();
      return vaultChanged();
    },

    'sandbox.status': () => s.sandbox.status(),
    'sandbox.openDemoShop': async (input) => {
      const status = await s.sandbox.openDemoShop(input.name);
      s.events.emit('sandbox.changed', status);
      return status;
    },
  };
}
