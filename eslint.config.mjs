import { builtinModules } from 'node:module';
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

/*
 * Layers, lowest first (README, "Folders and layers"; `node scripts/folder-graph.mjs` prints the
 * folder graph and fails on a cycle). Type-only imports count too.
 *   shared/                the contract and its types, for both processes: no Node, no electron/ or renderer/
 *   electron/<domain>/     fs, git, store, terminals, status, hooks, agents, threads, review, merge-queue, …
 *   electron/api/          maps each contract channel onto the domain services
 *   electron/app/          the composition root: the services, the event bus, the request router
 *   electron/host/, shell/ the transports (browser WebSocket, Electron IPC); cli/ the command line
 *   renderer/              the window: reaches the main process only through the contract
 */

/** A relative import that climbs into one of these electron/ folders (e.g. '../api/client-link'). */
function into(folders, message) {
  return { regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`, message };
}
const noTestSupport = { regex: '(^|/)test-support(/|$)', message: 'Test helpers are for tests (*.test.ts) only.' };
const noNode = [
  { regex: '^node:', message: 'shared/ runs in the browser too: no Node modules.' },
  ...builtinModules.map((name) => ({
    regex: `^${name}(/|$)`,
    message: 'shared/ runs in the browser too: no Node modules.',
  })),
];

/** The one `no-restricted-imports` setting of a layer (a later setting of the rule replaces an earlier one). */
function layer({ electron = false, blocking = true, patterns = [] }) {
  return {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: [...(blocking ? blockingChildProcess : []), ...(electron ? [] : [electronOutsideShell])],
        patterns,
      },
    ],
  };
}

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
    // A domain knows nothing of the request API, the composition root, the transports or the CLI:
    // what it needs from them (a terminal's viewer, the event bus) is an interface it owns.
    files: ['electron/*/**/*.ts'],
    ignores: ['electron/{api,app,host,shell,cli,test-support}/**', '**/*.test.ts'],
    rules: layer({
      patterns: [
        into(
          ['api', 'app', 'host', 'shell', 'cli'],
          'A domain folder imports none of api/, app/, host/, shell/, cli/: declare what it needs as an interface of its own (as terminals/terminal-viewer.ts does) for the app to wire.',
        ),
        noTestSupport,
      ],
    }),
  },
  {
    files: ['electron/api/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: layer({
      patterns: [
        into(
          ['app', 'host', 'shell', 'cli'],
          'api/ maps channels onto domain services: the app builds it, the transports call it.',
        ),
        noTestSupport,
      ],
    }),
  },
  {
    files: ['electron/app/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: layer({
      patterns: [
        into(
          ['host', 'shell', 'cli'],
          'app/ is the composition root: the transports and the CLI start it, not the other way round.',
        ),
        noTestSupport,
      ],
    }),
  },
  {
    files: ['electron/host/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: layer({
      patterns: [
        into(['shell', 'cli'], 'The browser host is a transport: it knows the app, not the shell or the CLI.'),
        noTestSupport,
      ],
    }),
  },
  {
    files: ['electron/cli/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: layer({
      patterns: [
        into(['shell'], 'The CLI runs under plain Node: the Electron shell is its own entry (main.ts).'),
        noTestSupport,
      ],
    }),
  },
  {
    // Only the thin shell may touch Electron; everything else runs under plain Node.
    files: ['electron/shell/**/*.ts', 'electron/main.ts'],
    ignores: ['**/*.test.ts'],
    rules: layer({
      electron: true,
      patterns: [
        into(['host', 'cli'], 'The Electron shell is a transport beside the browser host and the CLI.'),
        noTestSupport,
      ],
    }),
  },
  {
    // Sandboxed and loaded before every page: its allow-list comes in at build time, never zod or the schemas.
    files: ['electron/preload.ts'],
    rules: layer({
      electron: true,
      patterns: [
        {
          regex: '^zod$|^(\\.\\./)+shared/contract(/|$)',
          allowTypeImports: true,
          message: 'The preload carries no zod and no schemas: its channel names come from shared/channel-names.ts.',
        },
      ],
    }),
  },
  {
    // Tests run under plain Node too, and may build the whole app and use every helper.
    files: ['electron/**/*.test.ts'],
    rules: layer({ blocking: false, electron: true }),
  },
  {
    // Both processes and the browser use shared/: types, schemas and pure functions only.
    files: ['shared/**/*.ts'],
    rules: layer({
      patterns: [
        ...noNode,
        into(['electron', 'renderer'], 'shared/ is below both sides: it imports neither electron/ nor renderer/.'),
      ],
    }),
  },
  {
    // The window reaches the main process only through the contract (shared/) and a bridge.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}'],
    rules: layer({
      patterns: [
        into(
          ['electron'],
          'The renderer never imports electron/: it talks to the main process through shared/contract.',
        ),
        noTestSupport,
      ],
    }),
  },
  {
    files: ['renderer/**/*.test.{ts,tsx}'],
    rules: layer({
      blocking: false,
      patterns: [into(['electron'], 'The renderer never imports electron/, in its tests neither.')],
    }),
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
