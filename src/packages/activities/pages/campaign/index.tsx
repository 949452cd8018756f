import { useCallback, useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ACTIVITY_LIMITS, CAMPAIGN_KIND_LABELS, CAMPAIGN_KINDS, type CampaignKind } from '../../../../../types/activities-labels';
import type { Station } from '../../../../../types/stations';
import { api } from '../../../../api';
import { Chips, FormSection, PickerField, SubmitBar, TextSection } from '../../../../components/form-kit';
import { StateView } from '../../../../components/state-view';
import { errorText } from '../../../../lib/error-text';
import { PAGES } from '../../../../../types/pages';
import { useLoad } from '../../../../lib/use-load';
import { committeesInScope, count, publishesForCommittees, stationsOf } from '../../lib/organiser';
import '../../lib/activities.css';

type Field = 'title' | 'org' | 'stations';
type StationsState = { kind: 'loading' } | { kind: 'error'; message: string; final?: boolean } | { kind: 'ready'; stations: Station[] };

const KIND_OPTIONS = CAMPAIGN_KINDS.map((k) => ({ value: k, label: CAMPAIGN_KIND_LABELS[k] }));

async function fetchSetup() {
  const { user } = await api.account.me();
  if (!publishesForCommittees(user)) return { committees: [] };
  return { committees: committeesInScope(user, (await api.orgs.tree()).orgs) };
}

/** A cadre publishes a care-pack campaign: its name, and how many packs each station of the committee hands out. */
export default function CreateCampaignPage() {
  const fetch = useCallback(fetchSetup, []);
  const { state, load } = useLoad(fetch);
  const [kind, setKind] = useState<CampaignKind>('winter');
  const [title, setTitle] = useState('');
  const [orgIndex, setOrgIndex] = useState(-1);
  const [stations, setStations] = useState<StationsState>({ kind: 'loading' });
  /** Packs typed per station id; empty or 0: the station hands none out. */
  const [stock, setStock] = useState<Record<string, string>>({});
  const [verifiedOnly, setVerifiedOnly] = useState(true);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [submitError, setSubmitError] = useState('');
  const [busy, setBusy] = useState(false);

  const committees = state.kind === 'ready' ? state.committees : [];
  const org = committees[orgIndex] ?? (committees.length === 1 ? committees[0] : undefined);
  const orgId = org?.id;

  const loadStations = useCallback(async (id: string) => {
    setStations({ kind: 'loading' });
    try {
      setStations({ kind: 'ready', stations: await stationsOf(id) });
    } catch (e) {
      setStations({ kind: 'error', message: errorText(e) });
    }
  }, []);
  useEffect(() => {
    setStock({});
    if (orgId) void loadStations(orgId);
  }, [orgId, loadStations]);

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  if (committees.length === 0) return <StateView kind='empty' message='只有团干部可以发布关爱礼包' />;
  const clear = (field: Field) => setErrors((e) => ({ ...e, [field]: undefined }));

  const submit = async () => {
    const found: Partial<Record<Field, string>> = {};
    const typed = Object.entries(stock).filter(([, v]) => v.trim() !== '' && v.trim() !== '0');
    const listed = typed.map(([stationId, v]) => ({ stationId, stock: count(v, 1, ACTIVITY_LIMITS.stockMax) }));
    if (title.trim().length < 2) found.title = '请填写活动名称（2–40 个字）';
    if (!org) found.org = '请选择发布的团委';
    if (listed.length === 0) found.stations = '请至少为一个驿站填写礼包数量';
    else if (listed.some((s) => s.stock === null)) found.stations = `礼包数量应为 1–${ACTIVITY_LIMITS.stockMax} 的整数`;
    else if (listed.length > ACTIVITY_LIMITS.campaignStationsMax) found.stations = `最多 ${ACTIVITY_LIMITS.campaignStationsMax} 个驿站`;
    setErrors(found);
    setSubmitError('');
    if (Object.keys(found).length > 0 || busy || !org) return;
    setBusy(true);
    try {
      await api.activities.createCampaign({
        title: title.trim(),
        kind,
        orgId: org.id,
        verifiedOnly,
        stations: listed.map((s) => ({ stationId: s.stationId, stock: s.stock! })),
      });
      void Taro.showToast({ title: '已发布', icon: 'success' });
      void Taro.redirectTo({ url: PAGES.activities.scan });
    } catch (e) {
      setSubmitError(errorText(e, '发布失败，请检查网络后重试'));
    } finally {
      setBusy(false);
    }
  };

  const total = Object.values(stock).reduce((sum, v) => sum + (count(v, 1, ACTIVITY_LIMITS.stockMax) ?? 0), 0);

  return (
    <View className='page campaign-create-page'>
      <FormSection label='礼包类型'>
        <Chips className='campaign-create__kind' options={KIND_OPTIONS} selected={[kind]} onToggle={setKind} />
      </FormSection>
      <TextSection
        label='活动名称'
        className='campaign-create__title'
        value={title}
        maxlength={40}
        placeholder='例如：冬日递暖 2026'
        error={errors.title}
        onInput={(v) => {
          setTitle(v);
          clear('title');
        }}
      />
      <PickerField
        label='发布团委'
        className='campaign-create__org'
        range={committees.map((c) => c.label)}
        index={org ? committees.indexOf(org) : -1}
        error={errors.org}
        onPick={(i) => {
          setOrgIndex(i);
          clear('org');
        }}
      />
      <FormSection label={`各驿站的礼包数量${total ? `（共 ${total} 份）` : ''}`} error={errors.stations}>
        {!org ? (
          <Text className='act-card__sub'>先选择团委，再填写其下各驿站的数量</Text>
        ) : stations.kind === 'loading' ? (
          <StateView kind='loading' />
        ) : stations.kind === 'error' ? (
          <StateView kind='error' message={stations.message} onRetry={() => void loadStations(org.id)} />
        ) : stations.stations.length === 0 ? (
          <StateView kind='empty' message='这个团委下还没有驿站' />
        ) : (
          stations.stations.map((s) => (
            <View key={s.id} className='act-campaign-station'>
              <Text className='act-campaign-station__name'>{s.name}</Text>
              <Input
                className='rh-field act-campaign-station__stock'
                type='number'
                maxlength={5}
                value={stock[s.id] ?? ''}
                placeholder='0'
                aria-label={`${s.name} 的礼包数量`}
                onInput={(e) => {
                  setStock({ ...stock, [s.id]: e.detail.value });
                  clear('stations');
                }}
              />
            </View>
          ))
        )}
      </FormSection>
      <FormSection label='领取规则'>
        <Text className='act-row__main'>每人限领一份。谁可以领：</Text>
        <Chips
          className='campaign-page__who'
          options={[
            { value: 'verified', label: '只发给已认证的骑手' },
            { value: 'all', label: '所有骑手' },
          ]}
          selected={[verifiedOnly ? 'verified' : 'all']}
          onToggle={(v) => setVerifiedOnly(v === 'verified')}
        />
      </FormSection>
      <SubmitBar
        label='发布关爱礼包'
        busy={busy}
        busyLabel='正在发布…'
        messages={[submitError]}
        onSubmit={() => void submit()}
        className='campaign-create__submit'
      />
    </View>
  );
}
