// Entry of the sandbox process (see sandbox-process.ts): every simulator, URL on the first stdout line.
import { startSandbox, allSimulators } from '../../src-main/sandbox/index.js';

const sandbox = await startSandbox({ port: 0, simulators: allSimulators() });
process.stdout.write(JSON.stringify({ url: sandbox.url }) + '\n');
const stop = () => void sandbox.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
