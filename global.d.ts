/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';

/** Injected by Taro's DefinePlugin (config/index.ts defineConstants). */
declare const RIDER_HUB_CLOUD_ENV: string;
/** The `RIDER_HUB_TEMPLATE_<KIND>` settings (types/push-kinds.ts) as they were when the app was built, by name. */
declare const RIDER_HUB_TEMPLATES: Record<string, string | undefined>;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV?: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn';
    TARO_APP_ID?: string;
    RIDER_HUB_OUT?: string;
    RIDER_HUB_CLOUD_ENV?: string;
  }
}
