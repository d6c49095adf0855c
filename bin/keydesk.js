#!/usr/bin/env node
// Runs the CLI straight from the TypeScript sources through tsx, so `npx keydesk` works right after
// `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src-main/hosts/cli/main.ts');
