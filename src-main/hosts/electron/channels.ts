/**
 * The only two IPC channels between the window and the core. The preload imports these too, so the
 * names cannot drift apart.
 */
export const CALL_CHANNEL = 'keydesk:call';
export const EVENT_CHANNEL = 'keydesk:event';
/** Files do not fit the JSON contract: an upload for import, and saving an export to a chosen path. */
export const UPLOAD_CHANNEL = 'keydesk:upload';
export const SAVE_DOWNLOAD_CHANNEL = 'keydesk:save-download';
