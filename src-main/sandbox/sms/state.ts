// What the simulated SMS gateway knows: accounts (AccessKey, approved sign names and templates, balance),
// every message it accepted (tests read the codes here), used nonces and the per-phone flow control.
import { randomInt } from 'node:crypto';
import { TIMESTAMP_SKEW_MS } from './protocol.js';

export interface SmsAccount {
  accessKeyId: string;
  accessKeySecret: string;
  /** Approved 短信签名. */
  signNames: string[];
  /** Approved templates: code → text with ${var} placeholders. */
  templates: Record<string, string>;
  /** Messages left to send; 0 answers isv.AMOUNT_NOT_ENOUGH. */
  balance: number;
}

export interface SmsMessage {
  at: number;
  phone: string;
  accessKeyId: string;
  signName: string;
  templateCode: string;
  templateParam: Record<string, string>;
  /** The `code` variable, when the template has one (what a buyer would type). */
  code: string | null;
  /** The text as the phone shows it: 【签名】template with variables filled in. */
  text: string;
  outId: string | null;
  bizId: string;
}

export interface FlowLimits {
  perMinute: number;
  perHour: number;
  perDay: number;
}

/** 阿里云's default flow control for verification codes to one phone. */
export const DEFAULT_LIMITS: FlowLimits = { perMinute: 1, perHour: 5, perDay: 10 };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export class SmsState {
  accounts = new Map<string, SmsAccount>();
  messages: SmsMessage[] = [];
  limits: FlowLimits = { ...DEFAULT_LIMITS };
  readonly #nonces = new Map<string, number>();

  /** Records a nonce; true when it was already used inside the timestamp window. */
  useNonce(nonce: string, now: number): boolean {
    for (const [n, at] of this.#nonces) {
      if (at >= now - 2 * TIMESTAMP_SKEW_MS) break;
      this.#nonces.delete(n);
    }
    if (this.#nonces.has(nonce)) return true;
    this.#nonces.set(nonce, now);
    return false;
  }

  /** The flow-control message when one more SMS to this phone would break a window, else undefined. */
  limitHit(phone: string, now: number): string | undefined {
    const to = this.messages.filter((m) => m.phone === phone);
    const within = (ms: number) => to.filter((m) => m.at > now - ms).length;
    if (within(MINUTE) >= this.limits.perMinute) return `触发分钟级流控Permits:${this.limits.perMinute}`;
    if (within(HOUR) >= this.limits.perHour) return `触发小时级流控Permits:${this.limits.perHour}`;
    if (within(DAY) >= this.limits.perDay) return `触发天级流控Permits:${this.limits.perDay}`;
    return undefined;
  }

  bizId(now: number): string {
    return `${randomInt(100000, 999999)}${now}^0`;
  }

  reset(): void {
    this.accounts.clear();
    this.messages = [];
    this.limits = { ...DEFAULT_LIMITS };
    this.#nonces.clear();
  }
}
