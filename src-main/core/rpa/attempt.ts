// One attempt of a flow in an open profile: a fresh page, every step with its timeout and a screenshot
// after it (success or not), the trace kept only when the attempt did not succeed.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errors, type Page } from 'playwright-core';
import { TRACE_FILE, type EvidenceRecorder } from './evidence.js';
import { firstLine, type Session } from './session.js';
import { scrubZip } from './trace-scrub.js';
import { FlowFailure, FlowPause, type RpaJob } from './types.js';

/** An attempt that did not produce an output. */
export type AttemptStop = { status: 'failed'; error: FlowFailure } | { status: 'paused'; pause: FlowPause };

export type AttemptOutcome<O> = { status: 'done'; output: O } | AttemptStop;

/**
 * A step whose promise never settles (a wait without a Playwright timeout) is abandoned after this many
 * step timeouts, so it cannot hold the account's profile for ever. Several actions in one step may each
 * use the full timeout, hence the margin.
 */
const HANG_FACTOR = 3;

const SCREENSHOT_TIMEOUT_MS = 10_000;

export interface AttemptOptions {
  stepTimeoutMs: number;
  /** Set by the engine when it shuts down: the failure then says so and is not retried. */
  stopping(): boolean;
}

export async function runAttempt<I, S, O>(
  job: RpaJob<I, S, O>,
  session: Session,
  rec: EvidenceRecorder,
  options: AttemptOptions,
): Promise<{ outcome: AttemptOutcome<O>; trace: string | null }> {
  const { context } = session;
  let outcome: AttemptOutcome<O>;
  let tracing = false;
  try {
    await context.tracing.start({ screenshots: true, snapshots: true });
    tracing = true;
    // A fresh page per attempt; the tab a persistent profile opens with is closed so only ours remains.
    const page = await context.newPage();
    for (const other of context.pages()) if (other !== page) await other.close();
    outcome = await runSteps(job, page, rec, options);
  } catch (err) {
    outcome = classify(err, null, options);
  }
  const trace = tracing ? await stopTracing(session, rec, outcome.status !== 'done', [job.account.password]) : null;
  return { outcome, trace };
}

async function runSteps<I, S, O>(job: RpaJob<I, S, O>, page: Page, rec: EvidenceRecorder, options: AttemptOptions): Promise<AttemptOutcome<O>> {
  const { flow } = job;
  const state = flow.initialState(job.input);
  for (const [index, step] of flow.steps.entries()) {
    const timeoutMs = step.timeoutMs ?? options.stepTimeoutMs;
    page.setDefaultTimeout(timeoutMs);
    page.setDefaultNavigationTimeout(timeoutMs);
    rec.note(`第 ${index + 1} 步开始：${step.title}（${step.name}）`);
    const startedAt = rec.now();
    let error: unknown = null;
    try {
      await withHangGuard(
        step.run({ page, context: page.context(), input: job.input, account: job.account, note: (m) => rec.note(m), timeoutMs }, state),
        timeoutMs * HANG_FACTOR,
      );
    } catch (err) {
      error = err;
    }
    const shot = rec.screenshotName(index, step.name);
    const saved = await screenshot(page, join(rec.dir, shot), rec);
    rec.add({ step: step.name, title: step.title, screenshot: saved ? shot : null, at: rec.now(), ok: error === null });
    if (error !== null) {
      const outcome = classify(error, { index, title: step.title, timeoutMs }, options);
      rec.note(`第 ${index + 1} 步失败（${rec.now() - startedAt} ms）：${detail(error)}`);
      return outcome;
    }
    rec.note(`第 ${index + 1} 步完成（${rec.now() - startedAt} ms）`);
  }
  try {
    return { status: 'done', output: flow.output(state) };
  } catch (err) {
    rec.note(`结果读取失败：${detail(err)}`);
    return classify(err, null, options);
  }
}

class StepHung extends Error {}

function withHangGuard<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepHung()), ms);
  });
  // The abandoned step keeps running until the engine closes its browser; its late rejection is moot.
  work.catch(() => undefined);
  return Promise.race([work, guard]).finally(() => clearTimeout(timer));
}

/** A screenshot that cannot be taken (page crashed, browser closed) is noted, never fatal. */
async function screenshot(page: Page, path: string, rec: EvidenceRecorder): Promise<boolean> {
  try {
    await page.screenshot({ path, fullPage: true, timeout: SCREENSHOT_TIMEOUT_MS });
    return true;
  } catch (err) {
    rec.note(`截图失败：${firstLine(err)}`);
    return false;
  }
}

/**
 * The trace goes to disk only for an attempt that failed or paused; a successful one is discarded. A kept
 * trace is cleaned of the account password; one that cannot be cleaned is deleted rather than kept.
 */
async function stopTracing(session: Session, rec: EvidenceRecorder, keep: boolean, secrets: readonly string[]): Promise<string | null> {
  const path = join(rec.dir, TRACE_FILE);
  try {
    if (!keep) {
      await session.context.tracing.stop();
      return null;
    }
    await session.context.tracing.stop({ path });
  } catch (err) {
    rec.note(`跟踪记录（trace）保存失败：${firstLine(err)}`);
    return null;
  }
  try {
    const raw = readFileSync(path);
    const clean = scrubZip(raw, secrets);
    if (clean !== raw) writeFileSync(path, clean);
    return TRACE_FILE;
  } catch (err) {
    rmSync(path, { force: true });
    rec.note(`跟踪记录（trace）无法清除密码，已删除：${firstLine(err)}`);
    return null;
  }
}

interface StepAt {
  index: number;
  title: string;
  timeoutMs: number;
}

/** Maps anything a step (or the engine around it) throws to the result the flow's caller sees. */
export function classify(err: unknown, at: StepAt | null, options: Pick<AttemptOptions, 'stopping'>): AttemptStop {
  if (err instanceof FlowPause) return { status: 'paused', pause: err };
  if (err instanceof FlowFailure) return { status: 'failed', error: err };
  if (options.stopping()) return { status: 'failed', error: new FlowFailure('unknown', '自动化已停止（KeyDesk 正在退出），这一单可稍后重试', true) };
  const where = at ? `第 ${at.index + 1} 步「${at.title}」` : '';
  if (err instanceof errors.TimeoutError || err instanceof StepHung) {
    const seconds = Number(((at?.timeoutMs ?? 0) / 1000).toFixed(1));
    return { status: 'failed', error: new FlowFailure('timeout', `${where || '页面'}超时：${seconds} 秒内页面没有反应`, true) };
  }
  return { status: 'failed', error: new FlowFailure('unknown', `${where}出错：${firstLine(err)}`, true) };
}

function detail(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
