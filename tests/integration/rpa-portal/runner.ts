// A test-only stand-in for the RPA engine: runs a flow's steps in order on one page with the step
// timeout applied, and turns FlowPause / FlowFailure into a result. Anything else is rethrown so a
// flow bug fails the test loudly instead of looking like a portal failure.
import { existsSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { FlowFailure, FlowPause, type Flow, type PortalAccount } from '../../../src-main/core/rpa/types.js';

export type RunResult<O> = { steps: string[]; notes: string[] } & (
  | { status: 'done'; output: O }
  | { status: 'failed'; error: FlowFailure }
  | { status: 'paused'; pause: FlowPause }
);

export interface RunOptions<I> {
  page: Page;
  input: I;
  account: PortalAccount;
  timeoutMs?: number;
  /** Lets a test change the world between steps (expire the session, switch a fault on). */
  beforeStep?: (name: string) => Promise<void> | void;
}

export async function runFlow<I, S, O>(flow: Flow<I, S, O>, options: RunOptions<I>): Promise<RunResult<O>> {
  const { page, input, account } = options;
  const steps: string[] = [];
  const notes: string[] = [];
  const state = flow.initialState(input);
  try {
    for (const step of flow.steps) {
      await options.beforeStep?.(step.name);
      const timeoutMs = step.timeoutMs ?? options.timeoutMs ?? 5_000;
      page.setDefaultTimeout(timeoutMs);
      page.setDefaultNavigationTimeout(timeoutMs);
      steps.push(step.name);
      await step.run({ page, context: page.context(), input, account, timeoutMs, note: (m) => notes.push(m) }, state);
    }
    return { status: 'done', output: flow.output(state), steps, notes };
  } catch (err) {
    if (err instanceof FlowPause) return { status: 'paused', pause: err, steps, notes };
    if (err instanceof FlowFailure) return { status: 'failed', error: err, steps, notes };
    throw err;
  }
}

const CHROMIUM = process.env.KEYDESK_CHROMIUM ?? '/usr/bin/chromium';

/** Headless Chromium; waits for the system package when it is still being installed. */
export async function launchChromium(waitMs = 5 * 60_000): Promise<Browser> {
  const deadline = Date.now() + waitMs;
  while (!existsSync(CHROMIUM)) {
    if (Date.now() > deadline) throw new Error(`找不到 Chromium：${CHROMIUM}（可用 KEYDESK_CHROMIUM 指定）`);
    await delay(2_000);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
