import type { EventName, EventPayload, EventMessage } from '../../src-shared/contract/index.js';

export type EventListener = (message: EventMessage) => void;

/** The core's outgoing events; each host forwards them (IPC, SSE). */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const message = { event, payload } as EventMessage;
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch {
        // One broken subscriber (a closed SSE socket) must not stop the others.
      }
    }
  }
}
