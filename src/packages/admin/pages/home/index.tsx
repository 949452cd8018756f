import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { StateView } from '../../../../components/state-view';
import { PAGES } from '../../../../../types/pages';
import { ORG_KIND_LABELS } from '../../../../../types/orgs-labels';
import { isManager } from '../../lib/tree';
import { nothing, useAdmin } from '../../lib/use-admin';
import '../../lib/admin.css';
import './index.css';

interface Entry {
  title: string;
  hint: string;
  url: string;
  adminOnly?: boolean;
}

const ENTRIES: Entry[] = [
  { title: '团委组织', hint: '添加、改名、调整隶属关系', url: PAGES.admin.orgs },
  { title: '驿站', hint: '登记、修改信息、下架或重新上架', url: PAGES.admin.stations },
  { title: '积分奖品', hint: '添加奖品、补货、下架', url: PAGES.admin.rewards },
  { title: '角色', hint: '授予或撤销驿站工作人员、团干部、咨询师', url: PAGES.admin.roles, adminOnly: true },
  { title: '咨询师', hint: '12355 咨询师名单，添加咨询师', url: PAGES.admin.counsellors, adminOnly: true },
];

/** The admin console's front page: one entry per section the caller may manage. */
export default function AdminHomePage() {
  const { state, load } = useAdmin(nothing);

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  if (!isManager(state.user)) return <StateView kind='empty' message='只有管理员和团干部可以使用管理后台' />;

  const admin = state.user.roles.includes('admin');
  const mine = state.orgs.filter((o) => (state.user.cadreOrgIds ?? []).includes(o.id));
  return (
    <View className='page adm-page admin-home'>
      <View className='adm-card'>
        <Text className='adm-row__title'>{admin ? '管理员' : '团干部'}</Text>
        <Text className='adm-row__sub'>
          {admin ? '可管理全部团委、驿站、奖品和角色' : `管理范围：${mine.map((o) => `${o.name}（${ORG_KIND_LABELS[o.kind]}）`).join('、') || '无'}及其下级`}
        </Text>
      </View>
      <View className='adm-card'>
        {ENTRIES.filter((e) => admin || !e.adminOnly).map((e) => (
          <View key={e.url} className='adm-row admin-home__entry' role='button' onClick={() => void Taro.navigateTo({ url: e.url })}>
            <Text className='adm-row__title'>{e.title}</Text>
            <Text className='adm-row__sub'>{e.hint}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
