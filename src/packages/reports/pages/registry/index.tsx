import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { Registry } from '../../../../../types/reports';
import { REGISTRY_FIGURES } from '../../../../../types/report-labels';
import { api } from '../../../../api';
import { StateView } from '../../../../components/state-view';
import { errorText, isFinal } from '../../../../lib/error-text';
import { Bars } from '../../bars';
import '../figures/index.css';

type State = { kind: 'loading' } | { kind: 'error'; message: string; final?: boolean } | { kind: 'ready'; registry: Registry };

const KEYS = ['riders', 'verified', 'under35', 'leagueMembers'] as const;

export default function RegistryPage() {
  const { params } = useRouter();
  const orgId = params.orgId ? decodeURIComponent(params.orgId) : '';
  const [state, setState] = useState<State>({ kind: 'loading' });

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      setState({ kind: 'ready', registry: await api.reports.registry({ orgId }) });
    } catch (e) {
      setState({ kind: 'error', message: errorText(e), final: isFinal(e) });
    }
  }, [orgId]);

  useEffect(() => {
    void load();
  }, [load]);

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  const r = state.registry;
  return (
    <View className='page reports-page'>
      <View className='reports-head'>
        <Text className='reports-head__org'>{r.org.name}</Text>
        <Text className='reports-head__period'>骑手名册（含下级团委），来自骑手自己填写的资料</Text>
      </View>
      {r.riders === 0 ? (
        <StateView kind='empty' message='还没有骑手把所属团委选为这里' />
      ) : (
        <>
          <View className='reports-figures'>
            {KEYS.map((key) => (
              <View key={key} className={`reports-figure reports-figure--${key}`}>
                <Text className='reports-figure__value'>{r[key].toLocaleString('zh-CN')}</Text>
                <Text className='reports-figure__name'>{REGISTRY_FIGURES[key].name}</Text>
                <Text className='reports-figure__counts'>{REGISTRY_FIGURES[key].counts}</Text>
              </View>
            ))}
          </View>
          <View className='reports-card'>
            <Text className='reports-card__title'>按平台</Text>
            <Bars
              rows={[
                ...Object.entries(r.byPlatform).map(([label, value]) => ({ label, value })),
                ...(r.noPlatform ? [{ label: '未填写', value: r.noPlatform }] : []),
              ]}
            />
            <Text className='reports-card__line'>
              填写了出生年份的 {r.birthYearKnown} 人，其中 35 岁及以下 {r.under35} 人。
            </Text>
          </View>
        </>
      )}
    </View>
  );
}
