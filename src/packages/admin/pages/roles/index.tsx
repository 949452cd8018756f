import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { PersonMatch, User } from '../../../../../types/account';
import type { Station } from '../../../../../types/stations';
import { api } from '../../../../api';
import { ROLE_LABELS } from '../../../../../types/account-labels';
import { orgChoices } from '../../../../components/labels/org-path';
import { StateView } from '../../../../components/state-view';
import { CounsellorForm } from '../../lib/counsellor-form';
import { Chips, FormSection, PickerField, SubmitBar } from '../../../../components/form-kit';
import { PersonFinder } from '../../lib/person-finder';
import { useAdmin, type AdminBase } from '../../lib/use-admin';
import '../../lib/admin.css';
import { errorText } from '../../../../lib/error-text';

type Mode = 'grant' | 'revoke';
type ManagedRole = 'staff' | 'cadre' | 'counsellor';
const MODES = [
  { value: 'grant' as const, label: '授予' },
  { value: 'revoke' as const, label: '撤销' },
];
const ROLES = (['staff', 'cadre', 'counsellor'] as const).map((value) => ({ value, label: ROLE_LABELS[value] }));
const EVERY = '全部（整个角色）';

/** The stations to pick from (the first hundred), with the preset one first when it is beyond them. */
async function fetchStations({ user }: AdminBase, presetId?: string): Promise<{ stations: Station[] }> {
  if (!user.roles.includes('admin')) return { stations: [] };
  const { stations } = await api.stations.list({ limit: 100 });
  if (!presetId || stations.some((s) => s.id === presetId)) return { stations };
  return { stations: [(await api.stations.get({ id: presetId })).station, ...stations] };
}

const asRole = (v: string | undefined): ManagedRole => (v === 'cadre' || v === 'counsellor' ? v : 'staff');

/** Admin: grant or revoke staff (per station), cadre (per committee) and counsellor; `?role=&stationId=&orgId=` preset them. */
export default function RolesPage() {
  const { params } = useRouter();
  const fetch = useCallback((base: AdminBase) => fetchStations(base, params.stationId), [params.stationId]);
  const { state, load } = useAdmin(fetch);
  const [mode, setMode] = useState<Mode>('grant');
  const [role, setRole] = useState<ManagedRole>(asRole(params.role));
  const [person, setPerson] = useState<PersonMatch | null>(null);
  const [stationId, setStationId] = useState<string | undefined>(params.stationId);
  const [orgId, setOrgId] = useState<string | undefined>(params.orgId);
  const [errors, setErrors] = useState<{ person?: string; place?: string }>({});
  const [submitError, setSubmitError] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ text: string; user?: User } | null>(null);

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  if (!state.user.roles.includes('admin')) return <StateView kind='empty' message='只有管理员可以授予或撤销角色' />;

  const revoking = mode === 'revoke';
  const stationChoices = [
    ...(revoking ? [{ id: undefined, label: EVERY }] : []),
    ...state.stations.map((s) => ({ id: s.id as string | undefined, label: s.name })),
  ];
  const orgOptions = [
    ...(revoking ? [{ id: undefined, label: EVERY }] : []),
    ...orgChoices(state.orgs).map((c) => ({ id: c.id as string | undefined, label: c.label })),
  ];
  const reset = () => {
    setErrors({});
    setSubmitError('');
    setDone(null);
    setStationId(undefined);
    setOrgId(undefined);
  };

  const submit = async () => {
    const found: typeof errors = {};
    if (!person) found.person = '请先查找并选择一位用户';
    if (!revoking && role === 'staff' && !stationId) found.place = '请选择驿站';
    if (!revoking && role === 'cadre' && !orgId) found.place = '请选择团委';
    setErrors(found);
    setSubmitError('');
    // A counsellor is granted through the counsellor form (consult.addCounsellor), never here.
    if (Object.keys(found).length > 0 || !person || busy || (!revoking && role === 'counsellor')) return;
    setBusy(true);
    try {
      const scope = { ...(role === 'staff' && stationId ? { stationId } : {}), ...(role === 'cadre' && orgId ? { orgId } : {}) };
      const input = { userId: person.id, ...scope };
      const { user } = revoking || role === 'counsellor' ? await api.account.revokeRole({ ...input, role }) : await api.account.grantRole({ ...input, role });
      setDone({ text: revoking ? `已撤销${ROLE_LABELS[role]}角色` : `已授予${ROLE_LABELS[role]}角色`, user });
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (e) {
      setSubmitError(errorText(e, '保存失败，请检查网络后重试'));
    } finally {
      setBusy(false);
    }
  };

  const counsellorGrant = !revoking && role === 'counsellor';
  return (
    <View className='page adm-page roles-page'>
      <FormSection label='操作'>
        <Chips
          className='roles-page__mode'
          options={MODES}
          selected={[mode]}
          onToggle={(m) => {
            setMode(m);
            reset();
          }}
        />
      </FormSection>
      <PersonFinder
        picked={person}
        error={errors.person}
        onPick={(p) => {
          setPerson(p);
          setDone(null);
          setErrors((e) => ({ ...e, person: undefined }));
        }}
      />
      <FormSection label='角色'>
        <Chips
          className='roles-page__role'
          options={ROLES}
          selected={[role]}
          onToggle={(r) => {
            setRole(r);
            reset();
          }}
        />
      </FormSection>
      {role === 'staff' ? (
        stationChoices.length === 0 ? (
          <StateView kind='empty' message='还没有驿站，请先登记驿站' />
        ) : (
          <PickerField
            label={revoking ? '驿站（不选则撤销全部驿站）' : '驿站'}
            className='roles-page__station'
            range={stationChoices.map((c) => c.label)}
            index={stationChoices.findIndex((c) => c.id === stationId)}
            error={errors.place}
            onPick={(i) => setStationId(stationChoices[i]?.id)}
          />
        )
      ) : null}
      {role === 'cadre' ? (
        <PickerField
          label={revoking ? '团委（不选则撤销全部团委）' : '团委'}
          className='roles-page__org'
          range={orgOptions.map((c) => c.label)}
          index={orgOptions.findIndex((c) => c.id === orgId)}
          error={errors.place}
          onPick={(i) => setOrgId(orgOptions[i]?.id)}
        />
      ) : null}
      {counsellorGrant ? (
        <CounsellorForm
          orgs={state.orgs}
          userId={person?.id}
          onPersonMissing={() => setErrors((e) => ({ ...e, person: '请先查找并选择一位用户' }))}
          onDone={(c) => setDone({ text: `已添加咨询师：${c.name}` })}
        />
      ) : (
        <SubmitBar label={revoking ? '撤销角色' : '授予角色'} busy={busy} busyLabel='正在保存…' messages={[submitError]} onSubmit={() => void submit()} />
      )}
      {done ? (
        <View className='adm-card roles-page__done'>
          <Text className='adm-row__title'>{done.text}</Text>
          {done.user ? (
            <Text className='adm-row__sub'>{`${done.user.displayName} 现在的角色：${done.user.roles.map((r) => ROLE_LABELS[r]).join('、')}`}</Text>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
