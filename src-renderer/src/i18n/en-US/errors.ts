import type { ApiErrorCode } from '../../api/index.js';

/**
 * English for the contract's stable error codes. Partial on purpose: a code added to the contract
 * before it is translated here falls back to the host's Chinese message instead of breaking the build.
 */
export const englishErrors: Partial<Record<ApiErrorCode, string>> = {
  UNKNOWN_METHOD: 'This operation does not exist. Update KeyDesk or check the name being called.',
  INVALID_INPUT: 'Some of what you entered is not valid. Check the marked fields.',
  BODY_TOO_LARGE: 'Too much data in one go. Please split it up.',
  UNAUTHORIZED: 'The access token is missing or wrong. Open the full address printed at startup.',
  FORBIDDEN_SENDER: 'Refused a call from an unknown page.',
  VAULT_NOT_SET_UP: 'First-time setup is not finished. Set up the vault first.',
  VAULT_ALREADY_SET_UP: 'The vault is already set up and cannot be set up again.',
  VAULT_LOCKED: 'The vault is locked. Unlock it first.',
  VAULT_WRONG_PASSPHRASE: 'Wrong passphrase. Try again. Nothing was changed.',
  VAULT_WRONG_RECOVERY_KEY: 'Wrong recovery key. Check it and try again. Nothing was changed.',
  VAULT_WEAK_PASSPHRASE: 'Passphrase too short: at least 8 characters.',
  VAULT_KEYCHAIN_UNAVAILABLE: 'The system keychain is not available. Use a passphrase instead.',
  VAULT_KEYCHAIN_MISSING_KEY: 'This computer\'s key is not in the system keychain (new computer or user account?). Unlock with your recovery key.',
  VAULT_CORRUPT_SECRET: 'Encrypted data is damaged or was tampered with and cannot be decrypted.',
  DB_CORRUPT: 'The data file is damaged or is not a KeyDesk database. The original file was not changed.',
  DB_FOREIGN: 'This data file belongs to another program, not KeyDesk. The original file was not changed.',
  DB_TOO_NEW: 'The data file comes from a newer KeyDesk. Update to open it. The original file was not changed.',
  DB_MIGRATION_FAILED: 'Upgrading the database failed and was rolled back; no data was lost.',
  DB_BUSY: 'The data file is in use by another KeyDesk. Close it and try again.',
  AUDIT_BROKEN: 'Audit log check failed: entries were changed.',
  SANDBOX_UNAVAILABLE: 'The sandbox is not running. Start with --sandbox, or turn on the demo shop during first setup.',
  NOT_FOUND: 'The record you are looking for does not exist.',
  INTERNAL: 'Internal error, logged. Please try again; contact support if it keeps happening.',
  UNREACHABLE: 'Cannot reach the KeyDesk service. Check that it is still running, then try again.',
  BAD_RESPONSE: 'The service answered with something unexpected. Check that this is the address KeyDesk printed at startup.',
};
