// What the three simulated group-bot services share: the bots (id = 企业微信 key / 钉钉 access_token / 飞书
// hook token, optional signing secret), the messages they received, a per-bot "N per minute" limit on real
// time (tests freeze business clocks, a limit on them would never refill), and the control actions.
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SandboxError } from '../http.js';
import { parseOrThrow } from '../validate.js';

export interface Bot {
  id: string;
  name: string;
  /** 钉钉 加签 / 飞书 签名校验 secret; null = the bot does not check signatures. */
  secret: string | null;
}

export interface ReceivedMessage {
  seq: number;
  at: number;
  bot: string;
  botName: string;
  msgtype: string;
  /** 钉钉 markdown title; null elsewhere. */
  title: string | null;
  text: string;
  /** The request carried a signature that checked out. */
  signed: boolean;
}

export interface BotBookOptions {
  /** Messages per minute per bot; null = unlimited. */
  perMinute: number | null;
  /** Bots present after start and every reset. */
  seed: readonly Bot[];
  /** How a new bot's id and secret look on this platform. */
  newId(): string;
  newSecret(): string | null;
  /** The webhook path of a bot, below the simulator's prefix (`/dingtalk` + this). */
  pathOf(bot: Bot): string;
  /** Real time for the rate limit. */
  now?: () => number;
}

const MAX_KEPT = 1000;
const MINUTE_MS = 60_000;

const addBotInput = z.strictObject({
  name: z.string({ error: 'name 必须是字符串' }).trim().min(1, 'name 不能为空').max(60, 'name 最多 60 个字符').optional(),
  id: z.string({ error: 'id 必须是字符串' }).regex(/^[\w-]{6,128}$/, 'id 只能是 6–128 位字母、数字、下划线或横线').optional(),
  /** A given secret, null for a bot without signing, absent for a generated one. */
  secret: z.string({ error: 'secret 必须是字符串或 null' }).min(1, 'secret 不能为空').max(200, 'secret 最多 200 个字符').nullable().optional(),
});
const botInput = z.strictObject({ id: z.string({ error: 'id 必须是字符串' }).min(1, 'id 不能为空') });
const messagesInput = z.strictObject({ bot: z.string({ error: 'bot 必须是字符串' }).optional() }).optional();
const rateInput = z.strictObject({
  perMinute: z.number({ error: 'perMinute 必须是数字或 null' }).int('perMinute 必须是整数').min(1, 'perMinute 至少 1').max(100_000).nullable(),
});

export const hex = (bytes: number): string => randomBytes(bytes).toString('hex');
export const uuid = (): string => randomUUID();

export class BotBook {
  readonly bots = new Map<string, Bot>();
  messages: ReceivedMessage[] = [];
  perMinute: number | null;
  #seq = 0;
  readonly #sent = new Map<string, number[]>();
  readonly #now: () => number;

  constructor(private readonly o: BotBookOptions) {
    this.perMinute = o.perMinute;
    this.#now = o.now ?? Date.now;
    this.reset();
  }

  /** True when this bot already took `perMinute` messages in the last minute (the call is not counted). */
  tooFast(bot: Bot): boolean {
    if (this.perMinute === null) return false;
    const now = this.#now();
    const recent = (this.#sent.get(bot.id) ?? []).filter((t) => now - t < MINUTE_MS);
    this.#sent.set(bot.id, recent);
    return recent.length >= this.perMinute;
  }

  record(bot: Bot, at: number, message: Omit<ReceivedMessage, 'seq' | 'at' | 'bot' | 'botName'>): ReceivedMessage {
    const stored: ReceivedMessage = { seq: ++this.#seq, at, bot: bot.id, botName: bot.name, ...message };
    this.#sent.set(bot.id, [...(this.#sent.get(bot.id) ?? []), this.#now()]);
    this.messages.push(stored);
    if (this.messages.length > MAX_KEPT) this.messages = this.messages.slice(-MAX_KEPT);
    return stored;
  }

  control(action: string, body: unknown, simulatorTitle: string): unknown {
    switch (action) {
      case 'addBot': {
        const input = parseOrThrow(addBotInput, body ?? {}, '添加机器人');
        const id = input.id ?? this.o.newId();
        if (this.bots.has(id)) throw new SandboxError(409, 'BOT_EXISTS', `机器人已存在：${id}`);
        const bot: Bot = { id, name: input.name ?? '沙箱机器人', secret: input.secret === undefined ? this.o.newSecret() : input.secret };
        this.bots.set(id, bot);
        return { ...bot, path: this.o.pathOf(bot) };
      }
      case 'removeBot': {
        const input = parseOrThrow(botInput, body, '删除机器人');
        if (!this.bots.delete(input.id)) throw new SandboxError(404, 'BOT_NOT_FOUND', `没有这个机器人：${input.id}`);
        return { removed: input.id };
      }
      case 'messages': {
        const input = parseOrThrow(messagesInput, body, '查看消息');
        return { messages: this.messages.filter((m) => input?.bot === undefined || m.bot === input.bot) };
      }
      case 'clear':
        this.messages = [];
        this.#sent.clear();
        return { ok: true };
      case 'setRateLimit': {
        const input = parseOrThrow(rateInput, body, '设置限流');
        this.perMinute = input.perMinute;
        this.#sent.clear();
        return { perMinute: this.perMinute };
      }
      default:
        throw new SandboxError(404, 'UNKNOWN_ACTION', `${simulatorTitle}没有这个控制操作：${action}`);
    }
  }

  snapshot(): unknown {
    return { bots: [...this.bots.values()].map((b) => ({ ...b, path: this.o.pathOf(b) })), messages: this.messages, perMinute: this.perMinute };
  }

  reset(): void {
    this.bots.clear();
    for (const bot of this.o.seed) this.bots.set(bot.id, { ...bot });
    this.messages = [];
    this.#sent.clear();
    this.perMinute = this.o.perMinute;
  }
}

/** The text of a string field, or undefined. */
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
