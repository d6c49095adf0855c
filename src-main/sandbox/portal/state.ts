// Everything the portal remembers: merchant accounts (with their prepaid balance), login sessions,
// captcha challenges, its own order list (the 充值记录 page) and the faults currently switched on.
// The recharges themselves also go to the shared MembershipWorld, which is what tests check.
import { randomBytes } from 'node:crypto';

export interface PortalUser {
  username: string;
  password: string;
  balanceFen: number;
}

export interface PortalOrder {
  orderNo: string;
  /** Portal account (merchant) that placed it: the history page shows only its own orders. */
  username: string;
  /** Recharged account as typed by the merchant's bot. */
  account: string;
  packageId: string;
  priceFen: number;
  at: number;
}

export interface PortalFaults {
  /** Every answer is delayed by this much (after the request was processed, like a slow site). */
  slowMs: number;
  /** Logins that must solve a captcha: none, every one, or the next N. */
  captcha: 'off' | 'always' | number;
  /** Idle time after which a session is dead and pages redirect to the login page. */
  sessionTtlMs: number;
  /** Probability that a recorded recharge answers "系统繁忙" (or hangs), tempting a re-submit. */
  duplicateTrap: number;
  duplicateTrapStyle: 'busy' | 'hang';
  /** How long a `hang` trap holds the answer before finally sending the busy page. */
  hangMs: number;
  /** v2: the recharge page was redesigned (other ids, field names and structure). */
  layout: 'v1' | 'v2';
  /** Probability that a recharge is refused (not recorded, nothing charged). */
  rejectRate: number;
}

export const DEFAULT_FAULTS: PortalFaults = {
  slowMs: 0,
  captcha: 'off',
  sessionTtlMs: 30 * 60_000,
  duplicateTrap: 0,
  duplicateTrapStyle: 'busy',
  hangMs: 30_000,
  layout: 'v1',
  rejectRate: 0,
};

/** One character of the captcha picture: drawn via CSS in `order`, so DOM text order means nothing. */
export interface Glyph {
  char: string;
  order: number;
  rotateDeg: number;
  shiftPx: number;
  color: string;
}

export interface Challenge {
  id: string;
  glyphs: Glyph[];
}

interface Session {
  username: string;
  lastSeenAt: number;
}

// No 0/O, 1/I/L, 2/Z: a human must be able to read it first time.
const CAPTCHA_ALPHABET = 'ABCDEFHJKMNPRSTUVWXY3456789';
const CAPTCHA_LENGTH = 4;
const COLORS = ['#8c1d1d', '#1d3f8c', '#2f6b1d', '#6b1d6b', '#7a5a00'];

const token = (): string => randomBytes(18).toString('base64url');

export class PortalState {
  readonly users = new Map<string, PortalUser>();
  /** Oldest first; insertion order breaks ties within one millisecond. */
  readonly orders: PortalOrder[] = [];
  faults: PortalFaults = { ...DEFAULT_FAULTS };
  private readonly sessions = new Map<string, Session>();
  private readonly challenges = new Map<string, string>();

  constructor(
    private readonly clock: () => number,
    private readonly random: () => number,
  ) {}

  reset(): void {
    this.users.clear();
    this.orders.length = 0;
    this.sessions.clear();
    this.challenges.clear();
    this.faults = { ...DEFAULT_FAULTS };
  }

  chance(probability: number): boolean {
    return probability > 0 && this.random() < probability;
  }

  openSession(username: string): string {
    const id = token();
    this.sessions.set(id, { username, lastSeenAt: this.clock() });
    return id;
  }

  /** The logged-in user for a session cookie; an idle session past the TTL is forgotten. */
  sessionUser(id: string | undefined): PortalUser | undefined {
    if (id === undefined) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const now = this.clock();
    const user = this.users.get(session.username);
    if (!user || now - session.lastSeenAt > this.faults.sessionTtlMs) {
      this.sessions.delete(id);
      return undefined;
    }
    session.lastSeenAt = now;
    return user;
  }

  closeSession(id: string | undefined): void {
    if (id !== undefined) this.sessions.delete(id);
  }

  /** Kills every session now, like a portal that logged everyone out overnight. */
  expireSessions(): number {
    const count = this.sessions.size;
    this.sessions.clear();
    return count;
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  captchaRequired(): boolean {
    const { captcha } = this.faults;
    return captcha === 'always' || (typeof captcha === 'number' && captcha > 0);
  }

  issueChallenge(): Challenge {
    const pick = <T>(list: readonly T[]): T => list[Math.floor(this.random() * list.length)] as T;
    const chars = Array.from({ length: CAPTCHA_LENGTH }, () => pick([...CAPTCHA_ALPHABET]));
    const glyphs = chars.map((char, order) => ({
      char,
      order,
      rotateDeg: Math.round(this.random() * 50 - 25),
      shiftPx: Math.round(this.random() * 10 - 5),
      color: pick(COLORS),
    }));
    // Shuffle the DOM order; CSS `order` puts the characters back where a human reads them.
    for (let i = glyphs.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [glyphs[i], glyphs[j]] = [glyphs[j] as Glyph, glyphs[i] as Glyph];
    }
    const id = token();
    this.challenges.set(id, chars.join(''));
    return { id, glyphs };
  }

  /** One try per challenge, right or wrong, like real captchas; case does not matter. */
  solveChallenge(id: string, answer: string): boolean {
    const expected = this.challenges.get(id);
    this.challenges.delete(id);
    return expected !== undefined && expected === answer.trim().toUpperCase();
  }

  /** A login passed the captcha: `next`/N-count captchas are used up one by one. */
  captchaPassed(): void {
    const { captcha } = this.faults;
    if (typeof captcha === 'number') this.faults.captcha = captcha > 1 ? captcha - 1 : 'off';
  }

  ordersOf(username: string, account: string | null): PortalOrder[] {
    return this.orders
      .map((order, seq) => ({ order, seq }))
      .filter(({ order }) => order.username === username && (account === null || order.account === account))
      .sort((a, b) => b.order.at - a.order.at || b.seq - a.seq)
      .map(({ order }) => order);
  }
}
