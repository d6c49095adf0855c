// The one HTTP client every adapter uses: a timeout on every call, and network failures turned into the
// typed `retry` error, so a hung platform never hangs the poller or the outbox.
import { ChannelError } from './errors.js';
import type { HttpClient, HttpRequest, HttpResponse } from './types.js';

export const DEFAULT_TIMEOUT_MS = 15_000;

export function createHttpClient(options: { timeoutMs?: number } = {}): HttpClient {
  const defaultTimeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return async (request: HttpRequest): Promise<HttpResponse> => {
    const timeoutMs = request.timeoutMs ?? defaultTimeout;
    let res: Response;
    try {
      res = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body !== undefined && { body: request.body }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      throw new ChannelError('retry', timedOut ? `平台 ${Math.round(timeoutMs / 1000)} 秒内没有回应` : `连不上平台：${(err as Error).message}`);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      throw new ChannelError('retry', `读取平台回应时连接中断：${(err as Error).message}`, { httpStatus: res.status });
    }
    const headers: Record<string, string> = {};
    res.headers.forEach((value, key) => (headers[key] = value));
    return { status: res.status, headers, text };
  };
}

/** For adapters: a 5xx/429 with no platform body is transient whatever the platform. */
export function httpStatusError(status: number, platformTitle: string): ChannelError | undefined {
  if (status === 429) return new ChannelError('backoff', `${platformTitle}限流（HTTP 429）`, { httpStatus: status, retryAfterMs: 5000 });
  if (status >= 500) return new ChannelError('retry', `${platformTitle}服务器出错（HTTP ${status}）`, { httpStatus: status });
  return undefined;
}
