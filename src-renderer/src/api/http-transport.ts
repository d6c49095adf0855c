import { unwrap } from './envelope.js';
import { ApiError } from './errors.js';
import { httpDownload, httpUpload } from './http-files.js';
import { SseParser } from './sse-parser.js';
import { TOKEN_HEADER } from './token.js';
import type { RawEvent, Transport } from './transport.js';

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/**
 * `keydesk serve`: one POST per call, one long-lived event stream. The stream is read with fetch
 * rather than EventSource because EventSource cannot send the token header.
 */
export function httpTransport(token: string): Transport {
  const listeners = new Set<{ onEvent: (e: RawEvent) => void; onReconnect: () => void }>();
  let streaming = false;

  async function readStream(): Promise<void> {
    let delay = FIRST_RETRY_MS;
    let connectedBefore = false;
    for (;;) {
      try {
        const res = await fetch('/api/events', {
          headers: { [TOKEN_HEADER]: token, accept: 'text/event-stream' },
          cache: 'no-store',
        });
        if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
        if (connectedBefore) for (const l of listeners) l.onReconnect();
        connectedBefore = true;
        delay = FIRST_RETRY_MS;
        const parser = new SseParser();
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const message of parser.feed(value)) for (const l of listeners) l.onEvent(message);
        }
      } catch {
        // The server went away or refused us; try again below. Calls report their own errors.
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, MAX_RETRY_MS);
    }
  }

  return {
    kind: 'browser',
    async call(method, input) {
      let res: Response;
      try {
        res = await fetch(`/api/rpc/${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
          body: JSON.stringify(input ?? {}),
          cache: 'no-store',
        });
      } catch (err) {
        throw ApiError.client('UNREACHABLE', { reason: (err as Error).message });
      }
      // 4xx/5xx still carry an envelope with the real reason, so the body is read whatever the status.
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        throw ApiError.client('BAD_RESPONSE', { status: res.status });
      }
      return unwrap(body);
    },
    subscribe(onEvent, onReconnect) {
      const entry = { onEvent, onReconnect };
      listeners.add(entry);
      if (!streaming) {
        streaming = true;
        void readStream();
      }
      return () => listeners.delete(entry);
    },
    upload: (file) => httpUpload(token, file),
    saveDownload: (downloadId, fileName) => httpDownload(token, downloadId, fileName),
  };
}
