import type { ReactNode } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';

/* What every kind's view is made of: labelled fields, photos as images, and readers of payload values. */

export const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
export const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** One labelled value; nothing when the value is empty. */
export function Field({ label, value, children }: { label: string; value?: string; children?: ReactNode }) {
  if (!value && !children) return null;
  return (
    <View className='review-detail__field'>
      <Text className='review-detail__label'>{label}</Text>
      {value ? <Text className='review-detail__value'>{value}</Text> : null}
      {children}
    </View>
  );
}

/** Photos as images, each opening full screen. */
export function Photos({ label = '照片', urls }: { label?: string; urls: string[] }) {
  if (urls.length === 0) return null;
  return (
    <Field label={`${label}（${urls.length} 张，点击查看）`}>
      <View className='review-detail__photos'>
        {urls.map((src) => (
          <Image
            key={src}
            className='review-detail__photo'
            src={src}
            mode='aspectFill'
            nativeProps={{ alt: label }}
            onClick={() => void Taro.previewImage({ urls, current: src })}
          />
        ))}
      </View>
    </Field>
  );
}

/** A row that opens another page (a case, the wish wall). */
export function LinkRow({ label, url }: { label: string; url: string }) {
  return (
    <View className='review-detail__link' role='button' onClick={() => void Taro.navigateTo({ url })}>
      <Text>{label}</Text>
      <Text aria-hidden>›</Text>
    </View>
  );
}
