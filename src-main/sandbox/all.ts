import { createDemoShop } from './simulators/demo-shop.js';
import { platformSimulators } from './platforms/index.js';
import { createSupplierSimulator } from './supplier/index.js';
import { createVideoPortal } from './portal/index.js';
import { sharedMembershipWorld } from './membership/world.js';
import { createSmsSimulator } from './sms/index.js';
import { imBotSimulators } from './im-bots/index.js';
import type { Simulator } from './types.js';

/**
 * Everything a host starts for the demo and tests: the six shop platforms (and the first demo shop), the
 * 福禄-style supplier and the video-membership portal, the last two sharing one membership world, the
 * 企业微信 / 钉钉 / 飞书 group-bot receivers for alerts, and the 阿里云短信-style gateway for verification codes.
 */
export function allSimulators(): Simulator[] {
  const world = sharedMembershipWorld();
  return [createDemoShop(), ...platformSimulators(), createSupplierSimulator({ world }), createVideoPortal({ world }), createSmsSimulator(), ...imBotSimulators()];
}
