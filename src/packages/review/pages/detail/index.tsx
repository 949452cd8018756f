import { useCallback, useEffect, useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { User } from '../../../../../types/account';
import type { Decision, ReviewItemWithHistory } from '../../../../../types/review';
import { api } from '../../../../api';
import { ApiError } from '../../../../api/client';
import { KindTag, OverdueMark, StatusBadge } from '../../../../components/review-badge';
import { REVIEW_STEP_LABELS } from '../../../../../types/review-labels';
import { dueText, isOpen } from '../../../../components/review-labels';
import { uploadPhoto } from '../../../../api/files';
import { PayloadView } from './payload-view';
import { StateView } from '../../../../components/state-view';
import { markReviewsChanged } from '../../../../lib/review-refresh';
import { PAGES, pageLink } from '../../../../../types/pages';
import { DecisionSheet } from './decision-sheet';
import { KIND_VIEWS, type DecisionCopy } from '../../kinds';
import { STANDARD_DECISIONS } from '../../kinds/kind-view';
import './index.css';
import { formatTime } from '../../../../lib/time-format';
import { errorText, isFinal } from '../../../../lib/error-text';

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; item: ReviewItemWithHistory; user: User }
  | { kind: 'not-found'; message: string }
  | { kind: 'error'; message: string; final?: boolean };

const DONE_TOAST: Record<Decision, string> = { approve: '已通过', 'needs-info': '已退回补充', reject: '已设为未通过' };
const DECISION_ORDER: Decision[] = ['approve', 'needs-info', 'reject'];
/** 已通过 for the usual decisions, else the kind's own word (已答复, 已接办个案). */
const doneToast = (decision: Decision, copy: DecisionCopy | undefined) =>
  !copy || copy === STANDARD_DECISIONS[decision] ? DONE_TOAST[decision] : `已${copy.button}`;

/** A claim takes at most this many photos (types/points.ts). */
const MAX_CLAIM_PHOTOS = 6;

function photosOf(item: ReviewItemWithHistory): string[] {
  const photos = item.payload.photos;
  return Array.isArray(photos) ? photos.filter((p): p is string => typeof p === 'string') : [];
}

async function pickPhoto(choose: (path: string) => void): Promise<void> {
  try {
    const res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['camera', 'album'] });
    const path = res.tempFilePaths[0];
    if (path) choose(path);
  } catch {
    // Cancelled: nothing to do.
  }
}

export default function ReviewDetailPage() {
  const { params } = useRouter();
  const id = params.id ? decodeURIComponent(params.id) : '';
  const [state, setState] = useState<State>({ kind: 'loading' });
  /** A message that outlives a reload, e.g. someone else decided first. */
  const [notice, setNotice] = useState('');
  const [sheet, setSheet] = useState<Decision | null>(null);
  const [busy, setBusy] = useState(false);
  const [sheetError, setSheetError] = useState('');
  const [answer, setAnswer] = useState('');
  const [answerError, setAnswerError] = useState('');
  /** A photo the submitter adds to a claim when asked for more (local path until sent). */
  const [extraPhoto, setExtraPhoto] = useState<string | null>(null);

  const load = useCallback(
    async (quiet = false) => {
      if (!id) {
        setState({ kind: 'not-found', message: '找不到这条申请' });
        return;
      }
      if (!quiet) setState({ kind: 'loading' });
      try {
        const [{ item }, { user }] = await Promise.all([api.review.get({ id }), api.account.me()]);
        setState({ kind: 'ready', item, user });
      } catch (e) {
        if (e instanceof ApiError && (e.code === 'NOT_FOUND' || e.code === 'FORBIDDEN')) {
          setState({ kind: 'not-found', message: e.message });
        } else setState({ kind: 'error', message: errorText(e), final: isFinal(e) });
      }
    },
    [id],
  );

  useEffect(() => {
    void load();
  }, [load]);

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  if (state.kind === 'not-found') return <StateView kind='empty' message={state.message} onRetry={() => void load()} />;

  const { item, user } = state;
  const reviewer = user.roles.includes('cadre') || user.roles.includes('admin');
  const canDecide = reviewer && item.submitterId !== user.id && isOpen(item.status);
  const canRespond = item.submitterId === user.id && item.status === 'needs-info';
  const due = dueText(item);
  const asked = [...item.history].reverse().find((s) => s.action === 'needs-info');
  const { decisions } = KIND_VIEWS[item.kind];

  const confirmDecision = async (decision: Decision, note: string) => {
    setBusy(true);
    setSheetError('');
    try {
      const { item: updated } = await api.review.decide({ id: item.id, decision, ...(note ? { note } : {}) });
      setState({ kind: 'ready', item: updated, user });
      setSheet(null);
      setNotice('');
      markReviewsChanged();
      void Taro.showToast({ title: doneToast(decision, decisions[decision]), icon: 'success' });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFLICT') {
        // Someone else decided first, or the item changed: say so and show what it is now.
        setSheet(null);
        setNotice(e.message);
        markReviewsChanged();
        void Taro.showToast({ title: e.message, icon: 'none' });
        await load(true);
      } else setSheetError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const sendAnswer = async () => {
    const note = answer.trim();
    if (!note) {
      setAnswerError('请填写补充说明');
      return;
    }
    setBusy(true);
    setAnswerError('');
    try {
      const photos = extraPhoto ? [...photosOf(item), await uploadPhoto(extraPhoto, 'claims')] : undefined;
      const { item: updated } = await api.review.respond({ id: item.id, note, ...(photos ? { payload: { photos } } : {}) });
      setState({ kind: 'ready', item: updated, user });
      setAnswer('');
      setExtraPhoto(null);
      markReviewsChanged();
      void Taro.showToast({ title: '已提交补充材料', icon: 'success' });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFLICT') {
        setNotice(e.message);
        await load(true);
      } else setAnswerError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className={`page review-detail ${canDecide ? 'review-detail--deciding' : ''}`}>
      {notice ? <View className='notice review-detail__notice'>{notice}</View> : null}

      <View className='review-detail__section'>
        <View className='review-detail__tags'>
          <KindTag kind={item.kind} />
          <StatusBadge status={item.status} />
          {item.overdue ? <OverdueMark /> : null}
        </View>
        <Text className='review-detail__title'>{item.title}</Text>
        <Text className='review-detail__meta'>
          {item.submitterName} · {formatTime(item.submittedAt)} 提交
        </Text>
        {item.orgName ? <Text className='review-detail__meta'>{item.orgName}</Text> : null}
        {due ? (
          <Text className={`review-detail__due ${item.overdue ? 'review-detail__due--overdue' : ''}`}>
            {due}（截止 {formatTime(item.dueAt)}）
          </Text>
        ) : null}
        {item.decidedAt ? <Text className='review-detail__meta'>{formatTime(item.decidedAt)} 处理</Text> : null}
      </View>

      <View className='review-detail__section'>
        <Text className='review-detail__heading'>申请内容</Text>
        <PayloadView item={item} />
      </View>

      {item.related && item.related.length > 0 ? (
        <View className='review-detail__section review-detail__related'>
          <Text className='review-detail__heading'>可能重复的上报</Text>
          {item.related.map((r) => (
            <View
              key={r.id}
              className='review-detail__related-row'
              onClick={() => void Taro.navigateTo({ url: pageLink(PAGES.reviewItem.detail, { id: r.id }) })}
            >
              <Text className='review-detail__related-title'>{r.title}</Text>
              {r.distanceM !== undefined ? <Text className='review-detail__related-distance'>相距 {r.distanceM} 米</Text> : null}
            </View>
          ))}
        </View>
      ) : null}

      {canRespond ? (
        <View className='review-detail__section review-detail__respond'>
          <Text className='review-detail__heading'>补充材料</Text>
          {asked?.note ? <Text className='review-detail__asked'>团干部留言：{asked.note}</Text> : null}
          <Textarea
            className='review-detail__answer'
            value={answer}
            placeholder='请写明补充的情况（必填）'
            maxlength={500}
            onInput={(e) => {
              setAnswer(e.detail.value);
              if (e.detail.value.trim()) setAnswerError('');
            }}
          />
          {item.kind === 'claim' && photosOf(item).length < MAX_CLAIM_PHOTOS ? (
            <Button className='secondary-button review-detail__add-photo' onClick={() => void pickPhoto(setExtraPhoto)}>
              {extraPhoto ? '已选照片，点此重选' : '添加照片'}
            </Button>
          ) : null}
          {answerError ? <Text className='review-detail__error'>{answerError}</Text> : null}
          <Button className='primary-button review-detail__send' onClick={() => void sendAnswer()} disabled={busy || undefined} loading={busy || undefined}>
            提交补充材料
          </Button>
        </View>
      ) : null}

      <View className='review-detail__section'>
        <Text className='review-detail__heading'>处理记录</Text>
        {item.history.map((step, i) => (
          <View key={`${step.at}-${i}`} className={`review-step review-step--${step.action}`}>
            <View className='review-step__dot' />
            <View className='review-step__body'>
              <Text className='review-step__what'>
                {REVIEW_STEP_LABELS[step.action] ?? step.action} · {step.byName}
              </Text>
              <Text className='review-step__when'>{formatTime(step.at)}</Text>
              {step.note ? <Text className='review-step__note'>{step.note}</Text> : null}
            </View>
          </View>
        ))}
      </View>

      {canDecide ? (
        <View className='bottom-bar review-detail__decide'>
          {DECISION_ORDER.filter((d) => decisions[d] && (d !== 'needs-info' || item.status === 'pending')).map((d) => (
            <Button key={d} className={`review-detail__button review-detail__button--${d}`} onClick={() => setSheet(d)}>
              {decisions[d]!.button}
            </Button>
          ))}
        </View>
      ) : null}

      {sheet && decisions[sheet] ? (
        <DecisionSheet
          key={sheet}
          decision={sheet}
          copy={decisions[sheet]!}
          itemTitle={item.title}
          busy={busy}
          error={sheetError}
          onConfirm={(note) => void confirmDecision(sheet, note)}
          onCancel={() => {
            setSheet(null);
            setSheetError('');
          }}
        />
      ) : null}
    </View>
  );
}
