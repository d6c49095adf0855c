// The alert pipeline: an `app.notice` is logged, throttled per kind, and sent to the desktop and to every
// bot that takes its kind. Sends run in the background and never throw into the core: a failing bot gets
// its error recorded (on the bot and on the alert) and, when waiting can help, one more try later.
// Timing is by the core clock; timers only wake `tick()` up, so tests drive it by moving the clock.
import type { AlertKind, ChannelTestResult, EventPayload } from '../../../src-shared/contract/index.js';
import type { AlertDeps } from './index.js';
import type { AlertChannels, ChannelRow } from './channels.js';
import { asKind, type AlertLog } from './alert-log.js';
import type { AlertSettingsStore } from './alert-settings.js';
import { Throttle, type Send } from './throttle.js';
import { asDesktop, composeMessage, testMessage, type OutgoingMessage } from './message.js';
import { buildRequest, readAnswer, unreachable, type BotAnswer } from './webhooks/protocols.js';

/** A bot that failed in a way waiting can fix (rate limit, 5xx, timeout) is tried once more this much later. */
export const RETRY_AFTER_MS = 60_000;
/** Alerts left waiting longer than this (app closed, vault locked) are marked, not sent as news. */
export const STALE_AFTER_MS = 24 * 3_600_000;
const MAX_TIMER_MS = 2_147_483_647;
const DESKTOP = '桌面通知';

interface Retry {
  at: number;
  channelId: number;
  message: OutgoingMessage;
  ids: number[];
}

export class AlertService {
  readonly #throttle = new Throttle();
  #retries: Retry[] = [];
  #timer: NodeJS.Timeout | undefined;
  readonly #inflight = new Set<Promise<void>>();
  #running = false;
  #off: (() => void) | undefined;

  constructor(
    private readonly d: AlertDeps,
    private readonly channels: AlertChannels,
    private readonly log: AlertLog,
    private readonly settings: AlertSettingsStore,
  ) {}

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#off = this.d.events.on((message) => {
      if (message.event === 'app.notice') this.raise(message.payload as EventPayload<'app.notice'>);
      else if (message.event === 'vault.changed' && this.d.vault.unlocked) this.#recover();
    });
    this.#recover();
  }

  /** Stops listening and sending. Alerts still waiting stay in the table (sent_at null) for the next start. */
  stop(): void {
    this.#running = false;
    this.#off?.();
    this.#off = undefined;
    clearTimeout(this.#timer);
    this.#throttle.clear();
    this.#retries = [];
  }

  /** One notice: logged always; sent now, held for its kind's window, or kept for when the vault opens. */
  raise(notice: EventPayload<'app.notice'>): number | undefined {
    try {
      const kind = asKind(notice.kind ?? 'other');
      const id = this.log.add(kind, notice.level, notice.message);
      const settings = this.settings.get();
      if (!settings.kinds.includes(kind)) {
        this.log.close([id], 'muted');
        return id;
      }
      // Bot URLs are sealed: with the vault locked the alert waits (it goes out, grouped, on unlock).
      if (!this.#running || !this.d.vault.unlocked) return id;
      for (const send of this.#throttle.add(kind, id, this.d.clock.now(), settings.throttleMinutes * 60_000)) this.#dispatch(send);
      this.#schedule();
      return id;
    } catch (err) {
      this.d.log.error({ err: (err as Error).message }, 'AlertService.raise: alert not recorded');
      return undefined;
    }
  }

  /** Sends what is due now: ended windows (grouped) and retries. */
  tick(): void {
    if (!this.#running) return;
    try {
      if (this.d.vault.unlocked) {
        const now = this.d.clock.now();
        for (const send of this.#throttle.due(now, this.settings.windowMs())) this.#dispatch(send);
        const due = this.#retries.filter((r) => r.at <= now);
        this.#retries = this.#retries.filter((r) => r.at > now);
        for (const retry of due) this.#retry(retry);
      }
    } catch (err) {
      this.d.log.error({ err: (err as Error).message }, 'AlertService.tick: failed');
    }
    this.#schedule();
  }

  /** Resolves when every send started so far has its answer recorded. */
  async idle(): Promise<void> {
    while (this.#inflight.size > 0) await Promise.all([...this.#inflight]);
  }

  /** 测试发送: one message now, outside throttling; the platform's answer comes back in Chinese. */
  async test(id: number): Promise<ChannelTestResult> {
    const row = this.channels.row(id);
    const started = Date.now();
    const answer = await this.#call(row, testMessage(row.name, this.d.clock.now()));
    this.channels.noteOutcome(row.id, answer);
    return { ok: answer.ok, message: answer.ok ? '发送成功：请到群里查看这条测试消息' : answer.message, code: answer.ok ? null : answer.code, ms: Date.now() - started };
  }

  /** Alerts left waiting (before a restart, or while the vault was locked) go out grouped per kind; very old ones are only marked. */
  #recover(): void {
    if (!this.#running || !this.d.vault.unlocked) return;
    try {
      const now = this.d.clock.now();
      const held = this.#throttle.heldIds();
      const waiting = this.log.waiting().filter((r) => !held.has(r.id));
      const stale = waiting.filter((r) => now - r.created_at > STALE_AFTER_MS).map((r) => r.id);
      if (stale.length) this.log.close(stale, 'expired');
      const byKind = new Map<AlertKind, number[]>();
      for (const r of waiting) if (now - r.created_at <= STALE_AFTER_MS) byKind.set(asKind(r.kind), [...(byKind.get(asKind(r.kind)) ?? []), r.id]);
      for (const [kind, ids] of byKind) this.#throttle.hold(kind, ids, now);
      if (byKind.size) this.d.log.info({ kinds: [...byKind.keys()], stale: stale.length }, 'AlertService.recover: sending alerts left waiting');
    } catch (err) {
      this.d.log.error({ err: (err as Error).message }, 'AlertService.recover: failed');
    }
    this.tick();
  }

  #dispatch(send: Send): void {
    const rows = this.log.rows(send.ids);
    if (rows.length === 0) return;
    const settings = this.settings.get();
    const message = composeMessage(send.kind, rows.map((r) => r.message), settings.throttleMinutes, this.d.clock.now());
    const bots = this.channels.receiving(send.kind);
    const desktop = settings.desktop && this.d.notifier !== undefined;
    this.log.close(send.ids, bots.length > 0 || desktop ? 'sent' : 'no_channel');
    if (desktop) this.#showDesktop(message, send.ids);
    for (const bot of bots) this.#track(this.#deliver(bot, message, send.ids, false));
  }

  #showDesktop(message: OutgoingMessage, ids: number[]): void {
    const { title, body } = asDesktop(message);
    let ok = true;
    let text = '已显示';
    try {
      this.d.notifier!(title, body);
    } catch (err) {
      ok = false;
      text = `桌面通知显示失败：${(err as Error).message}`;
    }
    this.log.recordOutcome(ids, { channelId: null, name: DESKTOP, ok, message: text, at: this.d.clock.now(), retried: false });
  }

  async #deliver(bot: ChannelRow, message: OutgoingMessage, ids: number[], retried: boolean): Promise<void> {
    const answer = await this.#call(bot, message);
    // The core may have closed the database while the platform was answering.
    if (!this.#running) return;
    this.channels.noteOutcome(bot.id, answer);
    this.log.recordOutcome(ids, { channelId: bot.id, name: bot.name, ok: answer.ok, message: answer.message, at: this.d.clock.now(), retried });
    if (answer.ok) return;
    this.d.log.warn({ channelId: bot.id, kind: bot.kind, code: answer.code, retried }, 'AlertService.deliver: bot refused or unreachable');
    if (answer.retryable && !retried) {
      this.#retries.push({ at: this.d.clock.now() + RETRY_AFTER_MS, channelId: bot.id, message, ids });
      this.#schedule();
    }
  }

  #retry(retry: Retry): void {
    const bot = this.channels.receiving(retry.message.kind).find((b) => b.id === retry.channelId);
    if (bot) this.#track(this.#deliver(bot, retry.message, retry.ids, true));
  }

  /** One POST to a bot; every failure becomes an answer, never an exception. */
  async #call(bot: ChannelRow, message: OutgoingMessage): Promise<BotAnswer> {
    try {
      const request = buildRequest(bot.kind, this.channels.config(bot), message, this.d.clock.now());
      return readAnswer(bot.kind, await this.d.http(request));
    } catch (err) {
      return unreachable(bot.kind, err);
    }
  }

  #track(work: Promise<void>): void {
    const tracked = work
      .catch((err: unknown) => this.d.log.error({ err: (err as Error).message }, 'AlertService: send bookkeeping failed'))
      .finally(() => this.#inflight.delete(tracked));
    this.#inflight.add(tracked);
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#running) return;
    const times = [this.#throttle.nextDueAt(), ...this.#retries.map((r) => r.at)].filter((t): t is number => t !== null);
    if (times.length === 0) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, Math.min(...times) - this.d.clock.now()));
    this.#timer = setTimeout(() => this.tick(), delay);
    this.#timer.unref();
  }
}
