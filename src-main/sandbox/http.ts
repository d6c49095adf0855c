// Small node:http helpers shared by the host, the control API and simulators: body reading with a size
// cap, response serialisation, and the one error shape every sandbox endpoint uses.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimResponse } from './types.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;
// Past this we stop draining and drop the connection; below it we drain so the client can read our 413.
const DRAIN_LIMIT_BYTES = 16 * BODY_LIMIT_BYTES;

/** Throw from a simulator or control action to answer `{error:{code,message}}` with a 4xx/5xx status. */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SandboxError';
  }
}

export function errorResponse(status: number, code: string, message: string): SimResponse {
  return { status, body: { error: { code, message } } };
}

export function notFound(method: string, path: string): SandboxError {
  return new SandboxError(404, 'NOT_FOUND', `沙箱中没有这个地址：${method} ${path}`);
}

/** Reads the whole body. Rejects with a 413 SandboxError once it passes `limit`, after draining the rest
 *  (stopping early would make fetch report a socket error instead of our JSON answer). */
export function readBody(req: IncomingMessage, limit = BODY_LIMIT_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = () =>
      new SandboxError(413, 'PAYLOAD_TOO_LARGE', `请求体过大：最多 ${Math.floor(limit / 1024)} KB`);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > DRAIN_LIMIT_BYTES) {
        reject(tooLarge());
        req.destroy();
      }
    });
    req.on('end', () => (size > limit ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
    req.on('close', () => reject(new SandboxError(400, 'ABORTED', '客户端中断了请求')));
  });
}

/** Empty body → undefined; invalid JSON → throws SyntaxError (callers decide what that means). */
export function parseJsonBody(body: Buffer): unknown {
  const text = body.toString('utf8').trim();
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === name);
}

/** Turns a SimResponse into bytes plus headers (content-type and content-length filled in). */
export function serialize(response: SimResponse): { status: number; headers: Record<string, string>; payload: Buffer } {
  const headers = { ...(response.headers ?? {}) };
  const { body } = response;
  let payload: Buffer;
  let type: string;
  if (Buffer.isBuffer(body) || body instanceof Uint8Array) {
    payload = Buffer.from(body);
    type = 'application/octet-stream';
  } else if (typeof body === 'string') {
    payload = Buffer.from(body, 'utf8');
    type = 'text/plain; charset=utf-8';
  } else {
    payload = Buffer.from(JSON.stringify(body), 'utf8');
    type = 'application/json; charset=utf-8';
  }
  if (!hasHeader(headers, 'content-type')) headers['content-type'] = type;
  for (const key of Object.keys(headers)) if (key.toLowerCase() === 'content-length') delete headers[key];
  headers['content-length'] = String(payload.length);
  return { status: response.status, headers, payload };
}

export function send(res: ServerResponse, response: SimResponse): void {
  if (res.headersSent || res.destroyed) return;
  const { status, headers, payload } = serialize(response);
  res.writeHead(status, headers);
  res.end(payload);
}

/** Maps anything thrown while serving a request to a response; unexpected errors become 500. */
export function errorToResponse(err: unknown, where: string): SimResponse {
  if (err instanceof SandboxError) return errorResponse(err.status, err.code, err.message);
  const detail = err instanceof Error ? err.message : String(err);
  return errorResponse(500, 'INTERNAL', `${where}内部错误：${detail}`);
}
