// otp_challenges rows: reading, the view the screen shows, and the small writes the send and submit
// flows make. SQL only; the rules live in send.ts / submit.ts.
import type Database from 'better-sqlite3';
import type { RiskSettings, VerifyStateView } from '../../../../src-shared/contract/index.js';
import { stmt } from '../../db/statements.js';

export interface ChallengeRow {
  id: number;
  line_id: number;
  via: 'sms' | 'site' | null;
  to_masked: string | null;
  code_mac: string | null;
  status: 'not_sent' | 'sent' | 'passed' | 'failed' | 'expired';
  sent_at: number | null;
  expires_at: number | null;
  attempts: number;
  sends: number;
  send_ref: string | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

/** Between two sends to the same buyer (the gateway allows one SMS a minute per phone anyway). */
export const RESEND_COOLDOWN_MS = 60_000;

export function challengeOf(sqlite: Database.Database, lineId: number): ChallengeRow | undefined {
  return stmt(sqlite, 'select * from otp_challenges where line_id = ?').get(lineId) as ChallengeRow | undefined;
}

/** A sent code past its time shows as expired before anyone writes it so. */
export function effectiveStatus(row: ChallengeRow, now: number): ChallengeRow['status'] {
  return row.status === 'sent' && row.expires_at !== null && now > row.expires_at ? 'expired' : row.status;
}

export function toView(row: ChallengeRow, settings: Pick<RiskSettings, 'otpMaxAttempts' | 'otpMaxSends'>, now: number): VerifyStateView {
  const status = effectiveStatus(row, now);
  return {
    status,
    via: row.via,
    to: row.to_masked,
    sentAt: row.sent_at,
    expiresAt: row.expires_at,
    attemptsLeft: Math.max(0, settings.otpMaxAttempts - row.attempts),
    sendsLeft: Math.max(0, settings.otpMaxSends - row.sends),
    lastError: row.last_error ?? (status === 'expired' ? '验证码已过期，请重发' : null),
  };
}

/**
 * Creates the challenge of a verify hold, inside the hold's transaction. A line held again gets a fresh
 * challenge, except one locked by too many wrong codes: that lock is never lifted by the rules.
 */
export function openChallenge(sqlite: Database.Database, lineId: number, now: number): void {
  stmt(
    sqlite,
    `insert into otp_challenges (line_id, status, attempts, sends, created_at, updated_at) values (?, 'not_sent', 0, 0, ?, ?)
     on conflict(line_id) do update set status = 'not_sent', via = null, to_masked = null, code_mac = null, sent_at = null,
       expires_at = null, attempts = 0, sends = 0, send_ref = null, last_error = null, updated_at = excluded.updated_at
     where otp_challenges.status <> 'failed'`,
  ).run(lineId, now, now);
}

/**
 * Challenges opened but never sent (also those whose first send was cut short by a crash), while their hold
 * is still open: kick() sends them.
 */
export function pendingLineIds(sqlite: Database.Database): number[] {
  return (
    stmt(
      sqlite,
      `select c.line_id from otp_challenges c left join risk_holds h on h.line_id = c.line_id
        where c.status = 'not_sent' and c.last_error is null and (h.status is null or h.status = 'open') order by c.id`,
    ).all() as { line_id: number }[]
  ).map((r) => r.line_id);
}

/** A send went out: its MAC and reference replace the previous code's, which no longer passes. */
export function recordSent(sqlite: Database.Database, lineId: number, input: { via: 'sms' | 'site'; toMasked: string; codeMac: string; sendRef: string; now: number; expiresAt: number }): void {
  stmt(
    sqlite,
    `update otp_challenges set status = 'sent', via = ?, to_masked = ?, code_mac = ?, send_ref = ?, sent_at = ?, expires_at = ?,
       sends = sends + 1, last_error = null, updated_at = ? where line_id = ?`,
  ).run(input.via, input.toMasked, input.codeMac, input.sendRef, input.now, input.expiresAt, input.now, lineId);
}

export function recordSendError(sqlite: Database.Database, lineId: number, input: { via: 'sms' | 'site' | null; toMasked: string | null; error: string; now: number }): void {
  stmt(
    sqlite,
    'update otp_challenges set via = coalesce(?, via), to_masked = coalesce(?, to_masked), last_error = ?, updated_at = ? where line_id = ?',
  ).run(input.via, input.toMasked, input.error, input.now, lineId);
}

export function recordAttempt(sqlite: Database.Database, lineId: number, input: { status: ChallengeRow['status']; attempts: number; error: string | null; now: number }): void {
  stmt(sqlite, 'update otp_challenges set status = ?, attempts = ?, last_error = ?, updated_at = ? where line_id = ?').run(
    input.status,
    input.attempts,
    input.error,
    input.now,
    lineId,
  );
}

/** The hold of the line, when the risk engine wrote one: a closed hold needs no code any more. */
export function holdStatus(sqlite: Database.Database, lineId: number): string | undefined {
  return (stmt(sqlite, 'select status from risk_holds where line_id = ?').get(lineId) as { status: string } | undefined)?.status;
}
