// Flat config: typescript-eslint recommended + react-hooks.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const reactHooks = require('eslint-plugin-react-hooks');
const globals = require('globals');

module.exports = tseslint.config(
  { ignores: ['dist/', 'build/', 'node_modules/', 'coverage/', '.data/', '.temp/', '.swc/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The domains and the shared kernel never touch a database SDK (only the adapters do), and a domain reaches
    // another domain through its exported functions, never its collections (their types may be shared).
    files: ['cloudfunctions/**/*.ts'],
    ignores: ['cloudfunctions/adapters/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@cloudbase/node-sdk', message: 'Only cloudfunctions/adapters/cloudbase talks to CloudBase.' },
            { name: 'better-sqlite3', message: 'Only cloudfunctions/adapters/sqlite talks to SQLite.' },
          ],
          patterns: [
            { group: ['**/adapters/sqlite/**'], message: 'Domains and core use the document-store port, not an adapter.' },
            { group: ['../*/collections'], allowTypeImports: true, message: 'Call the other domain’s exported functions instead of its collections.' },
          ],
        },
      ],
    },
  },
  {
    // The kit's states: Taro H5 writes `disabled={false}` as the attribute disabled="false", which its CSS greys out,
    // so a working button would look off. A state is either set (`busy || undefined`) or absent, never false.
    files: ['src/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "JSXOpeningElement[name.name=/^(Button|Picker|Input|Textarea|Switch|Checkbox|Radio|button)$/] > JSXAttribute[name.name=/^(disabled|loading)$/] > JSXExpressionContainer > :not(LogicalExpression[operator='||'][right.name='undefined'], Identifier[name='undefined'], Literal[value=true])",
          message: 'Write `disabled={x || undefined}` (or use KitButton): Taro H5 greys out disabled="false".',
        },
      ],
    },
  },
  {
    // CommonJS config and test-support files run by node/jest.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node, ...globals.jest, ...globals.browser } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['tests/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
);
