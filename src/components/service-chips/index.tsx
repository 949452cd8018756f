import { Text, View } from '@tarojs/components';
import type { StationService } from '../../../types/common';
import { SERVICE_LABELS, SERVICE_ORDER } from '../../../types/stations-labels';
import { TAB_STOP } from '../tab-stop';
import './index.css';

interface Props {
  services: StationService[];
}

/** Read-only chips for a station's services. */
export function ServiceChips({ services }: Props) {
  const sorted = SERVICE_ORDER.filter((s) => services.includes(s));
  return (
    <View className='service-chips'>
      {sorted.map((s) => (
        <Text key={s} className='service-chips__chip'>
          {SERVICE_LABELS[s]}
        </Text>
      ))}
    </View>
  );
}

interface FilterProps {
  selected: StationService[];
  onToggle: (service: StationService) => void;
  openNow: boolean;
  onToggleOpenNow: () => void;
}

/** Selectable chips in one sideways-scrolling row: every selected service must match; plus an 开放中 toggle. */
export function ServiceFilter({ selected, onToggle, openNow, onToggleOpenNow }: FilterProps) {
  return (
    <View className='service-filter service-filter--row' role='group' aria-label='筛选驿站'>
      <View
        className={`service-filter__chip ${openNow ? 'service-filter__chip--on' : ''}`}
        role='button'
        {...TAB_STOP}
        aria-pressed={openNow}
        onClick={onToggleOpenNow}
      >
        开放中
      </View>
      {SERVICE_ORDER.map((s) => {
        const on = selected.includes(s);
        return (
          <View
            key={s}
            className={`service-filter__chip ${on ? 'service-filter__chip--on' : ''}`}
            role='button'
            {...TAB_STOP}
            aria-pressed={on}
            onClick={() => onToggle(s)}
          >
            {SERVICE_LABELS[s]}
          </View>
        );
      })}
    </View>
  );
}
