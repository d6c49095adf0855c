import type { MethodOutput } from '../../../../src-shared/contract/index.js';
import { TOPUP_STATE_TITLES, type Supplier, type TopupAttempt } from '../../../../src-shared/contract/methods/topup.js';

export type TopupState = TopupAttempt['state'];
export type RestockPurchase = MethodOutput<'restock.list'>['purchases'][number];
export type RestockRuleRow = MethodOutput<'restock.list'>['rules'][number];

/** Every attempt state, in the contract's order (the order an attempt moves through them). */
export const TOPUP_STATES = Object.keys(TOPUP_STATE_TITLES) as TopupState[];

/** antd Tag colours: green when the buyer got it, blue while in flight, orange when it waits for the owner. */
export const TOPUP_STATE_COLOR: Record<TopupState, string> = {
  intent: 'default',
  processing: 'processing',
  success: 'success',
  disputed: 'gold',
  failed_refunded: 'default',
  failed_not_refunded: 'error',
  failed: 'error',
  paused: 'warning',
};

/** States after which 重试充值 makes sense; the core still checks with the supplier/site first. */
export const RETRYABLE_STATES: readonly TopupState[] = ['failed', 'failed_refunded', 'failed_not_refunded', 'paused'];

export const SUPPLIER_STATUS_COLOR: Record<Supplier['status'], string> = {
  active: 'success',
  paused: 'default',
  needs_auth: 'warning',
  error: 'error',
};

export const PORTAL_STATUS_COLOR: Record<'active' | 'paused' | 'needs_human', string> = {
  active: 'success',
  paused: 'default',
  needs_human: 'warning',
};

export const PURCHASE_STATE_COLOR: Record<RestockPurchase['state'], string> = {
  intent: 'default',
  processing: 'processing',
  success: 'success',
  failed: 'error',
};

/** The membership sites the RPA flows know; the contract's default is the only one today. */
export const PORTAL_KINDS = ['video-portal'] as const;
export type PortalKind = (typeof PORTAL_KINDS)[number];

export const isPortalKind = (portal: string): portal is PortalKind => (PORTAL_KINDS as readonly string[]).includes(portal);
