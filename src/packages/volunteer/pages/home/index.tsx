import { useCallback, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { VOLUNTEER_STATUS_LABELS } from '../../../../../types/volunteer-labels';
import { api } from '../../../../api';
import { StateView } from '../../../../components/state-view';
import { PAGES, pageLink } from '../../../../../types/pages';
import '../../lib/volunteer.css';
import { useLoad } from '../../../../lib/use-load';
import { errorText } from '../../../../lib/error-text';
import { clockTime, todayInShanghai } from '../../../../lib/time-format';

async function fetchAll() {
  const [me, mine, list] = await Promise.all([api.volunteers.profile({}), api.volunteers.hours({}), api.childcare.programmes({ limit: 50 })]);
  return { me, mine, programmes: list.programmes };
}

/** The volunteer's record: status, certificates (expiring ones flagged), sessions to sign up for, shifts and hours. */
export default function VolunteerHomePage() {
  const fetch = useCallback(fetchAll, []);
  const { state, load } = useLoad(fetch);
  const [busy, setBusy] = useState<string | null>(null);

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  const { me, mine } = state;
  const today = todayInShanghai();
  const signedUp = new Set(me.shifts.map((s) => `${s.programmeId}:${s.date}`));

  const take = async (programmeId: string, date: string) => {
    if (busy) return;
    setBusy(`${programmeId}:${date}`);
    try {
      await api.volunteers.signUp({ programmeId, date });
      void Taro.showToast({ title: '已报名', icon: 'success' });
      await load();
    } catch (e) {
      void Taro.showToast({ title: errorText(e, '网络不给力，请重试'), icon: 'none' });
    } finally {
      setBusy(null);
    }
  };

  return (
    <View className='page volunteer-page'>
      <View className='vol-card'>
        <Text className='vol-card__title'>{me.name ?? '志愿者'}</Text>
        <Text className='vol-card__sub volunteer-page__status'>{VOLUNTEER_STATUS_LABELS[me.status]}</Text>
        {me.skills.length ? <Text className='vol-card__sub'>特长：{me.skills.join('、')}</Text> : null}
        {me.certificates.map((c) => (
          <Text key={`${c.kind}-${c.expiresOn}`} className='vol-card__sub volunteer-page__cert'>
            {c.kind} · {c.expiresOn} 到期
            {c.expiresSoon ? <Text className='vol-flag'>即将到期，请及时更新</Text> : null}
          </Text>
        ))}
        {me.status === 'approved' ? (
          <View
            className='vol-number volunteer-page__number'
            role='button'
            onClick={() => void Taro.setClipboardData({ data: me.userId }).catch(() => undefined)}
          >
            <Text className='vol-number__label'>用户编号</Text>
            <Text className='vol-number__value volunteer-page__number-value' userSelect>
              {me.userId}
            </Text>
            <Text className='vol-number__copy'>复制</Text>
          </View>
        ) : null}
        {me.status === 'approved' ? <Text className='vol-card__sub'>其他团委的骑士班，把用户编号发给该团委的团干部，由对方安排后即可报名。</Text> : null}
        {me.status === 'none' ? (
          <Button className='primary-button vol-block-button volunteer-page__apply' onClick={() => void Taro.navigateTo({ url: PAGES.volunteer.apply })}>
            申请成为志愿者
          </Button>
        ) : null}
        {me.status === 'approved' ? (
          <Button className='secondary-button vol-block-button' onClick={() => void Taro.navigateTo({ url: PAGES.code.show })}>
            出示我的签到码（到场打卡用）
          </Button>
        ) : null}
      </View>

      <View className='vol-card'>
        <Text className='vol-card__title'>我的志愿时长</Text>
        <Text className='vol-total volunteer-page__total'>{mine.total} 小时</Text>
        {mine.entries.length === 0 ? <Text className='vol-card__sub'>还没有记录，签退后自动记入</Text> : null}
        {mine.entries.map((e) => (
          <View key={e.id} className='vol-row'>
            <View className='vol-row__main'>
              <Text className='vol-row__title'>{e.programmeTitle}</Text>
              <Text className='vol-row__sub'>{e.date}</Text>
            </View>
            <Text className='vol-row__title'>{e.hours} 小时</Text>
          </View>
        ))}
      </View>

      {me.status === 'approved' ? (
        <View className='vol-card'>
          <Text className='vol-card__title'>我报名的场次</Text>
          {me.shifts.length === 0 ? <Text className='vol-card__sub'>还没有报名</Text> : null}
          {me.shifts.map((s) => (
            <View key={s.id} className='vol-row volunteer-page__shift'>
              <View className='vol-row__main'>
                <Text className='vol-row__title'>{s.programmeTitle}</Text>
                <Text className='vol-row__sub'>
                  {s.date} {s.start}–{s.end} {s.course}
                  {s.in ? ` · 已签到 ${clockTime(s.in)}` : ''}
                  {s.out ? ` · 已签退 ${clockTime(s.out)}` : ''}
                </Text>
              </View>
              {s.date === today ? (
                <Button
                  className='primary-button vol-button volunteer-page__roster'
                  onClick={() => void Taro.navigateTo({ url: pageLink(PAGES.childcare.roster, { programmeId: s.programmeId, date: s.date }) })}
                >
                  当日名单
                </Button>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}

      {me.status === 'approved' ? (
        <View className='vol-card'>
          <Text className='vol-card__title'>可报名的场次</Text>
          {state.programmes.length === 0 ? <Text className='vol-card__sub'>暂时没有骑士班</Text> : null}
          {state.programmes.flatMap((p) =>
            p.sessions
              .filter((s) => s.date >= today)
              .map((s) => {
                const key = `${p.id}:${s.date}`;
                return (
                  <View key={key} className='vol-row'>
                    <View className='vol-row__main'>
                      <Text className='vol-row__title'>{p.title}</Text>
                      <Text className='vol-row__sub'>
                        {s.date} {s.start}–{s.end} {s.course} · {p.site.name}
                      </Text>
                    </View>
                    <Button
                      className='secondary-button vol-button'
                      disabled={signedUp.has(key) || busy !== null || undefined}
                      onClick={() => void take(p.id, s.date)}
                    >
                      {signedUp.has(key) ? '已报名' : '报名'}
                    </Button>
                  </View>
                );
              }),
          )}
        </View>
      ) : null}
    </View>
  );
}
