// Type-aware lint of the bot and the local Entra (issue #16). Each file is typed by its nearest tsconfig.json
// (projectService), so packages/local-entra is checked against its own compiler options.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'packages/local-entra/data/**', 'test-output/**', 'appPackage/build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    // Synchronous implementations of async interfaces (better-sqlite3 stores, the in-memory directory, test fakes):
    // `async` is what turns their throws into rejections, as callers of the interface expect.
    files: ['src/**/sqlite*Store.ts', 'src/understanding/inMemoryDirectory.ts', 'tests/**/*.ts', 'packages/local-entra/tests/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
