import type { Handlers } from './handlers.js';
import type { CoreServices } from '../services.js';
import { KeyDeskError } from '../../../src-shared/contract/index.js';

type AlertsMethods = 'alerts.placeholder';

const notBuilt = (): never => {
  throw new KeyDeskError('INTERNAL', undefined, '此功能尚未完成');
};

/** alerts: thin bindings onto the alerts services (being built). */
export function alertsHandlers(_s: CoreServices): Pick<Handlers, AlertsMethods> {
  return {
    'alerts.placeholder': notBuilt,
  };
}
