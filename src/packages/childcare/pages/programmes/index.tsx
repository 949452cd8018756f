import { useCallback } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { SIGNUP_STATE_LABELS } from '../../../../../types/childcare-labels';
import type { Programme } from '../../../../../types/childcare';
import { api } from '../../../../api';
import { formatDistance } from '../../../../components/format-distance';
import { StateView } from '../../../../components/state-view';
import { locate } from '../../../../lib/location';
import { PAGES, pageLink } from '../../../../../types/pages';
import '../../lib/childcare.css';
import { useLoad } from '../../../../lib/use-load';
import { dayLabel } from '../../../../lib/time-format';

async function fetchNear(): Promise<{ list: Programme[]; demo: boolean }> {
  const { location, demo } = await locate();
  const { programmes: list } = await api.childcare.programmes({ lat: location.lat, lng: location.lng, radiusM: 50_000, limit: 50 });
  return { list, demo };
}

/** The guardian's list: programmes near them with the course menu, site, ages, dates, seats and waitlist. */
export default function ProgrammesPage() {
  const fetch = useCallback(fetchNear, []);
  const { state, load } = useLoad(fetch);

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;

  return (
    <View className='page programmes-page'>
      <View className='cc-card'>
        <Button className='secondary-button' onClick={() => void Taro.navigateTo({ url: PAGES.childcare.mine })}>
          我的报名
        </Button>
        <Button className='secondary-button cc-block-button' onClick={() => void Taro.navigateTo({ url: PAGES.childcare.children })}>
          孩子信息
        </Button>
      </View>
      {state.demo ? <Text className='cc-hint'>未获取到你的位置，按嘉善县城计算距离</Text> : null}
      {state.list.length === 0 ? <StateView kind='empty' message='附近暂时没有骑士班' onRetry={() => void load()} /> : null}
      {state.list.map((p) => {
        const full = p.seatsLeft === 0;
        return (
          <View key={p.id} className='cc-card programme-card' onClick={() => void Taro.navigateTo({ url: pageLink(PAGES.childcare.programme, { id: p.id }) })}>
            <Text className='cc-card__title'>{p.title}</Text>
            <Text className='cc-card__sub'>
              {p.site.name}
              {p.distanceM !== undefined ? ` · ${formatDistance(p.distanceM)}` : ''}
            </Text>
            <Text className='cc-card__sub'>
              {p.ageMin}–{p.ageMax} 岁 · {dayLabel(p.firstDate)} 起，共 {p.sessions.length} 次 · {SIGNUP_STATE_LABELS[p.signupState]}
            </Text>
            <View className='cc-chips'>
              {p.courses.map((c) => (
                <Text key={c} className='cc-chip'>
                  {c}
                </Text>
              ))}
            </View>
            <Text className={`cc-seats ${full ? 'cc-seats--full' : ''}`}>
              {full ? `名额已满 · ${p.waitlisted} 人候补` : `剩余 ${p.seatsLeft} 个名额`}
              {!full && p.waitlisted > 0 ? ` · ${p.waitlisted} 人候补` : ''}
            </Text>
          </View>
        );
      })}
    </View>
  );
}
