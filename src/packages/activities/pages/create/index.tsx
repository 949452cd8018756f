import { useCallback, useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ACTIVITY_KIND_LABELS, ACTIVITY_KINDS, ACTIVITY_LIMITS, type ActivityKind } from '../../../../../types/activities-labels';
import type { Station } from '../../../../../types/stations';
import { api } from '../../../../api';
import { Chips, FormSection, PickerField, SubmitBar, TextSection } from '../../../../components/form-kit';
import { PlacePicker } from '../../../../components/place-picker';
import { StateView } from '../../../../components/state-view';
import { errorText } from '../../../../lib/error-text';
import type { Place } from '../../../../lib/location';
import { PAGES } from '../../../../../types/pages';
import { staffStationIds } from '../../../../lib/staff-stations';
import { todayInShanghai } from '../../../../lib/time-format';
import { useLoad } from '../../../../lib/use-load';
import { committeesInScope, count, publishesForCommittees, stationsOf } from '../../lib/organiser';
import '../../lib/activities.css';

type Field = 'title' | 'org' | 'place' | 'name' | 'address' | 'time' | 'capacity' | 'points';
type Extra = 'certificate' | 'pack';

const KIND_OPTIONS = ACTIVITY_KINDS.map((k) => ({ value: k, label: ACTIVITY_KIND_LABELS[k] }));
const EXTRA_OPTIONS: { value: Extra; label: string }[] = [
  { value: 'certificate', label: '证书' },
  { value: 'pack', label: '礼包' },
];
const ELSEWHERE = '其他地点（在地图上选择）';
const tomorrow = () => new Date(Date.parse(`${todayInShanghai()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const shanghai = (date: string, time: string) => `${date}T${time}:00+08:00`;

async function fetchSetup() {
  const { user } = await api.account.me();
  if (publishesForCommittees(user)) {
    const [{ orgs }, stations] = await Promise.all([api.orgs.tree(), stationsOf()]);
    return { committees: committeesInScope(user, orgs), stations, staffOnly: false };
  }
  const stations = await Promise.all(staffStationIds(user).map(async (id) => (await api.stations.get({ id })).station));
  return { committees: [], stations: stations as Station[], staffOnly: true };
}

/** Organisers publish an activity: cadres for committees in their scope, staff for their own station. */
export default function CreateActivityPage() {
  const fetch = useCallback(fetchSetup, []);
  const { state, load } = useLoad(fetch);
  const [kind, setKind] = useState<ActivityKind>('class');
  const [title, setTitle] = useState('');
  const [orgIndex, setOrgIndex] = useState(-1);
  /** Index into the stations, `stations.length` for a place elsewhere, -1 for none yet. */
  const [placeIndex, setPlaceIndex] = useState(-1);
  const [venueName, setVenueName] = useState('');
  const [place, setPlace] = useState<Place | null>(null);
  const [date, setDate] = useState(tomorrow);
  const [start, setStart] = useState('19:00');
  const [end, setEnd] = useState('20:30');
  const [capacity, setCapacity] = useState('30');
  const [points, setPoints] = useState('0');
  const [extras, setExtras] = useState<Extra[]>([]);
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [submitError, setSubmitError] = useState('');
  const [busy, setBusy] = useState(false);

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  if (state.staffOnly ? state.stations.length === 0 : state.committees.length === 0) {
    return <StateView kind='empty' message='只有团干部和驿站工作人员可以发布活动' />;
  }

  const { stations, committees, staffOnly } = state;
  const placeChoices = [...stations.map((s) => s.name), ...(staffOnly ? [] : [ELSEWHERE])];
  const station = stations[placeIndex];
  const elsewhere = !staffOnly && placeIndex === stations.length;
  // One committee in scope needs no choosing.
  const org = committees[orgIndex] ?? (committees.length === 1 ? committees[0] : undefined);
  const clear = (field: Field) => setErrors((e) => ({ ...e, [field]: undefined }));

  const submit = async () => {
    const found: Partial<Record<Field, string>> = {};
    const capacityN = count(capacity, 1, ACTIVITY_LIMITS.capacityMax);
    const pointsN = count(points, 0, ACTIVITY_LIMITS.pointsMax);
    const startAt = shanghai(date, start);
    const endAt = shanghai(date, end);
    if (title.trim().length < 2) found.title = '请填写活动名称（2–40 个字）';
    if (!staffOnly && !org) found.org = '请选择发布活动的团委';
    if (!station && !elsewhere) found.place = '请选择活动地点';
    if (elsewhere && venueName.trim().length < 2) found.name = '请填写场地名称（至少 2 个字）';
    if (elsewhere && (!place || place.address.trim().length < 2)) found.address = '请在地图上选择位置，并补充说明地址';
    if (Date.parse(startAt) <= Date.now()) found.time = '开始时间应晚于现在';
    else if (end <= start) found.time = '结束时间应晚于开始时间';
    if (capacityN === null) found.capacity = `请填写名额（1–${ACTIVITY_LIMITS.capacityMax} 的整数）`;
    if (pointsN === null) found.points = `请填写积分（0–${ACTIVITY_LIMITS.pointsMax} 的整数）`;
    setErrors(found);
    setSubmitError('');
    if (Object.keys(found).length > 0 || busy || capacityN === null || pointsN === null) return;
    setBusy(true);
    try {
      const venue = station
        ? { name: station.name, address: station.address, location: station.location, stationId: station.id }
        : { name: venueName.trim(), address: place!.address.trim(), location: place!.location };
      const { activity } = await api.activities.create({
        title: title.trim(),
        kind,
        orgId: staffOnly ? station!.orgId : org!.id,
        ...(description.trim() ? { description: description.trim() } : {}),
        venue,
        start: startAt,
        end: endAt,
        capacity: capacityN,
        gives: { points: pointsN, certificate: extras.includes('certificate'), pack: extras.includes('pack') },
      });
      void Taro.showToast(activity.pointsAwaitingApproval ? { title: '已发布，积分待团委审核', icon: 'none' } : { title: '已发布', icon: 'success' });
      void Taro.redirectTo({ url: PAGES.activities.scan });
    } catch (e) {
      setSubmitError(errorText(e, '发布失败，请检查网络后重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page activity-create-page'>
      <FormSection label='活动类型'>
        <Chips className='activity-create__kind' options={KIND_OPTIONS} selected={[kind]} onToggle={setKind} />
      </FormSection>
      <TextSection
        label='活动名称'
        className='activity-create__title'
        value={title}
        maxlength={40}
        placeholder='例如：青年夜校·交通安全'
        error={errors.title}
        onInput={(v) => {
          setTitle(v);
          clear('title');
        }}
      />
      {staffOnly ? null : (
        <PickerField
          label='发布团委'
          className='activity-create__org'
          range={committees.map((c) => c.label)}
          index={org ? committees.indexOf(org) : -1}
          error={errors.org}
          onPick={(i) => {
            setOrgIndex(i);
            clear('org');
          }}
        />
      )}
      <PickerField
        label='地点'
        className='activity-create__place'
        range={placeChoices}
        index={placeIndex}
        placeholder='选择驿站'
        error={errors.place}
        onPick={(i) => {
          setPlaceIndex(i);
          clear('place');
        }}
      />
      {elsewhere ? (
        <>
          <TextSection
            label='场地名称'
            className='activity-create__venue'
            value={venueName}
            maxlength={40}
            placeholder='例如：嘉善县青少年宫'
            error={errors.name}
            onInput={(v) => {
              setVenueName(v);
              clear('name');
            }}
          />
          <FormSection label='场地位置' error={errors.address}>
            <PlacePicker
              withAddress
              value={place}
              onChange={(p) => {
                setPlace(p);
                clear('address');
              }}
            />
          </FormSection>
        </>
      ) : null}
      <FormSection label='日期和时间' error={errors.time}>
        <Picker
          mode='date'
          value={date}
          start={todayInShanghai()}
          onChange={(e) => {
            setDate(e.detail.value);
            clear('time');
          }}
        >
          <View className='rh-field rh-field--picker activity-create__date' role='button' aria-label={`日期：${date}`}>
            <Text>{date}</Text>
          </View>
        </Picker>
        <View className='act-times'>
          <Picker
            mode='time'
            value={start}
            onChange={(e) => {
              setStart(e.detail.value);
              clear('time');
            }}
          >
            <View className='rh-field rh-field--picker activity-create__start' role='button' aria-label={`开始：${start}`}>
              <Text>{start}</Text>
            </View>
          </Picker>
          <Text className='act-times__to'>至</Text>
          <Picker
            mode='time'
            value={end}
            onChange={(e) => {
              setEnd(e.detail.value);
              clear('time');
            }}
          >
            <View className='rh-field rh-field--picker activity-create__end' role='button' aria-label={`结束：${end}`}>
              <Text>{end}</Text>
            </View>
          </Picker>
        </View>
      </FormSection>
      <TextSection
        label='名额（人）'
        className='activity-create__capacity'
        type='number'
        value={capacity}
        maxlength={3}
        error={errors.capacity}
        onInput={(v) => {
          setCapacity(v);
          clear('capacity');
        }}
      />
      <TextSection
        label='参加可得积分'
        className='activity-create__points'
        type='number'
        value={points}
        maxlength={3}
        error={errors.points}
        onInput={(v) => {
          setPoints(v);
          clear('points');
        }}
      />
      {staffOnly ? <Text className='activity-create__note'>驿站发布的活动，积分高于签到积分的部分需驿站所属团委审核通过后才发放。</Text> : null}
      <FormSection label='还可获得（可多选）'>
        <Chips
          className='activity-create__extras'
          options={EXTRA_OPTIONS}
          selected={extras}
          onToggle={(x) => setExtras(extras.includes(x) ? extras.filter((y) => y !== x) : [...extras, x])}
        />
      </FormSection>
      <TextSection label='简介（选填）' className='activity-create__description' multiline value={description} maxlength={500} onInput={setDescription} />
      <SubmitBar
        label='发布活动'
        busy={busy}
        busyLabel='正在发布…'
        messages={[submitError]}
        onSubmit={() => void submit()}
        className='activity-create__submit'
      />
    </View>
  );
}
