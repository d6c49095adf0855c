// How a simulated platform pushes to KeyDesk: a few keep-alive connections per receiver, a few retries on
// a non-success reply, as real platforms do. A failed push is not lost for KeyDesk: the poller still finds
// the order.
import { Agent, request } from 'node:http';

const pushAgent = new Agent({ keepAlive: true, maxSockets: 64 });

/** node:http rather than fetch: platforms push thousands of messages a second and fetch is the slow part. */
function post(url: string, init: { headers: Record<string, string>; body: string }): Promise<{ status: number; reply: string }> {
  return new Promise((resolve, reject) => {
    const body = Buffer.from(init.body, 'utf8');
    const req = request(url, { method: 'POST', agent: pushAgent, headers: { ...init.headers, 'content-length': String(body.length) }, timeout: 5000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, reply: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('push timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Pushes in flight per receiver: platforms deliver messages over a few connections, not thousands. */
const PUSH_CONCURRENCY = 64;
const pushQueues = new Map<string, { active: number; waiting: (() => void)[] }>();

async function withPushSlot<T>(url: string, work: () => Promise<T>): Promise<T> {
  const origin = new URL(url).origin;
  let queue = pushQueues.get(origin);
  if (!queue) pushQueues.set(origin, (queue = { active: 0, waiting: [] }));
  if (queue.active >= PUSH_CONCURRENCY) await new Promise<void>((resolve) => queue.waiting.push(resolve));
  queue.active += 1;
  try {
    return await work();
  } finally {
    queue.active -= 1;
    queue.waiting.shift()?.();
  }
}

/**
 * Push with a few retries, as platforms do (they retry on a non-success reply), through a small number of
 * connections per receiver. A failed push is not lost for KeyDesk: the poller still finds the order.
 */
export async function postPush(url: string, init: { headers: Record<string, string>; body: string }, attempts = 3): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    const ok = await withPushSlot(url, async () => {
      try {
        const { status, reply } = await post(url, init);
        return status >= 200 && status < 300 && /success|"code"\s*:\s*0/.test(reply);
      } catch {
        return false;
      }
    });
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 200 * (i + 1)));
  }
  return false;
}
