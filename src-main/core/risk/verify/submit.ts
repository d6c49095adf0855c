// Checking a code, in one immediate transaction: expiry, the attempt limit (a locked challenge refuses
// even the right code), a constant-time MAC comparison, and on success the hook that releases the line,
// all audited together. The code itself is never written anywhere, not even to the audit summary.
import { KeyDeskError, type VerifyStateView } from '../../../../src-shared/contract/index.js';
import type { VerifyDeps } from './index.js';
import { challengeOf, effectiveStatus, holdStatus, recordAttempt, toView, type ChallengeRow } from './challenges.js';
import { codeMacInput, sameMac } from './code.js';
import { lineRef } from './target.js';

export const LOCKED = '验证码输错次数过多，已锁定；请人工核实后放行或拒绝';
export const EXPIRED = '验证码已过期，请重发';

export interface SubmitOutcome {
  passed: boolean;
  verify: VerifyStateView;
  /** Set when this submit locked the challenge (the owner is told once). */
  lockedNow: boolean;
}

const refuse = (lineId: number, message: string) => new KeyDeskError('INVALID_INPUT', { lineId, field: 'code' }, message);

function matches(d: VerifyDeps, row: ChallengeRow, code: string): boolean {
  if (!row.code_mac || !row.send_ref) return false;
  return sameMac(row.code_mac, d.vault.blindIndex(codeMacInput(row.line_id, row.send_ref, code)).toString('hex'));
}

/**
 * `alsoInTransaction` runs inside the same transaction (the 独立站 receiver records the event id there,
 * so a replayed callback is recognised exactly when its first delivery counted).
 */
export function submitCode(d: VerifyDeps, lineId: number, code: string, actor: 'owner' | 'buyer', alsoInTransaction?: () => void): SubmitOutcome {
  const settings = d.riskSettings();
  let lockedNow = false;
  let passed = false;
  d.sqlite.transaction(() => {
    const now = d.clock.now();
    const row = challengeOf(d.sqlite, lineId);
    if (!row) throw new KeyDeskError('NOT_FOUND', { lineId }, `这一行（编号 ${lineId}）没有需要验证码的风控拦截`);
    const status = effectiveStatus(row, now);
    const audit = (action: string, summary: Record<string, string | number | boolean | null>) =>
      d.appendAudit({ actor, action, objectType: 'order_line', objectId: String(lineId), summary: { via: row.via, ...summary } });
    if (status === 'passed') {
      if (!matches(d, row, code)) throw refuse(lineId, '买家已经验证通过，这一单不需要再输验证码');
      passed = true; // the same code again (a retried callback): already released, nothing more to do
      alsoInTransaction?.();
      return;
    }
    const hold = holdStatus(d.sqlite, lineId);
    if (hold !== undefined && hold !== 'open') throw refuse(lineId, '这一单已经处理过（放行或拒绝），不用再输验证码');
    if (!row.code_mac) throw refuse(lineId, '验证码还没有发出，请先发送验证码');
    alsoInTransaction?.();
    if (status === 'failed') {
      audit('risk.verify.failed', { reason: 'locked', attempts: row.attempts, attemptsLeft: 0 });
      return;
    }
    if (status === 'expired') {
      recordAttempt(d.sqlite, lineId, { status: 'expired', attempts: row.attempts, error: EXPIRED, now });
      audit('risk.verify.failed', { reason: 'expired', attempts: row.attempts, attemptsLeft: Math.max(0, settings.otpMaxAttempts - row.attempts) });
      return;
    }
    if (matches(d, row, code)) {
      recordAttempt(d.sqlite, lineId, { status: 'passed', attempts: row.attempts, error: null, now });
      d.onPassed(lineId, actor);
      audit('risk.verify.passed', { attempts: row.attempts + 1, sends: row.sends });
      passed = true;
      return;
    }
    const attempts = row.attempts + 1;
    lockedNow = attempts >= settings.otpMaxAttempts;
    const left = Math.max(0, settings.otpMaxAttempts - attempts);
    recordAttempt(d.sqlite, lineId, { status: lockedNow ? 'failed' : 'sent', attempts, error: lockedNow ? LOCKED : `验证码不对，还可以再试 ${left} 次`, now });
    audit('risk.verify.failed', { reason: lockedNow ? 'wrong_code_locked' : 'wrong_code', attempts, attemptsLeft: left });
  }).immediate();
  const verify = toView(challengeOf(d.sqlite, lineId)!, settings, d.clock.now());
  d.events.emit('risk.changed', { lineIds: [lineId] });
  if (lockedNow) {
    d.log.warn({ lineId, attempts: settings.otpMaxAttempts }, 'submitCode: locked after too many wrong codes');
    const order = lineRef(d, lineId)?.platformOrderId ?? `（订单行 ${lineId}）`;
    d.events.emit('app.notice', { level: 'warning', kind: 'otp', message: `订单 ${order} 的验证码连续输错 ${settings.otpMaxAttempts} 次，已锁定，请人工核实后放行或拒绝` });
  }
  return { passed, verify, lockedNow };
}
