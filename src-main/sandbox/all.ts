import { createDemoShop } from './simulators/demo-shop.js';
import { platformSimulators } from './platforms/index.js';
import type { Simulator } from './types.js';

/** Everything a host starts for the demo and tests: the six shop platforms (and the first demo shop). */
export function allSimulators(): Simulator[] {
  return [createDemoShop(), ...platformSimulators()];
}
