// What the benches that build history straight into the database share: shops that never poll or send,
// and the unwrap of a core.call answer.
import type { ChannelAdapter } from '../../src-main/core/channels/types.js';
import type { Envelope, PlatformName } from '../../src-shared/contract/index.js';

const DAY = 86_400_000;

export const expectOk = <T>(e: Envelope<unknown>): T => {
  if (!e.ok) throw new Error(JSON.stringify(e.error));
  return e.data as T;
};

/** Shops exist only so orders have somewhere to belong: nothing is polled or sent in these benches. */
export const idleAdapter = (platform: PlatformName): ChannelAdapter => ({
  platform, title: '压测平台', defaultEndpoint: 'http://bench.invalid',
  limits: { maxWindowMs: DAY, historyMs: 90 * DAY, safetyLagMs: 0, pageSize: 100, freshLagMs: 0 },
  credentialFields: [{ key: 'appKey', label: 'App Key', required: true, secret: false }],
  testConnection: () => Promise.resolve({ shopName: platform }),
  listOrders: () => Promise.resolve([]),
  getOrder: () => Promise.resolve(null),
  listRefunds: () => Promise.resolve([]),
  deliver: () => Promise.reject(new Error('bench: nothing is delivered')),
});
