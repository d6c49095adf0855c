// The core under the top-up kill test: reconciles what the killed run left in flight (outbox read-back,
// top-up intents asked of the supplier / portal history), then polls, tops up and reports until killed.
import { createCore } from '../../src-main/core/index.js';

process.on('uncaughtException', (err) => {
  process.stderr.write(`topup child crashed: ${err.stack ?? err.message}\n`);
  process.exit(70);
});

const core = createCore({ dataDir: process.env.KEYDESK_TOPUP_DIR!, host: 'cli', version: 'bench', scrypt: { N: 1024, r: 8, p: 1 }, sandboxUrl: process.env.KEYDESK_TOPUP_SANDBOX, background: false });
await core.services.vault.unlock({ passphrase: process.env.KEYDESK_PASSPHRASE! });
await core.services.orders.start();
core.services.topup.desk.start();
process.stdout.write('ready\n');
for (;;) {
  try {
    await core.services.orders.pollers.poll(Number(process.env.KEYDESK_TOPUP_SHOP));
  } catch {
    // platform faults are part of the run
  }
  await new Promise((r) => setTimeout(r, 200));
}
