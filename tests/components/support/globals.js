// The constants Taro's DefinePlugin injects into an H5 build.
process.env.TARO_ENV = 'h5';
process.env.TARO_PLATFORM = 'web';
process.env.FRAMEWORK = 'react';
process.env.SUPPORT_TARO_POLYFILL = 'disabled';
Object.assign(globalThis, {
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: true,
  ENABLE_SIZE_APIS: true,
  ENABLE_TEMPLATE_CONTENT: true,
  ENABLE_CLONE_NODE: true,
  ENABLE_CONTAINS: true,
  ENABLE_MUTATION_OBSERVER: true,
  DEPRECATED_ADAPTER_COMPONENT: false,
  RIDER_HUB_CLOUD_ENV: '',
  RIDER_HUB_TEMPLATES: {},
});
