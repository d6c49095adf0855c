// Shared harness for the video-portal tests: a sandbox with only the portal (its own MembershipWorld and
// a test clock), control helpers, and a cookie-keeping HTTP client that behaves like a browser tab.
import { afterEach, beforeEach, expect } from 'vitest';
import { MembershipWorld } from '../../../src-main/sandbox/membership/world.js';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.js';
import { SANDBOX_PORTAL_ACCOUNT, createVideoPortal, type PortalFaults, type PortalOrder } from '../../../src-main/sandbox/portal/index.js';

export const PORTAL = 'video-portal';
export const CHINESE = /[\u4e00-\u9fff]/;
export const DEMO = SANDBOX_PORTAL_ACCOUNT;

export interface PortalSnapshot {
  accounts: { username: string; balanceFen: number }[];
  recharges: PortalOrder[];
  sessions: number;
  faults: PortalFaults;
}

export interface PortalHarness {
  sb: Sandbox;
  world: MembershipWorld;
  /** The portal's clock, epoch ms; tests move it forward by hand. */
  now: number;
  /** `http://127.0.0.1:PORT/video-portal` */
  base: string;
  control<T>(action: string, body?: unknown): Promise<{ status: number; json: T }>;
  setFaults(faults: Record<string, unknown>): Promise<void>;
  state(): Promise<PortalSnapshot>;
  registerCard(secret: string, packageId?: string, status?: 'unused' | 'invalid'): Promise<void>;
}

export function usePortal(): PortalHarness {
  const h = { now: 0 } as PortalHarness;
  beforeEach(async () => {
    h.now = Date.parse('2026-12-06T10:00:00+08:00');
    h.world = new MembershipWorld();
    h.sb = await startSandbox({ simulators: [createVideoPortal({ clock: () => h.now, world: h.world })] });
    h.base = `${h.sb.url}/${PORTAL}`;
  });
  afterEach(async () => {
    await h.sb.close();
  });

  h.control = async <T>(action: string, body?: unknown) => {
    const res = await fetch(`${h.sb.url}/_control/${PORTAL}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as T };
  };
  h.setFaults = async (faults) => {
    const { status, json } = await h.control('setFaults', faults);
    expect(status, JSON.stringify(json)).toBe(200);
  };
  h.state = async () => (await (await fetch(`${h.sb.url}/_control/${PORTAL}/state`)).json()) as PortalSnapshot;
  h.registerCard = async (secret, packageId = 'iqiyi-gold-month', status = 'unused') => {
    const { status: code } = await h.control('registerCard', { secret, packageId, status });
    expect(code).toBe(200);
  };
  return h;
}

/** A cookie jar over fetch, never following redirects, so tests see each 302 and its Location. */
export class Tab {
  cookie: string | null = null;
  constructor(private readonly base: string) {}

  async get(path: string, init: RequestInit = {}): Promise<Response> {
    return this.send(path, { ...init, method: 'GET' });
  }

  async post(path: string, form: Record<string, string>, init: RequestInit = {}): Promise<Response> {
    return this.send(path, {
      ...init,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }

  async login(username: string = DEMO.username, password: string = DEMO.password): Promise<Response> {
    return this.post('/login', { username, password, next: `/${PORTAL}/recharge` });
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('cookie', this.cookie);
    const res = await fetch(`${this.base}${path}`, { ...init, headers, redirect: 'manual' });
    const set = res.headers.get('set-cookie');
    if (set) {
      const [pair = ''] = set.split(';');
      this.cookie = pair.endsWith('=') ? null : pair;
    }
    return res;
  }
}

/** Reads the captcha the way a person sees it: characters in their CSS `order`, not DOM order. */
export function readCaptcha(page: string): { id: string; answer: string } | null {
  const id = /name="captchaId" value="([^"]+)"/.exec(page)?.[1];
  if (!id) return null;
  const glyphs = [...page.matchAll(/data-g="([^"]+)" style="order:(\d+);/g)].map((m) => ({ char: m[1] ?? '', order: Number(m[2]) }));
  return { id, answer: glyphs.sort((a, b) => a.order - b.order).map((g) => g.char).join('') };
}
