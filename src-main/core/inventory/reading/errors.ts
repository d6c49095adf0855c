import { KeyDeskError } from '../../../../src-shared/contract/index.js';

/** The reading errors that carry a specific reason, built in one place so every reader words them alike. */

export function corruptFile(reason: string, cause?: unknown): KeyDeskError {
  const err = new KeyDeskError('IMPORT_CORRUPT_FILE', { reason });
  // Kept for the log only: the merchant sees the Chinese message, never the library's English text.
  if (cause !== undefined) err.cause = cause;
  return err;
}

export function xlsbRefused(): KeyDeskError {
  return new KeyDeskError('IMPORT_NOT_SPREADSHEET', { reason: 'xlsb' }, '这是 Excel 二进制工作簿（.xlsb），请在 Excel/WPS 中另存为 .xlsx 后再导入。');
}

/** Anything a parsing library throws means the file is damaged. */
export function asImportError(err: unknown, reason = '表格内容无法解析'): KeyDeskError {
  return err instanceof KeyDeskError ? err : corruptFile(reason, err);
}
