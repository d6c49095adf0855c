import { parseArgs } from 'node:util';
import { importBench } from './import-bench.js';
import { inventoryBench } from './inventory-bench.js';
import { dispatchBench } from './dispatch-bench.js';
import { topupBench } from './topup-bench.js';
import { riskBench } from './risk-bench.js';
import { reportsBench } from './reports-bench.js';

/**
 * Benchmarks print JSON with ratios against a baseline measured in the same run, so a noisy machine
 * shifts both sides together. Never used as timed assertions in tests.
 */
const scenarios: Record<string, (opts: Record<string, string | boolean | undefined>) => Promise<unknown>> = {
  import: importBench,
  inventory: inventoryBench,
  dispatch: dispatchBench,
  topup: topupBench,
  risk: riskBench,
  reports: reportsBench,
};

const [name, ...rest] = process.argv.slice(2);
const run = name ? scenarios[name] : undefined;
if (!run) {
  process.stderr.write(`用法：npm run bench -- <${Object.keys(scenarios).join('|')}> [--keys N] [--orders N] [--push] [--faults] [--platform P]\n`);
  process.exit(2);
}
const { values } = parseArgs({ args: rest, options: { keys: { type: 'string' }, role: { type: 'string' }, file: { type: 'string' }, dir: { type: 'string' }, orders: { type: 'string' }, push: { type: 'boolean' }, faults: { type: 'boolean' }, platform: { type: 'string' }, rate: { type: 'string' }, rpa: { type: 'string' }, kills: { type: 'string' } }, strict: false });
const result = await run(values as Record<string, string | boolean | undefined>);
if (result !== undefined) process.stdout.write(JSON.stringify(result) + '\n');
