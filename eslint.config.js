// Lint rules, including the import direction of STYLE.md (the `electron` package is named by a regex: a bare
// 'electron' group pattern would also match our own electron/ folder): renderer -> electron/contract; electron -> db; db -> nothing of ours above it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  layer(
    ['db/**/*.ts'],
    [
      {
        group: ['**/electron/**', '**/renderer/**'],
        message: 'db/ is the engine: it imports nothing of ours above it.',
      },
      { regex: '^electron(/.*)?$', message: 'db/ runs under plain Node: no Electron.' },
    ],
  ),
  layer(
    ['electron/**/*.ts'],
    [{ group: ['**/renderer/**'], message: 'electron/ never imports the renderer.' }],
  ),
  layer(
    ['electron/contract/**/*.ts'],
    [
      {
        group: ['**/db/**', '**/renderer/**', '**/api/**', 'better-sqlite3', 'node:*'],
        message: 'The contract is pure TypeScript.',
      },
      { regex: '^electron(/.*)?$', message: 'The contract is pure TypeScript.' },
    ],
  ),
  layer(
    [
      'electron/api/**/*.ts',
      'electron/cli/**/*.ts',
      'electron/serve/**/*.ts',
      'electron/start/**/*.ts',
      'electron/demo/**/*.ts',
    ],
    [
      { group: ['**/renderer/**'], message: 'electron/ never imports the renderer.' },
      { regex: '^electron(/.*)?$', message: 'Only electron/main imports electron.' },
    ],
  ),
  layer(
    ['electron/preload/**/*.ts'],
    [
      {
        group: [
          '**/renderer/**',
          '**/db/**',
          '**/electron/api/**',
          '**/electron/main/**',
          '**/electron/cli/**',
          '**/electron/serve/**',
          'better-sqlite3',
          'node:*',
        ],
        message: 'The preload is one sandboxed script: electron and contract types only.',
      },
    ],
  ),
  layer(
    ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    [
      {
        group: [
          '**/db/**',
          '**/electron/api/**',
          '**/electron/main/**',
          '**/electron/cli/**',
          '**/electron/serve/**',
        ],
        message: 'The renderer talks to the engine only through electron/contract.',
      },
      { group: ['better-sqlite3', 'node:*'], message: 'The renderer never touches Node.' },
      // A bare 'electron' group would also match our own electron/ folder (electron/contract): name the package.
      { regex: '^electron(/.*)?$', message: 'The renderer never touches Node.' },
    ],
  ),
);
