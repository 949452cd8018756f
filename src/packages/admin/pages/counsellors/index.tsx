import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { CATEGORY_NAMES } from '../../../../../types/consult-labels';
import type { Counsellor } from '../../../../../types/consult';
import { api } from '../../../../api';
import { StateView } from '../../../../components/state-view';
import { CounsellorForm } from '../../lib/counsellor-form';
import { PersonFinder } from '../../lib/person-finder';
import type { PersonMatch } from '../../../../../types/account';
import { useAdmin, type AdminBase } from '../../lib/use-admin';
import '../../lib/admin.css';

const fetchCounsellors = async ({ user }: AdminBase) => (user.roles.includes('admin') ? api.consult.counsellors({}) : { counsellors: [] as Counsellor[] });

/** Admin: the 12355 counsellors, and a form to add one. */
export default function CounsellorsPage() {
  const { state, setState, load } = useAdmin(fetchCounsellors);
  const [adding, setAdding] = useState(false);
  const [person, setPerson] = useState<PersonMatch | null>(null);
  const [personError, setPersonError] = useState('');

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  if (!state.user.roles.includes('admin')) return <StateView kind='empty' message='只有管理员可以管理咨询师' />;

  const orgName = (id: string) => state.orgs.find((o) => o.id === id)?.name ?? '未知团委';
  const added = (c: Counsellor) => {
    setState({ ...state, counsellors: [...state.counsellors.filter((x) => x.id !== c.id), c] });
    setAdding(false);
  };

  return (
    <View className='page adm-page counsellors-page'>
      {adding ? (
        <>
          <PersonFinder
            picked={person}
            error={personError}
            onPick={(p) => {
              setPerson(p);
              setPersonError('');
            }}
          />
          <CounsellorForm orgs={state.orgs} userId={person?.id} onPersonMissing={() => setPersonError('请先查找并选择一位用户')} onDone={added} />
        </>
      ) : (
        <View className='adm-top'>
          <Button className='primary-button counsellors-page__add' onClick={() => setAdding(true)}>
            添加咨询师
          </Button>
        </View>
      )}
      {state.counsellors.length === 0 ? (
        <StateView kind='empty' message='还没有咨询师' />
      ) : (
        <View className='adm-card'>
          {state.counsellors.map((c) => (
            <View key={c.id} className='adm-row counsellors-page__row'>
              <Text className='adm-row__title'>{c.name}</Text>
              <Text className='adm-row__sub'>{`${c.categories.map((k) => CATEGORY_NAMES[k]).join('、')} · ${orgName(c.orgId)}`}</Text>
              {c.intro ? <Text className='adm-row__sub'>{c.intro}</Text> : null}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
