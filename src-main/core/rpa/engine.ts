// The RPA engine: runs flows from a queue, one persistent browser profile per portal account, retries
// what may pass on a second try, and hands the browser to the owner when a portal needs a human.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../clock.js';
import type { Logger } from '../log/logger.js';
import { runAttempt, type AttemptOutcome } from './attempt.js';
import type { BrowserChoice } from './browser.js';
import { claimAttemptDir, EvidenceRecorder, redact, safeSegment } from './evidence.js';
import type { LockEnv } from './profile-lock.js';
import { AccountQueue } from './queue.js';
import { firstLine, openSession, profileKey, type Session } from './session.js';
import { FlowFailure, FlowPause, type Evidence, type PortalAccount, type RpaJob, type RpaResult } from './types.js';

export interface RpaEngineOptions {
  evidenceRoot: string;
  profilesRoot: string;
  browser: BrowserChoice;
  /** Jobs running at once, over all accounts. */
  concurrency: number;
  /** Per step (Playwright default timeout of the page). Default 30 s. */
  stepTimeoutMs?: number;
  /** Runs of a flow per job when failures are retryable. Default 3. */
  maxAttempts?: number;
  /** Wait before attempt `attempt + 1`. Default 2 s, 4 s, 8 s… */
  retryDelayMs?: (attempt: number) => number;
  /** Jobs run without a window. Default true. */
  headless?: boolean;
  /** Tests only: the owner's takeover browser is normally visible. */
  takeOverHeadless?: boolean;
  /** Tests only: pid / liveness used by the profile lock. */
  lockEnv?: LockEnv;
  clock: Clock;
  log: Logger;
}

export interface RpaStats {
  running: number;
  queued: number;
  /** The queue is paused (running jobs finish, none start). */
  paused: boolean;
  /** Account ids whose last job stopped for a captcha or login and that nobody has taken over yet. */
  pausedAccounts: string[];
  /** Account ids whose browser is open for the owner right now. */
  takenOver: string[];
}

export interface TakeOverHandle {
  /** The owner's first tab. */
  page: Page;
  /** Closes the owner's browser (the app quits, or the owner clicks 完成 in KeyDesk). */
  close(): Promise<void>;
  /** Settles when the browser is closed — by the owner or by `close()` — and the profile is free again. */
  closed: Promise<void>;
}

const defaultRetryDelay = (attempt: number): number => 2000 * 2 ** (attempt - 1);

export class RpaEngine {
  private readonly queue: AccountQueue;
  private readonly sessions = new Set<Session>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly waitingForOwner = new Map<string, string>();
  private readonly takenOver = new Map<string, string>();
  private readonly stop = new AbortController();
  private readonly stepTimeoutMs: number;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: (attempt: number) => number;

  constructor(private readonly options: RpaEngineOptions) {
    this.queue = new AccountQueue(options.concurrency);
    this.stepTimeoutMs = options.stepTimeoutMs ?? 30_000;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.retryDelayMs = options.retryDelayMs ?? defaultRetryDelay;
  }

  /**
   * Queues a job and settles with its result; failures of the flow are results, not rejections. Rejects
   * only with QueueClosedError (the engine closed before the job started) or when the evidence folder
   * cannot be written.
   */
  run<I, S, O>(job: RpaJob<I, S, O>): Promise<RpaResult<O>> {
    return this.track(this.queue.run(profileKey(job.account), () => this.execute(job)));
  }

  /**
   * Opens the account's profile in a visible browser at `url` so the owner can pass a captcha or log in.
   * Waits for a job running on the account to finish, then holds the account until the browser closes;
   * it needs no job slot and starts even while the queue is paused.
   */
  takeOver(account: PortalAccount, url: string): Promise<TakeOverHandle> {
    const { log } = this.options;
    return new Promise<TakeOverHandle>((resolve, reject) => {
      const task = async (): Promise<void> => {
        let session: Session;
        try {
          session = await this.open(account, this.options.takeOverHeadless ?? false);
        } catch (err) {
          reject(err);
          return;
        }
        this.takenOver.set(account.id, account.portal);
        this.waitingForOwner.delete(account.id);
        log.info({ account: account.id, portal: account.portal }, 'RpaEngine.takeOver: browser opened for the owner');
        const closed = session.closed.then(() => {
          this.takenOver.delete(account.id);
          log.info({ account: account.id }, 'RpaEngine.takeOver: browser closed, account free again');
        });
        let page: Page;
        try {
          page = session.context.pages()[0] ?? (await session.context.newPage());
        } catch (err) {
          await session.close();
          reject(err);
          return;
        }
        // Closing the last window ends the takeover, also where the browser keeps running without windows (macOS).
        const endWhenNoPageLeft = (p: Page) =>
          p.once('close', () => {
            if (session.context.pages().length === 0) void session.close();
          });
        session.context.pages().forEach(endWhenNoPageLeft);
        session.context.on('page', endWhenNoPageLeft);
        resolve({ page, close: () => session.close(), closed });
        try {
          await page.goto(url);
        } catch (err) {
          // The window stays open: the owner can still navigate by hand.
          log.warn({ account: account.id, err: firstLine(err) }, 'RpaEngine.takeOver: could not open the start page');
        }
        await closed;
      };
      this.track(this.queue.run(profileKey(account), task, { usesSlot: false, urgent: true })).catch(reject);
    });
  }

  pause(): void {
    this.queue.pause();
    this.options.log.info('RpaEngine.pause: queue paused');
  }

  resume(): void {
    this.queue.resume();
    this.options.log.info('RpaEngine.resume: queue resumed');
  }

  stats(): RpaStats {
    const q = this.queue.stats();
    return { running: q.running, queued: q.queued, paused: q.paused, pausedAccounts: [...this.waitingForOwner.keys()], takenOver: [...this.takenOver.keys()] };
  }

  /** Cancels waiting jobs, closes every browser (running jobs end as failed, retryable) and frees the locks. */
  async close(): Promise<void> {
    this.stop.abort();
    this.queue.close();
    await Promise.all([...this.sessions].map((s) => s.close()));
    await Promise.allSettled([...this.inFlight]);
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    const done = () => this.inFlight.delete(p);
    p.then(done, done);
    return p;
  }

  private async open(account: PortalAccount, headless: boolean): Promise<Session> {
    const { profilesRoot, browser, lockEnv } = this.options;
    const session = await openSession(account, { profilesRoot, browser, headless, ...(lockEnv && { lockEnv }) });
    this.sessions.add(session);
    void session.closed.then(() => this.sessions.delete(session));
    // close() may have run while the browser was starting.
    if (this.stop.signal.aborted) await session.close();
    return session;
  }

  private async execute<I, S, O>(job: RpaJob<I, S, O>): Promise<RpaResult<O>> {
    const { log } = this.options;
    const jobDir = join(this.options.evidenceRoot, safeSegment(job.id));
    for (let attempt = 1; ; attempt++) {
      const { outcome, evidence } = await this.attempt(job, jobDir);
      const base = { evidence, attempts: attempt };
      log.info({ job: job.id, flow: job.flow.name, account: job.account.id, attempt, status: outcome.status, dir: evidence.dir }, 'RpaEngine.execute: attempt finished');
      if (outcome.status === 'done') {
        this.waitingForOwner.delete(job.account.id);
        return { status: 'done', output: outcome.output, ...base };
      }
      if (outcome.status === 'paused') {
        this.waitingForOwner.set(job.account.id, job.account.portal);
        return { status: 'paused', reason: outcome.pause.reason, message: outcome.pause.message, ...base };
      }
      const error = outcome.error;
      if (error.retryable && attempt < this.maxAttempts && !this.stop.signal.aborted) {
        try {
          await sleep(this.retryDelayMs(attempt), undefined, { signal: this.stop.signal });
          continue;
        } catch {
          // Aborted by close(): report the failure as it stands.
        }
      }
      this.waitingForOwner.delete(job.account.id);
      return { status: 'failed', error, ...base };
    }
  }

  private async attempt<I, S, O>(job: RpaJob<I, S, O>, jobDir: string): Promise<{ outcome: AttemptOutcome<O>; evidence: Evidence }> {
    const { flow, account } = job;
    const secrets = [account.password];
    const { dir, number } = claimAttemptDir(jobDir);
    const rec = new EvidenceRecorder(dir, this.options.clock, secrets);
    const startedAt = rec.now();
    rec.note(`第 ${number} 次运行：${flow.title}（${flow.name}），网站 ${account.portal}，账号 ${account.id}`);
    let outcome: AttemptOutcome<O>;
    let trace: string | null = null;
    let session: Session | null = null;
    try {
      session = await this.open(account, this.options.headless ?? true);
      rec.note('浏览器已打开');
      ({ outcome, trace } = await runAttempt(job, session, rec, { stepTimeoutMs: this.stepTimeoutMs, stopping: () => this.stop.signal.aborted }));
    } catch (err) {
      // Only opening the profile throws here (runAttempt turns everything into an outcome).
      outcome = err instanceof FlowFailure ? { status: 'failed', error: err } : { status: 'failed', error: new FlowFailure('unknown', firstLine(err), true) };
    } finally {
      await session?.close();
    }
    outcome = withoutSecrets(outcome, secrets);
    rec.note(describe(outcome));
    const error = outcome.status === 'failed' ? { kind: outcome.error.kind, message: outcome.error.message, retryable: outcome.error.retryable } : outcome.status === 'paused' ? { kind: outcome.pause.reason, message: outcome.pause.message } : null;
    const evidence = rec.finish(
      { job: job.id, flow: flow.name, flowTitle: flow.title, portal: account.portal, account: account.id, attempt: number, startedAt, finishedAt: rec.now(), status: outcome.status, error },
      trace,
    );
    return { outcome, evidence };
  }
}

function describe<O>(outcome: AttemptOutcome<O>): string {
  switch (outcome.status) {
    case 'done':
      return '结果：完成';
    case 'paused':
      return `结果：需要人工处理（${outcome.pause.reason === 'captcha' ? '验证码' : '登录'}）：${outcome.pause.message}`;
    case 'failed':
      return `结果：失败（${outcome.error.kind}${outcome.error.retryable ? '，可重试' : ''}）：${outcome.error.message}`;
  }
}

/** A flow's message may quote what it typed; the result shown in the UI must not carry the password. */
function withoutSecrets<O>(outcome: AttemptOutcome<O>, secrets: string[]): AttemptOutcome<O> {
  if (outcome.status === 'failed') {
    const { kind, message, retryable } = outcome.error;
    const clean = redact(message, secrets);
    return clean === message ? outcome : { status: 'failed', error: new FlowFailure(kind, clean, retryable) };
  }
  if (outcome.status === 'paused') {
    const { reason, message } = outcome.pause;
    const clean = redact(message, secrets);
    return clean === message ? outcome : { status: 'paused', pause: new FlowPause(reason, clean) };
  }
  return outcome;
}
