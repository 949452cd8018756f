/** Local mode: the H5 build served by the local gateway, where identity is a demo sign-in. */
export const isLocalMode = () => process.env.TARO_ENV !== 'weapp';
