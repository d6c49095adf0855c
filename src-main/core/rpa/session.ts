// One open persistent browser profile: the profile lock plus the Playwright context on it. Cookies and
// storage live in `<profilesRoot>/<portal>-<account id>/`, so a login survives between runs.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { launchArgs, type BrowserChoice } from './browser.js';
import { safeSegment } from './evidence.js';
import { acquireProfileLock, ProfileLockedError, type LockEnv } from './profile-lock.js';
import { FlowFailure, type PortalAccount } from './types.js';

/** Folder name of an account's profile; also the queue key, so one profile folder = one task at a time. */
export function profileKey(account: Pick<PortalAccount, 'portal' | 'id'>): string {
  return safeSegment(`${account.portal}-${account.id}`);
}

export interface Session {
  readonly key: string;
  readonly context: BrowserContext;
  /** Settles once the browser is gone (closed by us, by the owner, or crashed) and the lock is released. */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  profilesRoot: string;
  browser: BrowserChoice;
  headless: boolean;
  lockEnv?: LockEnv;
}

/**
 * Locks and opens the profile of `account`. Throws FlowFailure (not retryable) when another process holds
 * the profile or the browser does not start: retrying the same run cannot fix either.
 */
export async function openSession(account: PortalAccount, options: OpenOptions): Promise<Session> {
  const key = profileKey(account);
  const dir = join(options.profilesRoot, key);
  mkdirSync(dir, { recursive: true });
  let lock;
  try {
    lock = acquireProfileLock(dir, options.lockEnv);
  } catch (err) {
    if (err instanceof ProfileLockedError) throw new FlowFailure('unknown', err.message, false);
    throw err;
  }
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(dir, {
      ...(options.browser.executablePath !== undefined && { executablePath: options.browser.executablePath }),
      ...(options.browser.channel !== undefined && { channel: options.browser.channel }),
      headless: options.headless,
      args: launchArgs(),
      // A visible window keeps the size the owner gives it; a headless run gets a fixed desktop size.
      viewport: options.headless ? { width: 1280, height: 800 } : null,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
  } catch (err) {
    lock.release();
    throw new FlowFailure('unknown', `无法启动浏览器：${firstLine(err)}（请在设置里选择浏览器路径）`, false);
  }
  const heldLock = lock;
  let finish: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    finish = () => {
      heldLock.release();
      resolve();
    };
  });
  context.once('close', finish);
  return {
    key,
    context,
    closed,
    async close() {
      // Closing a browser that already exited (owner closed it, crash) rejects; it is closed either way.
      await context.close().catch(() => undefined);
      finish();
    },
  };
}

export function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0]!.trim();
}
