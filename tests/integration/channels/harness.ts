// Plumbing shared by the adapter-against-simulator tests: a simulator's control and fault endpoints,
// the delivery ledger's shape, and small async helpers. Each test file still starts its own sandbox (and
// its own clock), so the helpers read the current sandbox through a getter at call time.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { ChannelError } from '../../../src-main/core/channels/errors.js';
import type { Sandbox } from '../../../src-main/sandbox/index.js';

/** One order's entry in a simulator's delivery ledger (`control('ledger')`). */
export interface Ledger {
  orderId: string;
  deliveries: { lineId: string; content: string }[];
}

/** `control(action, body)` and `addFault(rule)` for one simulator of the sandbox `sandbox()` returns. */
export function sandboxControls(simulator: string, sandbox: () => Sandbox) {
  const control = async <T>(action: string, body: unknown = {}): Promise<T> => {
    const res = await fetch(`${sandbox().url}/_control/${simulator}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`control ${simulator}/${action} → ${res.status} ${text}`);
    return JSON.parse(text) as T;
  };
  const addFault = async (rule: Record<string, unknown>): Promise<void> => {
    const res = await fetch(`${sandbox().url}/_control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ simulator, ...rule }),
    });
    expect(res.status).toBe(201);
  };
  return { control, addFault };
}

/** The ChannelError a call fails with; the test fails if it succeeds or throws anything else. */
export async function failure(promise: Promise<unknown>): Promise<ChannelError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ChannelError);
    return err as ChannelError;
  }
  throw new Error('expected the call to fail');
}

/** Starts `server` on a free local port; answers its base URL. */
export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Waits (polling every 20 ms) until `check` holds, e.g. for a push to arrive. */
export async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for a push');
    await new Promise((r) => setTimeout(r, 20));
  }
}
