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
    // The generated demo tenant's consistency tests (and SnapshotIndex, which only they load) walk its files' nested
    // JSON as `any` and let their assertions check the shapes; every other test types what it reads (GraphBody).
    files: ['packages/local-entra/tests/demo.test.ts', 'packages/local-entra/tests/demoStorylines.test.ts', 'packages/local-entra/src/demo/snapshotIndex.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
