import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { HoursRule, LatLng, StationService } from '../../../../../types/common';
import type { Station, StationEdits } from '../../../../../types/stations';
import { api } from '../../../../api';
import { orgChoices } from '../../../../components/labels/org-path';
import { SERVICE_LABELS, SERVICE_ORDER } from '../../../../../types/stations-labels';
import { StateView } from '../../../../components/state-view';
import type { Place } from '../../../../lib/location';
import { PlacePicker } from '../../../../components/place-picker';
import { Chips, FormSection, PickerField, SubmitBar, TextSection } from '../../../../components/form-kit';
import { PAGES, pageLink } from '../../../../../types/pages';
import { inScope, isManager } from '../../lib/tree';
import { useAdmin, type AdminBase } from '../../lib/use-admin';
import '../../lib/admin.css';
import { errorText } from '../../../../lib/error-text';

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const HOURS_PRESETS: { label: string; hours: HoursRule[] }[] = [
  { label: '全天开放', hours: [] },
  { label: '每天 08:00–20:00', hours: [{ days: EVERY_DAY, open: '08:00', close: '20:00' }] },
  { label: '工作日 09:00–21:00', hours: [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '21:00' }] },
  { label: '夜间 20:00–次日 08:00', hours: [{ days: EVERY_DAY, open: '20:00', close: '08:00' }] },
];
const KEEP_HOURS = '保持现有开放时间';
const SERVICE_OPTIONS = SERVICE_ORDER.map((value) => ({ value, label: SERVICE_LABELS[value] }));
const PHONE = /^[\d-]{5,20}$/;

type Field = 'name' | 'org' | 'address' | 'location' | 'phone';
interface Draft {
  name: string;
  orgId?: string;
  address: string;
  place: Place | null;
  services: StationService[];
  /** An index into HOURS_PRESETS, or -1: keep the station's own hours. */
  hours: number;
  phone: string;
}

const sameHours = (a: HoursRule[] | undefined, b: HoursRule[]) => JSON.stringify(a ?? []) === JSON.stringify(b);

function draftOf(station: Station | null, orgId: string | undefined): Draft {
  if (!station) return { name: '', orgId, address: '', place: null, services: [], hours: 0, phone: '' };
  return {
    name: station.name,
    orgId: station.orgId,
    address: station.address,
    place: { location: station.location, address: station.address },
    services: station.services,
    hours: HOURS_PRESETS.findIndex((p) => sameHours(station.hours, p.hours)),
    phone: station.phone ?? '',
  };
}

/** What differs from the station as loaded: an edit sends only those fields. */
function changesOf(before: Station, d: Draft, at: LatLng): StationEdits {
  const out: StationEdits = {};
  if (d.name.trim() !== before.name) out.name = d.name.trim();
  if (d.orgId && d.orgId !== before.orgId) out.orgId = d.orgId;
  if (d.address.trim() !== before.address) out.address = d.address.trim();
  if (at.lat !== before.location.lat || at.lng !== before.location.lng) out.location = at;
  if ([...d.services].sort().join() !== [...before.services].sort().join()) out.services = d.services;
  const preset = HOURS_PRESETS[d.hours];
  if (preset && !sameHours(before.hours, preset.hours)) out.hours = preset.hours;
  if (d.phone.trim() !== (before.phone ?? '')) out.phone = d.phone.trim();
  return out;
}

/** Register a station (`?orgId=`) or edit one (`?id=`): details riders see, the place and the committee. */
export default function StationFormPage() {
  const { params } = useRouter();
  const fetch = useCallback(
    async ({ user }: AdminBase) => ({ station: params.id && isManager(user) ? (await api.stations.get({ id: params.id })).station : null }),
    [params.id],
  );
  const { state, load } = useAdmin(fetch);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [submitError, setSubmitError] = useState('');
  const [busy, setBusy] = useState(false);

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  if (!isManager(state.user)) return <StateView kind='empty' message='只有管理员和团干部可以管理驿站' />;

  const { station } = state;
  const d = draft ?? draftOf(station, params.orgId);
  const choices = orgChoices(state.orgs).filter((c) => inScope(state.scope, c.id));
  const edit = (change: Partial<Draft>, field?: Field) => {
    setDraft({ ...d, ...change });
    if (field) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = async () => {
    const found: Partial<Record<Field, string>> = {};
    if (d.name.trim().length < 2 || d.name.trim().length > 40) found.name = '请填写驿站名称（2–40 个字）';
    if (!d.orgId) found.org = '请选择所属团委';
    if (d.address.trim().length < 2) found.address = '请填写详细地址';
    if (!d.place) found.location = '请在地图上选择驿站的位置';
    if (d.phone.trim() && !PHONE.test(d.phone.trim())) found.phone = '请输入正确的电话号码';
    setErrors(found);
    setSubmitError('');
    if (Object.keys(found).length > 0 || !d.orgId || !d.place || busy) return;
    const at = d.place.location;
    setBusy(true);
    try {
      if (station) {
        const changes = changesOf(station, d, at);
        if (Object.keys(changes).length === 0) {
          setSubmitError('没有需要修改的内容');
          return;
        }
        await api.stations.update({ id: station.id, changes });
      } else {
        const preset = HOURS_PRESETS[d.hours];
        await api.stations.create({
          name: d.name.trim(),
          orgId: d.orgId,
          address: d.address.trim(),
          location: at,
          services: d.services,
          ...(preset && preset.hours.length ? { hours: preset.hours } : {}),
          ...(d.phone.trim() ? { phone: d.phone.trim() } : {}),
        });
      }
      void Taro.showToast({ title: '已保存', icon: 'success' });
      // A new station is shown among its committee's, where staff can be assigned next.
      if (station) void Taro.navigateBack();
      else void Taro.redirectTo({ url: pageLink(PAGES.admin.stations, { orgId: d.orgId }) });
    } catch (e) {
      setSubmitError(errorText(e, '保存失败，请检查网络后重试'));
    } finally {
      setBusy(false);
    }
  };

  const hoursRange = [...HOURS_PRESETS.map((p) => p.label), ...(station && d.hours < 0 ? [KEEP_HOURS] : [])];
  return (
    <View className='page adm-page station-form'>
      <TextSection
        label='驿站名称'
        className='station-form__name'
        value={d.name}
        maxlength={40}
        placeholder='例如：魏塘小哥驿站'
        error={errors.name}
        onInput={(v) => edit({ name: v }, 'name')}
      />
      <PickerField
        label='所属团委'
        className='station-form__org'
        range={choices.map((c) => c.label)}
        index={choices.findIndex((c) => c.id === d.orgId)}
        error={errors.org}
        onPick={(i) => edit({ orgId: choices[i]?.id }, 'org')}
      />
      <TextSection
        label='详细地址'
        className='station-form__address'
        value={d.address}
        maxlength={100}
        placeholder='例如：嘉善县魏塘街道体育南路 1 号'
        error={errors.address}
        onInput={(v) => edit({ address: v }, 'address')}
      />
      <FormSection label='位置' error={errors.location}>
        <PlacePicker
          value={d.place}
          onChange={(place) => edit({ place, ...(d.address.trim() || !place.address ? {} : { address: place.address.slice(0, 100) }) }, 'location')}
        />
      </FormSection>
      <FormSection label='提供的服务（可多选）'>
        <Chips
          className='station-form__services'
          options={SERVICE_OPTIONS}
          selected={d.services}
          onToggle={(s) => edit({ services: d.services.includes(s) ? d.services.filter((x) => x !== s) : [...d.services, s] })}
        />
      </FormSection>
      <PickerField
        label='开放时间'
        className='station-form__hours'
        range={hoursRange}
        index={d.hours < 0 ? hoursRange.length - 1 : d.hours}
        onPick={(i) => edit({ hours: i < HOURS_PRESETS.length ? i : -1 })}
      />
      <TextSection
        label='联系电话（选填）'
        className='station-form__phone'
        type='text'
        value={d.phone}
        maxlength={20}
        placeholder='例如：0573-84011234'
        error={errors.phone}
        onInput={(v) => edit({ phone: v }, 'phone')}
      />
      {station ? <Text className='adm-hint station-form__note'>修改会立即生效，骑手马上能看到。</Text> : null}
      <SubmitBar label={station ? '保存修改' : '登记驿站'} busy={busy} busyLabel='正在保存…' messages={[submitError]} onSubmit={() => void submit()} />
    </View>
  );
}
