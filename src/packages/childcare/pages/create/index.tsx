import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { COURSE_SUGGESTIONS, PROGRAMME_LIMITS } from '../../../../../types/childcare-labels';
import type { NearbyStation } from '../../../../../types/stations';
import type { Org } from '../../../../../types/orgs';
import { api } from '../../../../api';
import { Chips, DateField, FormSection, KitButton, PickerField, SubmitBar, TextSection } from '../../../../components/form-kit';
import { PlacePicker } from '../../../../components/place-picker';
import { StateView } from '../../../../components/state-view';
import { DEMO_LOCATION, type Place } from '../../../../lib/location';
import { lastLocation } from '../../../../lib/station-cache';
import '../../lib/childcare.css';
import { useLoad } from '../../../../lib/use-load';
import { todayInShanghai } from '../../../../lib/time-format';
import { errorText } from '../../../../lib/error-text';
import { PAGES, pageLink } from '../../../../../types/pages';

interface SessionDraft {
  date: string;
  start: string;
  end: string;
  course: string;
}

/** The committees the caller may open a class for, and the stations near where they last looked (a site choice). */
async function fetchSetup() {
  const at = lastLocation() ?? DEMO_LOCATION;
  const [{ user }, { orgs }, { stations }] = await Promise.all([
    api.account.me(),
    api.orgs.tree(),
    api.stations.nearby({ lat: at.lat, lng: at.lng, radiusM: 20_000, limit: 30 }),
  ]);
  const mine: Org[] = user.roles.includes('admin') ? orgs : orgs.filter((o) => (user.cadreOrgIds ?? []).includes(o.id));
  return { orgs: mine, stations };
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const OFF_STATION = '不在驿站（在地图上选择场地）';
const REVIEW_OPTIONS = [
  { value: 'no' as const, label: '直接报名' },
  { value: 'yes' as const, label: '报名需要审核' },
];

type Field = 'title' | 'site' | 'place' | 'ages' | 'capacity' | 'volunteers';

const { volunteersPerSession: VOLUNTEERS_DEFAULT, volunteersPerSessionMax: VOLUNTEERS_MAX } = PROGRAMME_LIMITS;

/** Cadres publish a programme: site (a station, or a place picked on the map), sessions with courses, ages, seats, window. */
export default function CreateProgrammePage() {
  const fetch = useCallback(fetchSetup, []);
  const { state, load } = useLoad(fetch);
  const today = todayInShanghai();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [orgIndex, setOrgIndex] = useState(0);
  const [station, setStation] = useState<NearbyStation | null>(null);
  const [siteName, setSiteName] = useState('');
  const [place, setPlace] = useState<Place | null>(null);
  const [ages, setAges] = useState({ min: '6', max: '12' });
  const [capacity, setCapacity] = useState('20');
  const [volunteers, setVolunteers] = useState(String(VOLUNTEERS_DEFAULT));
  const [closes, setCloses] = useState(addDays(today, 3));
  const [review, setReview] = useState(false);
  const [sessions, setSessions] = useState<SessionDraft[]>([{ date: addDays(today, 7), start: '09:00', end: '11:00', course: COURSE_SUGGESTIONS[0] }]);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  if (state.orgs.length === 0) return <StateView kind='empty' message='只有团干部可以开设骑士班' />;
  const org = state.orgs[Math.min(orgIndex, state.orgs.length - 1)]!;
  const clear = (field: Field) => setErrors((e) => ({ ...e, [field]: undefined }));
  const setSession = (i: number, change: Partial<SessionDraft>) => setSessions(sessions.map((s, j) => (j === i ? { ...s, ...change } : s)));
  const siteChoices = [OFF_STATION, ...state.stations.map((s) => s.name)];

  const save = async () => {
    if (saving) return;
    const found: Partial<Record<Field, string>> = {};
    if (title.trim().length < 2) found.title = '请填写班名（至少 2 个字）';
    if (!station && siteName.trim().length < 2) found.site = '请填写场地名称';
    if (!station && (!place || place.address.trim().length < 2)) found.place = '请在地图上选择场地，并补充地址';
    const min = Number(ages.min);
    const max = Number(ages.max);
    if (!(min >= PROGRAMME_LIMITS.ageMin && max <= PROGRAMME_LIMITS.ageMax && min <= max))
      found.ages = `年龄范围应在 ${PROGRAMME_LIMITS.ageMin} 到 ${PROGRAMME_LIMITS.ageMax} 岁之间`;
    if (!(Number(capacity) >= 1)) found.capacity = '请填写名额';
    const perSession = Number(volunteers);
    if (!(Number.isInteger(perSession) && perSession >= 1 && perSession <= VOLUNTEERS_MAX)) found.volunteers = `每场志愿者人数应在 1 到 ${VOLUNTEERS_MAX} 之间`;
    setErrors(found);
    setError('');
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      const site = station
        ? { name: station.name, address: station.address, location: station.location, stationId: station.id }
        : { name: siteName.trim(), address: place!.address.trim(), location: place!.location };
      const { programme } = await api.childcare.createProgramme({
        title: title.trim(),
        orgId: org.id,
        ...(description.trim() ? { description: description.trim() } : {}),
        site,
        ageMin: min,
        ageMax: max,
        capacity: Number(capacity),
        signupOpens: new Date().toISOString(),
        signupCloses: `${closes}T20:00:00+08:00`,
        sessions: sessions.map((s) => ({ ...s, course: s.course.trim() })),
        requiresReview: review,
        volunteersPerSession: perSession,
      });
      void Taro.redirectTo({ url: pageLink(PAGES.childcare.programme, { id: programme.id }) });
    } catch (e) {
      setError(errorText(e, '网络不给力，请重试'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className='page create-page'>
      <TextSection
        label='班名'
        className='create-page__title'
        value={title}
        maxlength={40}
        placeholder='如：寒假骑士班·魏塘'
        error={errors.title}
        onInput={(v) => {
          setTitle(v);
          clear('title');
        }}
      />
      <TextSection
        label='简介（选填）'
        className='create-page__description'
        multiline
        value={description}
        maxlength={500}
        placeholder='课程内容、带什么、怎么接送'
        onInput={setDescription}
      />
      <PickerField label='开设团委' className='create-page__org' range={state.orgs.map((o) => o.name)} index={orgIndex} onPick={setOrgIndex} />

      <PickerField
        label='场地'
        className='create-page__station'
        range={siteChoices}
        index={station ? state.stations.indexOf(station) + 1 : 0}
        onPick={(i) => setStation(state.stations[i - 1] ?? null)}
      />
      {station ? null : (
        <>
          <TextSection
            label='场地名称'
            className='create-page__site-name'
            value={siteName}
            maxlength={40}
            placeholder='如：魏塘街道社区活动中心'
            error={errors.site}
            onInput={(v) => {
              setSiteName(v);
              clear('site');
            }}
          />
          <FormSection label='场地位置和地址' error={errors.place}>
            <PlacePicker
              value={place}
              withAddress
              onChange={(p) => {
                setPlace(p);
                clear('place');
              }}
            />
          </FormSection>
        </>
      )}

      <FormSection label='年龄（岁）' error={errors.ages}>
        <View className='create-page__pair'>
          <TextSection
            label='最小'
            className='create-page__age-min'
            type='number'
            value={ages.min}
            maxlength={2}
            onInput={(v) => setAges({ ...ages, min: v })}
          />
          <TextSection
            label='最大'
            className='create-page__age-max'
            type='number'
            value={ages.max}
            maxlength={2}
            onInput={(v) => setAges({ ...ages, max: v })}
          />
        </View>
      </FormSection>
      <TextSection label='名额' className='create-page__capacity' type='number' value={capacity} maxlength={3} error={errors.capacity} onInput={setCapacity} />
      <TextSection
        label={`每场志愿者（最多 ${VOLUNTEERS_MAX} 人）`}
        className='create-page__volunteers'
        type='number'
        value={volunteers}
        maxlength={2}
        error={errors.volunteers}
        onInput={(v) => {
          setVolunteers(v);
          clear('volunteers');
        }}
      />
      <DateField label='报名截止（当天 20:00）' className='create-page__closes' value={closes} start={today} onPick={setCloses} />
      <FormSection label='报名方式'>
        <Chips className='create-page__review' options={REVIEW_OPTIONS} selected={[review ? 'yes' : 'no']} onToggle={(v) => setReview(v === 'yes')} />
      </FormSection>

      <FormSection label='课程安排'>
        {sessions.map((s, i) => (
          <View key={i} className='create-page__session'>
            <Text className='create-page__session-title'>第 {i + 1} 次课</Text>
            <DateField label='日期' className='create-page__date' value={s.date} start={today} onPick={(date) => setSession(i, { date })} />
            <View className='create-page__pair'>
              <DateField label='开始' mode='time' className='create-page__start' value={s.start} onPick={(start) => setSession(i, { start })} />
              <DateField label='结束' mode='time' className='create-page__end' value={s.end} onPick={(end) => setSession(i, { end })} />
            </View>
            <PickerField
              label='课程'
              className='create-page__course'
              range={[...COURSE_SUGGESTIONS]}
              index={COURSE_SUGGESTIONS.indexOf(s.course as (typeof COURSE_SUGGESTIONS)[number])}
              placeholder={s.course}
              onPick={(k) => setSession(i, { course: COURSE_SUGGESTIONS[k] ?? s.course })}
            />
            {sessions.length > 1 ? (
              <KitButton kind='secondary' className='create-page__remove' onClick={() => setSessions(sessions.filter((_, j) => j !== i))}>
                删除这次课
              </KitButton>
            ) : null}
          </View>
        ))}
        <KitButton
          kind='secondary'
          className='create-page__add'
          onClick={() => {
            const last = sessions[sessions.length - 1]!;
            setSessions([...sessions, { ...last, date: addDays(last.date, 1) }]);
          }}
        >
          再加一次课
        </KitButton>
      </FormSection>

      <SubmitBar label='发布骑士班' busy={saving} busyLabel='正在发布…' messages={[error]} onSubmit={() => void save()} className='create-page__save' />
    </View>
  );
}
