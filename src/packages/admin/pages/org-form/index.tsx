import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { OrgKind } from '../../../../../types/common';
import { api } from '../../../../api';
import { orgChoices } from '../../../../components/labels/org-path';
import { StateView } from '../../../../components/state-view';
import { PickerField, SubmitBar, TextSection } from '../../../../components/form-kit';
import { ORG_KIND_LABELS } from '../../../../../types/orgs-labels';
import { inScope, isManager, subtree } from '../../lib/tree';
import { nothing, useAdmin } from '../../lib/use-admin';
import '../../lib/admin.css';
import { errorText } from '../../../../lib/error-text';

type Mode = 'create' | 'rename' | 'move';
const KINDS = Object.keys(ORG_KIND_LABELS) as OrgKind[];
const TITLES: Record<Mode, string> = { create: '添加团委', rename: '修改名称', move: '调整上级团委' };
const TOP = '（无上级，作为顶级团委）';

/** Add a committee, rename one, or move one under another: `?mode=create&parentId=…`, `?mode=rename&id=…`, `?mode=move&id=…`. */
export default function OrgFormPage() {
  const { params } = useRouter();
  const mode: Mode = params.mode === 'rename' || params.mode === 'move' ? params.mode : 'create';
  const { state, load } = useAdmin(nothing);
  const [name, setName] = useState<string | null>(null);
  const [kind, setKind] = useState<OrgKind>('town');
  const [parentId, setParentId] = useState<string | null | undefined>(params.parentId);
  const [errors, setErrors] = useState<{ name?: string; parent?: string }>({});
  const [submitError, setSubmitError] = useState('');
  const [busy, setBusy] = useState(false);

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  if (!isManager(state.user)) return <StateView kind='empty' message='只有管理员和团干部可以管理团委' />;

  const { orgs, scope } = state;
  const admin = scope === undefined;
  const org = params.id ? orgs.find((o) => o.id === params.id) : undefined;
  if (mode !== 'create' && !org) return <StateView kind='empty' message='找不到这个团委，可能已被删除' />;

  // Parents offered: committees in scope; when moving, never the committee itself or one below it.
  const below = org && mode === 'move' ? subtree(orgs, org.id) : new Set<string>();
  const parents = orgChoices(orgs).filter((c) => inScope(scope, c.id) && !below.has(c.id));
  const parentOptions = admin ? [{ id: null, label: TOP }, ...parents] : parents;
  const chosenParent = parentId === undefined ? (mode === 'move' ? (org?.parentId ?? null) : undefined) : parentId;
  const parentIndex = chosenParent === undefined ? -1 : parentOptions.findIndex((c) => c.id === chosenParent);
  const shownName = name ?? (mode === 'rename' ? (org?.name ?? '') : '');

  const submit = async () => {
    const found: typeof errors = {};
    const trimmed = shownName.trim();
    if (mode !== 'move' && (trimmed.length < 1 || trimmed.length > 40)) found.name = '请填写团委名称（最多 40 个字）';
    if (mode !== 'rename' && (chosenParent === undefined || (!admin && !chosenParent))) found.parent = '请选择上级团委';
    setErrors(found);
    setSubmitError('');
    if (Object.keys(found).length > 0 || busy) return;
    setBusy(true);
    try {
      if (mode === 'create') await api.orgs.create({ name: trimmed, kind, ...(chosenParent ? { parentId: chosenParent } : {}) });
      else if (mode === 'rename') await api.orgs.rename({ id: org!.id, name: trimmed });
      else await api.orgs.move({ id: org!.id, ...(chosenParent ? { parentId: chosenParent } : {}) });
      void Taro.showToast({ title: '已保存', icon: 'success' });
      void Taro.navigateBack();
    } catch (e) {
      setSubmitError(errorText(e, '保存失败，请检查网络后重试'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page adm-page org-form'>
      <View className='adm-card'>
        <Text className='adm-row__title'>{TITLES[mode]}</Text>
        {org ? <Text className='adm-row__sub'>{`当前：${org.name}（${ORG_KIND_LABELS[org.kind]}）`}</Text> : null}
      </View>
      {mode !== 'move' ? (
        <TextSection
          label='团委名称'
          className='org-form__name'
          value={shownName}
          maxlength={40}
          placeholder='例如：魏塘街道团工委'
          error={errors.name}
          onInput={(v) => {
            setName(v);
            setErrors((e) => ({ ...e, name: undefined }));
          }}
        />
      ) : null}
      {mode === 'create' ? (
        <PickerField
          label='类型'
          className='org-form__kind'
          range={KINDS.map((k) => ORG_KIND_LABELS[k])}
          index={KINDS.indexOf(kind)}
          onPick={(i) => setKind(KINDS[i] ?? kind)}
        />
      ) : null}
      {mode !== 'rename' ? (
        parentOptions.length === 0 ? (
          <StateView kind='empty' message='没有可以选择的上级团委' />
        ) : (
          <PickerField
            label='上级团委'
            className='org-form__parent'
            range={parentOptions.map((c) => c.label)}
            index={parentIndex}
            error={errors.parent}
            onPick={(i) => {
              setParentId(parentOptions[i]?.id ?? null);
              setErrors((e) => ({ ...e, parent: undefined }));
            }}
          />
        )
      ) : null}
      <SubmitBar label='保存' busy={busy} busyLabel='正在保存…' messages={[submitError]} onSubmit={() => void submit()} />
    </View>
  );
}
