import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { defaultDataDir } from '../../core/paths.js';
import type { Command } from './command.js';
import { printFailure, UsageError } from './output.js';
import { VERSION } from './package-info.js';
import { serve } from './commands/serve.js';
import { auditExport, auditList, auditVerify } from './commands/audit.js';
import { importKeys } from './commands/import.js';
import { productsAdd, productsList, stock } from './commands/products.js';
import { ordersList, shopsAdd, shopsList, shopsTest } from './commands/shops.js';
import { backupCommand, restoreCommand } from './commands/backup.js';
import { report } from './commands/report.js';

/** Every command; later capabilities add theirs here. */
const commands: Command[] = [serve, auditVerify, auditList, auditExport, productsAdd, productsList, stock, importKeys, shopsAdd, shopsList, shopsTest, ordersList, backupCommand, restoreCommand, report];

const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

function helpText(): string {
  const lines = commands.map((c) => `  ${c.usage}\n      ${c.summary}`);
  return [
    `卡密工作台 KeyDesk ${VERSION} — 命令行`,
    '',
    '用法：keydesk <命令> [选项]',
    '',
    '命令：',
    ...lines,
    '',
    '通用选项：',
    '  --data-dir D   数据目录（默认：KEYDESK_DATA_DIR 或系统应用数据目录下的 KeyDesk）',
    '  --json         以 JSON 输出，便于脚本处理',
    '  --version      显示版本',
    '  --help         显示本帮助',
    '',
    '需要解锁的命令会读取环境变量 KEYDESK_PASSPHRASE，或在终端中提示输入密码。',
  ].join('\n');
}

/** node:util's parseArgs speaks English; the owner reads which option was wrong, in Chinese. */
function optionProblem(err: NodeJS.ErrnoException): string {
  const option = /'(--?[\w-]+)/.exec(err.message)?.[1] ?? '';
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `没有这个选项：${option}`;
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return err.message.includes('does not take') ? `选项 ${option} 后面不用跟值` : `选项 ${option} 后面需要一个值`;
  return err.message;
}

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  try {
    const words = argv.filter((a) => !a.startsWith('-'));
    const command = commands
      .filter((c) => c.path.every((w, i) => words[i] === w))
      .sort((a, b) => b.path.length - a.path.length)[0];
    if (!command) {
      if (argv.includes('--version') || argv.includes('-v')) {
        process.stdout.write(json ? JSON.stringify({ version: VERSION }) + '\n' : `${VERSION}\n`);
        return 0;
      }
      if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
        process.stdout.write(helpText() + '\n');
        return 0;
      }
      throw new UsageError(`没有这个命令：${words.join(' ') || argv.join(' ')}`);
    }
    let parsed;
    try {
      parsed = parseArgs({ args: argv, options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
    } catch (err) {
      throw new UsageError(optionProblem(err as NodeJS.ErrnoException));
    }
    if (parsed.values.help) {
      process.stdout.write(`${command.usage}\n  ${command.summary}\n`);
      return 0;
    }
    const dataDir = resolve((parsed.values['data-dir'] as string | undefined) ?? defaultDataDir());
    return await command.run({ dataDir, json, values: parsed.values, positionals: parsed.positionals.slice(command.path.length) });
  } catch (err) {
    return printFailure(json, err);
  }
}

process.exitCode = await main(process.argv.slice(2));
