// Lint, including the process boundaries of ../shared/docs/ARCHITECTURE.md as failing rules:
// electron only in electron/shell and electron/main.ts; renderer and server never import electron
// or better-sqlite3; contract depends on zod alone.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nativeOnly = [
  { name: 'electron', message: 'Only electron/shell/ and electron/main.ts may import electron.' },
  { name: 'better-sqlite3', message: 'SQLite lives in electron/services (worker thread) only.' },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', '.tsbuild/', '.cache/', '.data/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        paths: nativeOnly,
        patterns: [{ regex: '(^|/)(electron|server|preload)/', message: 'The renderer talks to main only through window.pult (renderer/src/api).' }],
      }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nativeOnly,
        patterns: [{ regex: '(^|/)(electron|renderer|preload)/', message: 'The server shares only contract/ with the client.' }],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/shell/**', 'electron/main.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [nativeOnly[0]],
        patterns: [{ regex: '(^|/)(renderer|server)/', message: 'Main-process code shares only contract/ with the renderer and the server.' }],
      }],
    },
  },
  {
    files: ['contract/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^(?!zod$|zod/|\\.{1,2}/)', message: 'contract/ depends on zod alone.' }],
      }],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '(^|/)(renderer|server|electron/services)/', message: 'preload exposes the contract over IPC and nothing else.' }],
      }],
    },
  },
);
