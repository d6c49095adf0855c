import type { MethodInput, MethodName, MethodOutput } from '../../../src-shared/contract/index.js';
import type { EventName, EventPayload } from '../../../src-shared/contract/events.js';
import { ApiError } from './errors.js';
import { electronTransport } from './electron-transport.js';
import { httpTransport } from './http-transport.js';
import { takeToken } from './token.js';
import type { Transport } from './transport.js';

/** One member per contract event, so a `switch (message.event)` narrows the payload. */
export type KeyDeskEvent = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

export type ApiMode = 'electron' | 'browser' | 'no-token';

let transport: Transport | undefined;

/**
 * Picks the transport once, at startup: the preload bridge when running in the desktop window,
 * otherwise HTTP with the token from the address the server printed. 'no-token' means the page was
 * opened without it and nothing can be called.
 */
export function startApi(): ApiMode {
  if (window.keydesk) {
    transport = electronTransport(window.keydesk);
    return 'electron';
  }
  const token = takeToken();
  if (!token) return 'no-token';
  transport = httpTransport(token);
  return 'browser';
}

/** The transport picked at startup; without one (no token) every use fails the same way. */
export function activeTransport(): Transport {
  if (!transport) throw new ApiError('UNAUTHORIZED', '访问令牌缺失，请使用启动时终端打印的完整地址（带 token）打开。');
  return transport;
}

/** Calls a contract method. Rejects with ApiError (code + Chinese message) when the host refuses. */
export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  // The host validated its output against the contract's schema before sending it.
  return (await activeTransport().call(method, input)) as MethodOutput<M>;
}

/**
 * Listens to the host's events. Payloads are trusted as the contract types (the host parses them);
 * events this build does not know are passed through and fall to a switch's default branch.
 * `onReconnect` fires when the live stream came back after a drop: refetch what you show.
 */
export function onEvent(listener: (message: KeyDeskEvent) => void, onReconnect: () => void = () => {}): () => void {
  if (!transport) return () => {};
  return transport.subscribe((raw) => listener(raw as KeyDeskEvent), onReconnect);
}
