import { useCallback, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api } from '../../../../api';
import { StateView } from '../../../../components/state-view';
import { Hotline } from '../../components/hotline';
import '../../lib/consult.css';
import { useLoad } from '../../../../lib/use-load';
import { dayTime } from '../../../../lib/time-format';
import { errorText } from '../../../../lib/error-text';

const fetchLog = async () => ({ entries: (await api.consult.accessLog({ limit: 100 })).entries });

/** Who read the rider's consultation data and when; and deleting their consultation history. */
export default function PrivacyPage() {
  const { state, load } = useLoad(useCallback(fetchLog, []));
  const [busy, setBusy] = useState(false);

  const erase = async () => {
    const answer = await Taro.showModal({
      title: '删除咨询记录',
      content: '你写的问题、电话和所有小结、办理记录都会被删除，无法恢复。只保留不含个人信息的统计。',
      confirmText: '删除',
      cancelText: '不删了',
    });
    if (!answer.confirm) return;
    setBusy(true);
    try {
      const out = await api.consult.deleteHistory({});
      void Taro.showToast({ title: `已删除 ${out.bookings} 条预约记录`, icon: 'none' });
    } catch (e) {
      void Taro.showToast({ title: errorText(e, '删除失败，请重试'), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page privacy-page'>
      <Hotline />
      <View className='consult-card'>
        <Text className='consult-card__title'>谁看过我的咨询记录</Text>
        {state.kind === 'loading' ? <StateView kind='loading' /> : null}
        {state.kind === 'error' ? <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} /> : null}
        {state.kind === 'ready' && state.entries.length === 0 ? <StateView kind='empty' message='还没有人查看过你的咨询记录' /> : null}
        {state.kind === 'ready'
          ? state.entries.map((e, i) => (
              <View key={`${e.at}-${i}`} className='consult-row'>
                <Text className='consult-row__title'>{e.who}</Text>
                <Text className='consult-row__sub'>
                  {dayTime(e.at)} · {e.what}
                </Text>
              </View>
            ))
          : null}
      </View>
      <View className='consult-card'>
        <Text className='consult-hint'>删除后，你的预约和个案只保留不含个人信息的统计记录。</Text>
        <Button className='secondary-button' disabled={busy || undefined} onClick={() => void erase()}>
          删除我的咨询记录
        </Button>
      </View>
    </View>
  );
}
