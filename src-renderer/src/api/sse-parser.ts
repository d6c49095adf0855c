import type { RawEvent } from './transport.js';

/**
 * Incremental parser for the server's `text/event-stream`: feed it text as it arrives (chunks may split
 * a line anywhere) and get back the complete `{event, payload}` messages. Only `data:` fields matter to
 * us; comments (`: keep-alive`) and `retry:` lines are skipped.
 */
export class SseParser {
  private buffer = '';
  private data: string[] = [];

  feed(chunk: string): RawEvent[] {
    this.buffer += chunk;
    const out: RawEvent[] = [];
    let newline: number;
    while ((newline = this.buffer.search(/\r\n|\r|\n/)) !== -1) {
      const line = this.buffer.slice(0, newline);
      const width = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
      // A lone trailing \r may be the first half of \r\n: wait for the next chunk to decide.
      if (width === 1 && this.buffer[newline] === '\r' && newline === this.buffer.length - 1) break;
      this.buffer = this.buffer.slice(newline + width);
      const message = this.line(line);
      if (message) out.push(message);
    }
    return out;
  }

  private line(line: string): RawEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    return undefined;
  }

  private dispatch(): RawEvent | undefined {
    if (this.data.length === 0) return undefined;
    const text = this.data.join('\n');
    this.data = [];
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && typeof (parsed as RawEvent).event === 'string') {
        return { event: (parsed as RawEvent).event, payload: (parsed as RawEvent).payload };
      }
    } catch {
      // A malformed frame is dropped rather than killing the stream; the next one may be fine.
    }
    return undefined;
  }
}
