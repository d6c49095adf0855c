import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'stream', 'util', 'worker_threads', 'events', 'readline', 'zlib'];
const nodeImports = [{ group: ['node:*', ...nodeBuiltins, 'better-sqlite3', 'drizzle-orm', 'drizzle-orm/*', 'pino', 'electron', 'electron-store'], message: 'The renderer runs sandboxed in Chromium: no Node modules. Call the core through src/api.' }];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'src-main/core/db/migrations/**', 'src-main/core/db/migrations.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // House rule: the core runs in plain Node (server, CLI, tests). Anything from Electron comes in through createCore options.
    files: ['src-main/core/**', 'src-main/sandbox/**', 'src-main/hosts/server/**', 'src-main/hosts/cli/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'src-main/core must not import electron; pass OS services in through createCore options.' }], patterns: [{ group: ['electron/*', 'electron-store', '**/hosts/electron/**'], message: 'Core and non-Electron hosts must not depend on Electron.' }] }],
    },
  },
  {
    files: ['src-shared/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', ...nodeBuiltins, 'electron', 'react', 'antd', 'better-sqlite3', 'drizzle-orm', '**/src-main/**', '**/src-renderer/**'], message: 'src-shared is pure: contract, types and rules only.' }] }],
    },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [...nodeImports, { group: ['**/src-main/**'], message: 'The renderer talks to the core only through the contract.' }] }],
    },
  },
);
