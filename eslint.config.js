// Lint: the TypeScript recommended rules, React hooks rules for the app, and the
// dependency direction of DESIGN.md: app -> storage -> engine, never back.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const uiAndStoragePackages = [
  'react',
  'react-dom',
  'react/*',
  'react-dom/*',
  'dexie',
  'dexie-react-hooks',
  '@xyflow/react',
  'monaco-editor',
  'monaco-editor/*',
  '@monaco-editor/react',
  'zustand',
  'zustand/*',
  'zundo',
  '@tanstack/*',
  'fake-indexeddb',
  'fake-indexeddb/*',
];

const engineImportRule = {
  patterns: [
    { group: uiAndStoragePackages, message: 'src/engine runs in Node and workers: no React, DOM, Dexie or Monaco.' },
    { group: ['**/app', '**/app/**', '**/storage', '**/storage/**'], message: 'The engine must not depend on src/app or src/storage (DESIGN.md: app -> storage -> engine).' },
    { group: ['node:*'], message: 'The engine also runs in the browser: no Node built-ins.' },
  ],
  paths: ['fs', 'path', 'http', 'https', 'child_process', 'os', 'crypto', 'url', 'stream'].map((name) => ({
    name,
    message: 'The engine also runs in the browser: no Node built-ins.',
  })),
};

const domGlobals = ['window', 'document', 'localStorage', 'sessionStorage', 'indexedDB', 'navigator', 'location', 'HTMLElement', 'Worker', 'process', 'Buffer', 'require', '__dirname']
  .map((name) => ({ name, message: 'src/engine must not use DOM APIs; take what you need through a port.' }));

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'dist-e2e-*/**', 'dist-bundle/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', engineImportRule],
      'no-restricted-globals': ['error', ...domGlobals],
    },
  },
  {
    files: ['src/engine/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: engineImportRule.patterns.slice(0, 2) }],
    },
  },
  {
    files: ['src/storage/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/app', '**/app/**', 'react', 'react-dom', '@xyflow/react', 'monaco-editor', '@monaco-editor/react'], message: 'src/storage must not depend on src/app or UI packages (DESIGN.md: app -> storage -> engine).' },
        ],
      }],
    },
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
