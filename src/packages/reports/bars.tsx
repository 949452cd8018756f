import { Text, View } from '@tarojs/components';

interface Row {
  label: string;
  value: number;
}

/** A horizontal bar per row, drawn with plain views: the longest bar is the largest value. */
export function Bars({ rows }: { rows: readonly Row[] }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <View className='reports-bars'>
      {rows.map((r) => (
        <View key={r.label} className='reports-bar' aria-label={`${r.label} ${r.value}`}>
          <Text className='reports-bar__label'>{r.label}</Text>
          <View className='reports-bar__track'>
            <View className='reports-bar__fill' style={{ width: `${(r.value / max) * 100}%` }} />
          </View>
          <Text className='reports-bar__value'>{r.value.toLocaleString('zh-CN')}</Text>
        </View>
      ))}
    </View>
  );
}
