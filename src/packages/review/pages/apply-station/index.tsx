import { useState } from 'react';
import { View } from '@tarojs/components';
import type { HoursRule, StationService } from '../../../../../types/common';
import { api } from '../../../../api';
import { FormSection, PickerField, SubmitBar, TextSection } from '../../../../components/form-kit';
import { SERVICE_LABELS, SERVICE_ORDER } from '../../../../../types/stations-labels';
import '../../../../components/service-chips/index.css';
import { PlacePicker } from '../../../../components/place-picker';
import { StateView } from '../../../../components/state-view';
import type { Place } from '../../../../lib/location';
import { NoteSection, OrgSection, useApplyForm, type FieldErrors } from '../form';

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
/** Opening hours as presets: typing times on a bike is no fun. */
export const HOURS_PRESETS: { label: string; hours?: HoursRule[] }[] = [
  { label: '全天' },
  { label: '08:00–20:00 每天', hours: [{ days: EVERY_DAY, open: '08:00', close: '20:00' }] },
  { label: '工作日 09:00–21:00', hours: [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '21:00' }] },
  { label: '夜间 20:00–次日08:00', hours: [{ days: EVERY_DAY, open: '20:00', close: '08:00' }] },
];

type Field = 'name' | 'org' | 'address' | 'location';

export default function ApplyStationPage() {
  const { load, reload, orgId, setOrgId, errors, clear, onEdit, submitError, busy, validate, send } = useApplyForm<Field>();
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [place, setPlace] = useState<Place | null>(null);
  const [services, setServices] = useState<StationService[]>([]);
  const [hoursIndex, setHoursIndex] = useState(0);
  const [note, setNote] = useState('');

  if (load.kind === 'loading') return <StateView kind='loading' />;
  if (load.kind === 'error') return <StateView kind='error' message={load.message} onRetry={() => void reload()} />;

  const pickPlace = (next: Place) => {
    setPlace(next);
    clear('location');
    // WeChat's picker names the address: a head start for the address field.
    if (!address.trim() && next.address) setAddress(next.address.slice(0, 100));
  };

  const toggle = (s: StationService) => setServices((prev) => (prev.includes(s) ? prev.filter((x) => x !== s) : [...prev, s]));

  const submit = async () => {
    const found: FieldErrors<Field> = {};
    if (name.trim().length < 2) found.name = '请填写驿站名称（至少 2 个字）';
    if (!orgId) found.org = '请选择所属团委';
    if (address.trim().length < 2) found.address = '请填写详细地址';
    if (!place) found.location = '请在地图上选择驿站位置';
    if (!validate(found) || !orgId || !place) return;
    const hours = HOURS_PRESETS[hoursIndex]?.hours;
    await send(() =>
      api.stations.apply({
        name: name.trim(),
        orgId,
        address: address.trim(),
        location: place.location,
        services,
        ...(hours ? { hours } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    );
  };

  return (
    <View className='page apply-form'>
      <TextSection
        label='驿站名称'
        error={errors.name}
        className='apply-form__name'
        value={name}
        maxlength={40}
        placeholder='例如：魏塘小哥驿站'
        onInput={onEdit('name', setName)}
      />

      <OrgSection orgs={load.orgs} orgId={orgId} error={errors.org} onPick={onEdit('org', setOrgId)} />

      <TextSection
        label='详细地址'
        error={errors.address}
        className='apply-form__address'
        value={address}
        maxlength={100}
        placeholder='例如：嘉善县魏塘街道体育南路 1 号'
        onInput={onEdit('address', setAddress)}
      />

      <FormSection label='位置' error={errors.location}>
        <PlacePicker value={place} onChange={pickPlace} />
      </FormSection>

      <FormSection label='提供的服务（可多选）'>
        <View className='service-filter apply-form__services'>
          {SERVICE_ORDER.map((s) => (
            <View key={s} className={`service-filter__chip ${services.includes(s) ? 'service-filter__chip--on' : ''}`} onClick={() => toggle(s)}>
              {SERVICE_LABELS[s]}
            </View>
          ))}
        </View>
      </FormSection>

      <PickerField label='开放时间' range={HOURS_PRESETS.map((p) => p.label)} index={hoursIndex} className='apply-form__hours' onPick={setHoursIndex} />

      <NoteSection value={note} placeholder='例如：联系人、可提供的其他帮助' onInput={setNote} />

      <SubmitBar
        fixed
        label='提交申请'
        busy={busy}
        messages={[submitError, Object.values(errors).some(Boolean) ? '请按提示补全信息' : '']}
        onSubmit={() => void submit()}
      />
    </View>
  );
}
