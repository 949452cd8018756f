import { useCallback } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { CASE_STATUS_NAMES, CATEGORY_NAMES } from '../../../../../types/consult-labels';
import { api } from '../../../../api';
import { StateView } from '../../../../components/state-view';
import { Hotline } from '../../components/hotline';
import { PAGES, pageLink } from '../../../../../types/pages';
import '../../lib/consult.css';
import { useLoad } from '../../../../lib/use-load';
import { dayTime } from '../../../../lib/time-format';

const fetchCases = async () => ({ cases: (await api.consult.cases({ scope: 'committee', limit: 100 })).cases });

/** A cadre's cases: every case escalated to a committee in their scope, newest first. */
export default function CasesPage() {
  const { state, load } = useLoad(useCallback(fetchCases, []));
  useDidShow(() => {
    if (state.kind === 'ready') void load();
  });
  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  return (
    <View className='page cases-page'>
      <Hotline />
      <View className='consult-card'>
        <Text className='consult-card__title'>辖区递援个案</Text>
        {state.cases.length === 0 ? <StateView kind='empty' message='辖区内还没有个案' /> : null}
        {state.cases.map((c) => (
          <View key={c.id} className='consult-link' onClick={() => void Taro.navigateTo({ url: pageLink(PAGES.consult.case, { id: c.id }) })}>
            <View>
              <Text className='consult-row__title'>
                {c.number}
                <Text className={`consult-status consult-status--${c.status}`}>{CASE_STATUS_NAMES[c.status]}</Text>
              </Text>
              <Text className='consult-row__sub'>
                {CATEGORY_NAMES[c.category]} · {c.orgName ?? ''} · {dayTime(c.openedAt)}
              </Text>
            </View>
            <Text>›</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
