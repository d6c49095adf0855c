// 验证码 (second verification) for `verify` holds: an SMS gateway (阿里云短信-style) or the 独立站 callback.
// The interface below is what the rest of the risk code relies on; README.md has the rules of this folder.
import { randomUUID } from 'node:crypto';
import type { CoreServices } from '../../services.js';
import type { HttpClient, PushRequest } from '../../channels/types.js';
import type { OrderDesk } from '../../orders/order-desk.js';
import type { VerifyStateView, RiskSettings } from '../../../../src-shared/contract/index.js';
import { challengeOf, openChallenge, pendingLineIds, toView } from './challenges.js';
import { maskPhone, newCode, normalisePhone } from './code.js';
import { sendCode, type SendState } from './send.js';
import { receiveSiteVerify, type SiteVerifyAnswer } from './site-receiver.js';
import { sendSms } from './sms-gateway.js';
import { smsAccount, smsView, updateSmsSettings } from './sms-settings.js';
import { submitCode } from './submit.js';

export type VerifyDeps = Pick<CoreServices, 'sqlite' | 'vault' | 'clock' | 'log' | 'events' | 'appendAudit' | 'settings'> & {
  http: HttpClient;
  sandboxUrl?: string | undefined;
  /** Shops: a 独立站 code goes out with the shop's credentials, and its callback is checked with them. */
  orders: Pick<OrderDesk, 'shops'>;
  /** Risk settings (TTL, attempts, sends) as they are now. */
  riskSettings: () => RiskSettings;
  /** Called inside the transaction that marks a challenge passed: releases the hold (audited by the caller). */
  onPassed: (lineId: number, actor: 'owner' | 'buyer') => void;
};

export type { SiteVerifyAnswer } from './site-receiver.js';

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
  /** POST /site-verify/<shopId> (server host): a 独立站 posting back the code its buyer typed. */
  receiveSite(shopId: string, request: PushRequest): SiteVerifyAnswer;
  /** Resolves once every send started so far (kick included) has finished: for tests and shutdown. */
  idle(): Promise<void>;
  start(): void;
  stop(): void;
}

export function createVerification(d: VerifyDeps): Verification {
  const sendState: SendState = { d, inflight: new Set() };
  const running = new Set<Promise<unknown>>();
  let unsubscribe: (() => void) | undefined;

  const track = <T>(p: Promise<T>): Promise<T> => {
    running.add(p);
    void p.finally(() => running.delete(p)).catch(() => {});
    return p;
  };

  const kick = (): void => {
    if (!d.vault.unlocked) return;
    for (const lineId of pendingLineIds(d.sqlite)) {
      if (sendState.inflight.has(lineId)) continue;
      track(sendCode(sendState, lineId, undefined, 'system')).catch((err: Error) => d.log.warn({ lineId, err: err.message }, 'Verification.kick: send refused'));
    }
  };

  return {
    open(lineId) {
      openChallenge(d.sqlite, lineId, d.clock.now());
    },
    send: (lineId, via) => track(sendCode(sendState, lineId, via, 'owner')),
    submit(lineId, code, actor) {
      const { passed, verify } = submitCode(d, lineId, code, actor);
      return { passed, verify };
    },
    state(lineId) {
      const row = challengeOf(d.sqlite, lineId);
      return row ? toView(row, d.riskSettings(), d.clock.now()) : null;
    },
    kick,
    smsSettings: () => smsView(d),
    updateSms(input) {
      updateSmsSettings(d, input);
    },
    async testSms(phoneInput) {
      const phone = normalisePhone(phoneInput);
      const to = maskPhone(phone);
      const account = smsAccount(d, false);
      const result = account.ok
        ? await sendSms(d.http, account.account, { phone, code: newCode(), outId: `test_${randomUUID().slice(0, 8)}`, now: d.clock.now() })
        : { ok: false as const, message: account.message };
      d.sqlite.transaction(() => {
        d.appendAudit({ actor: 'owner', action: 'risk.sms.test', objectType: 'settings', objectId: 'sms', summary: { to, ok: result.ok } });
      }).immediate();
      return result.ok ? { ok: true, message: `测试短信已发出，请查看 ${to} 是否收到` } : { ok: false, message: result.message };
    },
    receiveSite: (shopId, request) => receiveSiteVerify(d, shopId, request),
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    start() {
      unsubscribe ??= d.events.on((message) => {
        if (message.event === 'vault.changed' && d.vault.unlocked) kick();
      });
      kick();
    },
    stop() {
      unsubscribe?.();
      unsubscribe = undefined;
    },
  };
}
