// Sending (and resending) a code. The gateway or site is called outside any transaction, then the outcome
// is written: only a successful send replaces the MAC (bound to that send's reference), so a failed resend
// leaves the buyer's earlier code valid. No intent row is needed: a send lost in a crash leaves the
// challenge not_sent (kick sends it again at start) or keeps the previous code, and a repeat with a fresh
// code is harmless. The plaintext code exists only in this call.
import { randomUUID } from 'node:crypto';
import { KeyDeskError, type VerifyStateView } from '../../../../src-shared/contract/index.js';
import { ChannelError } from '../../channels/errors.js';
import { sendVerifyCode } from '../../channels/site/verify-code.js';
import type { VerifyDeps } from './index.js';
import { RESEND_COOLDOWN_MS, challengeOf, effectiveStatus, holdStatus, recordSendError, recordSent, toView, type ChallengeRow } from './challenges.js';
import { codeMacInput, newCode } from './code.js';
import { sendSms } from './sms-gateway.js';
import { lineRef, resolveTarget, type Target } from './target.js';

export interface SendState {
  d: VerifyDeps;
  /** Lines with a send in flight: a second send waits for the first to finish. */
  inflight: Set<number>;
}

const refuse = (lineId: number, message: string) => new KeyDeskError('INVALID_INPUT', { lineId }, message);

/** Why this challenge cannot be sent now, or undefined. */
export function sendRefusal(row: ChallengeRow, hold: string | undefined, settings: { otpMaxSends: number }, now: number): string | undefined {
  if (hold !== undefined && hold !== 'open') return '这一单已经处理过（放行或拒绝），不用再发验证码';
  const status = effectiveStatus(row, now);
  if (status === 'passed') return '买家已经验证通过，不用再发验证码';
  if (status === 'failed') return '验证码输错次数过多，已锁定；请人工核实后放行或拒绝';
  if (row.sends >= settings.otpMaxSends) return `验证码已经发了 ${row.sends} 次，达到上限；请人工核实后放行或拒绝`;
  if (row.sent_at !== null && now - row.sent_at < RESEND_COOLDOWN_MS) {
    return `验证码刚刚发出，请 ${Math.ceil((RESEND_COOLDOWN_MS - (now - row.sent_at)) / 1000)} 秒后再重发`;
  }
  return undefined;
}

/** The site's reply address: the shop's push URL host, path /site-verify/<shopId>. */
function replyUrlFor(d: VerifyDeps, shopId: number): string | undefined {
  const push = d.orders.shops.pushUrlFor({ id: shopId, platform: 'site' });
  return push?.replace(/\/push\/site\/(\d+)$/, '/site-verify/$1');
}

async function deliver(d: VerifyDeps, target: Exclude<Target, { error: string }>, code: string, sendRef: string, expiresAt: number): Promise<string | undefined> {
  if (target.via === 'sms') {
    const result = await sendSms(d.http, target.account, { phone: target.phone, code, outId: sendRef, now: d.clock.now() });
    return result.ok ? undefined : result.message;
  }
  try {
    const shop = d.orders.shops.row(target.line.shopId);
    await sendVerifyCode(d.orders.shops.context(shop), {
      orderId: target.line.platformOrderId,
      lineId: target.line.platformLineId,
      code,
      expiresAt,
      replyUrl: replyUrlFor(d, target.line.shopId),
      sendRef,
    });
    return undefined;
  } catch (err) {
    if (err instanceof ChannelError || err instanceof KeyDeskError) return `验证码没有发到独立站：${err.message}`;
    throw err;
  }
}

function audit(d: VerifyDeps, actor: string, action: string, lineId: number, summary: Record<string, string | number | boolean | null>): void {
  d.appendAudit({ actor, action, objectType: 'order_line', objectId: String(lineId), summary });
}

/**
 * Sends a fresh code by the chosen channel. Refusals (limit, cooldown, locked…) throw in Chinese; a
 * gateway or site failure is kept as the challenge's lastError and returned in the view.
 */
export async function sendCode(s: SendState, lineId: number, via: 'sms' | 'site' | undefined, actor: string): Promise<VerifyStateView> {
  const { d } = s;
  const settings = d.riskSettings();
  if (s.inflight.has(lineId)) throw refuse(lineId, '验证码正在发送，请稍候');
  const row = challengeOf(d.sqlite, lineId);
  const line = lineRef(d, lineId);
  if (!row || !line) throw new KeyDeskError('NOT_FOUND', { lineId }, `这一行（编号 ${lineId}）没有需要验证码的风控拦截`);
  const why = sendRefusal(row, holdStatus(d.sqlite, lineId), settings, d.clock.now());
  if (why) throw refuse(lineId, why);

  const target = resolveTarget(d, line, via);
  if ('error' in target) {
    d.sqlite.transaction(() => {
      recordSendError(d.sqlite, lineId, { via: target.via, toMasked: null, error: target.error, now: d.clock.now() });
      audit(d, actor, 'risk.verify.notSent', lineId, { via: target.via, reason: target.error });
    }).immediate();
    d.events.emit('app.notice', { level: 'warning', kind: 'otp', message: `订单 ${line.platformOrderId} 需要买家验证：${target.error}` });
    d.events.emit('risk.changed', { lineIds: [lineId] });
    return toView(challengeOf(d.sqlite, lineId)!, settings, d.clock.now());
  }

  const sendRef = `otp_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const code = newCode();
  const expiresAt = d.clock.now() + settings.otpTtlMinutes * 60_000;
  let error: string | undefined;
  s.inflight.add(lineId);
  try {
    error = await deliver(d, target, code, sendRef, expiresAt);
  } finally {
    s.inflight.delete(lineId);
  }

  const now = d.clock.now();
  d.sqlite.transaction(() => {
    if (error === undefined) {
      const codeMac = d.vault.blindIndex(codeMacInput(lineId, sendRef, code)).toString('hex');
      recordSent(d.sqlite, lineId, { via: target.via, toMasked: target.toMasked, codeMac, sendRef, now, expiresAt });
      audit(d, actor, 'risk.verify.sent', lineId, { via: target.via, to: target.toMasked, sends: row.sends + 1 });
    } else {
      recordSendError(d.sqlite, lineId, { via: target.via, toMasked: target.toMasked, error, now });
      audit(d, actor, 'risk.verify.sendFailed', lineId, { via: target.via, to: target.toMasked, reason: error });
    }
  }).immediate();
  if (error === undefined) d.log.info({ lineId, via: target.via, sends: row.sends + 1 }, 'sendCode: sent');
  else d.log.warn({ lineId, via: target.via, reason: error }, 'sendCode: failed');
  d.events.emit('risk.changed', { lineIds: [lineId] });
  return toView(challengeOf(d.sqlite, lineId)!, settings, now);
}
