import { z } from 'zod';
import { method } from '../define.js';

export const unlockMethod = z.enum(['passphrase', 'os-keychain']);
export type UnlockMethod = z.infer<typeof unlockMethod>;

const passphrase = z.string().min(1, '请输入密码').max(1024);
const recoveryKey = z.string().min(1, '请输入恢复密钥').max(200);

export const vaultStatus = z.object({
  state: z.enum(['new', 'locked', 'unlocked']),
  method: unlockMethod.optional(),
  keychain: z.object({ available: z.boolean(), reason: z.string().optional() }),
  keyVersion: z.number().int().optional(),
  recoveryConfirmed: z.boolean(),
});
export type VaultStatus = z.infer<typeof vaultStatus>;

export const vaultMethods = {
  'vault.status': method({
    summary: '保险库状态：未设置 / 已锁定 / 已解锁',
    unlocked: false,
    input: z.object({}),
    output: vaultStatus,
  }),
  'vault.setup': method({
    summary: '首次设置：选择系统钥匙串或密码，生成恢复密钥（只显示这一次）',
    unlocked: false,
    input: z.discriminatedUnion('method', [
      z.object({ method: z.literal('passphrase'), passphrase }),
      z.object({ method: z.literal('os-keychain') }),
    ]),
    output: z.object({ recoveryKey: z.string(), status: vaultStatus }),
  }),
  'vault.confirmRecoveryKey': method({
    summary: '确认用户已抄下恢复密钥',
    input: z.object({ recoveryKey }),
    output: vaultStatus,
  }),
  'vault.regenerateRecoveryKey': method({
    summary: '重新生成恢复密钥（旧的立即失效；新密钥只显示这一次）',
    input: z.object({}),
    output: z.object({ recoveryKey: z.string(), status: vaultStatus }),
  }),
  'vault.unlock': method({
    summary: '用密码、系统钥匙串或恢复密钥解锁',
    unlocked: false,
    input: z.union([
      z.object({ passphrase }),
      z.object({ recoveryKey }),
      z.object({ useKeychain: z.literal(true) }),
    ]),
    output: vaultStatus,
  }),
  'vault.lock': method({
    summary: '锁定保险库',
    input: z.object({}),
    output: vaultStatus,
  }),
  'vault.changePassphrase': method({
    summary: '修改密码（或从系统钥匙串改为密码）',
    input: z.object({ next: passphrase }),
    output: vaultStatus,
  }),
  'vault.rotateKey': method({
    summary: '轮换数据密钥：新数据用新密钥加密，旧数据仍可解密',
    input: z.object({}),
    output: vaultStatus,
  }),
};
