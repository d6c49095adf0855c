// Contracts between the sandbox host and its simulators. A simulator only sees plain data (SimRequest in,
// SimResponse out) so it can be unit-tested without a socket and so adding one never touches node:http.
import type { IncomingHttpHeaders } from 'node:http';
import type { FaultKind, FaultRule } from './faults.js';

export interface SimRequest {
  method: string;
  /** Raw path after the `/<simulatorName>` prefix, always starting with `/` (no query string). */
  path: string;
  query: URLSearchParams;
  /** Node's lower-cased header map. */
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Body parsed as JSON; undefined when empty or not valid JSON, so a simulator can answer in its own
   *  platform's error format instead of ours. */
  json<T = unknown>(): T | undefined;
  /** Marker fault picked for this request (today only `duplicate`): the simulator decides how to
   *  duplicate or reorder its pages, because only it knows its paging format. */
  fault?: FaultRule;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** string → text/plain, Buffer → octet-stream, anything else → JSON (unless headers set content-type). */
  body: string | Buffer | object;
}

export interface Simulator {
  /** URL segment: lower-case letters, digits and dashes (e.g. `demo-shop`). */
  name: string;
  /** Chinese display name shown in the UI, e.g. 演示店铺. */
  title: string;
  handle(req: SimRequest): Promise<SimResponse> | SimResponse;
  /** Simulator-specific control actions (create shop, create order, pay…), reached via
   *  `POST /_control/<name>/<action>`. Throw SandboxError for caller mistakes (4xx). */
  control?(action: string, body: unknown): unknown;
  /** Current state for `GET /_control/<name>/state` (tests and the demo UI inspect it). */
  snapshot?(): unknown;
  /** Forget all state; called by `POST /_control/reset`. */
  reset?(): void;
  /** Lets a simulator answer injected `http5xx` / `rateLimit` faults the way its real service does
   *  (e.g. Taobao's HTTP 200 + error_response code 7). Return undefined to use the generic answer. */
  faultBody?(kind: FaultKind, rule: FaultRule): SimResponse | undefined;
}
