// The simulated site's side of second verification (PROTOCOL.md §5.6, §4.1): it records the codes KeyDesk
// sends (`POST /orders/{id}/verify-code`, signed like any pull request) and, on the control call
// "the buyer typed code X for order Y", posts that code back to KeyDesk signed like a push.
import { z } from 'zod';
import { SandboxError } from '../../http.js';
import type { SimRequest, SimResponse } from '../../types.js';
import { parseOrThrow } from '../../validate.js';
import { randomHex, type PlatformStore, type SimOrder, type SimShop } from '../store.js';
import { signedEvent } from './push.js';

export interface SiteVerifyCode {
  shopId: string;
  orderId: string;
  lineId: string | null;
  /** What the site shows or mails to its buyer. */
  code: string;
  expiresAt: number;
  replyUrl: string | null;
  at: number;
}

const verifyCodeBody = z.object({
  type: z.literal('verify_code'),
  order_id: z.string().min(1),
  line_id: z.string().nullish(),
  code: z.string().regex(/^\d{4,8}$/),
  expires_at: z.number().int(),
  reply_url: z.url({ protocol: /^https?$/ }).nullish(),
});

const strict = { error: (iss: { code?: string; keys?: string[] }) => (iss.code === 'unrecognized_keys' ? `不认识的字段：${(iss.keys ?? []).join('、')}` : undefined) };
const codesInput = z.strictObject({ orderId: z.string().min(1).optional() }, strict);
const buyerEntersInput = z.strictObject(
  {
    orderId: z.string({ error: 'orderId 必须是字符串' }).min(1, 'orderId 不能为空'),
    code: z.string({ error: 'code 必须是字符串' }).min(1, 'code 不能为空').max(20, 'code 太长'),
    lineId: z.string().min(1).optional(),
    /** Defaults to the reply_url of the last code KeyDesk sent for this order. */
    url: z.url({ error: 'url 必须是 http(s) 地址', protocol: /^https?$/ }).optional(),
    /** Reuse an event id (a replay test). */
    eventId: z.string().regex(/^[\w-]{1,64}$/, 'eventId 只能含字母、数字、下划线和横线').optional(),
    /** Sign with a wrong secret (a forgery test). */
    forge: z.boolean().optional(),
  },
  strict,
);

export class SiteVerifyDesk {
  codes: SiteVerifyCode[] = [];
  readonly #seen = new Set<string>();

  constructor(
    private readonly store: PlatformStore,
    private readonly clock: () => number,
  ) {}

  /** POST /orders/{id}/verify-code (already authenticated). */
  receive(req: SimRequest, shop: SimShop, order: SimOrder): SimResponse {
    const raw = req.headers['idempotency-key'];
    const key = Array.isArray(raw) ? raw[0] : raw;
    const parsed = verifyCodeBody.safeParse(req.json());
    if (!parsed.success) throw new SandboxError(400, 'bad_request', `验证码请求体无效：${parsed.error.issues[0]?.message ?? ''}`);
    const body = parsed.data;
    if (body.order_id !== order.orderId) throw new SandboxError(400, 'bad_request', 'order_id 与地址里的订单号不一致');
    if (body.line_id && !order.lines.some((l) => l.lineId === body.line_id)) throw new SandboxError(400, 'unknown_line', '订单里没有这一行');
    if (key && this.#seen.has(`${shop.shopId}:${key}`)) return { status: 200, body: { received: true, duplicate: true } };
    if (key) this.#seen.add(`${shop.shopId}:${key}`);
    this.codes.push({
      shopId: shop.shopId,
      orderId: order.orderId,
      lineId: body.line_id ?? null,
      code: body.code,
      expiresAt: body.expires_at,
      replyUrl: body.reply_url ?? null,
      at: this.clock(),
    });
    return { status: 200, body: { received: true } };
  }

  handles(action: string): boolean {
    return action === 'verifyCodes' || action === 'buyerEntersCode';
  }

  async control(action: string, body: unknown): Promise<unknown> {
    if (action === 'verifyCodes') {
      const { orderId } = parseOrThrow(codesInput, body ?? {}, '查询验证码');
      return { codes: this.codes.filter((c) => orderId === undefined || c.orderId === orderId).map((c) => ({ ...c })) };
    }
    const input = parseOrThrow(buyerEntersInput, body, '买家输入验证码');
    const order = this.store.orders.get(input.orderId);
    if (!order) throw new SandboxError(404, 'ORDER_NOT_FOUND', `订单不存在：${input.orderId}`);
    const shop = this.store.shops.get(order.shopId)!;
    const url = input.url ?? this.codes.filter((c) => c.orderId === order.orderId && c.replyUrl).at(-1)?.replyUrl;
    if (!url) throw new SandboxError(409, 'NO_REPLY_URL', 'KeyDesk 还没有给这个订单发过带回传地址的验证码');
    const now = this.clock();
    const event = {
      event_id: input.eventId ?? `evt_${randomHex(12)}`,
      type: 'verify.code_entered',
      created_at: now,
      app_key: shop.appKey,
      order_id: order.orderId,
      ...(input.lineId && { line_id: input.lineId }),
      code: input.code,
    };
    const signer = input.forge ? { ...shop, appSecret: `forged-${randomHex(16)}` } : shop;
    const { headers, body: payload } = signedEvent(signer, event, now);
    const res = await fetch(url, { method: 'POST', headers, body: payload });
    const text = await res.text();
    let reply: unknown = text;
    try {
      reply = JSON.parse(text) as unknown;
    } catch {
      // keep the text
    }
    return { status: res.status, reply, eventId: event.event_id };
  }

  reset(): void {
    this.codes = [];
    this.#seen.clear();
  }
}
