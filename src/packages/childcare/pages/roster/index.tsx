import { useCallback, useRef, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { RosterChild } from '../../../../../types/childcare';
import { api } from '../../../../api';
import { StateView } from '../../../../components/state-view';
import '../../lib/childcare.css';
import './index.css';
import { useLoad } from '../../../../lib/use-load';
import { clockTime, dayLabel, todayInShanghai } from '../../../../lib/time-format';
import { errorText } from '../../../../lib/error-text';

const isWeapp = process.env.TARO_ENV === 'weapp';
type ClockOutcome = { kind: 'ok'; text: string } | { kind: 'fail'; message: string } | null;

/**
 * A session's roster. On the day, its volunteers and the site's staff sign each child in and out (allergies
 * flagged, the emergency phone one tap away); staff and cadres clock the session's volunteers by their check-in code.
 */
export default function RosterPage() {
  const { params } = useRouter();
  const programmeId = params.programmeId ? decodeURIComponent(params.programmeId) : '';
  const date = params.date ? decodeURIComponent(params.date) : todayInShanghai();
  const fetch = useCallback(async () => {
    const [data, { user }] = await Promise.all([api.childcare.roster({ programmeId, date }), api.account.me()]);
    return { data, roles: user.roles };
  }, [programmeId, date]);
  const { state, setState, load } = useLoad(fetch);
  const [marking, setMarking] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [clockOutcome, setClockOutcome] = useState<ClockOutcome>(null);
  const clocking = useRef(false);
  const [clockBusy, setClockBusy] = useState(false);

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  const { data, roles } = state;
  const onTheDay = date === todayInShanghai();
  const marks = onTheDay && data.view === 'clear' && (roles.includes('volunteer') || roles.includes('staff'));
  const clocks = onTheDay && (roles.includes('staff') || roles.includes('cadre'));

  const mark = async (child: RosterChild, event: 'in' | 'out') => {
    if (marking) return;
    setMarking(child.enrolmentId);
    try {
      await api.childcare.attend({ enrolmentId: child.enrolmentId, date, event });
      setState({ ...state, data: await api.childcare.roster({ programmeId, date }) });
    } catch (e) {
      void Taro.showToast({ title: errorText(e, '网络不给力，请重试'), icon: 'none' });
    } finally {
      setMarking(null);
    }
  };

  const sendClock = async (code: string, event: 'in' | 'out') => {
    if (clocking.current || code.length < 4) return;
    clocking.current = true;
    setClockBusy(true);
    try {
      const res = await api.volunteers.clock({ code, programmeId, date, event });
      const text =
        event === 'in'
          ? `${res.volunteerName} 已签到 ${res.shift.in ? clockTime(res.shift.in) : ''}`
          : res.hours
            ? `${res.volunteerName} 已签退，记 ${res.hours} 小时`
            : `${res.volunteerName} 已签退。在岗不到这次课的 60%，这次不记志愿时长`;
      setClockOutcome({ kind: 'ok', text });
      setTyped('');
      setState({ ...state, data: await api.childcare.roster({ programmeId, date }) });
    } catch (e) {
      setClockOutcome({ kind: 'fail', message: errorText(e, '网络不给力，请重试') });
    } finally {
      clocking.current = false;
      setClockBusy(false);
    }
  };

  const scan = async (event: 'in' | 'out') => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      if (result) await sendClock(result, event);
    } catch {
      // Cancelled: the typed code remains.
    }
  };

  const digits = typed.replace(/\D/g, '');

  return (
    <View className='page roster-page'>
      <View className='cc-card'>
        <Text className='cc-card__title'>
          {dayLabel(date)} {data.session.course}
        </Text>
        <Text className='cc-card__sub'>
          {data.session.start}–{data.session.end} · {data.children.length} 名孩子
          {data.view === 'masked' ? ' · 非当天仅显示部分信息' : ''}
          {data.view === 'names' ? ' · 开课前后 1 小时内显示过敏和紧急电话' : ''}
        </Text>
      </View>

      <View className='cc-card'>
        <Text className='cc-card__title'>孩子</Text>
        {data.children.length === 0 ? <Text className='cc-card__sub'>还没有已确认的孩子</Text> : null}
        {data.children.map((c) => (
          <View key={c.enrolmentId} className='cc-row roster-page__child'>
            <View className='cc-row__main'>
              <Text className='cc-row__title roster-page__name'>
                {c.name} · {c.age} 岁{c.hasAllergies ? <Text className='cc-allergy'>过敏</Text> : null}
              </Text>
              {c.allergies ? <Text className='cc-row__sub roster-page__allergies'>过敏：{c.allergies}</Text> : null}
              {c.emergencyPhone ? (
                <View
                  className='cc-row__sub roster-page__phone phone-link'
                  role='button'
                  onClick={() => void Taro.makePhoneCall({ phoneNumber: c.emergencyPhone! }).catch(() => undefined)}
                >
                  紧急电话 {c.emergencyPhone}（点击拨打）
                </View>
              ) : null}
              <Text className='cc-row__sub roster-page__attendance'>
                {c.attendance.in ? `签到 ${clockTime(c.attendance.in.at)}` : '未签到'}
                {c.attendance.out ? ` · 签退 ${clockTime(c.attendance.out.at)}` : ''}
              </Text>
            </View>
            {marks && !c.attendance.in ? (
              <Button className='primary-button cc-button roster-page__in' disabled={marking !== null || undefined} onClick={() => void mark(c, 'in')}>
                签到
              </Button>
            ) : null}
            {marks && c.attendance.in && !c.attendance.out ? (
              <Button className='secondary-button cc-button roster-page__out' disabled={marking !== null || undefined} onClick={() => void mark(c, 'out')}>
                签退
              </Button>
            ) : null}
          </View>
        ))}
      </View>

      <View className='cc-card'>
        <Text className='cc-card__title'>志愿者</Text>
        {data.volunteers.length === 0 ? <Text className='cc-card__sub'>这一场还没有志愿者报名</Text> : null}
        {data.volunteers.map((v) => (
          <View key={v.shiftId} className='cc-row roster-page__volunteer'>
            <View className='cc-row__main'>
              <Text className='cc-row__title'>
                {v.name}
                {v.certificateExpiring ? <Text className='cc-allergy'>证书将到期</Text> : null}
              </Text>
              <Text className='cc-row__sub'>
                {v.in ? `签到 ${clockTime(v.in)}` : '未签到'}
                {v.out ? ` · 签退 ${clockTime(v.out)}` : ''}
                {v.hours !== undefined ? ` · ${v.hours} 小时` : ''}
              </Text>
            </View>
          </View>
        ))}
        {clocks ? (
          <View className='roster-page__clock'>
            <Text className='cc-label'>{isWeapp ? '扫志愿者的签到码，或输入签到码下方的数字' : '输入志愿者签到码下方的数字'}</Text>
            <Input
              className='cc-input roster-page__code'
              type='number'
              maxlength={12}
              value={typed}
              placeholder='签到码数字'
              onInput={(e) => setTyped(e.detail.value)}
            />
            <View className='roster-page__clock-buttons'>
              <Button
                className='primary-button roster-page__clock-in'
                disabled={clockBusy || digits.length < 4 || undefined}
                onClick={() => void sendClock(digits, 'in')}
              >
                志愿者签到
              </Button>
              <Button
                className='secondary-button roster-page__clock-out'
                disabled={clockBusy || digits.length < 4 || undefined}
                onClick={() => void sendClock(digits, 'out')}
              >
                志愿者签退
              </Button>
            </View>
            {isWeapp ? (
              <View className='roster-page__clock-buttons'>
                <Button className='secondary-button' disabled={clockBusy || undefined} onClick={() => void scan('in')}>
                  扫码签到
                </Button>
                <Button className='secondary-button' disabled={clockBusy || undefined} onClick={() => void scan('out')}>
                  扫码签退
                </Button>
              </View>
            ) : null}
            {clockOutcome?.kind === 'ok' ? <Text className='cc-seats roster-page__clock-ok'>{clockOutcome.text}</Text> : null}
            {clockOutcome?.kind === 'fail' ? <Text className='cc-error roster-page__clock-fail'>{clockOutcome.message}</Text> : null}
          </View>
        ) : null}
      </View>
    </View>
  );
}
