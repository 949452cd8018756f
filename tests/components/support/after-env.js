const { cleanup } = require('@testing-library/react');

afterEach(() => {
  cleanup();
  window.localStorage.clear();
  jest.restoreAllMocks();
});
