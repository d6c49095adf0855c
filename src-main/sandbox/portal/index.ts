// 爱奇艺会员（沙箱）: a small server-rendered video-membership portal that the RPA flows drive in a real
// browser. Recharges and cards live in the shared MembershipWorld, so a test can ask whether a buyer was
// topped up twice whichever route (supplier API or portal) the top-up took.
import { sharedMembershipWorld, type MembershipWorld } from '../membership/world.js';
import type { Simulator } from '../types.js';
import { portalControl, snapshot } from './control.js';
import { PORTAL_NAME, PORTAL_TITLE } from './layout.js';
import { routePortal, type PortalEnv } from './routes.js';
import { PortalState } from './state.js';

export { PORTAL_PACKAGES, type PortalPackage } from './catalog.js';
export { PORTAL_NAME, PORTAL_TITLE } from './layout.js';
export { DEFAULT_FAULTS, type PortalFaults, type PortalOrder } from './state.js';

export interface VideoPortalOptions {
  /** Epoch ms; injectable so tests control order times and session expiry. */
  clock?: () => number;
  /** Defaults to the process-wide world shared with the supplier simulator. */
  world?: MembershipWorld;
  /** Drives order numbers, captcha text and fault probabilities. */
  random?: () => number;
}

/** The merchant account seeded on start and after every reset (the demo logs in with it). */
export const SANDBOX_PORTAL_ACCOUNT = { username: 'keydesk_demo', password: 'sandbox-pass-1', balanceFen: 100_000 } as const;

export function createVideoPortal(options: VideoPortalOptions = {}): Simulator {
  const clock = options.clock ?? Date.now;
  const random = options.random ?? Math.random;
  const world = options.world ?? sharedMembershipWorld();
  const state = new PortalState(clock, random);
  // Pending delays (slow answers, hanging traps) end early on reset so nothing outlives the test.
  const wakers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      timer.unref();
      wakers.add(wake);
    });
  const env: PortalEnv = { state, world, clock, random, sleep };

  const seed = () => {
    state.users.set(SANDBOX_PORTAL_ACCOUNT.username, { ...SANDBOX_PORTAL_ACCOUNT });
  };
  seed();

  return {
    name: PORTAL_NAME,
    title: PORTAL_TITLE,
    async handle(req) {
      const response = await routePortal(env, req);
      if (state.faults.slowMs > 0) await sleep(state.faults.slowMs);
      return response;
    },
    control: (action, body) => portalControl(state, world, action, body),
    snapshot: () => snapshot(state),
    reset() {
      for (const wake of [...wakers]) wake();
      state.reset();
      world.reset();
      seed();
    },
  };
}
