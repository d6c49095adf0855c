import { parseArgs } from 'node:util';
import { runChaos } from './main.js';

const { values } = parseArgs({ args: process.argv.slice(2), options: { orders: { type: 'string' }, kills: { type: 'string' }, platform: { type: 'string' } } });
const result = await runChaos({
  orders: Number(values.orders ?? 10_000),
  kills: Number(values.kills ?? 100),
  ...(values.platform && { platform: values.platform }),
  log: (line) => process.stderr.write(line + '\n'),
});
process.stdout.write(JSON.stringify(result) + '\n');
process.exitCode = result.ok ? 0 : 1;
