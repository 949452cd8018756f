import { fireEvent } from '@testing-library/react';

/** Types into a Taro H5 input or textarea the way its web component reports input. */
export function typeInto(selector: string, value: string) {
  const input = document.querySelector(selector);
  if (!input) throw new Error(`no ${selector}`);
  fireEvent(input, new CustomEvent('input', { detail: { value } }));
}

/** jsdom does not render the inner <input> of Taro's H5 input web component, whose value watcher then throws. */
export function quietInputCore() {
  const original = console.error;
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if (String(args[0]).includes("reading 'value'")) return;
    original(...args);
  });
}
