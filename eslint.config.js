// Lint, including the import layering of docs/ARCHITECTURE.md ("the path tells
// the runtime"). Each block names the folders it governs and what they may not import.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'http2',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];
const nodeBuiltins = {
  group: ['node:*', ...NODE_BUILTINS],
  message:
    'Pure code: no Node built-ins here (the renderer imports it). Take the capability as a parameter or through ctx.',
};
const nativeLibraries = {
  group: ['sharp', 'onnxruntime-node', 'onnxruntime-node/*'],
  message: 'Reach native libraries through ctx / engine adapters, not directly.',
};
const uiAndShell = {
  group: [
    'electron',
    'electron/*',
    'react',
    'react-dom',
    'react/*',
    '@xyflow/*',
    'zustand',
    '**/renderer/**',
  ],
  message: 'engine/, nodes/ and cli/ never import Electron, React or the renderer.',
};
const electronOnly = { group: ['electron', 'electron/*'], message: 'cli/ never imports Electron.' };
const engineInternals = {
  group: ['**/engine/node/**', 'onnxruntime-node', 'sharp', 'node:*', 'electron'],
  message: 'The renderer reaches the engine only through its client.',
};

// The desktop shell's processes (electron/CONTEXT.md).
const shellCommon = {
  group: ['electron', 'electron/*', '**/engine/node/**', '**/renderer/**', 'react', 'react-dom'],
  message:
    'electron/common is the IPC contract: pure types and schemas, shared by main and the sandboxed preload.',
};
const sandboxedPreload = {
  group: [
    'node:*',
    ...NODE_BUILTINS,
    'zod',
    '**/engine/node/**',
    '**/electron/main/**',
    '../main/*',
    '**/renderer/**',
    'react',
    'react-dom',
  ],
  message:
    'The preload runs sandboxed as one small bundle: only electron, electron/common and pure protocol types.',
};
const mainProcess = {
  group: [
    '**/engine/node/**',
    '!**/engine/node/paths.ts',
    'sharp',
    'onnxruntime-node',
    'onnxruntime-node/*',
    '**/renderer/**',
    'react',
    'react-dom',
  ],
  message:
    'The main process hosts the engine in a utility process and never loads it (a native crash must not take the window down).',
};
const engineProcess = {
  group: [
    'electron',
    'electron/*',
    '**/renderer/**',
    'react',
    'react-dom',
    '**/electron/main/**',
    '../main/*',
  ],
  message: 'The engine process runs plain Node: the engine and its protocol, no Electron APIs.',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      '.weft/**',
      'out/**',
      'coverage/**',
      'resources/fixtures/**',
      'tests/artifacts/**',
      'scratch/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'bin/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/require-await': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['engine/common/**/*.ts', 'nodes/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [nodeBuiltins, nativeLibraries, uiAndShell] },
      ],
    },
  },
  {
    files: ['engine/**/*.ts'],
    ignores: ['engine/common/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [uiAndShell] }] },
  },
  {
    files: ['cli/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [electronOnly] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [engineInternals] }],
    },
  },
  // The desktop shell (electron/): each process gets only what it may load.
  {
    files: ['electron/common/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [nodeBuiltins, nativeLibraries, shellCommon] },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [sandboxedPreload, nativeLibraries] },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    ignores: ['**/*.test.ts', 'electron/main/testing/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [mainProcess] }] },
  },
  {
    files: ['electron/utility/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [engineProcess] }],
    },
  },
  {
    files: ['electron/**/*.cjs', 'electron/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['electron/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
