// The one HTTP client every adapter uses: a timeout on every call, and network failures turned into the
// typed `retry` error, so a hung platform never hangs the poller or the outbox. Built on node:http(s)
// with keep-alive agents rather than fetch: at thousands of deliveries a second fetch's stream machinery
// costs about twice the CPU per call.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { ChannelError } from './errors.js';
import type { HttpClient, HttpRequest, HttpResponse } from './types.js';

export const DEFAULT_TIMEOUT_MS = 15_000;
/** Platform answers are small; anything past this is not a platform answer. */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export function createHttpClient(options: { timeoutMs?: number; maxSockets?: number } = {}): HttpClient {
  const defaultTimeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 128 };
  const agents = { http: new HttpAgent(agentOptions), https: new HttpsAgent(agentOptions) };
  return (req: HttpRequest): Promise<HttpResponse> => {
    const timeoutMs = req.timeoutMs ?? defaultTimeout;
    const url = new URL(req.url);
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') return Promise.reject(new ChannelError('give_up', `接口地址不是 http(s)：${url.protocol}`));
    const body = req.body === undefined ? undefined : Buffer.from(req.body, 'utf8');
    return new Promise<HttpResponse>((resolve, reject) => {
      const send = secure ? httpsRequest : httpRequest;
      const outgoing = send(url, {
        method: req.method,
        agent: secure ? agents.https : agents.http,
        headers: { ...req.headers, ...(body && { 'content-length': String(body.length) }) },
      });
      const timer = setTimeout(() => {
        outgoing.destroy();
        reject(new ChannelError('retry', `平台 ${Math.round(timeoutMs / 1000)} 秒内没有回应`));
      }, timeoutMs);
      outgoing.on('error', (err) => {
        clearTimeout(timer);
        reject(new ChannelError('retry', `连不上平台：${err.message}`));
      });
      outgoing.on('response', (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) res.destroy(new Error('平台回应过大'));
          else chunks.push(chunk);
        });
        res.on('error', (err) => {
          clearTimeout(timer);
          reject(new ChannelError('retry', `读取平台回应时连接中断：${err.message}`, { httpStatus: res.statusCode ?? 0 }));
        });
        res.on('end', () => {
          clearTimeout(timer);
          const headers: Record<string, string> = {};
          for (const [key, value] of Object.entries(res.headers)) if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
          resolve({ status: res.statusCode ?? 0, headers, text: Buffer.concat(chunks).toString('utf8') });
        });
      });
      outgoing.end(body);
    });
  };
}

/** For adapters: a 5xx/429 with no platform body is transient whatever the platform. */
export function httpStatusError(status: number, platformTitle: string): ChannelError | undefined {
  if (status === 429) return new ChannelError('backoff', `${platformTitle}限流（HTTP 429）`, { httpStatus: status, retryAfterMs: 5000 });
  if (status >= 500) return new ChannelError('retry', `${platformTitle}服务器出错（HTTP ${status}）`, { httpStatus: status });
  return undefined;
}
