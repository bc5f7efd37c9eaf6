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
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
