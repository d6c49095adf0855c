/**
 * Stable error codes that cross the host boundary. The message is what a shop owner reads, so it is
 * Chinese and says what to do next; `details` names the field or row that caused it.
 */
export const errorMessages = {
  UNKNOWN_METHOD: '没有这个操作，请升级卡密工作台或检查调用的名称。',
  INVALID_INPUT: '提交的内容不正确，请检查标出的字段。',
  BODY_TOO_LARGE: '提交的内容太大（超过上限），请分批处理。',
  UNAUTHORIZED: '访问令牌缺失或不正确，请使用启动时打印的完整地址打开。',
  FORBIDDEN_SENDER: '拒绝来自未知页面的调用。',
  VAULT_NOT_SET_UP: '尚未完成首次设置，请先设置保险库。',
  VAULT_ALREADY_SET_UP: '保险库已经设置过，不能重复设置。',
  VAULT_LOCKED: '保险库已锁定，请先解锁。',
  VAULT_WRONG_PASSPHRASE: '密码不正确，请重试。未做任何更改。',
  VAULT_WRONG_RECOVERY_KEY: '恢复密钥不正确，请核对后重试。未做任何更改。',
  VAULT_WEAK_PASSPHRASE: '密码太短：至少 8 个字符。',
  VAULT_KEYCHAIN_UNAVAILABLE: '系统钥匙串不可用，请改用密码保护。',
  VAULT_KEYCHAIN_MISSING_KEY: '系统钥匙串中找不到本机的密钥（可能更换了电脑或系统账户），请用恢复密钥解锁。',
  VAULT_CORRUPT_SECRET: '密文已损坏或被篡改，无法解密。',
  DB_CORRUPT: '数据文件已损坏或不是卡密工作台的数据库，原文件未做任何修改。',
  DB_FOREIGN: '这个数据文件属于其他程序，不是卡密工作台的数据库，原文件未做任何修改。',
  DB_TOO_NEW: '数据文件来自更新版本的卡密工作台，请升级后再打开。原文件未做任何修改。',
  DB_MIGRATION_FAILED: '数据库升级失败，已回滚，原数据未丢失。',
  DB_BUSY: '数据文件正被另一个卡密工作台占用，请关闭后重试。',
  BACKUP_NOT_A_BACKUP: '这不是卡密工作台的备份文件（.kdbak）。当前数据未做任何更改。',
  BACKUP_TRUNCATED: '备份文件不完整（可能在复制或下载时被截断），无法恢复。当前数据未做任何更改。',
  BACKUP_CORRUPT: '备份文件已损坏或被改动，校验未通过，无法恢复。当前数据未做任何更改。',
  BACKUP_TOO_NEW: '备份来自更新版本的卡密工作台，请先升级后再恢复。当前数据未做任何更改。',
  BACKUP_OTHER_INSTALLATION: '这个备份来自另一个安装（另一台电脑或另一个数据目录），只能恢复到新的空数据目录，以免覆盖现有数据。当前数据未做任何更改。',
  BACKUP_NEEDS_SECRET: '请输入备份时使用的密码或恢复密钥。',
  BACKUP_VERIFY_FAILED: '恢复前的校验未通过，备份中的数据不完整或不一致。当前数据未做任何更改。',
  BACKUP_FOLDER_UNAVAILABLE: '备份文件夹不可用，请检查文件夹是否存在、可写、磁盘是否已满。',
  BACKUP_RUNNING: '已有一个备份正在进行，请稍候再试。',
  AUDIT_BROKEN: '审计日志校验失败：有记录被改动过。',
  SANDBOX_UNAVAILABLE: '沙箱未启动。请用 --sandbox 启动，或在首次设置时开启“试用沙箱店铺”。',
  NOT_FOUND: '要找的记录不存在。',
  IMPORT_EMPTY_FILE: '文件是空的，没有可导入的内容。',
  IMPORT_NOT_SPREADSHEET: '无法识别的文件：不是 Excel（xlsx/xls）、WPS/LibreOffice 表格（ods）、CSV 或文本文件。',
  IMPORT_CORRUPT_FILE: '文件已损坏或不完整（可能下载未完成），请重新获取文件。',
  IMPORT_PASSWORD_PROTECTED: '文件设置了打开密码，请在 Excel/WPS 中取消密码后另存再导入。',
  IMPORT_NO_KEY_COLUMN: '没有找到卡密所在的列，请在预览中手动指定“卡密”列。',
  IMPORT_HEADER_ONLY: '表格只有标题行，没有卡密数据。',
  IMPORT_SHEET_NOT_FOUND: '没有这个工作表，请在预览中重新选择。',
  IMPORT_FILE_TOO_LARGE: '文件太大，超过了单次导入的上限，请拆分后导入。',
  IMPORT_BAD_MAPPING: '列的对应关系不正确，请检查标出的列。',
  IMPORT_CANCELLED: '导入已取消，没有写入任何卡密。',
  IMPORT_NOTHING_VALID: '没有可导入的有效卡密，未写入任何内容。请下载问题清单查看原因。',
  SYNC_SOURCE_UNREACHABLE: '读取云端表格失败：文件不存在或链接打不开。',
  IMPORT_HAS_INVALID_ROWS: '有问题行，按“全部导入或全部不导入”规则未写入任何内容。可修正后重试，或选择“只导入有效行”。',
  UPSTREAM_FAILED: '供应商或充值网站没有完成这次操作，请看具体原因后重试。',
  TOPUP_UNSAFE: '无法确认上次充值的结果，为避免重复充值，暂不重新提交。',
  INTERNAL: '内部错误，已记录到日志。请重试，若反复出现请联系支持。',
} as const;

export type ErrorCode = keyof typeof errorMessages;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export function errorBody(code: ErrorCode, details?: unknown, message?: string): ErrorBody {
  return details === undefined
    ? { code, message: message ?? errorMessages[code] }
    : { code, message: message ?? errorMessages[code], details };
}

/** Thrown inside the core and hosts; turned into an error envelope at the boundary. */
export class KeyDeskError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    message?: string,
  ) {
    super(message ?? errorMessages[code]);
    this.name = 'KeyDeskError';
  }

  toBody(): ErrorBody {
    return errorBody(this.code, this.details, this.message);
  }
}

/** For exhaustive switches: the compiler proves the default branch unreachable. */
export function missingCase(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
