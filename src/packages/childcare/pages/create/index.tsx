import { useCallback, useState } from 'react';
import { Button, Input, Picker, Switch, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { COURSE_SUGGESTIONS } from '../../../../../types/childcare-labels';
import type { NearbyStation } from '../../../../../types/stations';
import type { Org } from '../../../../../types/orgs';
import { me } from '../../../../api/account';
import { createProgramme } from '../../../../api/childcare';
import { tree } from '../../../../api/orgs';
import { nearby } from '../../../../api/stations';
import { StateView } from '../../../../components/state-view';
import { locate } from '../../../../lib/location';
import '../../lib/childcare.css';
import { useLoad } from '../../../../lib/use-load';
import { todayInShanghai } from '../../../../lib/time-format';
import { errorText } from '../../../../lib/error-text';
import { childcareProgrammeUrl } from '../../../../lib/routes';

interface SessionDraft {
  date: string;
  start: string;
  end: string;
  course: string;
}

async function fetchSetup() {
  const [{ user }, { orgs }, { location }] = await Promise.all([me(), tree(), locate()]);
  const { stations } = await nearby({ lat: location.lat, lng: location.lng, radiusM: 20_000, limit: 30 });
  const mine: Org[] = user.roles.includes('admin') ? orgs : orgs.filter((o) => (user.cadreOrgIds ?? []).includes(o.id));
  return { orgs: mine, stations, location };
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Cadres publish a programme: site (a station nearby or the current place), sessions with courses, ages, seats, window. */
export default function CreateProgrammePage() {
  const fetch = useCallback(fetchSetup, []);
  const { state, load } = useLoad(fetch);
  const today = todayInShanghai();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [orgIndex, setOrgIndex] = useState(0);
  const [station, setStation] = useState<NearbyStation | null>(null);
  const [siteName, setSiteName] = useState('');
  const [siteAddress, setSiteAddress] = useState('');
  const [ages, setAges] = useState({ min: '6', max: '12' });
  const [capacity, setCapacity] = useState('20');
  const [closes, setCloses] = useState(addDays(today, 3));
  const [review, setReview] = useState(false);
  const [sessions, setSessions] = useState<SessionDraft[]>([{ date: addDays(today, 7), start: '09:00', end: '11:00', course: COURSE_SUGGESTIONS[0] }]);
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  if (state.orgs.length === 0) return <StateView kind='empty' message='只有团干部可以开设骑士班' />;
  const org = state.orgs[Math.min(orgIndex, state.orgs.length - 1)]!;

  const setSession = (i: number, change: Partial<SessionDraft>) => setSessions(sessions.map((s, j) => (j === i ? { ...s, ...change } : s)));

  const save = async () => {
    if (saving) return;
    const name = station?.name ?? siteName.trim();
    const address = station?.address ?? siteAddress.trim();
    if (title.trim().length < 2 || name.length < 2 || address.length < 2) {
      setError('请填写班名、场地名称和地址');
      return;
    }
    setSaving(true);
    setError('');
    try {
      const { programme } = await createProgramme({
        title: title.trim(),
        orgId: org.id,
        ...(description.trim() ? { description: description.trim() } : {}),
        site: {
          name,
          address,
          location: station?.location ?? state.location,
          ...(station ? { stationId: station.id } : {}),
        },
        ageMin: Number(ages.min),
        ageMax: Number(ages.max),
        capacity: Number(capacity),
        signupOpens: new Date().toISOString(),
        signupCloses: `${closes}T20:00:00+08:00`,
        sessions: sessions.map((s) => ({ ...s, course: s.course.trim() })),
        requiresReview: review,
      });
      void Taro.redirectTo({ url: childcareProgrammeUrl(programme.id) });
    } catch (e) {
      setError(errorText(e, '网络不给力，请重试'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className='page create-page'>
      <View className='cc-card'>
        <Text className='cc-label'>班名</Text>
        <Input className='cc-input create-page__title' value={title} maxlength={40} placeholder='如：寒假骑士班·魏塘' onInput={(e) => setTitle(e.detail.value)} />
        <Text className='cc-label'>简介（选填）</Text>
        <Textarea className='cc-textarea' value={description} maxlength={500} onInput={(e) => setDescription(e.detail.value)} />
        <Text className='cc-label'>开设团委</Text>
        <Picker mode='selector' range={state.orgs.map((o) => o.name)} value={orgIndex} onChange={(e) => setOrgIndex(Number(e.detail.value))}>
          <View className='cc-input'>{org.name}</View>
        </Picker>
      </View>

      <View className='cc-card'>
        <Text className='cc-card__title'>场地</Text>
        <Picker
          mode='selector'
          range={['不在驿站（填写场地）', ...state.stations.map((s) => s.name)]}
          value={station ? state.stations.indexOf(station) + 1 : 0}
          onChange={(e) => setStation(state.stations[Number(e.detail.value) - 1] ?? null)}
        >
          <View className='cc-input create-page__station'>{station ? station.name : '不在驿站（填写场地）'}</View>
        </Picker>
        {station ? null : (
          <View>
            <Text className='cc-label'>场地名称</Text>
            <Input className='cc-input' value={siteName} maxlength={40} onInput={(e) => setSiteName(e.detail.value)} />
            <Text className='cc-label'>地址（位置取当前定位）</Text>
            <Input className='cc-input' value={siteAddress} maxlength={80} onInput={(e) => setSiteAddress(e.detail.value)} />
          </View>
        )}
      </View>

      <View className='cc-card'>
        <Text className='cc-label'>年龄（岁）</Text>
        <View className='cc-chips'>
          <Input className='cc-input' type='number' value={ages.min} maxlength={2} onInput={(e) => setAges({ ...ages, min: e.detail.value })} />
          <Text className='cc-card__sub'> 至 </Text>
          <Input className='cc-input' type='number' value={ages.max} maxlength={2} onInput={(e) => setAges({ ...ages, max: e.detail.value })} />
        </View>
        <Text className='cc-label'>名额</Text>
        <Input className='cc-input' type='number' value={capacity} maxlength={3} onInput={(e) => setCapacity(e.detail.value)} />
        <Text className='cc-label'>报名截止（当天 20:00）</Text>
        <Picker mode='date' value={closes} start={today} onChange={(e) => setCloses(e.detail.value)}>
          <View className='cc-input'>{closes}</View>
        </Picker>
        <View className='cc-row'>
          <Text className='cc-row__main cc-row__title'>报名需要审核</Text>
          <Switch checked={review} onChange={(e) => setReview(e.detail.value)} />
        </View>
      </View>

      <View className='cc-card'>
        <Text className='cc-card__title'>课程安排</Text>
        {sessions.map((s, i) => (
          <View key={i} className='cc-row create-page__session'>
            <View className='cc-row__main'>
              <Picker mode='date' value={s.date} start={today} onChange={(e) => setSession(i, { date: e.detail.value })}>
                <View className='cc-input'>{s.date}</View>
              </Picker>
              <View className='cc-chips'>
                <Picker mode='time' value={s.start} onChange={(e) => setSession(i, { start: e.detail.value })}>
                  <View className='cc-input'>{s.start}</View>
                </Picker>
                <Text className='cc-card__sub'> – </Text>
                <Picker mode='time' value={s.end} onChange={(e) => setSession(i, { end: e.detail.value })}>
                  <View className='cc-input'>{s.end}</View>
                </Picker>
              </View>
              <Picker mode='selector' range={[...COURSE_SUGGESTIONS]} onChange={(e) => setSession(i, { course: COURSE_SUGGESTIONS[Number(e.detail.value)] ?? s.course })}>
                <View className='cc-input'>{s.course}</View>
              </Picker>
            </View>
            {sessions.length > 1 ? (
              <Button className='secondary-button cc-button' onClick={() => setSessions(sessions.filter((_, j) => j !== i))}>
                删除
              </Button>
            ) : null}
          </View>
        ))}
        <Button
          className='secondary-button cc-block-button'
          onClick={() => {
            const last = sessions[sessions.length - 1]!;
            setSessions([...sessions, { ...last, date: addDays(last.date, 1) }]);
          }}
        >
          再加一次课
        </Button>
      </View>

      {error ? <Text className='cc-error cc-hint'>{error}</Text> : null}
      <View className='cc-card'>
        <Button className='primary-button create-page__save' disabled={saving || undefined} onClick={() => void save()}>
          {saving ? '正在发布…' : '发布骑士班'}
        </Button>
      </View>
    </View>
  );
}
