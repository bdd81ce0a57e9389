// Lint, including the layering rule: folder names are runtimes, and an import in the wrong direction
// fails here (as well as in the per-area tsconfigs).
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'url',
  'http',
  'https',
  'net',
  'zlib',
  'crypto',
];
const uiLibs = ['react', 'react/*', 'react-dom', 'react-dom/*', 'three', 'three/*', 'zustand', 'zustand/*'];
const electronLibs = ['electron', 'electron/*'];

function restrict(groups, message) {
  return {
    'no-restricted-imports': ['error', { patterns: [{ group: groups, message, allowTypeImports: false }] }],
  };
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'renderer/dist/**',
      'core/wasm/**',
      'core/common/wasm/*.generated.ts',
      'bench/results/**',
      '**/*.d.ts',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // Rules that need types: a switch over a union must name every member (a `default:` must not stand for
    // "the rest", as it once stood for LVQ in the exporters), and a promise is awaited or handed on, never dropped.
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test registers tests synchronously; the returned promise is the runner's to await.
          allowForKnownSafeCalls: [
            { from: 'package', name: ['test', 'it', 'describe', 'suite'], package: 'node:test' },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['core/common/**/*.ts'],
    rules: restrict(
      [...nodeBuiltins, ...uiLibs, ...electronLibs, '**/node/**', '**/renderer/**', '**/electron/**'],
      'core/common is pure TypeScript: no node:*, DOM, electron, react, three or zustand, and no imports from core/node, renderer or electron.',
    ),
  },
  {
    files: ['core/node/**/*.ts'],
    rules: restrict(
      [...uiLibs, ...electronLibs, '**/renderer/**', '**/electron/**'],
      'core/node may import core/common and node:* only.',
    ),
  },
  {
    files: ['electron/common/**/*.ts'],
    rules: restrict(
      [
        ...nodeBuiltins,
        ...uiLibs,
        ...electronLibs,
        '**/core/**',
        '**/renderer/**',
        '**/main/**',
        '**/preload/**',
      ],
      'electron/common holds channel names and bridge types only.',
    ),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict(
      [...nodeBuiltins, ...uiLibs, '**/core/**', '**/renderer/**', '**/main/**'],
      'electron/preload may import electron/common and electron only.',
    ),
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: restrict(
      [...uiLibs, '**/core/**', '**/renderer/**', '**/preload/**'],
      'electron/main may import electron/common, electron and node:* (it starts the engine host as a process).',
    ),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // The bare module names; a gitignore-style pattern "electron/*" would also catch ../electron/common.
          paths: [
            { name: 'electron', message: 'the renderer never imports electron; use the preload bridge.' },
          ],
          patterns: [
            {
              group: [
                ...nodeBuiltins,
                'electron/*',
                '!**/electron/common/**',
                '**/core/node/**',
                '**/electron/main/**',
                '**/electron/preload/**',
              ],
              message: 'renderer may import electron/common types, core/common and UI libraries only.',
              allowTypeImports: false,
            },
            {
              group: ['**/electron/common/**'],
              message: 'renderer may import only types from electron/common.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
