import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// src/ui's floors (README, Layout): model ← tree ← features ← links ← product.ts. A folder may import the
// floors below it, never one above or a sibling feature; only product.ts imports a register.ts. Pages in src/webview share only their message files with the host.
const FEATURES = ['connections', 'inspector', 'find', 'filter', 'watch', 'links', 'chain', 'activity', 'profile', 'accounts', 'customEvents'];
/** links/ is the one feature built on others: IDs lead into Find and the inspector. */
const BUILT_ON = { links: ['find', 'inspector'] };
const folders = (...names) => names.map((n) => `../${n}/*`);
const walls = (patterns) => ({ 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message: 'src/ui imports run one way: see the README, Layout.' }] }] });
const uiWalls = [
  { files: ['src/ui/model/**/*.ts'], rules: walls([...folders('tree', ...FEATURES), '../command', '../../webview/**']) },
  { files: ['src/ui/tree/**/*.ts'], rules: walls([...folders(...FEATURES), '../../webview/**']) },
  ...FEATURES.map((f) => ({
    files: [`src/ui/${f}/**/*.ts`],
    rules: walls([...folders(...FEATURES.filter((g) => g !== f && !(BUILT_ON[f] ?? []).includes(g))), '../*/register', '../../webview/*/*', '!../../webview/*/*Messages']),
  })),
  { files: ['src/webview/**/*.ts'], rules: walls(['**/ui/**', '**/sources/**', '**/demo/**']) },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', window: 'readonly', document: 'readonly', acquireVsCodeApi: 'readonly', navigator: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      eqeqeq: ['error', 'smart'],
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/sources/**/*.ts', 'src/demo/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'core, sources and demo must stay plain Node.' }] }] },
  },
  ...uiWalls,
);
