import type { ParseArgsConfig } from 'node:util';

export interface CommandContext {
  dataDir: string;
  json: boolean;
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

export interface Command {
  /** Words after `keydesk`, e.g. ['audit', 'verify']. */
  path: string[];
  summary: string;
  usage: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  /** Returns the exit code. Long-running commands (serve) resolve when they stop. */
  run(ctx: CommandContext): Promise<number>;
}
