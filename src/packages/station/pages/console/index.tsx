import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { CheckinApi } from '../../../../../types/checkin';
import type { StationService } from '../../../../../types/common';
import type { LiveStatus, PendingStationChange, StationChanges, StationView } from '../../../../../types/stations';
import { api } from '../../../../api';
import { ApiError } from '../../../../api/client';
import { formatHours, formatMeal } from '../../../../components/format-hours';
import { LIVE_STATUS_LABELS, SERVICE_LABELS, SERVICE_ORDER, STATION_CHANGE_FIELD_LABELS } from '../../../../../types/stations-labels';
import { ServiceChips } from '../../../../components/service-chips';
import { StateView } from '../../../../components/state-view';
import { PAGES, pageLink } from '../../../../../types/pages';
import { staffStationIds } from '../../../../lib/staff-stations';
import { HOURS_PRESETS, MEAL_PRESETS } from './presets';
import './index.css';
import { errorText, NETWORK_ERROR_TEXT } from '../../../../lib/error-text';
import { clockTime } from '../../../../lib/time-format';

type Today = CheckinApi['today']['output'];
type Load =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'not-staff' } | { kind: 'ready'; station: StationView; pending?: PendingStationChange };

interface Draft {
  name: string;
  address: string;
  phone: string;
  services: StationService[];
  /** 0 keeps the current hours (or meals); n is preset n − 1. */
  hours: number;
  meals: number;
}

const STATUSES = Object.keys(LIVE_STATUS_LABELS) as LiveStatus[];
const PHONE = /^[\d-]{5,20}$/;
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

const draftOf = (s: StationView): Draft => ({ name: s.name, address: s.address, phone: s.phone ?? '', services: s.services, hours: 0, meals: 0 });

/** The fields of the draft that differ from the station, as a change to propose; a string when something is wrong. */
function changesOf(s: StationView, d: Draft): StationChanges | string {
  const name = d.name.trim();
  const address = d.address.trim();
  const phone = d.phone.trim();
  if (name.length < 2 || name.length > 40) return '名称请填写 2–40 个字';
  if (address.length < 2 || address.length > 100) return '地址请填写 2–100 个字';
  if (phone && !PHONE.test(phone)) return '请输入正确的电话号码，或留空';
  const changes: StationChanges = {};
  if (name !== s.name) changes.name = name;
  if (address !== s.address) changes.address = address;
  if (phone !== (s.phone ?? '')) changes.phone = phone;
  if (!sameSet(d.services, s.services)) changes.services = d.services;
  const hours = HOURS_PRESETS[d.hours - 1];
  if (hours) changes.hours = hours.hours;
  const meals = MEAL_PRESETS[d.meals - 1];
  if (meals) changes.meals = meals.meals;
  return Object.keys(changes).length > 0 ? changes : '没有需要修改的内容';
}

/** Staff: their station's live status in one tap, today's visits, and corrections to its details (reviewed). */
export default function StationConsolePage() {
  const { params } = useRouter();
  const wanted = params.id ? decodeURIComponent(params.id) : '';
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [visits, setVisits] = useState<Today | null>(null);
  const [statusBusy, setStatusBusy] = useState<LiveStatus | null>(null);
  const [statusError, setStatusError] = useState('');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [formError, setFormError] = useState('');
  const [sending, setSending] = useState(false);
  const stationId = useRef('');

  const refresh = useCallback(async (id: string) => {
    const [managed, todays] = await Promise.all([api.stations.manage({ id }), api.checkin.today({ stationId: id }).catch(() => null)]);
    setLoad({ kind: 'ready', station: managed.station, ...(managed.pendingChange ? { pending: managed.pendingChange } : {}) });
    if (todays) setVisits(todays);
  }, []);

  const reload = useCallback(async () => {
    setLoad({ kind: 'loading' });
    try {
      let id = wanted;
      if (!id) {
        const { user } = await api.account.me();
        id = staffStationIds(user)[0] ?? '';
      }
      if (!id) {
        setLoad({ kind: 'not-staff' });
        return;
      }
      stationId.current = id;
      await refresh(id);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'FORBIDDEN') setLoad({ kind: 'not-staff' });
      else setLoad({ kind: 'error', message: errorText(e) });
    }
  }, [wanted, refresh]);

  useEffect(() => {
    void reload();
  }, [reload]);

  usePullDownRefresh(() => {
    const quiet = stationId.current ? refresh(stationId.current).catch(() => undefined) : reload();
    void quiet.finally(() => Taro.stopPullDownRefresh());
  });

  if (load.kind === 'loading') return <StateView kind='loading' />;
  if (load.kind === 'error') return <StateView kind='error' message={load.message} onRetry={() => void reload()} />;
  if (load.kind === 'not-staff') return <StateView kind='empty' message='只有驿站工作人员可以管理驿站' />;

  const { station, pending } = load;

  const changeStatus = async (liveStatus: LiveStatus) => {
    if (statusBusy || liveStatus === station.liveStatus) return;
    setStatusBusy(liveStatus);
    setStatusError('');
    try {
      const { station: updated } = await api.stations.setStatus({ id: station.id, liveStatus });
      setLoad({ ...load, station: { ...station, ...updated, openNow: updated.liveStatus === 'closed' ? false : station.openNow } });
      void Taro.showToast({ title: `已设为${LIVE_STATUS_LABELS[liveStatus]}`, icon: 'success' });
    } catch (e) {
      setStatusError(errorText(e, NETWORK_ERROR_TEXT));
    } finally {
      setStatusBusy(null);
    }
  };

  const submit = async () => {
    if (!draft || sending) return;
    const changes = changesOf(station, draft);
    if (typeof changes === 'string') {
      setFormError(changes);
      return;
    }
    setSending(true);
    setFormError('');
    try {
      await api.stations.proposeChange({ id: station.id, changes });
      setDraft(null);
      void Taro.showToast({ title: '已提交审核', icon: 'success' });
      await refresh(station.id).catch(() => undefined);
    } catch (e) {
      setFormError(errorText(e, NETWORK_ERROR_TEXT));
    } finally {
      setSending(false);
    }
  };

  const edit = (patch: Partial<Draft>) => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setFormError('');
  };

  return (
    <View className='page console-page'>
      <View className='console-page__section'>
        <Text className='console-page__title'>{station.name}</Text>
        <Text className='console-page__label'>实时状态（骑手在地图上看到）</Text>
        <View className='console-page__statuses'>
          {STATUSES.map((s) => (
            <Button
              key={s}
              className={`console-page__status console-page__status--${s} ${station.liveStatus === s ? 'console-page__status--on' : ''}`}
              aria-pressed={station.liveStatus === s}
              disabled={statusBusy !== null || undefined}
              onClick={() => void changeStatus(s)}
            >
              {statusBusy === s ? '正在更新…' : LIVE_STATUS_LABELS[s]}
            </Button>
          ))}
        </View>
        {statusError ? <Text className='console-page__error'>{statusError}</Text> : null}
      </View>

      <View className='console-page__section'>
        <Text className='console-page__label console-page__today'>
          今日到站 {visits?.visits ?? 0} 人次 · {visits?.uniqueRiders ?? 0} 人
        </Text>
        {visits && visits.checkins.length > 0 ? (
          visits.checkins.map((c) => (
            <View key={c.id} className='console-page__visit'>
              <Text className='console-page__visit-time'>{clockTime(c.at)}</Text>
              <Text className='console-page__visit-name'>{c.riderName}</Text>
              <Text className='console-page__visit-points'>{c.pointsAwarded > 0 ? `+${c.pointsAwarded}` : '不加分'}</Text>
            </View>
          ))
        ) : (
          <Text className='console-page__hint'>今天还没有骑手签到</Text>
        )}
        <Button
          className='primary-button console-page__scan'
          onClick={() => void Taro.navigateTo({ url: pageLink(PAGES.code.scan, { stationId: station.id }) })}
        >
          扫码签到
        </Button>
      </View>

      <View className='console-page__section'>
        <Text className='console-page__label'>驿站信息</Text>
        {pending ? (
          <View className='console-page__pending' onClick={() => void Taro.navigateTo({ url: pageLink(PAGES.reviewItem.detail, { id: pending.reviewId }) })}>
            <Text className='console-page__pending-title'>{pending.status === 'needs-info' ? '修改需补充材料' : '修改审核中'}</Text>
            <Text className='console-page__hint'>
              {pending.fields.map((f) => STATION_CHANGE_FIELD_LABELS[f]).join('、')} · 提交于 {pending.submittedAt.slice(5, 16).replace('T', ' ')} · 查看 ›
            </Text>
          </View>
        ) : null}
        {draft ? null : (
          <View className='console-page__details'>
            <Text className='console-page__detail'>地址：{station.address}</Text>
            <Text className='console-page__detail'>开放时间：{formatHours(station.hours).join('；')}</Text>
            <Text className='console-page__detail'>电话：{station.phone ?? '未填写'}</Text>
            <Text className='console-page__detail'>爱心餐：{station.meals?.length ? station.meals.map(formatMeal).join('；') : '不提供'}</Text>
            {station.services.length > 0 ? <ServiceChips services={station.services} /> : <Text className='console-page__detail'>服务：未填写</Text>}
            <Button className='secondary-button console-page__edit' disabled={pending !== undefined || undefined} onClick={() => setDraft(draftOf(station))}>
              {pending ? '审核结束后可再次修改' : '修改信息'}
            </Button>
          </View>
        )}
      </View>

      {draft ? (
        <View className='console-page__section console-page__form'>
          <Text className='console-page__hint'>修改会影响骑手看到的信息，提交后由团委审核，通过后生效。</Text>
          <Text className='console-page__field-label'>名称</Text>
          <Input className='console-page__input console-page__name' value={draft.name} maxlength={40} onInput={(e) => edit({ name: e.detail.value })} />
          <Text className='console-page__field-label'>地址</Text>
          <Input
            className='console-page__input console-page__address'
            value={draft.address}
            maxlength={100}
            onInput={(e) => edit({ address: e.detail.value })}
          />
          <Text className='console-page__field-label'>电话（留空则不显示）</Text>
          <Input
            className='console-page__input console-page__phone'
            type='text'
            value={draft.phone}
            maxlength={20}
            onInput={(e) => edit({ phone: e.detail.value })}
          />
          <Text className='console-page__field-label'>服务（可多选）</Text>
          <View className='service-filter console-page__services'>
            {SERVICE_ORDER.map((s) => (
              <View
                key={s}
                className={`service-filter__chip ${draft.services.includes(s) ? 'service-filter__chip--on' : ''}`}
                onClick={() => edit({ services: draft.services.includes(s) ? draft.services.filter((x) => x !== s) : [...draft.services, s] })}
              >
                {SERVICE_LABELS[s]}
              </View>
            ))}
          </View>
          <Text className='console-page__field-label'>开放时间</Text>
          <Picker
            mode='selector'
            range={['保持不变', ...HOURS_PRESETS.map((p) => p.label)]}
            value={draft.hours}
            onChange={(e) => edit({ hours: Number(e.detail.value) })}
          >
            <View className='console-page__input console-page__picker console-page__hours'>
              {draft.hours === 0 ? `保持不变（${formatHours(station.hours).join('；')}）` : HOURS_PRESETS[draft.hours - 1]?.label}
            </View>
          </Picker>
          <Text className='console-page__field-label'>爱心餐</Text>
          <Picker
            mode='selector'
            range={['保持不变', ...MEAL_PRESETS.map((p) => p.label)]}
            value={draft.meals}
            onChange={(e) => edit({ meals: Number(e.detail.value) })}
          >
            <View className='console-page__input console-page__picker console-page__meals'>
              {draft.meals === 0 ? '保持不变' : MEAL_PRESETS[draft.meals - 1]?.label}
            </View>
          </Picker>
          {formError ? <Text className='console-page__error console-page__form-error'>{formError}</Text> : null}
          <View className='console-page__form-actions'>
            <Button className='secondary-button console-page__cancel' onClick={() => setDraft(null)}>
              取消
            </Button>
            <Button className='primary-button console-page__submit' disabled={sending || undefined} onClick={() => void submit()}>
              {sending ? '正在提交…' : '提交审核'}
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
}
