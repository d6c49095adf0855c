// The core under test in the kill test: opens the data folder, reconciles what the last (killed) run
// left in flight, then polls and delivers until it is killed. Prints "ready" once recovery is done.
import { createCore } from '../../src-main/core/index.js';

// A crash of the core itself (not a kill) must be seen: it is a bug the kill test exists to find.
process.on('uncaughtException', (err) => {
  process.stderr.write(`chaos child crashed: ${err.stack ?? err.message}\n`);
  process.exit(70);
});
process.on('unhandledRejection', (err) => {
  process.stderr.write(`chaos child unhandled rejection: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(70);
});

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
