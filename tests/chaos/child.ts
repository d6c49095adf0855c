// The core under test in the kill test: opens the data folder, reconciles what the last (killed) run
// left in flight, then polls and delivers until it is killed. Prints "ready" once recovery is done.
import { createCore } from '../../src-main/core/index.js';

const dataDir = process.env.KEYDESK_CHAOS_DIR!;
const shopId = Number(process.env.KEYDESK_CHAOS_SHOP);
const core = createCore({ dataDir, host: 'cli', version: 'chaos', scrypt: { N: 1024, r: 8, p: 1 }, sandboxUrl: process.env.KEYDESK_CHAOS_SANDBOX, background: false });
await core.services.vault.unlock({ passphrase: process.env.KEYDESK_PASSPHRASE! });
await core.services.orders.start();
process.stdout.write('ready\n');
for (;;) {
  try {
    await core.services.orders.pollers.poll(shopId);
  } catch {
    // platform faults are part of the test; the next round tries again
  }
  await new Promise((r) => setTimeout(r, 100));
}
