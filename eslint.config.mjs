import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const blockingChildProcess = ['child_process', 'node:child_process'].map((name) => ({
  name,
  importNames: ['execSync', 'spawnSync', 'execFileSync', 'exec'],
  message: 'Use async execFile/spawn with an argv array: never block the main process, never build a shell string.',
}));
const electronOutsideShell = {
  name: 'electron',
  message: 'Only electron/main.ts, electron/preload.ts and electron/shell/ import electron.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-control-regex': 'off',
    },
  },
  {
    // Main-process code must never block: no synchronous child processes, no shell strings.
    files: ['electron/**/*.ts', 'shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: blockingChildProcess }] },
  },
  {
    // Only the thin shell may touch Electron; everything else runs under plain Node.
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: ['electron/main.ts', 'electron/preload.ts', 'electron/shell/**', '**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [...blockingChildProcess, electronOutsideShell] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
