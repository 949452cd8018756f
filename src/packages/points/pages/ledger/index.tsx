import { useCallback, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { LedgerEntry } from '../../../../../types/points';
import { api } from '../../../../api';
import { BalanceCard } from '../../../../components/balance-card';
import { StateView } from '../../../../components/state-view';
import { reasonLabel } from '../../lib/format';
import '../../lib/points.css';
import { useLoad } from '../../../../lib/use-load';
import { shortTime } from '../../../../lib/time-format';

/** The rider's balance and every entry of the append-only ledger, newest first. */
export default function LedgerPage() {
  const [more, setMore] = useState<'idle' | 'loading' | 'error'>('idle');
  const fetchFirstPage = useCallback(async (): Promise<{ balance: number; entries: LedgerEntry[]; cursor?: string }> => {
    setMore('idle');
    const [{ balance: points }, page] = await Promise.all([api.points.balance({}), api.points.ledger({ limit: 20 })]);
    return { balance: points, entries: page.entries, cursor: page.cursor };
  }, []);
  const { state, setState, load } = useLoad(fetchFirstPage);

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;

  const loadMore = async () => {
    if (!state.cursor || more === 'loading') return;
    setMore('loading');
    try {
      const page = await api.points.ledger({ cursor: state.cursor, limit: 20 });
      setState({ ...state, entries: [...state.entries, ...page.entries], cursor: page.cursor });
      setMore('idle');
    } catch {
      setMore('error');
    }
  };

  return (
    <View className='page ledger-page'>
      <BalanceCard label='当前积分' value={state.balance} />
      {state.entries.length === 0 ? (
        <StateView kind='empty' message='还没有积分记录，到驿站签到就能得积分' />
      ) : (
        <View className='points-card'>
          {state.entries.map((e) => (
            <View key={e.id} className='points-row ledger-page__entry'>
              <View className='points-row__main'>
                <Text className='points-row__title'>{reasonLabel(e.reason)}</Text>
                <Text className='points-row__sub'>
                  {shortTime(e.at)}
                  {e.note ? ` · ${e.note}` : ''}
                </Text>
              </View>
              <Text className={`points-row__delta ${e.delta >= 0 ? 'points-row__delta--plus' : 'points-row__delta--minus'}`}>
                {e.delta > 0 ? `+${e.delta}` : e.delta}
              </Text>
            </View>
          ))}
        </View>
      )}
      {state.cursor ? (
        <Button className='secondary-button points-more' disabled={more === 'loading' || undefined} onClick={() => void loadMore()}>
          {more === 'loading' ? '加载中…' : more === 'error' ? '加载失败，点此重试' : '加载更多'}
        </Button>
      ) : null}
    </View>
  );
}
