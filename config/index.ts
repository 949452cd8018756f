import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

/** The shared contract lives outside src/ and must be compiled too (the client imports its error codes). */
const contract = path.resolve(__dirname, '..', 'types');

// Written by hand: `taro init` downloads its templates and cannot run offline.
export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'rider-hub',
    date: '2025-01-01',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: process.env.RIDER_HUB_OUT ?? `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      // The CloudBase environment id; empty means the environment the mini-program is bound to.
      RIDER_HUB_CLOUD_ENV: JSON.stringify(process.env.RIDER_HUB_CLOUD_ENV ?? ''),
      // Each kind's subscribe-message template, RIDER_HUB_TEMPLATE_<KIND> (types/push-kinds.ts; the same settings the
      // functions get); a kind without one: inbox only.
      RIDER_HUB_TEMPLATES: JSON.stringify(Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('RIDER_HUB_TEMPLATE_')))),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    // `npm start` builds with RIDER_HUB_QUIET_BUILD=1 and shows the output only when the build warns or fails.
    logger: { quiet: process.env.RIDER_HUB_QUIET_BUILD === '1', stats: false },
    mini: {
      compile: { include: [contract] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      compile: { include: [contract] },
      publicPath: '/',
      // Webpack's size hints are for sites on the internet; the H5 build serves local mode on loopback (the weapp
      // packages have their own budget: bench/package-sizes.ts).
      webpackChain(chain) {
        chain.performance.hints(false);
      },
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };
  return config;
});
