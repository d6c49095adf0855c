// RPA (browser automation) contracts. A flow is a small, named list of typed steps for one portal; the
// engine runs flows from a queue in a persistent browser profile per portal account, takes a screenshot
// after every step and a Playwright trace when a run fails, and pauses for the owner when a portal asks
// for a captcha or a login it cannot do by itself.
import type { BrowserContext, Page } from 'playwright-core';

/** The portal account a flow runs as. Credentials are decrypted by the caller just for the run. */
export interface PortalAccount {
  /** Stable id (portal_accounts.id as text): names the browser profile folder and its lock. */
  id: string;
  portal: string;
  baseUrl: string;
  username: string;
  password: string;
}

export interface StepContext<I> {
  page: Page;
  context: BrowserContext;
  input: I;
  account: PortalAccount;
  /** Adds a line to the run's log (kept with the evidence). Never pass secrets. */
  note(message: string): void;
  /** Per-step timeout already applied to page defaults; steps may use it for their own waits. */
  timeoutMs: number;
}

export interface Step<I, S> {
  /** Machine name, e.g. `fill-account`. */
  name: string;
  /** Chinese, shown in the evidence list: 填写充值账号. */
  title: string;
  /** Default: the engine's step timeout. */
  timeoutMs?: number;
  /** Mutates `state` (the flow's scratch data). May throw FlowPause / FlowFailure. */
  run(ctx: StepContext<I>, state: S): Promise<void>;
}

export interface Flow<I, S, O> {
  /** e.g. `iqiyi-recharge`. */
  name: string;
  /** 爱奇艺会员充值 */
  title: string;
  portal: string;
  initialState(input: I): S;
  steps: Step<I, S>[];
  /** Called after the last step; throws FlowFailure when the state does not hold a result. */
  output(state: S): O;
}

/** The portal needs a human: a captcha, or a login the flow cannot do (SMS code, expired password). */
export class FlowPause extends Error {
  constructor(
    readonly reason: 'captcha' | 'login',
    message: string,
  ) {
    super(message);
    this.name = 'FlowPause';
  }
}

/**
 * A run that cannot finish. `retryable` = running the whole flow again may work (slow page, network);
 * `layout_changed` (an expected element is missing) and `rejected` (the portal refused: bad account)
 * are not retried automatically.
 */
export class FlowFailure extends Error {
  constructor(
    readonly kind: 'timeout' | 'layout_changed' | 'rejected' | 'network' | 'unknown',
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'FlowFailure';
  }
}

export interface EvidenceItem {
  step: string;
  title: string;
  /** Path relative to the evidence folder. */
  screenshot: string | null;
  at: number;
  ok: boolean;
}

export interface Evidence {
  /** Absolute folder holding the screenshots, trace and log of one job. */
  dir: string;
  items: EvidenceItem[];
  /** trace.zip relative to dir, present when the run failed or paused. */
  trace: string | null;
  log: string[];
}

export type RpaResult<O> =
  | { status: 'done'; output: O; evidence: Evidence; attempts: number }
  | { status: 'failed'; error: FlowFailure; evidence: Evidence; attempts: number }
  | { status: 'paused'; reason: 'captcha' | 'login'; message: string; evidence: Evidence; attempts: number };

export interface RpaJob<I, S, O> {
  /** Unique per job (e.g. `topup-<attemptId>`); names the evidence folder. */
  id: string;
  flow: Flow<I, S, O>;
  input: I;
  account: PortalAccount;
}
