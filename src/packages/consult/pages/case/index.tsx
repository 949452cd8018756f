import { useCallback, useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { Chips } from '../../../../components/form-kit';
import Taro, { useRouter } from '@tarojs/taro';
import {
  CASE_OUTCOMES,
  CASE_STATUS_NAMES,
  CATEGORY_NAMES,
  OUTCOME_NAMES,
  RATING_NAMES,
  RATINGS,
  type CaseOutcome,
  type Rating,
} from '../../../../../types/consult-labels';
import type { ConsultCase } from '../../../../../types/consult';
import { api } from '../../../../api';
import { StateView } from '../../../../components/state-view';
import { Hotline } from '../../components/hotline';
import '../../lib/consult.css';
import { useLoad } from '../../../../lib/use-load';
import { dayTime } from '../../../../lib/time-format';
import { errorText } from '../../../../lib/error-text';

/** A case: its number, status and steps (the rider sees those meant for them); cadres take, follow and close it. */
export default function CasePage() {
  const { params } = useRouter();
  const id = decodeURIComponent(params.id ?? '');
  const fetchCase = useCallback(async () => ({ c: (await api.consult.case({ id })).case }), [id]);
  const { state, setState, load } = useLoad(fetchCase);
  const [note, setNote] = useState('');
  const [visible, setVisible] = useState(true);
  const [outcome, setOutcome] = useState<CaseOutcome>('resolved');
  const [score, setScore] = useState<Rating | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const run = async (action: () => Promise<ConsultCase | null>, done: string) => {
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      const next = await action();
      if (next) setState({ kind: 'ready', c: next });
      else await load();
      setNote('');
      void Taro.showToast({ title: done, icon: 'success' });
    } catch (e) {
      setError(errorText(e, '提交失败，请重试'));
    } finally {
      setBusy(false);
    }
  };

  if (!id) return <StateView kind='error' message='缺少个案编号' />;
  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  const { c } = state;
  const needNote = () => {
    if (note.trim().length < 2) {
      setError('请至少写 2 个字');
      return false;
    }
    return true;
  };

  return (
    <View className='page case-page'>
      <Hotline />
      <View className='consult-card'>
        <Text className='consult-card__title'>
          个案 {c.number}
          <Text className={`consult-status consult-status--${c.status}`}>{CASE_STATUS_NAMES[c.status]}</Text>
        </Text>
        <Text className='consult-row__sub'>
          {CATEGORY_NAMES[c.category]} · {c.orgName ?? '团委'} · 咨询师 {c.counsellorName}
        </Text>
        {c.riderName ? <Text className='consult-row__sub'>求助骑手：{c.riderName}</Text> : null}
        {c.topic ? <Text className='consult-row__sub'>问题：{c.topic}</Text> : null}
        {c.phone ? <Text className='consult-row__sub'>电话：{c.phone}</Text> : null}
        {c.summary ? <Text className='consult-row__sub'>咨询师小结：{c.summary}</Text> : null}
        {c.outcome ? <Text className='consult-row__sub'>办理结果：{OUTCOME_NAMES[c.outcome]}</Text> : null}
        {c.rating ? <Text className='consult-row__sub'>评价：{RATING_NAMES[c.rating.score]}</Text> : null}
      </View>

      <View className='consult-card'>
        <Text className='consult-card__title'>办理进展</Text>
        {c.steps.map((s) => (
          <View key={s.id} className='consult-row'>
            <Text className='consult-row__sub'>
              {dayTime(s.at)} · {s.byName}
              {s.visible ? '' : ' · 内部记录'}
            </Text>
            {s.note ? <Text className='consult-row__title'>{s.note}</Text> : null}
          </View>
        ))}
      </View>

      {c.viewer === 'cadre' && c.status === 'open' ? (
        <View className='consult-card'>
          <Text className='consult-hint'>接办后可以添加办理记录并办结。</Text>
          <Button
            className='primary-button'
            disabled={busy || undefined}
            onClick={() => void run(async () => (await api.review.decide({ id: c.reviewId, decision: 'approve', note: '接办个案' }), null), '已接办')}
          >
            接办这个个案
          </Button>
        </View>
      ) : null}

      {c.viewer === 'cadre' && c.status === 'taken' ? (
        <View className='consult-card'>
          <Text className='consult-card__title'>添加办理记录</Text>
          <Textarea className='consult-textarea' value={note} maxlength={500} placeholder='做了什么、下一步是什么' onInput={(e) => setNote(e.detail.value)} />
          <Chips
            className='case-visible'
            options={[{ value: 'visible', label: visible ? '✓ 骑手可见' : '骑手可见' }]}
            selected={visible ? ['visible'] : []}
            onToggle={() => setVisible(!visible)}
          />
          <Button
            className='secondary-button'
            disabled={busy || undefined}
            onClick={() => needNote() && void run(async () => (await api.consult.addStep({ caseId: c.id, note: note.trim(), visible })).case, '已添加')}
          >
            添加记录
          </Button>
          <Text className='consult-card__title case-page__gap'>办结</Text>
          <View className='consult-grid'>
            {CASE_OUTCOMES.map((o) => (
              <View key={o} className={`consult-chip ${outcome === o ? 'consult-chip--on' : ''}`} onClick={() => setOutcome(o)}>
                {OUTCOME_NAMES[o]}
              </View>
            ))}
          </View>
          <Button
            className='primary-button'
            disabled={busy || undefined}
            onClick={() => needNote() && void run(async () => (await api.consult.closeCase({ caseId: c.id, outcome, note: note.trim() })).case, '已办结')}
          >
            以上面的记录办结
          </Button>
        </View>
      ) : null}

      {c.viewer === 'rider' && c.status === 'closed' && !c.rating ? (
        <View className='consult-card'>
          <Text className='consult-card__title'>这次帮助怎么样？</Text>
          <View className='consult-grid'>
            {RATINGS.map((r) => (
              <View key={r} className={`consult-chip ${score === r ? 'consult-chip--on' : ''}`} onClick={() => setScore(r)}>
                {RATING_NAMES[r]}
              </View>
            ))}
          </View>
          <Textarea className='consult-textarea' value={note} maxlength={200} placeholder='想说的话（可不填）' onInput={(e) => setNote(e.detail.value)} />
          <Button
            className='primary-button'
            disabled={!score || busy || undefined}
            onClick={() =>
              score &&
              void run(async () => (await api.consult.rate({ caseId: c.id, score, ...(note.trim() ? { comment: note.trim() } : {}) })).case, '谢谢评价')
            }
          >
            提交评价
          </Button>
        </View>
      ) : null}

      {error ? <Text className='consult-error'>{error}</Text> : null}
    </View>
  );
}
