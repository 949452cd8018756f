import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { StateView } from '../../../../components/state-view';
import { PAGES, pageLink } from '../../../../../types/pages';
import { ORG_KIND_LABELS } from '../../../../../types/orgs-labels';
import { inScope, isManager, mayReshape, treeRows } from '../../lib/tree';
import { nothing, useAdmin } from '../../lib/use-admin';
import '../../lib/admin.css';
import './index.css';

const open = (query: Record<string, string | undefined>) => void Taro.navigateTo({ url: pageLink(PAGES.admin.orgForm, query) });

/** The committee tree, indented; tapping a committee shows what the caller may do with it. */
export default function OrgsPage() {
  const { state, load } = useAdmin(nothing, true);
  const [selected, setSelected] = useState<string | null>(null);

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  if (!isManager(state.user)) return <StateView kind='empty' message='只有管理员和团干部可以管理团委' />;

  const { scope, orgs } = state;
  const admin = scope === undefined;
  const rows = treeRows(orgs);

  return (
    <View className='page adm-page orgs-page'>
      {admin ? (
        <View className='adm-top'>
          <Button className='secondary-button orgs-page__add-top' onClick={() => open({ mode: 'create' })}>
            添加顶级团委
          </Button>
        </View>
      ) : null}
      {rows.length === 0 ? (
        <StateView kind='empty' message='还没有团委，请先添加' />
      ) : (
        <View className='adm-card orgs-page__tree'>
          {rows.map(({ org, depth }) => {
            const manages = inScope(scope, org.id);
            const expanded = selected === org.id;
            return (
              <View key={org.id} className={`orgs-row ${expanded ? 'orgs-row--open' : ''} ${manages ? '' : 'orgs-row--outside'}`}>
                <View
                  className='orgs-row__head'
                  style={{ paddingLeft: `${depth * 1.2}em` }}
                  role='button'
                  aria-expanded={expanded}
                  onClick={() => setSelected(expanded ? null : org.id)}
                >
                  <Text className='orgs-row__name'>{org.name}</Text>
                  <Text className='orgs-row__kind'>{ORG_KIND_LABELS[org.kind]}</Text>
                </View>
                {expanded ? (
                  manages ? (
                    <View className='adm-actions orgs-row__actions'>
                      <Button className='secondary-button adm-button orgs-row__add' onClick={() => open({ mode: 'create', parentId: org.id })}>
                        添加下级
                      </Button>
                      <Button
                        className='secondary-button adm-button orgs-row__station'
                        onClick={() => void Taro.navigateTo({ url: pageLink(PAGES.admin.stationForm, { orgId: org.id }) })}
                      >
                        在此登记驿站
                      </Button>
                      {mayReshape(scope, org) ? (
                        <Button className='secondary-button adm-button orgs-row__rename' onClick={() => open({ mode: 'rename', id: org.id })}>
                          改名
                        </Button>
                      ) : null}
                      {mayReshape(scope, org) ? (
                        <Button className='secondary-button adm-button orgs-row__move' onClick={() => open({ mode: 'move', id: org.id })}>
                          调整上级
                        </Button>
                      ) : null}
                    </View>
                  ) : (
                    <Text className='adm-hint orgs-row__outside'>不在你的管理范围内</Text>
                  )
                ) : null}
              </View>
            );
          })}
        </View>
      )}
    </View>
  );
}
