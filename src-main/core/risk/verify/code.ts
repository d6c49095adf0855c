// The one-time code itself: drawn from the CSPRNG, kept only as a keyed MAC bound to the line and to the
// send it went out with, compared in constant time. The plaintext lives in memory for one send only.
import { randomInt, timingSafeEqual } from 'node:crypto';

export const CODE_DIGITS = 6;

export function newCode(): string {
  return String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
}

/**
 * What is hashed: line, send reference and code. Binding the send means a resend's new code is the only
 * one that passes; binding the line means one MAC cannot be replayed onto another line.
 */
export function codeMacInput(lineId: number, sendRef: string, code: string): string {
  return `otp:${lineId}:${sendRef}:${code}`;
}

/** Constant-time equality of two hex MACs of the same length. */
export function sameMac(storedHex: string, candidateHex: string): boolean {
  const a = Buffer.from(storedHex, 'hex');
  const b = Buffer.from(candidateHex, 'hex');
  return a.length > 0 && a.length === b.length && timingSafeEqual(a, b);
}

/** A Chinese phone as the gateway takes it: digits only, the +86 / 0086 country prefix dropped. */
export function normalisePhone(raw: string): string {
  const digits = raw.replace(/[\s()-]/g, '').replace(/^(\+86|0086)/, '').replace(/^86(?=1\d{10}$)/, '');
  return digits;
}

/** 13800000000 → 138****0000; anything shorter keeps only its last two characters. */
export function maskPhone(phone: string): string {
  if (phone.length >= 7) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  return `****${phone.slice(-2)}`;
}
