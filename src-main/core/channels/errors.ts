// How a failed platform call is handled. Every adapter maps its platform's codes onto these kinds, so the
// poller and the delivery outbox share one retry policy.
import type { z } from 'zod';

export type ChannelErrorKind =
  /** Transient (5xx, timeout, isp.*): try again soon. */
  | 'retry'
  /** Rate limited: wait `retryAfterMs` (the platform's "ban lasts N seconds" when it says). */
  | 'backoff'
  /** Token/session invalid or expired: refresh the token, or ask the owner to authorise again. */
  | 'reauth'
  /** The request itself is wrong or refused for good (bad argument, no permission, business refusal). */
  | 'give_up'
  /** The platform answered something that is not its protocol (HTML, cut JSON): treated like retry. */
  | 'bad_response'
  /**
   * A signature that does not verify: a push (forged, or too old: replay), or our own call refused by the
   * platform for its signature (wrong App Secret). Either way the credentials need the owner.
   */
  | 'bad_signature'
  /** A push that is not in the platform's format. */
  | 'bad_request';

export class ChannelError extends Error {
  constructor(
    readonly kind: ChannelErrorKind,
    /** Chinese, for the owner: what the platform said, in words. */
    message: string,
    readonly details: {
      platformCode?: string | number;
      platformMessage?: string;
      retryAfterMs?: number;
      httpStatus?: number;
    } = {},
  ) {
    super(message);
    this.name = 'ChannelError';
  }

  get retryAfterMs(): number | undefined {
    return this.details.retryAfterMs;
  }
}

/** The platform's own code on an error, as text, for callers that treat one code specially. */
export const platformCodeOf = (err: unknown): string | undefined =>
  err instanceof ChannelError && err.details.platformCode !== undefined ? String(err.details.platformCode) : undefined;

/** Kinds after which the same call may be made again later. */
export function isRetryable(kind: ChannelErrorKind): boolean {
  return kind === 'retry' || kind === 'backoff' || kind === 'bad_response';
}

/** Parses a platform body as JSON, or throws the typed error for an HTML page / cut body. */
export function parseJson(text: string, platformTitle: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const looksHtml = /^\s*</.test(text);
    throw new ChannelError(
      'bad_response',
      looksHtml ? `${platformTitle}返回了网页而不是数据（可能在维护或被拦截）` : `${platformTitle}返回的数据不完整，无法解析`,
      { platformMessage: text.slice(0, 200) },
    );
  }
}

/**
 * Checks a platform object against its zod schema: a missing or wrong field is `bad_response`, never a
 * silently wrong order.
 */
export function parseShape<S extends z.ZodType>(schema: S, raw: unknown, platformTitle: string, what: string): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ChannelError('bad_response', `${platformTitle}返回的${what}数据格式不对：${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
}

/** "ban lasts N seconds" style messages → ms; undefined when the message names no duration. */
export function banSecondsFrom(message: string | undefined): number | undefined {
  if (!message) return undefined;
  const m = /(\d+)\s*(?:seconds?|secs?|s\b|秒)/i.exec(message);
  return m ? Number(m[1]) * 1000 : undefined;
}
