// 验证码 (second verification) for `verify` holds: an SMS gateway (阿里云短信-style) or the 独立站 callback.
// Filled by the verification work; the interface below is what the rest of the risk code relies on.
import type { CoreServices } from '../../services.js';
import type { HttpClient } from '../../channels/types.js';
import type { VerifyStateView, RiskSettings } from '../../../../src-shared/contract/index.js';

export type VerifyDeps = Pick<CoreServices, 'sqlite' | 'vault' | 'clock' | 'log' | 'events' | 'appendAudit' | 'settings'> & {
  http: HttpClient;
  sandboxUrl?: string | undefined;
  /** Risk settings (TTL, attempts, sends) as they are now. */
  riskSettings: () => RiskSettings;
  /** Called inside the transaction that marks a challenge passed: releases the hold (audited by the caller). */
  onPassed: (lineId: number, actor: 'owner' | 'buyer') => void;
};

export interface Verification {
  /** Inside the hold's transaction: create the challenge row (not_sent). The send happens after commit via `kick`. */
  open(lineId: number): void;
  /** Sends (or resends) a fresh code; refuses past the send limit. */
  send(lineId: number, via?: 'sms' | 'site'): Promise<VerifyStateView>;
  /** A code typed by the owner (from the buyer's chat) or posted by the 独立站; counts attempts, locks after the limit. */
  submit(lineId: number, code: string, actor: 'owner' | 'buyer'): { passed: boolean; verify: VerifyStateView };
  state(lineId: number): VerifyStateView | null;
  /** Sends every opened-but-unsent challenge (after a hold commits, and at start). */
  kick(): void;
  /** 短信网关 settings as shown (secret masked) and their update (secret sealed). */
  smsSettings(): RiskSettings['sms'];
  updateSms(input: Partial<RiskSettings['sms']>): void;
  testSms(phone: string): Promise<{ ok: boolean; message: string }>;
  start(): void;
  stop(): void;
}

/** Placeholder until the verification work lands: nothing is sent, every code is refused. */
export function createVerification(_d: VerifyDeps): Verification {
  const none = { status: 'not_sent' as const, via: null, to: null, sentAt: null, expiresAt: null, attemptsLeft: 0, sendsLeft: 0, lastError: '验证码功能尚未完成' };
  return {
    open() {},
    send: () => Promise.resolve(none),
    submit: () => ({ passed: false, verify: none }),
    state: () => null,
    kick() {},
    smsSettings: () => ({ enabled: false, endpoint: null, accessKeyId: null, signName: null, templateCode: null, secretSet: false }),
    updateSms() {},
    testSms: () => Promise.resolve({ ok: false, message: '验证码功能尚未完成' }),
    start() {},
    stop() {},
  };
}
