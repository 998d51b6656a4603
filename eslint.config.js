import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'src/db/migrations', 'coverage', 'test-results', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    // No type information here: the rules that need it (no-floating-promises, no-misused-promises, await-thenable,
    // return-await, only-throw-error, prefer-promise-reject-errors, switch-exhaustiveness-check) run in oxlint,
    // `npm run lint:types` (.oxlintrc.json). Type-aware ESLint built a TypeScript program per tsconfig, a minute.
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  // The portal and the browser tests' page callbacks run in a browser.
  { files: ['web/**', 'test/e2e/**'], languageOptions: { globals: { ...globals.browser, ...globals.node } } },
  // The portal's service worker runs in a worker scope (self, caches, clients), not a page.
  { files: ['web/sw/*.js'], languageOptions: { globals: globals.serviceworker } },
);
