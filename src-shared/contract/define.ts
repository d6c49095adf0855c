import { z } from 'zod';

/**
 * A contract method: its name is the key it is registered under. `unlocked` says whether the vault
 * must be open to call it (most methods touch secrets or the audit chain). `maxBodyBytes` raises the
 * default 10 MB request limit for methods that take files.
 */
export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  summary: string;
  unlocked: boolean;
  maxBodyBytes?: number;
}

export interface EventDef<P extends z.ZodType = z.ZodType> {
  payload: P;
  summary: string;
}

export function method<I extends z.ZodType, O extends z.ZodType>(def: {
  input: I;
  output: O;
  summary: string;
  unlocked?: boolean;
  maxBodyBytes?: number;
}): MethodDef<I, O> {
  return { ...def, unlocked: def.unlocked ?? true };
}

export function event<P extends z.ZodType>(payload: P, summary: string): EventDef<P> {
  return { payload, summary };
}

export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Money crosses the contract only as integer 分 (fen); ¥100,000,000 is far above any real order. */
export const fen = z.number().int('金额必须是整数（分）').min(0, '金额不能为负数').max(100_000_000_00, '金额过大');
