import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { PersonMatch } from '../../../../types/account';
import { api } from '../../../api';
import { ROLE_LABELS } from '../../../../types/account-labels';
import { FormSection, KitButton, TextField } from '../../../components/form-kit';
import { errorText } from '../../../lib/error-text';

interface Props {
  picked: PersonMatch | null;
  onPick: (person: PersonMatch | null) => void;
  error?: string;
}

/**
 * Finds the person a role is for by name, phone number or the user number on their 我的 page, and lets the admin
 * pick them from what was found: a role is never granted to a typed identifier nobody checked.
 */
export function PersonFinder({ picked, onPick, error }: Props) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<PersonMatch[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [searchError, setSearchError] = useState('');

  const search = async () => {
    const q = query.trim();
    if (!q) return setSearchError('请输入姓名、手机号或用户编号');
    setBusy(true);
    setSearchError('');
    try {
      const { people } = await api.account.findPeople({ query: q });
      setFound(people);
    } catch (e) {
      setSearchError(errorText(e, '查找失败，请检查网络后重试'));
    } finally {
      setBusy(false);
    }
  };

  if (picked) {
    return (
      <FormSection label='用户' error={error}>
        <View className='person-finder__picked'>
          <PersonLine person={picked} />
          <KitButton kind='secondary' className='person-finder__change' onClick={() => onPick(null)}>
            换一个人
          </KitButton>
        </View>
      </FormSection>
    );
  }

  return (
    <FormSection label='用户' error={searchError || error}>
      <View className='person-finder__search'>
        <TextField
          className='person-finder__query'
          value={query}
          maxlength={40}
          placeholder='姓名、手机号或用户编号'
          onInput={setQuery}
          onConfirm={() => void search()}
        />
        <KitButton kind='secondary' className='person-finder__go' busy={busy} onClick={() => void search()}>
          查找
        </KitButton>
      </View>
      <Text className='adm-hint'>用户编号在对方“我的”页，可复制后发给你。</Text>
      {found !== null && found.length === 0 ? <Text className='adm-hint person-finder__none'>没有找到这个人，请核对后再试</Text> : null}
      {found?.map((p) => (
        <View key={p.id} className='person-finder__row' role='button' onClick={() => onPick(p)}>
          <PersonLine person={p} />
        </View>
      ))}
    </FormSection>
  );
}

function PersonLine({ person }: { person: PersonMatch }) {
  const roles = person.roles.filter((r) => r !== 'rider').map((r) => ROLE_LABELS[r] ?? r);
  return (
    <View className='person-finder__line'>
      <Text className='adm-row__title'>
        {person.displayName}
        {person.verified ? <Text className='adm-badge'>已认证</Text> : null}
      </Text>
      <Text className='adm-row__sub'>{[person.phone, `编号 ${person.id}`, roles.length ? roles.join('、') : '骑手'].filter(Boolean).join(' · ')}</Text>
    </View>
  );
}
