import { useCallback } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api } from '../../../api';
import { StateView } from '../../../components/state-view';
import { PAGES } from '../../../../types/pages';
import { useLoad } from '../../../lib/use-load';

/** Whether the caller has a home committee, which wishes and opinions go to. */
export function useHomeCommittee() {
  const fetch = useCallback(async () => ({ hasOrg: Boolean((await api.account.me()).user.orgId) }), []);
  return useLoad(fetch, { quiet: true });
}

/** Loading, error, or no home committee yet (with the way to pick one); null once the form can be shown. */
export function HomeCommitteeGate({ gate, doing }: { gate: ReturnType<typeof useHomeCommittee>; doing: string }) {
  const { state, load } = gate;
  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  if (state.hasOrg) return null;
  return (
    <View className='page'>
      <StateView kind='empty' message={`${doing}前，请先在“我的”里选择所属团委`} />
      <View className='bottom-bar'>
        <Button className='primary-button' onClick={() => void Taro.switchTab({ url: PAGES.me })}>
          去“我的”选择团委
        </Button>
      </View>
    </View>
  );
}

/** What a sent form says, with the one next step. */
export function SentScreen({ title, sub, next, url }: { title: string; sub: string; next: string; url: string }) {
  return (
    <View className='page'>
      <View className='voice-done'>
        <Text className='voice-done__title'>{title}</Text>
        <Text className='voice-sub'>{sub}</Text>
      </View>
      <View className='bottom-bar'>
        <Button className='primary-button' onClick={() => void Taro.redirectTo({ url })}>
          {next}
        </Button>
      </View>
    </View>
  );
}
