import { useCallback, useState } from 'react';
import { Button, Picker, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { Station } from '../../../../../types/stations';
import { api } from '../../../../api';
import { orgChoices } from '../../../../components/labels/org-path';
import { StateView } from '../../../../components/state-view';
import { PAGES, pageLink } from '../../../../../types/pages';
import { inScope, isManager } from '../../lib/tree';
import { useAdmin, type AdminBase } from '../../lib/use-admin';
import '../../../../components/form-kit/index.css';
import '../../lib/admin.css';
import { errorText } from '../../../../lib/error-text';

const ALL = '全部（我管理的团委）';

/** Stations of the caller's committees (`?orgId=` one subtree), published or not: edit, take off the map, put back. */
export default function StationsPage() {
  const { params } = useRouter();
  const [orgId, setOrgId] = useState<string | undefined>(params.orgId);
  const fetch = useCallback(
    async ({ user }: AdminBase) => (isManager(user) ? await api.stations.list({ limit: 100, ...(orgId ? { orgId } : {}) }) : { stations: [] as Station[] }),
    [orgId],
  );
  const { state, setState, load } = useAdmin(fetch, true);
  const [busyId, setBusyId] = useState<string | null>(null);

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  if (!isManager(state.user)) return <StateView kind='empty' message='只有管理员和团干部可以管理驿站' />;

  const choices = orgChoices(state.orgs).filter((c) => inScope(state.scope, c.id));
  const labels = new Map(orgChoices(state.orgs).map((c) => [c.id, c.label]));
  const filterIndex = orgId ? choices.findIndex((c) => c.id === orgId) + 1 : 0;

  const togglePublished = async (station: Station) => {
    if (busyId) return;
    if (station.published) {
      const { confirm } = await Taro.showModal({
        title: '下架驿站',
        content: `下架后骑手在地图上将看不到「${station.name}」，确定下架？`,
        confirmText: '下架',
      });
      if (!confirm) return;
    }
    setBusyId(station.id);
    try {
      const { station: saved } = await api.stations.setPublished({ id: station.id, published: !station.published });
      setState({ ...state, stations: state.stations.map((s) => (s.id === saved.id ? saved : s)) });
      void Taro.showToast({ title: saved.published ? '已重新上架' : '已下架', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: errorText(e, '操作失败，请重试'), icon: 'none' });
    } finally {
      setBusyId(null);
    }
  };

  return (
    <View className='page adm-page stations-admin'>
      <View className='adm-top'>
        <Button className='primary-button stations-admin__create' onClick={() => void Taro.navigateTo({ url: pageLink(PAGES.admin.stationForm, { orgId }) })}>
          登记新驿站
        </Button>
      </View>
      <View className='rh-form-section'>
        <Picker
          mode='selector'
          range={[ALL, ...choices.map((c) => c.label)]}
          value={filterIndex}
          onChange={(e) => setOrgId(choices[Number(e.detail.value) - 1]?.id)}
        >
          <View className='rh-field rh-field--picker stations-admin__filter' role='button' aria-label={`按团委筛选：${orgId ? labels.get(orgId) : ALL}`}>
            <Text>{orgId ? labels.get(orgId) : ALL}</Text>
          </View>
        </Picker>
      </View>
      {state.stations.length === 0 ? (
        <StateView kind='empty' message='这里还没有驿站' />
      ) : (
        <View className='adm-card'>
          {state.stations.map((s) => (
            <View key={s.id} className='adm-row stations-admin__row'>
              <Text className='adm-row__title'>
                {s.name}
                <Text className={`adm-badge ${s.published ? '' : 'adm-badge--off'}`}>{s.published ? '已上架' : '已下架'}</Text>
              </Text>
              <Text className='adm-row__sub'>{labels.get(s.orgId) ?? '未知团委'}</Text>
              <Text className='adm-row__sub'>{s.address}</Text>
              <View className='adm-actions'>
                <Button
                  className='secondary-button adm-button stations-admin__edit'
                  onClick={() => void Taro.navigateTo({ url: pageLink(PAGES.admin.stationForm, { id: s.id }) })}
                >
                  修改信息
                </Button>
                <Button
                  className={`secondary-button adm-button stations-admin__publish ${s.published ? 'adm-button--danger' : ''}`}
                  disabled={busyId === s.id || undefined}
                  onClick={() => void togglePublished(s)}
                >
                  {s.published ? '下架' : '重新上架'}
                </Button>
                {state.scope === undefined ? (
                  <Button
                    className='secondary-button adm-button stations-admin__staff'
                    onClick={() => void Taro.navigateTo({ url: pageLink(PAGES.admin.roles, { role: 'staff', stationId: s.id }) })}
                  >
                    指派工作人员
                  </Button>
                ) : null}
              </View>
            </View>
          ))}
          {state.cursor ? <Text className='adm-hint'>只显示了前 100 个驿站，请按团委筛选</Text> : null}
        </View>
      )}
    </View>
  );
}
