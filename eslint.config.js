import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'src/db/migrations', 'coverage', 'test-results', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: globals.node,
      // Type-aware rules: each file is linted with the program of its nearest tsconfig.json (tsconfig.json for the
      // server, test/e2e/tsconfig.json, web/tsconfig.json which refers to the portal's app and Node configs).
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      // Promises: every one is awaited, returned, or marked `void` where fire-and-forget is meant (its errors handled).
      '@typescript-eslint/no-floating-promises': 'error',
      // React's onSubmit/onClick ignore what a handler returns; the portal's async handlers catch their own errors.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // Listeners may be sync or async: Promise.all over `void | Promise<void>` is intended.
      '@typescript-eslint/await-thenable': ['error', { allowMixedPromiseArrays: true }],
      // `return promise` inside try/catch skips the catch when it rejects.
      '@typescript-eslint/return-await': ['error', 'error-handling-correctness-only'],
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  // The portal and the browser tests' page callbacks run in a browser.
  { files: ['web/**', 'test/e2e/**'], languageOptions: { globals: { ...globals.browser, ...globals.node } } },
  // The portal's service worker runs in a worker scope (self, caches, clients), not a page.
  { files: ['web/sw/*.js'], languageOptions: { globals: globals.serviceworker } },
  // Plain JavaScript (bin/, this file) is in no tsconfig: linted without types.
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
);
