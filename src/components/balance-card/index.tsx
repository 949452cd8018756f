import { Text, View } from '@tarojs/components';
import './index.css';

/** A points balance, large, under its label (— while it is not known). */
export function BalanceCard({ label, value, className = '' }: { label: string; value: number | string; className?: string }) {
  return (
    <View className={`balance-card ${className}`}>
      <Text className='balance-card__label'>{label}</Text>
      <Text className='balance-card__value'>{value}</Text>
    </View>
  );
}
