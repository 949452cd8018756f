import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { User } from '../../../../../types/account';
import type { Programme } from '../../../../../types/childcare';
import type { Org } from '../../../../../types/orgs';
import { api } from '../../../../api';
import { KitButton, TextField } from '../../../../components/form-kit';
import { errorText } from '../../../../lib/error-text';

interface Placed {
  id: string;
  name: string;
}

type Outcome = { kind: 'ok'; text: string } | { kind: 'fail'; message: string } | null;

/** A cadre's committees hold the programme: one of them is its committee or above it (as the server rules). */
export function oversees(cadreOrgIds: readonly string[], orgs: readonly Org[], orgId: string): boolean {
  const parentOf = new Map(orgs.map((o) => [o.id, o.parentId]));
  const seen = new Set<string>();
  for (let cur: string | undefined = orgId; cur && !seen.has(cur); cur = parentOf.get(cur)) {
    if (cadreOrgIds.includes(cur)) return true;
    seen.add(cur);
  }
  return false;
}

/**
 * Whether the caller may place volunteers on the programme: a cadre whose committees hold it. Undecided while the
 * committees load; when they cannot be loaded, any cadre is offered the section and the server decides.
 */
function useMayPlace(user: User, programme: Programme): boolean | undefined {
  const cadre = user.roles.includes('cadre');
  const [orgs, setOrgs] = useState<Org[] | null | undefined>(undefined);
  useEffect(() => {
    if (!cadre) return;
    let live = true;
    api.orgs.tree().then(
      ({ orgs: all }) => live && setOrgs(all),
      () => live && setOrgs(null),
    );
    return () => {
      live = false;
    };
  }, [cadre]);
  if (!cadre) return false;
  if (orgs === undefined) return undefined;
  return orgs === null || oversees(user.cadreOrgIds ?? [], orgs, programme.orgId);
}

const typedNumber = (typed: string) => typed.replace(/\s+/g, '');

/**
 * Cadres of the programme's committee place a volunteer of another committee on it, by the user number the volunteer
 * copies from their 我的 or 志愿服务 page; the volunteer may then sign up for its sessions. A placement is taken back after a
 * 再想想 confirmation; shifts already signed up for stay.
 */
export function VolunteerPlacement({ user, programme }: { user: User; programme: Programme }) {
  const mayPlace = useMayPlace(user, programme);
  const [typed, setTyped] = useState('');
  const [placed, setPlaced] = useState<Placed[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);

  if (!mayPlace) return null;

  const send = async (volunteerId: string, remove: boolean) => {
    setBusy(remove ? `remove:${volunteerId}` : 'place');
    setOutcome(null);
    try {
      const { volunteer } = await api.volunteers.place({ programmeId: programme.id, volunteerId, remove });
      const others = placed.filter((p) => p.id !== volunteer.id);
      if (remove) {
        setPlaced(others);
        setOutcome({ kind: 'ok', text: `已移出 ${volunteer.name}，对方不能再报名这个骑士班的新场次` });
      } else {
        setPlaced([volunteer, ...others]);
        setTyped('');
        setOutcome({ kind: 'ok', text: `已安排 ${volunteer.name}，对方现在可以报名这个骑士班的场次` });
      }
    } catch (e) {
      setOutcome({ kind: 'fail', message: errorText(e, '网络不给力，请重试') });
    } finally {
      setBusy(null);
    }
  };

  const place = () => {
    const id = typedNumber(typed);
    if (!id) return setOutcome({ kind: 'fail', message: '请输入志愿者的用户编号' });
    void send(id, false);
  };

  const remove = async (id: string, name?: string) => {
    const { confirm } = await Taro.showModal({
      title: '移出志愿者',
      content: `把${name ? ` ${name} ` : `编号 ${id} 的志愿者`}移出这个骑士班？移出后不能再报名新的场次，已报名的场次保留。`,
      confirmText: '移出',
      cancelText: '再想想',
    });
    if (confirm) await send(id, true);
  };

  return (
    <View className='cc-card placement'>
      <Text className='cc-card__title'>安排其他团委的志愿者</Text>
      <Text className='cc-card__sub'>
        骑士班所属团委及其上级团委的志愿者可以直接报名，每场最多 {programme.volunteersPerSession}{' '}
        人。其他团委的志愿者，请对方在「我的」或「志愿服务」页复制用户编号发给你，安排后对方即可报名。
      </Text>
      <View className='placement__form'>
        <TextField className='placement__number' value={typed} maxlength={64} placeholder='志愿者的用户编号' onInput={setTyped} onConfirm={place} />
        <KitButton className='placement__place' busy={busy === 'place'} disabled={busy !== null} onClick={place}>
          安排
        </KitButton>
      </View>
      <KitButton
        kind='secondary'
        className='placement__remove-typed'
        disabled={busy !== null || !typedNumber(typed)}
        onClick={() => void remove(typedNumber(typed))}
      >
        按编号移出
      </KitButton>
      {outcome?.kind === 'ok' ? <Text className='cc-seats placement__ok'>{outcome.text}</Text> : null}
      {outcome?.kind === 'fail' ? <Text className='cc-error placement__fail'>{outcome.message}</Text> : null}
      {placed.length > 0 ? <Text className='cc-label placement__heading'>刚才安排的志愿者</Text> : null}
      {placed.map((v) => (
        <View key={v.id} className='cc-row placement__row'>
          <View className='cc-row__main'>
            <Text className='cc-row__title'>{v.name}</Text>
            <Text className='cc-row__sub'>编号 {v.id}</Text>
          </View>
          <KitButton
            kind='secondary'
            className='cc-button placement__remove'
            busy={busy === `remove:${v.id}`}
            disabled={busy !== null}
            onClick={() => void remove(v.id, v.name)}
          >
            移出
          </KitButton>
        </View>
      ))}
    </View>
  );
}
