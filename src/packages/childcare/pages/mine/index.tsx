import { useCallback, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ENROLMENT_STATUS_LABELS } from '../../../../../types/childcare-labels';
import type { MyEnrolment } from '../../../../../types/childcare';
import { api } from '../../../../api';
import { StateView } from '../../../../components/state-view';
import { PAGES, pageLink } from '../../../../../types/pages';
import '../../lib/childcare.css';
import { useLoad } from '../../../../lib/use-load';
import { dayLabel } from '../../../../lib/time-format';
import { errorText } from '../../../../lib/error-text';

async function fetchMine() {
  return api.childcare.mine({});
}

const BADGE: Record<MyEnrolment['status'], string> = {
  confirmed: 'badge--open',
  waitlisted: 'badge--live-full',
  pending: 'badge--live-full',
  cancelled: 'badge--closed',
};

/** The guardian's enrolments with live waitlist positions; cancelling is two taps (取消报名, then 确认取消). */
export default function MinePage() {
  const fetch = useCallback(fetchMine, []);
  const { state, load } = useLoad(fetch);
  const [arming, setArming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  if (state.enrolments.length === 0) {
    return (
      <View className='page mine-page'>
        <StateView kind='empty' message='还没有报名' />
        <View className='cc-card'>
          <Button className='primary-button' onClick={() => void Taro.navigateTo({ url: PAGES.childcare.programmes })}>
            去看看骑士班
          </Button>
        </View>
      </View>
    );
  }

  const confirmCancel = async (id: string) => {
    if (busy) return;
    setBusy(true);
    try {
      await api.childcare.cancel({ enrolmentId: id });
      setArming(null);
      void Taro.showToast({ title: '已取消', icon: 'success' });
      await load();
    } catch (e) {
      void Taro.showToast({ title: errorText(e, '网络不给力，请重试'), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page mine-page'>
      {state.enrolments.map((e) => (
        <View key={e.id} className='cc-card mine-page__enrolment'>
          <View onClick={() => void Taro.navigateTo({ url: pageLink(PAGES.childcare.programme, { id: e.programme.id }) })}>
            <Text className='cc-card__title'>{e.programme.title}</Text>
            <Text className='cc-card__sub'>
              {e.childName} · {e.programme.siteName} · {dayLabel(e.programme.firstDate)} 起
            </Text>
          </View>
          <View className='cc-row'>
            <View className='cc-row__main'>
              <Text className={`badge ${BADGE[e.status]} mine-page__status`}>
                {ENROLMENT_STATUS_LABELS[e.status]}
                {e.status === 'waitlisted' && e.position ? ` 第 ${e.position} 位` : ''}
              </Text>
            </View>
            {e.status !== 'cancelled' ? (
              arming === e.id ? (
                <View className='mine-page__arming'>
                  <Button className='secondary-button cc-button mine-page__keep' onClick={() => setArming(null)}>
                    再想想
                  </Button>
                  <Button className='primary-button cc-button mine-page__confirm-cancel' disabled={busy || undefined} onClick={() => void confirmCancel(e.id)}>
                    确认取消
                  </Button>
                </View>
              ) : (
                <Button className='secondary-button cc-button mine-page__cancel' onClick={() => setArming(e.id)}>
                  取消报名
                </Button>
              )
            ) : null}
          </View>
        </View>
      ))}
    </View>
  );
}
