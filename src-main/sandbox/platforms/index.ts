// The simulated shop platforms, one per real one, each a protocol front on a shared PlatformStore.
import type { Simulator } from '../types.js';
import type { PlatformStore } from './store.js';
import { createTaobaoSimulator } from './taobao/index.js';
import { createPddSimulator } from './pdd/index.js';
import { createDoudianSimulator } from './doudian/index.js';
import { createYouzanSimulator } from './youzan/index.js';
import { createWeidianSimulator } from './weidian/index.js';
import { createSiteSimulator } from './site/index.js';

export type PlatformSimulator = Simulator & { store: PlatformStore };

export function platformSimulators(options: { clock?: () => number } = {}): PlatformSimulator[] {
  return [
    createTaobaoSimulator(options),
    createPddSimulator(options),
    createDoudianSimulator(options),
    createYouzanSimulator(options),
    createWeidianSimulator(options),
    createSiteSimulator(options),
  ];
}

export { createTaobaoSimulator, createPddSimulator, createDoudianSimulator, createYouzanSimulator, createWeidianSimulator, createSiteSimulator };
export { PlatformStore, type SimOrder, type SimShop } from './store.js';
