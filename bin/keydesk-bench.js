#!/usr/bin/env node
// `npm run bench -- <scenario> [options]`: performance scenarios, JSON on stdout.
import { register } from 'tsx/esm/api';

register();
await import('../tests/bench/main.ts');
