import type { Handlers } from './handlers.js';
import type { CoreServices } from '../services.js';
import { KeyDeskError } from '../../../src-shared/contract/index.js';

type RiskMethods = 'risk.rules.list' | 'risk.rules.save' | 'risk.rules.delete' | 'risk.rules.reorder' | 'risk.rules.restoreDefaults' | 'risk.rules.backtest' | 'risk.stats' | 'risk.holds.list' | 'risk.holds.approve' | 'risk.holds.reject' | 'risk.holds.blacklist' | 'risk.verify.send' | 'risk.verify.submit' | 'risk.lists.list' | 'risk.lists.add' | 'risk.lists.remove' | 'risk.lists.addFromOrder' | 'risk.lists.import' | 'risk.lists.export' | 'risk.settings.get' | 'risk.settings.update' | 'risk.sms.test';

const notBuilt = (): never => {
  throw new KeyDeskError('INTERNAL', undefined, '此功能尚未完成');
};

/** risk: thin bindings onto the risk services (being built). */
export function riskHandlers(_s: CoreServices): Pick<Handlers, RiskMethods> {
  return {
    'risk.rules.list': notBuilt,
    'risk.rules.save': notBuilt,
    'risk.rules.delete': notBuilt,
    'risk.rules.reorder': notBuilt,
    'risk.rules.restoreDefaults': notBuilt,
    'risk.rules.backtest': notBuilt,
    'risk.stats': notBuilt,
    'risk.holds.list': notBuilt,
    'risk.holds.approve': notBuilt,
    'risk.holds.reject': notBuilt,
    'risk.holds.blacklist': notBuilt,
    'risk.verify.send': notBuilt,
    'risk.verify.submit': notBuilt,
    'risk.lists.list': notBuilt,
    'risk.lists.add': notBuilt,
    'risk.lists.remove': notBuilt,
    'risk.lists.addFromOrder': notBuilt,
    'risk.lists.import': notBuilt,
    'risk.lists.export': notBuilt,
    'risk.settings.get': notBuilt,
    'risk.settings.update': notBuilt,
    'risk.sms.test': notBuilt,
  };
}
