// Lint: typescript-eslint's recommended rules, plus the one architectural rule that matters most:
// browser code (src/client/) never imports Node built-ins, ssh2, ws or the database.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', '.astro/', 'node_modules/', '.tmp/', 'public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      // Terminal and parser code matches control characters on purpose.
      'no-control-regex': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['src/client/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'Browser code must not import Node built-ins.' },
            {
              group: ['ssh2', 'ws', '**/server/**', '**/ssh/**', '**/collect/**', '**/db/**'],
              message: 'Browser code must not import server-only modules.',
            },
          ],
        },
      ],
    },
  },
);
