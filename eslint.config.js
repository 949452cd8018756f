// Flat config: typescript-eslint recommended + react-hooks. Import boundaries are checked by dependency-cruiser
// (.dependency-cruiser.cjs, `npm run lint:deps`), which resolves every import.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const reactHooks = require('eslint-plugin-react-hooks');
const globals = require('globals');

module.exports = tseslint.config(
  { ignores: ['dist/', 'build/', 'node_modules/', 'coverage/', '.data/', '.temp/', '.swc/', 'tests/fixtures/'] },
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
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node, ...globals.jest, ...globals.browser } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['tests/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
);
