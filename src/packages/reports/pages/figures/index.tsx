import { useCallback, useEffect, useState } from 'react';
import { Button, Picker, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { ReportSummary } from '../../../../../types/reports';
import { FIGURE_KEYS, FIGURES } from '../../../../../types/report-labels';
import { CATEGORY_NAMES, CONSULT_CATEGORIES } from '../../../../../types/consult-labels';
import { PAGES, pageLink } from '../../../../../types/pages';
import { api } from '../../../../api';
import { StateView } from '../../../../components/state-view';
import { errorText, isFinal } from '../../../../lib/error-text';
import { Bars } from '../../bars';
import { PERIOD_LABELS, periodOf, periodText, shanghaiToday, type Period, type PeriodKind } from '../../period';
import { saveCsv } from '../../save-csv';
import './index.css';

const PERIOD_KINDS: PeriodKind[] = ['month', 'lastMonth', 'quarter', 'year', 'custom'];
const TOP_STATIONS = 10;

type State = { kind: 'loading' } | { kind: 'error'; message: string; final?: boolean } | { kind: 'ready'; report: ReportSummary };

/** The committee the page opens on: the one asked for, else the caller's first committee (an admin's: the top one). */
async function defaultOrg(): Promise<string | null> {
  const { user } = await api.account.me();
  if (user.cadreOrgIds?.[0]) return user.cadreOrgIds[0];
  if (!user.roles.includes('admin')) return null;
  const { orgs } = await api.orgs.tree();
  return orgs.find((o) => !o.parentId)?.id ?? null;
}

const format = (n: number) => n.toLocaleString('zh-CN');

export default function FiguresPage() {
  const { params } = useRouter();
  const today = shanghaiToday();
  const [orgId, setOrgId] = useState<string | null>(params.orgId ? decodeURIComponent(params.orgId) : null);
  const [periodKind, setPeriodKind] = useState<PeriodKind>(params.from ? 'custom' : 'month');
  const [period, setPeriod] = useState<Period>(params.from && params.to ? { from: params.from, to: params.to } : periodOf('month', today));
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [exporting, setExporting] = useState(false);

  // Without a committee asked for, the first run finds the caller's and sets it, which runs this again.
  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      if (orgId) setState({ kind: 'ready', report: await api.reports.summary({ orgId, ...period }) });
      else {
        const id = await defaultOrg();
        if (id) setOrgId(id);
        else setState({ kind: 'error', message: '只有团干部和管理员可以查看数据' });
      }
    } catch (e) {
      setState({ kind: 'error', message: errorText(e), final: isFinal(e) });
    }
  }, [orgId, period]);

  useEffect(() => {
    void load();
  }, [load]);

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const choose = (kind: PeriodKind) => {
    setPeriodKind(kind);
    if (kind !== 'custom') setPeriod(periodOf(kind, today));
  };

  const onExport = async (report: ReportSummary) => {
    setExporting(true);
    try {
      await saveCsv(await api.reports.export({ orgId: report.org.id, from: report.from, to: report.to }));
    } catch (e) {
      void Taro.showToast({ title: errorText(e), icon: 'none' });
    } finally {
      setExporting(false);
    }
  };

  const periodPicker = (
    <View className='reports-period'>
      <View className='reports-period__chips'>
        {PERIOD_KINDS.map((kind) => (
          <View
            key={kind}
            className={`reports-chip ${periodKind === kind ? 'reports-chip--on' : ''}`}
            role='button'
            aria-pressed={periodKind === kind}
            onClick={() => choose(kind)}
          >
            {PERIOD_LABELS[kind]}
          </View>
        ))}
      </View>
      {periodKind === 'custom' ? (
        <View className='reports-period__dates'>
          <Picker mode='date' value={period.from} end={period.to} onChange={(e) => setPeriod({ ...period, from: String(e.detail.value) })}>
            <View className='reports-date' role='button'>
              从 {period.from}
            </View>
          </Picker>
          <Picker mode='date' value={period.to} start={period.from} onChange={(e) => setPeriod({ ...period, to: String(e.detail.value) })}>
            <View className='reports-date' role='button'>
              到 {period.to}
            </View>
          </Picker>
        </View>
      ) : null}
    </View>
  );

  if (state.kind !== 'ready') {
    return (
      <View className='page reports-page'>
        {periodPicker}
        {state.kind === 'loading' ? (
          <StateView kind='loading' message='正在统计…' />
        ) : (
          <StateView kind='error' message={state.message} onRetry={state.final ? undefined : () => void load()} />
        )}
      </View>
    );
  }

  const r = state.report;
  const quiet = r.visits === 0 && r.pointsIssued === 0 && r.consultations === 0 && r.childcareSessions === 0 && r.volunteerHours === 0 && r.casesOpened === 0;
  return (
    <View className='page reports-page'>
      <View className='reports-head'>
        <Text className='reports-head__org'>{r.org.name}</Text>
        <Text className='reports-head__period'>{periodText(r)}（含下级团委）</Text>
      </View>
      {periodPicker}

      {quiet ? <StateView kind='empty' message='这个时段还没有服务记录' /> : null}

      <View className='reports-figures'>
        {FIGURE_KEYS.map((key) => (
          <View key={key} className={`reports-figure reports-figure--${key}`}>
            <Text className='reports-figure__value'>{format(r[key])}</Text>
            <Text className='reports-figure__name'>
              {FIGURES[key].name}（{FIGURES[key].unit}）
            </Text>
            <Text className='reports-figure__counts'>{FIGURES[key].counts}</Text>
          </View>
        ))}
      </View>

      {r.consultations > 0 ? (
        <View className='reports-card'>
          <Text className='reports-card__title'>咨询按类别</Text>
          <Bars
            rows={CONSULT_CATEGORIES.filter((c) => r.consultationsByCategory[c] > 0).map((c) => ({
              label: CATEGORY_NAMES[c],
              value: r.consultationsByCategory[c],
            }))}
          />
        </View>
      ) : null}

      {r.trend.length > 1 ? (
        <View className='reports-card reports-trend'>
          <Text className='reports-card__title'>每月服务人次</Text>
          <Bars rows={r.trend.map((m) => ({ label: `${Number(m.month.slice(5))}月`, value: m.visits }))} />
          <Text className='reports-card__title'>每月发放积分</Text>
          <Bars rows={r.trend.map((m) => ({ label: `${Number(m.month.slice(5))}月`, value: m.pointsIssued }))} />
        </View>
      ) : null}

      <View className='reports-card reports-stations'>
        <Text className='reports-card__title'>服务人次最多的驿站</Text>
        {r.byStation.length === 0 ? (
          <StateView kind='empty' message='这个时段没有驿站签到' />
        ) : (
          r.byStation.slice(0, TOP_STATIONS).map((s, i) => (
            <View key={s.stationId} className='reports-row'>
              <Text className='reports-row__rank'>{i + 1}</Text>
              <Text className='reports-row__name'>{s.name}</Text>
              <Text className='reports-row__value'>
                {format(s.visits)} 人次 · {format(s.uniqueRiders)} 人
              </Text>
            </View>
          ))
        )}
      </View>

      {r.children.length ? (
        <View className='reports-card reports-children'>
          <Text className='reports-card__title'>下级团委</Text>
          {r.children.map((c) => (
            <View
              key={c.orgId}
              className='reports-row reports-row--link'
              role='button'
              onClick={() => void Taro.navigateTo({ url: pageLink(PAGES.reports.figures, { orgId: c.orgId, from: r.from, to: r.to }) })}
            >
              <Text className='reports-row__name'>{c.name}</Text>
              <Text className='reports-row__value'>
                {format(c.visits)} 人次 · {format(c.uniqueRiders)} 人 ›
              </Text>
            </View>
          ))}
        </View>
      ) : null}

      {r.opinions ? (
        <View className='reports-card'>
          <Text className='reports-card__title'>团团递语</Text>
          <Text className='reports-card__line'>
            收到意见 {r.opinions.received} 条，已答复 {r.opinions.answered} 条
          </Text>
        </View>
      ) : null}

      <Button
        className='secondary-button reports-registry-link'
        onClick={() => void Taro.navigateTo({ url: pageLink(PAGES.reports.registry, { orgId: r.org.id }) })}
      >
        摸清底数：骑手名册统计
      </Button>

      <View className='bottom-bar'>
        <Button className='primary-button reports-export' loading={exporting || undefined} disabled={exporting || undefined} onClick={() => void onExport(r)}>
          导出表格（CSV）
        </Button>
      </View>
    </View>
  );
}
