// RPA flows, one folder per portal. The engine in src-main/core/rpa runs them in a browser profile per
// portal account; the top-up service picks one by the product's route.
export {
  videoPortalRecharge,
  type RechargeInput as VideoPortalRechargeInput,
  type RechargeOutput as VideoPortalRechargeOutput,
} from './video-portal/recharge.js';
export {
  videoPortalFindRecharge,
  type FindRechargeInput as VideoPortalFindRechargeInput,
  type FindRechargeOutput as VideoPortalFindRechargeOutput,
} from './video-portal/find-recharge.js';
export {
  videoPortalCardStatus,
  parseCardStatus,
  type CardStatus,
  type CardStatusInput as VideoPortalCardStatusInput,
  type CardStatusOutput as VideoPortalCardStatusOutput,
} from './video-portal/card-status.js';
export { findRecharge, type HistoryRow, type RechargeQuery } from './video-portal/history.js';
