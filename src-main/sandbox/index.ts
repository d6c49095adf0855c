// Public face of the sandbox. Test helpers and `keydesk serve --sandbox` import from here only.
export { startSandbox, type Sandbox, type SandboxOptions } from './host.js';
export { FaultBook, FaultRuleError, FAULT_KINDS, parseFaultRule, type FaultKind, type FaultRule } from './faults.js';
export { SandboxError, BODY_LIMIT_BYTES, errorResponse } from './http.js';
export { parseOrThrow } from './validate.js';
export type { SimRequest, SimResponse, Simulator } from './types.js';
export { createDemoShop, type DemoOrder, type DemoShop, type DemoShopOptions } from './simulators/demo-shop.js';
export { platformSimulators, type PlatformSimulator } from './platforms/index.js';
export { allSimulators } from './all.js';
export { createSmsSimulator, SANDBOX_SMS_ACCOUNT, type SmsMessage } from './sms/index.js';
