import type { KeyDeskBridge } from './bridge.js';
import { unwrap } from './envelope.js';
import { ApiError } from './errors.js';
import type { Transport } from './transport.js';

/** Calls go through the preload bridge; IPC does not drop, so there is never a reconnect. */
export function electronTransport(bridge: KeyDeskBridge): Transport {
  return {
    kind: 'electron',
    async call(method, input) {
      let envelope: unknown;
      try {
        envelope = await bridge.call(method, input);
      } catch (err) {
        throw ApiError.client('UNREACHABLE', { reason: (err as Error).message });
      }
      return unwrap(envelope);
    },
    subscribe(onEvent) {
      return bridge.onEvent((message) => onEvent({ event: message.event, payload: message.payload }));
    },
  };
}
