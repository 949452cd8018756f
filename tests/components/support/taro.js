// Stands in for `@tarojs/taro` as an H5 build resolves it: the H5 platform APIs, with React registered
// and the framework's hooks attached (what Taro's api-loader does at build time).
const React = require('react');
const ReactDOM = require('react-dom');
const runtime = require('@tarojs/plugin-framework-react/dist/runtime');
const apis = require('@tarojs/plugin-platform-h5/dist/runtime/apis/index.js');

runtime.createH5NativeComponentConfig(null, React, ReactDOM);

const taro = apis.default;
for (const [name, value] of Object.entries(apis)) {
  if (name !== 'default' && !(name in taro)) taro[name] = value;
}
for (const [name, value] of Object.entries(runtime)) {
  if (name.startsWith('use')) taro[name] = value;
}

module.exports = taro;
module.exports.default = taro;
