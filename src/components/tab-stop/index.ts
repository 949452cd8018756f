/**
 * Spread on a tappable view with a button role so that a keyboard reaches it (H5). Taro's ViewProps do not type
 * tabIndex, though the H5 view passes it on.
 */
export const TAB_STOP = { tabIndex: 0 } as const;
