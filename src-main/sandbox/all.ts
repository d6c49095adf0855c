import { createDemoShop } from './simulators/demo-shop.js';
import { platformSimulators } from './platforms/index.js';
import { createSupplierSimulator } from './supplier/index.js';
import { createVideoPortal } from './portal/index.js';
import { sharedMembershipWorld } from './membership/world.js';
import type { Simulator } from './types.js';

/**
 * Everything a host starts for the demo and tests: the six shop platforms (and the first demo shop), the
 * 福禄-style supplier and the video-membership portal, the last two sharing one membership world.
 */
export function allSimulators(): Simulator[] {
  const world = sharedMembershipWorld();
  return [createDemoShop(), ...platformSimulators(), createSupplierSimulator({ world }), createVideoPortal({ world })];
}
