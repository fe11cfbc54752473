// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'assets/**',
      'out/**',
      'runs/**',
      'scratch/**',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // core/ is pure and host-free: no Node, UXP, Premiere or WebMIDI there.
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['fs', 'node:*', 'path', 'worker_threads', 'child_process', 'os'],
              message: 'core/ is host-free: inject a loader.',
            },
            { group: ['uxp', 'premierepro', 'webmidi', 'jzz', 'ws'], message: 'core/ is host-free.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'navigator', 'process', 'require'],
    },
  },
  {
    // plugin/host/ is the panel's one door to UXP and Premiere; the rest of plugin/ runs against its
    // interface (and in a browser, for the tests), never Node.
    files: ['plugin/**/*.ts'],
    ignores: ['plugin/host/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...['uxp', 'premierepro'].map((name) => ({
              name,
              message: 'only plugin/host/ talks to UXP and Premiere.',
            })),
            ...['fs', 'path', 'os', 'ws', 'webmidi', 'jzz'].map((name) => ({
              name,
              message: 'the panel has no Node.',
            })),
          ],
          patterns: [
            { group: ['node:*'], message: 'the panel has no Node.' },
            {
              group: ['**/bridge/server*', '**/bridge/webmidi*', '**/cli/**'],
              message: 'hosts do not import each other.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'require', 'process'],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
