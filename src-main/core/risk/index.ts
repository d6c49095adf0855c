// 风控: signals, rules, lists, holds and second verification. Filled by the risk work; createCore relies on
// `hook` (plugged into dispatch), `start` and `stop`.
import type { CoreServices } from '../services.js';
import type { HttpClient } from '../channels/types.js';
import type { OrderDesk } from '../orders/order-desk.js';
import type { FileStore } from '../files/file-store.js';
import { allowAll, type RiskHook } from '../dispatch/risk-hook.js';

export type RiskDeps = Pick<CoreServices, 'sqlite' | 'vault' | 'clock' | 'log' | 'events' | 'appendAudit' | 'settings'> & {
  orders: OrderDesk;
  files: FileStore;
  http: HttpClient;
  sandboxUrl?: string | undefined;
};

export interface RiskServices {
  hook: RiskHook;
  start(): void;
  stop(): void;
}

export function createRiskServices(_d: RiskDeps): RiskServices {
  return { hook: allowAll, start() {}, stop() {} };
}
