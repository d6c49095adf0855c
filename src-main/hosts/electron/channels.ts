/**
 * The only two IPC channels between the window and the core. The preload imports these too, so the
 * names cannot drift apart.
 */
export const CALL_CHANNEL = 'keydesk:call';
export const EVENT_CHANNEL = 'keydesk:event';
