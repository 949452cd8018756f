import { useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Redemption, Reward } from '../../../../../types/points';
import { REDEMPTION_STATUS_LABELS } from '../../../../../types/points-labels';
import { ApiError } from '../../../../api/client';
import { api } from '../../../../api';
import { BalanceCard } from '../../../../components/balance-card';
import { KitButton } from '../../../../components/form-kit';
import { StateView } from '../../../../components/state-view';
import '../../lib/points.css';
import './index.css';
import { useLoad } from '../../../../lib/use-load';
import { shortTime } from '../../../../lib/time-format';
import { errorText } from '../../../../lib/error-text';

type Outcome = { kind: 'ok'; rewardName: string; pickupCode: string } | { kind: 'fail'; reward: Reward; message: string; retryable: boolean } | null;

/** A fresh id for one intent to redeem; a retry of the same intent reuses it, so the server spends once. */
export const newRequestId = () => `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;

async function fetchAll(): Promise<{ balance: number; rewards: Reward[]; redemptions: Redemption[] }> {
  const [b, r, mine] = await Promise.all([api.points.balance({}), api.points.rewards({}), api.points.redemptions({})]);
  return { balance: b.balance, rewards: r.rewards, redemptions: mine.redemptions };
}

/** Rewards for points, the pickup code after redeeming, and the rider's redemptions. */
export default function RewardsPage() {
  const { state, setState, load } = useLoad(fetchAll);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const intent = useRef<{ rewardId: string; requestId: string } | null>(null);
  const inFlight = useRef(false);

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;

  const send = async (reward: Reward) => {
    if (inFlight.current) return;
    // One intent, one requestId: a retry after a lost answer must not spend twice.
    if (!intent.current || intent.current.rewardId !== reward.id) {
      intent.current = { rewardId: reward.id, requestId: newRequestId() };
    }
    const { requestId } = intent.current;
    inFlight.current = true;
    setBusy(true);
    try {
      const out = await api.points.redeemReward({ rewardId: reward.id, requestId });
      intent.current = null;
      setOutcome({ kind: 'ok', rewardName: reward.name, pickupCode: out.pickupCode });
      try {
        const [r, mine] = await Promise.all([api.points.rewards({}), api.points.redemptions({})]);
        setState({ kind: 'ready', balance: out.balance, rewards: r.rewards, redemptions: mine.redemptions });
      } catch {
        setState({ kind: 'ready', balance: out.balance, rewards: state.rewards, redemptions: state.redemptions });
      }
    } catch (e) {
      // A definite answer (no stock, too few points…) ends the intent; a lost one keeps it for the retry.
      const retryable = !(e instanceof ApiError) || e.code === 'INTERNAL' || e.code === 'RATE_LIMITED';
      if (!retryable) intent.current = null;
      setOutcome({ kind: 'fail', reward, message: errorText(e, '网络不给力，兑换结果未知，请重试'), retryable });
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const confirm = async (reward: Reward) => {
    if (inFlight.current) return;
    const { confirm: ok } = await Taro.showModal({
      title: '确认兑换',
      content: `用 ${reward.cost} 积分兑换「${reward.name}」？`,
      confirmText: '兑换',
      cancelText: '再想想',
    });
    if (ok) await send(reward);
  };

  return (
    <View className='page rewards-page'>
      <BalanceCard label='可用积分' value={state.balance} />

      {outcome?.kind === 'ok' ? (
        <View className='rewards-page__pickup'>
          <Text className='rewards-page__pickup-title'>兑换成功：{outcome.rewardName}</Text>
          <Text className='rewards-page__pickup-label'>取货码</Text>
          <Text className='rewards-page__pickup-code'>{outcome.pickupCode}</Text>
          <Text className='rewards-page__pickup-hint'>到驿站向工作人员出示取货码领取</Text>
        </View>
      ) : null}
      {outcome?.kind === 'fail' ? (
        <View className='rewards-page__fail'>
          <Text className='points-error'>{outcome.message}</Text>
          {outcome.retryable ? (
            <Button className='primary-button' disabled={busy || undefined} onClick={() => void send(outcome.reward)}>
              重试兑换
            </Button>
          ) : null}
        </View>
      ) : null}

      <View className='points-card'>
        <Text className='points-card__title'>奖品</Text>
        {state.rewards.length === 0 ? <Text className='points-hint'>暂无可兑换的奖品</Text> : null}
        {state.rewards.map((r) => {
          const soldOut = r.stock <= 0;
          const short = state.balance < r.cost;
          return (
            <View key={r.id} className='points-row rewards-page__reward'>
              <View className='points-row__main'>
                <Text className='points-row__title'>{r.name}</Text>
                <Text className='points-row__sub'>
                  {r.cost} 积分 · {soldOut ? '已兑完' : `剩余 ${r.stock} 件`}
                </Text>
              </View>
              <KitButton className='rewards-page__redeem' disabled={soldOut || short} busy={busy} onClick={() => void confirm(r)}>
                {soldOut ? '已兑完' : short ? '积分不足' : '兑换'}
              </KitButton>
            </View>
          );
        })}
      </View>

      <View className='points-card'>
        <Text className='points-card__title'>我的兑换</Text>
        {state.redemptions.length === 0 ? <Text className='points-hint'>还没有兑换记录</Text> : null}
        {state.redemptions.map((d) => (
          <View key={d.id} className='points-row rewards-page__redemption'>
            <View className='points-row__main'>
              <Text className='points-row__title'>{d.rewardName}</Text>
              <Text className='points-row__sub'>
                {shortTime(d.at)} · 取货码 <Text className='rewards-page__code'>{d.pickupCode}</Text>
              </Text>
            </View>
            <Text className={`badge ${d.status === 'ready' ? 'badge--live-full' : 'badge--closed'}`}>{REDEMPTION_STATUS_LABELS[d.status]}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
