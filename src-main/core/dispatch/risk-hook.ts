// The risk decision asked before any key is reserved. core/risk fills it with the rule engine
// (createRiskServices); allowAll stands in where no engine is plugged in.
import type { PlatformName } from '../../../src-shared/contract/index.js';

export type RiskAction = 'allow' | 'review' | 'verify' | 'delay' | 'block';

export interface RiskDecision {
  action: RiskAction;
  score: number;
  /** Matched rules, in the owner's words. */
  reasons: string[];
  /** The matched rules' ids, the deciding one first. */
  ruleIds?: number[];
  /** For `delay`: release no earlier than this (epoch ms). */
  until?: number;
}

export interface RiskInput {
  orderId: number;
  shopId: number;
  platform: PlatformName;
  platformOrderId: string;
  lineId: number;
  productId: number;
  quantity: number;
  amountFen: number;
  paidAt: number;
  buyerIndex: Buffer | null;
  riskFlags: string[];
}

/** Runs inside the reservation transaction: synchronous, no I/O beyond the database. */
export type RiskHook = (input: RiskInput) => RiskDecision;

export const allowAll: RiskHook = () => ({ action: 'allow', score: 0, reasons: [] });
