import type { ReactNode } from 'react';
import { View } from '@tarojs/components';

interface Props {
  className?: string;
  children: ReactNode;
}

/** The bottom action bar of a tab page. H5 draws its tab bar inside the page, so there the bar sits above it. */
export function TabBottomBar({ className = '', children }: Props) {
  const h5 = process.env.TARO_ENV === 'h5' ? 'bottom-bar--above-tabbar' : '';
  return <View className={`bottom-bar ${h5} ${className}`}>{children}</View>;
}
