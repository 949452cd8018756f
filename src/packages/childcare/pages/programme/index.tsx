import { useCallback, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { SIGNUP_STATE_LABELS } from '../../../../../types/childcare-labels';
import type { ChildSummary, Enrolment, Programme } from '../../../../../types/childcare';
import type { User } from '../../../../../types/account';
import { api } from '../../../../api';
import { StateView } from '../../../../components/state-view';
import { PAGES, pageLink } from '../../../../../types/pages';
import '../../lib/childcare.css';
import './index.css';
import { VolunteerPlacement } from './volunteer-placement';
import { useLoad } from '../../../../lib/use-load';
import { dayLabel, shortTime, todayInShanghai } from '../../../../lib/time-format';
import { errorText } from '../../../../lib/error-text';

type Outcome = { kind: 'ok'; childName: string; enrolment: Enrolment } | { kind: 'fail'; message: string } | null;

/** Who may open a session's roster from here: the site's staff, cadres, admins and volunteers (the server decides). */
function mayOpenRoster(user: User, p: Programme): boolean {
  return (
    user.roles.includes('cadre') ||
    user.roles.includes('admin') ||
    user.roles.includes('volunteer') ||
    (p.site.stationId !== undefined && (user.stationIds ?? []).includes(p.site.stationId))
  );
}

/** One programme: course menu by date, the site with navigation, seats and waitlist; the guardian enrols a child. */
export default function ProgrammePage() {
  const { params } = useRouter();
  const id = params.id ? decodeURIComponent(params.id) : '';
  const fetch = useCallback(async () => {
    const [{ programme: p }, { children: kids }, { user }] = await Promise.all([api.childcare.programme({ id }), api.childcare.children({}), api.account.me()]);
    return { programme: p, kids, user };
  }, [id]);
  const { state, setState, load } = useLoad(fetch);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const shown = useRef(false);

  // Back from adding a child: the new child is offered at once.
  useDidShow(() => {
    if (shown.current) {
      api.childcare.children({}).then(
        ({ children: kids }) => setState((prev) => (prev.kind === 'ready' ? { ...prev, kids } : prev)),
        () => undefined,
      );
    }
    shown.current = true;
  });

  if (state.kind === 'loading') return <StateView kind='loading' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />;
  const p = state.programme;

  const navigate = () =>
    void Taro.openLocation({ latitude: p.site.location.lat, longitude: p.site.location.lng, name: p.site.name, address: p.site.address, scale: 16 }).catch(
      () => undefined,
    );

  const send = async (kid: ChildSummary) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    try {
      const { enrolment } = await api.childcare.enrol({ programmeId: p.id, childId: kid.id });
      setOutcome({ kind: 'ok', childName: kid.name, enrolment });
      try {
        const { programme: fresh } = await api.childcare.programme({ id: p.id });
        setState({ ...state, programme: fresh });
      } catch {
        // The seat count refreshes on the next pull-down.
      }
    } catch (e) {
      setOutcome({ kind: 'fail', message: errorText(e, '网络不给力，请到「我的报名」确认是否已报上') });
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const today = todayInShanghai();
  const full = p.seatsLeft === 0;

  return (
    <View className='page programme-page'>
      <View className='cc-card'>
        <Text className='cc-card__title'>{p.title}</Text>
        {p.description ? <Text className='cc-card__sub'>{p.description}</Text> : null}
        <Text className='cc-card__sub'>
          {p.ageMin}–{p.ageMax} 岁 · 共 {p.capacity} 个名额 · {SIGNUP_STATE_LABELS[p.signupState]}
        </Text>
        <Text className='cc-card__sub'>
          报名时间 {shortTime(p.signupOpens)} 至 {shortTime(p.signupCloses)}
          {p.requiresReview ? ' · 报名需审核' : ''}
        </Text>
        <Text className={`cc-seats programme-page__seats ${full ? 'cc-seats--full' : ''}`}>
          {full ? '名额已满' : `剩余 ${p.seatsLeft} 个名额`} · {p.waitlisted} 人候补
        </Text>
      </View>

      <View className='cc-card'>
        <Text className='cc-card__title'>{p.site.name}</Text>
        <Text className='cc-card__sub'>{p.site.address}</Text>
        <Button className='secondary-button cc-block-button programme-page__navigate' onClick={navigate}>
          导航到这里
        </Button>
      </View>

      <View className='cc-card'>
        <Text className='cc-card__title'>课程安排</Text>
        {p.sessions.map((s) => (
          <View key={s.date} className='cc-row programme-page__session'>
            <View className='cc-row__main'>
              <Text className='cc-row__title'>
                {dayLabel(s.date)} {s.course}
              </Text>
              <Text className='cc-row__sub'>
                {s.start}–{s.end}
                {s.date === today ? ' · 今天' : ''}
              </Text>
            </View>
            {mayOpenRoster(state.user, p) ? (
              <Button
                className='secondary-button cc-button programme-page__roster'
                onClick={() => void Taro.navigateTo({ url: pageLink(PAGES.childcare.roster, { programmeId: p.id, date: s.date }) })}
              >
                名单
              </Button>
            ) : null}
          </View>
        ))}
      </View>

      <VolunteerPlacement user={state.user} programme={p} />

      {outcome?.kind === 'ok' ? (
        <View className={`cc-result ${outcome.enrolment.status === 'confirmed' ? 'cc-result--ok' : 'cc-result--wait'} programme-page__result`}>
          <Text className='cc-result__title programme-page__result-title'>
            {outcome.enrolment.status === 'confirmed'
              ? '报名成功，名额已确认'
              : outcome.enrolment.status === 'waitlisted'
                ? `已进入候补，第 ${outcome.enrolment.position ?? '-'} 位`
                : '已提交，等待审核'}
          </Text>
          <Text className='cc-result__text'>
            {outcome.enrolment.status === 'waitlisted' ? '有名额空出时按顺序自动转正，并会通知你。' : `${outcome.childName}的报名可在「我的报名」查看。`}
          </Text>
        </View>
      ) : null}
      {outcome?.kind === 'fail' ? (
        <View className='cc-result cc-result--fail programme-page__result'>
          <Text className='cc-result__title'>报名未成功</Text>
          <Text className='cc-result__text programme-page__fail'>{outcome.message}</Text>
        </View>
      ) : null}

      <View className='cc-card'>
        <Text className='cc-card__title'>为孩子报名</Text>
        {state.kids.length === 0 ? <Text className='cc-card__sub'>还没有添加孩子，请先添加孩子信息。</Text> : null}
        {state.kids.map((k) => (
          <View key={k.id} className='cc-row'>
            <View className='cc-row__main'>
              <Text className='cc-row__title'>{k.name}</Text>
              <Text className='cc-row__sub'>{k.age} 岁</Text>
            </View>
            <Button
              className='primary-button cc-button programme-page__enrol'
              disabled={busy || p.signupState !== 'open' || undefined}
              onClick={() => void send(k)}
            >
              {full ? '候补报名' : '报名'}
            </Button>
          </View>
        ))}
        <Button className='secondary-button cc-block-button' onClick={() => void Taro.navigateTo({ url: PAGES.childcare.children })}>
          添加孩子
        </Button>
      </View>
    </View>
  );
}
