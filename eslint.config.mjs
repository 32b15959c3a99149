// Lint rules of the project (`npm run lint`, part of `npm test`; zero warnings allowed).
// Beyond typescript-eslint's recommended set, three rules hold invariants ARCHITECTURE.md states:
// the core is a pure library, no large array is spread into a call, and no promise is dropped.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Modules the core may not import: it runs in a browser worker as well as in Node. */
const hostModules = [
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'url',
  'util',
  'worker_threads',
  'stream',
  'events',
  'buffer',
  'module',
  'vscode',
  'vscode-languageserver',
  'vscode-languageclient',
  'vscode-languageserver-textdocument',
];
const hostModulePatterns = ['node:*', 'fs/*', 'vscode-languageserver/*', 'vscode-languageclient/*'];
const pureCoreMessage = 'src/core is a pure library: the host (CLI, server, client) reads files and talks to editors.';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `f(...items)` puts every item on the stack: 125k findings or a 150k-word dictionary overflow it.
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression > SpreadElement', message: 'Do not spread an array into a call: a large one overflows the stack. Use a loop or concat.' },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: hostModules.map((name) => ({ name, message: pureCoreMessage })), patterns: [{ group: hostModulePatterns, message: pureCoreMessage }] },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Buffer', message: 'Use Uint8Array, TextEncoder and TextDecoder: the core runs in browsers too.' },
        { name: 'process', message: 'The core gets what it needs from its host.' },
      ],
    },
  },
);
