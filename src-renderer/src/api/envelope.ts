import type { Envelope } from '../../../src-shared/contract/errors.js';
import { ApiError } from './errors.js';

/** Unwraps a host's answer: data on success, an ApiError otherwise. Shared by both transports. */
export function unwrap(body: unknown): unknown {
  if (!isEnvelope(body)) throw ApiError.client('BAD_RESPONSE');
  if (body.ok) return body.data;
  throw ApiError.fromBody(body.error);
}

function isEnvelope(body: unknown): body is Envelope<unknown> {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as { ok?: unknown; error?: unknown };
  if (b.ok === true) return 'data' in b;
  if (b.ok !== false || typeof b.error !== 'object' || b.error === null) return false;
  const e = b.error as { code?: unknown; message?: unknown };
  return typeof e.code === 'string' && typeof e.message === 'string';
}
