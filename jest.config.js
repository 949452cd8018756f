// One jest run, five projects: `npx jest --selectProjects node|cloudbase|components|weapp|e2e`.

/** ESM-only packages under node_modules that babel-jest must transform for the components project. */
const esmPackages = [
  '@tarojs',
  '@stencil',
  'lodash-es',
  'swiper',
  'nanoid',
  'query-string',
  'decode-uri-component',
  'split-on-first',
  'filter-obj',
  'mobile-detect',
  'history',
  'classnames',
  'resolve-pathname',
  'value-equal',
  'tiny-invariant',
  'tiny-warning',
  'dom7',
  'ssr-window',
  'weui',
  'abortcontroller-polyfill',
  'style-inject',
  'tslib',
  '\\.pnpm',
];

/** @type {import('jest').Config} */
module.exports = {
  // A test asserts answers, never times: on a loaded 2-core machine (another build running) a hook or a rush may
  // take far longer than jest's 5 s default.
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/unit', '<rootDir>/tests/handlers', '<rootDir>/tests/contract'],
      setupFiles: ['<rootDir>/tests/support/timezone.ts'],
      transform: {
        '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } }],
      },
      moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
    },
    {
      // The handler suites again, on the CloudBase adapter through the local stand-in of its HTTP API.
      displayName: 'cloudbase',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/handlers'],
      setupFiles: ['<rootDir>/tests/support/timezone.ts', '<rootDir>/tests/support/cloudbase-store.ts'],
      transform: {
        '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } }],
      },
      moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
    },
    {
      displayName: 'components',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/tests/components'],
      setupFiles: ['<rootDir>/tests/components/support/globals.js'],
      setupFilesAfterEnv: ['<rootDir>/tests/components/support/after-env.js'],
      moduleNameMapper: {
        '^@tarojs/taro$': '<rootDir>/tests/components/support/taro.js',
        '^@tarojs/components$': '<rootDir>/node_modules/@tarojs/components/lib/react/index.js',
        '\\.(css|scss|less)$': '<rootDir>/tests/components/support/style-stub.js',
      },
      transform: {
        '^.+\\.(tsx?|jsx?|mjs)$': [
          'babel-jest',
          {
            configFile: false,
            babelrc: false,
            presets: [['@babel/preset-env', { targets: { node: 'current' } }], ['@babel/preset-react', { runtime: 'automatic' }], '@babel/preset-typescript'],
          },
        ],
      },
      transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
      moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'json'],
    },
    {
      displayName: 'weapp',
      // miniprogram-simulate renders into a DOM (j-component), so this project needs jsdom too.
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/tests/weapp'],
      globalSetup: '<rootDir>/tests/weapp/support/global-setup.js',
      transform: {
        '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } }],
      },
      // The build output is loaded as is; never transform it.
      transformIgnorePatterns: ['/node_modules/', '/dist/'],
    },
    {
      displayName: 'e2e',
      // Journeys in Chromium against the local server (npm start) on a free port with a temporary data directory.
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/e2e'],
      transform: {
        '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
      },
    },
  ],
};
