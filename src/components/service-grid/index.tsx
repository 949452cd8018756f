import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Service } from '../../lib/services';
import './index.css';

/** A titled grid of entries, each a cell opening its page. */
export function ServiceGrid({ title, services, className = '' }: { title: string; services: readonly Service[]; className?: string }) {
  if (services.length === 0) return null;
  return (
    <View className={`service-grid ${className}`}>
      <Text className='service-grid__title'>{title}</Text>
      <View className='service-grid__cells'>
        {services.map((s) => (
          <View key={s.key} className={`service-cell service-cell--${s.key}`} role='button' onClick={() => void Taro.navigateTo({ url: s.url })}>
            <Text className='service-cell__label'>{s.label}</Text>
            <Text className='service-cell__hint'>{s.hint}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
