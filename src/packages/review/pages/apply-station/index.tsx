import { useCallback, useEffect, useState } from 'react';
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { HoursRule, LatLng, StationService } from '../../../../../types/common';
import type { Org } from '../../../../../types/orgs';
import type { User } from '../../../../../types/account';
import { me } from '../../../../api/account';
import { tree } from '../../../../api/orgs';
import { apply } from '../../../../api/stations';
import { SERVICE_LABELS, SERVICE_ORDER } from '../../../../components/labels';
import { orgChoices, type OrgChoice } from '../../../../components/labels/org-path';
import '../../../../components/service-chips/index.css';
import { StateView } from '../../../../components/state-view';
import { locate } from '../../../../lib/location';
import { markReviewsChanged } from '../../../../lib/review-refresh';
import { isLocalMode, reviewDetailUrl } from '../../../../lib/routes';
import { errorText } from '../../../../lib/use-paged';
import { askToNotifyOutcome } from '../../../../lib/subscribe';
import '../form.css';

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
/** Opening hours as presets: typing times on a bike is no fun. */
export const HOURS_PRESETS: { label: string; hours?: HoursRule[] }[] = [
  { label: '全天' },
  { label: '08:00–20:00 每天', hours: [{ days: EVERY_DAY, open: '08:00', close: '20:00' }] },
  { label: '工作日 09:00–21:00', hours: [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '21:00' }] },
  { label: '夜间 20:00–次日08:00', hours: [{ days: EVERY_DAY, open: '20:00', close: '08:00' }] },
];

type Load = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; user: User; orgs: Org[] };
type Field = 'name' | 'org' | 'address' | 'location';

export default function ApplyStationPage() {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [name, setName] = useState('');
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const [address, setAddress] = useState('');
  const [location, setLocation] = useState<{ at: LatLng; demo: boolean } | null>(null);
  const [locating, setLocating] = useState(false);
  const [services, setServices] = useState<StationService[]>([]);
  const [hoursIndex, setHoursIndex] = useState(0);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [submitError, setSubmitError] = useState('');
  const [busy, setBusy] = useState(false);

  const locateHere = useCallback(async () => {
    setLocating(true);
    const here = await locate();
    setLocation({ at: here.location, demo: here.demo });
    setLocating(false);
  }, []);

  const loadAll = useCallback(async () => {
    setLoad({ kind: 'loading' });
    try {
      const [{ user }, { orgs }] = await Promise.all([me(), tree()]);
      setLoad({ kind: 'ready', user, orgs });
      setOrgId((prev) => prev ?? user.orgId);
    } catch (e) {
      setLoad({ kind: 'error', message: errorText(e) });
    }
  }, []);

  useEffect(() => {
    void loadAll();
    // Local mode has no map picker: start from the current (or demo) location.
    if (isLocalMode()) void locateHere();
  }, [loadAll, locateHere]);

  if (load.kind === 'loading') return <StateView kind='loading' />;
  if (load.kind === 'error') return <StateView kind='error' message={load.message} onRetry={() => void loadAll()} />;

  const choices: OrgChoice[] = orgChoices(load.orgs);
  const orgIndex = choices.findIndex((c) => c.id === orgId);
  const clear = (field: Field) => setErrors((prev) => ({ ...prev, [field]: undefined }));

  const chooseOnMap = async () => {
    try {
      const res = await Taro.chooseLocation(location ? { latitude: location.at.lat, longitude: location.at.lng } : {});
      setLocation({ at: { lat: res.latitude, lng: res.longitude }, demo: false });
      clear('location');
      if (!address.trim() && res.address) setAddress(`${res.address}${res.name ? ` ${res.name}` : ''}`.slice(0, 100));
    } catch (e) {
      // Cancelled: keep what was there. Refused or unavailable: fall back to the current location.
      const message = typeof e === 'object' && e && 'errMsg' in e ? String((e as { errMsg: unknown }).errMsg) : '';
      if (message.includes('cancel')) return;
      await locateHere();
      clear('location');
      void Taro.showToast({ title: '无法打开地图选点，已使用当前位置', icon: 'none' });
    }
  };

  const toggle = (s: StationService) => setServices((prev) => (prev.includes(s) ? prev.filter((x) => x !== s) : [...prev, s]));

  const submit = async () => {
    const found: Partial<Record<Field, string>> = {};
    if (name.trim().length < 2) found.name = '请填写驿站名称（至少 2 个字）';
    if (!orgId) found.org = '请选择所属团委';
    if (address.trim().length < 2) found.address = '请填写详细地址';
    if (!location) found.location = '请选择驿站位置';
    setErrors(found);
    setSubmitError('');
    if (Object.keys(found).length > 0 || !orgId || !location) return;
    const hours = HOURS_PRESETS[hoursIndex]?.hours;
    setBusy(true);
    await askToNotifyOutcome();
    try {
      const { reviewId } = await apply({
        name: name.trim(),
        orgId,
        address: address.trim(),
        location: location.at,
        services,
        ...(hours ? { hours } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      markReviewsChanged();
      void Taro.showToast({ title: '已提交申请', icon: 'success' });
      void Taro.redirectTo({ url: reviewDetailUrl(reviewId) });
    } catch (e) {
      setSubmitError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page apply-form'>
      <View className='apply-form__section'>
        <Text className='apply-form__label'>驿站名称</Text>
        <Input
          className='apply-form__input apply-form__name'
          value={name}
          maxlength={40}
          placeholder='例如：魏塘小哥驿站'
          onInput={(e) => {
            setName(e.detail.value);
            clear('name');
          }}
        />
        {errors.name ? <Text className='apply-form__error'>{errors.name}</Text> : null}
      </View>

      <View className='apply-form__section'>
        <Text className='apply-form__label'>所属团委</Text>
        {choices.length > 0 ? (
          <Picker
            mode='selector'
            range={choices.map((c) => c.label)}
            value={Math.max(0, orgIndex)}
            onChange={(e) => {
              setOrgId(choices[Number(e.detail.value)]?.id);
              clear('org');
            }}
          >
            <View className='apply-form__picker apply-form__org'>{orgIndex >= 0 ? choices[orgIndex].label : '请选择所属团委'}</View>
          </Picker>
        ) : (
          <Text className='apply-form__hint'>暂无可选的团委</Text>
        )}
        {errors.org ? <Text className='apply-form__error'>{errors.org}</Text> : null}
      </View>

      <View className='apply-form__section'>
        <Text className='apply-form__label'>详细地址</Text>
        <Input
          className='apply-form__input apply-form__address'
          value={address}
          maxlength={100}
          placeholder='例如：嘉善县魏塘街道体育南路 1 号'
          onInput={(e) => {
            setAddress(e.detail.value);
            clear('address');
          }}
        />
        {errors.address ? <Text className='apply-form__error'>{errors.address}</Text> : null}
      </View>

      <View className='apply-form__section'>
        <Text className='apply-form__label'>位置</Text>
        {location ? (
          <Text className='apply-form__value apply-form__coords'>
            {location.at.lat.toFixed(5)}, {location.at.lng.toFixed(5)}
            {location.demo ? '（演示位置）' : ''}
          </Text>
        ) : (
          <Text className='apply-form__hint'>{locating ? '正在定位…' : '尚未选择位置'}</Text>
        )}
        {isLocalMode() ? (
          <Button className='secondary-button apply-form__locate' onClick={() => void locateHere()} disabled={locating || undefined}>
            {locating ? '正在定位…' : '使用当前位置'}
          </Button>
        ) : (
          <Button className='secondary-button apply-form__locate' onClick={() => void chooseOnMap()}>
            {location ? '重新选择位置' : '在地图上选择位置'}
          </Button>
        )}
        {errors.location ? <Text className='apply-form__error'>{errors.location}</Text> : null}
      </View>

      <View className='apply-form__section'>
        <Text className='apply-form__label'>提供的服务（可多选）</Text>
        <View className='service-filter apply-form__services'>
          {SERVICE_ORDER.map((s) => (
            <View
              key={s}
              className={`service-filter__chip ${services.includes(s) ? 'service-filter__chip--on' : ''}`}
              onClick={() => toggle(s)}
            >
              {SERVICE_LABELS[s]}
            </View>
          ))}
        </View>
      </View>

      <View className='apply-form__section'>
        <Text className='apply-form__label'>开放时间</Text>
        <Picker
          mode='selector'
          range={HOURS_PRESETS.map((p) => p.label)}
          value={hoursIndex}
          onChange={(e) => setHoursIndex(Number(e.detail.value))}
        >
          <View className='apply-form__picker apply-form__hours'>{HOURS_PRESETS[hoursIndex].label}</View>
        </Picker>
      </View>

      <View className='apply-form__section'>
        <Text className='apply-form__label'>备注（选填）</Text>
        <Textarea
          className='apply-form__textarea'
          value={note}
          maxlength={200}
          placeholder='例如：联系人、可提供的其他帮助'
          onInput={(e) => setNote(e.detail.value)}
        />
      </View>

      <View className='bottom-bar'>
        {submitError ? <Text className='apply-form__error apply-form__submit-error'>{submitError}</Text> : null}
        {Object.values(errors).some(Boolean) ? <Text className='apply-form__error apply-form__submit-error'>请按提示补全信息</Text> : null}
        <Button className='primary-button apply-form__submit' onClick={() => void submit()} disabled={busy || undefined} loading={busy || undefined}>
          提交申请
        </Button>
      </View>
    </View>
  );
}
