import { useCallback, useState } from 'react';
import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CERTIFICATE_SUGGESTIONS, SKILL_SUGGESTIONS } from '../../../../../types/volunteer-labels';
import { api } from '../../../../api';
import { errorText } from '../../../../lib/error-text';
import { StateView } from '../../../../components/state-view';
import { PAGES } from '../../../../../types/pages';
import '../../lib/volunteer.css';
import { useLoad } from '../../../../lib/use-load';
import { todayInShanghai } from '../../../../lib/time-format';

async function fetchOrgs() {
  const [{ user }, { orgs }] = await Promise.all([api.account.me(), api.orgs.tree()]);
  return { orgs, homeOrgId: user.orgId };
}

/** Anyone applies: name, committee, skills, certificates with their expiry; a cadre reviews it. */
export default function VolunteerApplyPage() {
  const fetch = useCallback(fetchOrgs, []);
  const { state, load } = useLoad(fetch);
  const [name, setName] = useState('');
  const [orgId, setOrgId] = useState<string | null>(null);
  const [skills, setSkills] = useState<string[]>([]);
  const [certs, setCerts] = useState<{ kind: string; expiresOn: string }[]>([]);
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  const chosen = orgId ?? state.homeOrgId ?? state.orgs[0]?.id;
  const orgIndex = Math.max(
    0,
    state.orgs.findIndex((o) => o.id === chosen),
  );

  // A fixed form loses its old message: any change clears it.
  // The date picker opens a year ahead; the expiry stays empty until the volunteer picks the date on the certificate.
  const inAYear = `${Number(todayInShanghai().slice(0, 4)) + 1}${todayInShanghai().slice(4)}`;
  const toggle = (skill: string) => {
    setSkills(skills.includes(skill) ? skills.filter((s) => s !== skill) : [...skills, skill]);
    setError('');
  };
  const editCert = (i: number, change: Partial<{ kind: string; expiresOn: string }>) => {
    setCerts(certs.map((x, j) => (j === i ? { ...x, ...change } : x)));
    setError('');
  };

  const send = async () => {
    if (saving) return;
    if (name.trim().length < 2 || !chosen || skills.length === 0) {
      setError('请填写姓名、选择团委和至少一项特长');
      return;
    }
    if (certs.some((c) => !c.expiresOn)) {
      setError('请选择每张证书的到期日');
      return;
    }
    setSaving(true);
    setError('');
    try {
      await api.volunteers.apply({ name: name.trim(), orgId: chosen, skills, ...(certs.length ? { certificates: certs } : {}) });
      void Taro.showToast({ title: '已提交审核', icon: 'success' });
      void Taro.redirectTo({ url: PAGES.volunteer.home });
    } catch (e) {
      setError(errorText(e, '网络不给力，请重试'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className='page volunteer-apply-page'>
      <View className='vol-card'>
        <Text className='vol-label'>姓名</Text>
        <Input
          className='vol-input volunteer-apply-page__name'
          value={name}
          maxlength={20}
          placeholder='真实姓名'
          onInput={(e) => {
            setName(e.detail.value);
            setError('');
          }}
        />
        <Text className='vol-label'>所属团委</Text>
        <Picker
          mode='selector'
          range={state.orgs.map((o) => o.name)}
          value={orgIndex}
          onChange={(e) => {
            setOrgId(state.orgs[Number(e.detail.value)]?.id ?? null);
            setError('');
          }}
        >
          <View className='vol-input'>{state.orgs[orgIndex]?.name ?? '请选择'}</View>
        </Picker>
        <Text className='vol-label'>特长（可多选）</Text>
        <View className='vol-chips'>
          {SKILL_SUGGESTIONS.map((s) => (
            <View key={s} className={`vol-chip ${skills.includes(s) ? 'vol-chip--on' : ''}`} onClick={() => toggle(s)}>
              {s}
            </View>
          ))}
        </View>
      </View>

      <View className='vol-card'>
        <Text className='vol-card__title'>证书（选填）</Text>
        {certs.map((c, i) => (
          <View key={i} className='vol-row'>
            <View className='vol-row__main'>
              <Picker
                mode='selector'
                range={[...CERTIFICATE_SUGGESTIONS]}
                onChange={(e) => editCert(i, { kind: CERTIFICATE_SUGGESTIONS[Number(e.detail.value)] ?? c.kind })}
              >
                <View className='vol-input' role='button'>
                  {c.kind}
                </View>
              </Picker>
              <Picker mode='date' value={c.expiresOn || inAYear} start={todayInShanghai()} onChange={(e) => editCert(i, { expiresOn: e.detail.value })}>
                <View className={`vol-input ${c.expiresOn ? '' : 'vol-input--empty'}`} role='button'>
                  {c.expiresOn ? `${c.expiresOn} 到期` : '选择到期日'}
                </View>
              </Picker>
            </View>
            <Button className='secondary-button vol-button' onClick={() => setCerts(certs.filter((_, j) => j !== i))}>
              删除
            </Button>
          </View>
        ))}
        {certs.length < 6 ? (
          <Button className='secondary-button vol-block-button' onClick={() => setCerts([...certs, { kind: CERTIFICATE_SUGGESTIONS[0], expiresOn: '' }])}>
            添加证书
          </Button>
        ) : null}
      </View>

      {error ? <Text className='vol-error vol-card'>{error}</Text> : null}
      <View className='vol-card'>
        <Button className='primary-button volunteer-apply-page__send' disabled={saving || undefined} onClick={() => void send()}>
          {saving ? '正在提交…' : '提交申请'}
        </Button>
      </View>
    </View>
  );
}
