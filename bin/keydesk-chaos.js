#!/usr/bin/env node
// `npm run chaos -- --orders N --kills K`: kill test of the order path, JSON on stdout.
import { register } from 'tsx/esm/api';

register();
await import('../tests/chaos/run.ts');
