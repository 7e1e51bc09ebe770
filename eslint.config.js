import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import svelteConfig from './web/svelte.config.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'web/build/',
      'web/.svelte-kit/',
      'cdk.out/',
      '.data/',
      'docs/',
      'coverage/',
      'test-results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['web/**/*.{js,ts,svelte}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The site is always served at the root of its origin (CloudFront, the local server): no
      // base path for resolve() to add, so plain links are the clearest.
      'svelte/no-navigation-without-resolve': 'off',
    },
  },
  {
    files: ['web/**/*.svelte', 'web/**/*.svelte.ts', 'web/**/*.svelte.js'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'], svelteConfig },
    },
  },
);
