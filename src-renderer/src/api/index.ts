export { startApi, call, onEvent, type ApiMode, type KeyDeskEvent } from './client.js';
export { ApiError, isApiError, inputIssues, type ApiErrorCode } from './errors.js';
export { forgetToken } from './token.js';
export { uploadFile, saveDownload, type UploadedFile, type SavedDownload } from './files.js';
export type { KeyDeskBridge } from './bridge.js';
