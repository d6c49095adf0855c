import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KeyDeskError } from '../../../src-shared/contract/index.js';
import { createCore, DATABASE_FILE, type Core } from '../../core/index.js';
import { VERSION } from './package-info.js';

/** Reads a passphrase from the terminal without echoing it. */
export function promptHidden(question: string): Promise<string> {
  process.stderr.write(question);
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  return new Promise((resolve) => {
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

/**
 * Opens the vault for a command that needs it: KEYDESK_PASSPHRASE first (scripts, services), then a
 * prompt when a person is at the terminal. Never guesses; a wrong passphrase is a typed error.
 */
export async function unlockForCommand(core: Core): Promise<void> {
  const vault = core.services.vault;
  const status = vault.status();
  if (status.state === 'unlocked') return;
  if (status.state === 'new') throw new KeyDeskError('VAULT_NOT_SET_UP');
  const passphrase = process.env.KEYDESK_PASSPHRASE ?? (process.stdin.isTTY ? await promptHidden('请输入卡密工作台密码：') : undefined);
  if (passphrase === undefined) {
    throw new KeyDeskError('VAULT_LOCKED', { hint: '设置环境变量 KEYDESK_PASSPHRASE，或在终端中运行以输入密码' });
  }
  await vault.unlock({ passphrase });
}

/** For commands that work on existing data: refuses an empty folder instead of creating a database there. */
export async function openCoreForCommand(dataDir: string): Promise<Core> {
  if (!existsSync(join(dataDir, DATABASE_FILE))) {
    throw new KeyDeskError('VAULT_NOT_SET_UP', { dataDir, hint: '该目录下没有卡密工作台的数据，请检查 --data-dir' });
  }
  const core = createCore({ dataDir, host: 'cli', version: VERSION });
  try {
    await unlockForCommand(core);
    return core;
  } catch (err) {
    core.close();
    throw err;
  }
}

/** Runs a command body with the vault open and always closes the core, whatever the body does. */
export async function withCore<T>(dataDir: string, body: (core: Core) => Promise<T> | T): Promise<T> {
  const core = await openCoreForCommand(dataDir);
  try {
    return await body(core);
  } finally {
    core.close();
  }
}
