export { Redemption, RECHECK_AFTER_MS, TICK_KEYS, type RedemptionDeps, type CheckSummary } from './redemption.js';
export type { CardStatus, CardStatusFlow, CardStatusOutput, RunFlow } from './card-check.js';
export type { BeforeSend } from './pre-delivery.js';
export type { RedemptionRow } from './reminders.js';
export { INVALID_NOTE } from './record-outcomes.js';
