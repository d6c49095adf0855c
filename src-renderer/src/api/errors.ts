import { errorMessages, type ErrorBody, type ErrorCode } from '../../../src-shared/contract/errors.js';

/**
 * Codes only the client can produce: the host never answered, or answered with something that is not
 * an envelope (another program on the port, a proxy page).
 */
export type ClientErrorCode = 'UNREACHABLE' | 'BAD_RESPONSE';
export type ApiErrorCode = ErrorCode | ClientErrorCode;

const clientMessages: Record<ClientErrorCode, string> = {
  UNREACHABLE: '连接不上卡密工作台的服务，请确认程序仍在运行后重试。',
  BAD_RESPONSE: '服务返回了无法识别的内容，请确认地址是卡密工作台启动时打印的那个。',
};

/** A refused or failed call. `message` is Chinese and meant for the shop owner as is. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static fromBody(body: ErrorBody): ApiError {
    return new ApiError(body.code, body.message || (errorMessages[body.code] ?? body.code), body.details);
  }

  static client(code: ClientErrorCode, details?: unknown): ApiError {
    return new ApiError(code, clientMessages[code], details);
  }
}

export function isApiError(err: unknown, code?: ApiErrorCode): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code);
}

/** The field-level problems the host attaches to INVALID_INPUT, if any. */
export function inputIssues(err: unknown): { field: string; message: string }[] {
  if (!isApiError(err, 'INVALID_INPUT')) return [];
  const issues = (err.details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.filter(
    (i): i is { field: string; message: string } =>
      typeof i === 'object' && i !== null && typeof (i as { field?: unknown }).field === 'string' &&
      typeof (i as { message?: unknown }).message === 'string',
  );
}
