import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';
import { layers } from './tests/lint/layers-rule.js';

// Which layer may import which (ARCHITECTURE.md §2; transitive arrows spelled out).
export const allowed = {
  domain: [],
  data: ['domain'],
  sync: ['data', 'domain'],
  scan: ['domain'],
  state: ['sync', 'data', 'scan', 'domain'],
  ui: ['state', 'scan', 'domain'],
  'service-worker': ['sync', 'data', 'domain'],
  server: ['domain'],
};
// Arrows allowed for types only: a component may name a data shape, never reach the database.
export const typeOnly = {
  ui: ['data', 'sync'],
};
// Packages that belong to one layer only (the adapters at the edges).
export const packages = {
  dexie: ['data'],
  'html5-qrcode': ['scan'],
  'workbox-window': ['ui', 'state'],
  'workbox-': ['service-worker'],
  'better-sqlite3': ['server'],
  pg: ['server'],
  kysely: ['server'],
  nodemailer: ['server'],
  svelte: ['ui', 'state', 'data'],
  'node:': ['server'],
};

// The domain is pure: the same code runs in the page, the worker and the server.
export const domainPurity = {
  'no-restricted-globals': [
    'error',
    ...['window', 'document', 'indexedDB', 'fetch', 'navigator', 'localStorage', 'self', 'setTimeout', 'setInterval'].map((name) => ({
      name,
      message: `src/domain is pure: no ${name} (pass it in from an outer layer).`,
    })),
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: 'src/domain gets time from a Clock, never Date.now().' },
    { object: 'Math', property: 'random', message: 'src/domain gets randomness passed in.' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'src/domain gets time from a Clock, never new Date().' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'data/', '.tmp/', 'tests/lint/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['vite.config.ts', 'vitest.config.ts', 'playwright.config.ts'] },
        extraFileExtensions: ['.svelte'],
        parser: tseslint.parser,
        svelteConfig,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { trove: { rules: { layers } } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'trove/layers': ['error', { allowed, packages, typeOnly }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '.ci/**'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The domain is pure: the same code runs in the page, the worker and the server.
    files: ['src/domain/**'],
    languageOptions: { globals: {} },
    rules: {
      ...domainPurity,
    },
  },
);
