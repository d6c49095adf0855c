import type { z } from 'zod';

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
