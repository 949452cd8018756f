import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { toShanghaiIso } from '../../types/time-format';
import { ApiError } from '../../src/api/client';
import { BalanceCard } from '../../src/components/balance-card';
import { Chips, FormSection, PickerField, SubmitBar, TextSection } from '../../src/components/form-kit';
import { ServiceGrid } from '../../src/components/service-grid';
import { DEFAULT_ERROR_TEXT, errorText } from '../../src/lib/error-text';
import { servicesFor } from '../../src/lib/services';
import { clockTime, currentMonth, dayLabel, dayTime, formatTime, shortTime, todayInShanghai } from '../../src/lib/time-format';
import { useLoad } from '../../src/lib/use-load';
import { must } from '../support/must';
import { quietTextareaNoise } from './review-fixtures';

beforeEach(() => {
  jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
  quietTextareaNoise();
});

const fire = (el: Element | null, type: string, value: unknown) => fireEvent(must(el, type), new CustomEvent(type, { detail: { value } }));

describe('errorText', () => {
  it("gives the server's message, else the default or the page's own fallback", () => {
    expect(errorText(new ApiError('CONFLICT', '名额已满'))).toBe('名额已满');
    expect(errorText(new Error('socket hang up'))).toBe(DEFAULT_ERROR_TEXT);
    expect(errorText(new TypeError('x'), '网络不给力，签到码未能生成，请重试')).toBe('网络不给力，签到码未能生成，请重试');
  });
});

describe('time-format', () => {
  const iso = '2026-11-21T09:30:00.000+08:00';
  it('reads the wall clock of an answer in Shanghai time', () => {
    expect(clockTime(iso)).toBe('09:30');
    expect(shortTime(iso)).toBe('11-21 09:30');
    expect(dayLabel('2026-11-21')).toBe('11月21日 周六');
    expect(dayTime(iso)).toBe('11月21日 周六 09:30');
  });

  it('puts instants on the Shanghai calendar, as the server answers them', () => {
    const lateUtc = Date.parse('2026-11-30T17:00:00Z');
    expect(toShanghaiIso(lateUtc)).toBe('2026-12-01T01:00:00.000+08:00');
    expect(todayInShanghai(lateUtc)).toBe('2026-12-01');
    expect(currentMonth(lateUtc)).toBe('2026-12');
  });

  it('formats an instant in any offset, with the year only when it is not this one', () => {
    const now = new Date('2026-11-21T00:00:00Z');
    expect(formatTime('2026-05-12T06:30:00Z', now)).toBe('05-12 14:30');
    expect(formatTime('2024-05-12T06:30:00Z', now)).toBe('2024-05-12 14:30');
    expect(formatTime('not a time', now)).toBe('');
  });
});

function Loader({ fetch, quiet }: { fetch: () => Promise<{ n: number }>; quiet?: boolean }) {
  const { state, load } = useLoad(fetch, { quiet });
  if (state.kind === 'loading') return <Text>加载中</Text>;
  if (state.kind === 'error') return <Text onClick={() => void load()}>{state.message}</Text>;
  return <Text onClick={() => void load()}>{`第 ${state.n} 次`}</Text>;
}

describe('useLoad', () => {
  it('loads on open, shows the error text, and loads again', async () => {
    const fetch = jest.fn<Promise<{ n: number }>, []>().mockRejectedValueOnce(new ApiError('INTERNAL', '服务开小差了')).mockResolvedValue({ n: 2 });
    render(<Loader fetch={fetch} />);
    expect(screen.getByText('加载中')).toBeTruthy();
    fireEvent.click(await screen.findByText('服务开小差了'));
    expect(await screen.findByText('第 2 次')).toBeTruthy();
  });

  it('keeps the page on screen while a quiet reload runs', async () => {
    let answer: (v: { n: number }) => void = () => undefined;
    const fetch = jest
      .fn<Promise<{ n: number }>, []>()
      .mockResolvedValueOnce({ n: 1 })
      .mockReturnValueOnce(new Promise((r) => (answer = r)));
    render(<Loader fetch={fetch} quiet />);
    fireEvent.click(await screen.findByText('第 1 次'));
    expect(screen.getByText('第 1 次')).toBeTruthy();
    await act(async () => answer({ n: 2 }));
    expect(screen.getByText('第 2 次')).toBeTruthy();
  });
});

function Form({ onSubmit }: { onSubmit: (v: { name: string; kind: number; tags: string[] }) => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState(-1);
  const [tags, setTags] = useState<string[]>([]);
  return (
    <View>
      <TextSection label='名称' className='t-name' value={name} maxlength={10} error={name ? undefined : '请填写名称'} onInput={setName} />
      <PickerField label='类型' className='t-kind' range={['县级', '街道']} index={kind} placeholder='请选择类型' onPick={setKind} />
      <FormSection label='标签'>
        <Chips
          className='t-tags'
          options={[
            { value: 'a', label: '甲' },
            { value: 'b', label: '乙' },
          ]}
          selected={tags}
          onToggle={(t) => setTags(tags.includes(t) ? tags.filter((x) => x !== t) : [...tags, t])}
        />
      </FormSection>
      <SubmitBar label='保存' busy={false} messages={['', '请按提示补全信息']} onSubmit={() => onSubmit({ name, kind, tags })} />
    </View>
  );
}

describe('form kit', () => {
  it('labels fields, shows their errors, and passes typed, picked and toggled values', () => {
    const onSubmit = jest.fn();
    const { container } = render(<Form onSubmit={onSubmit} />);
    expect(screen.getByText('名称', { selector: '.rh-form-section__label' })).toBeTruthy();
    expect(screen.getByText('请填写名称', { selector: '.rh-form-error' })).toBeTruthy();
    expect(screen.getByText('请选择类型', { selector: '.t-kind .rh-field__value--empty' })).toBeTruthy();

    fire(container.querySelector('.t-name'), 'input', '魏塘');
    fire(container.querySelector('taro-picker-core'), 'change', 1);
    fireEvent.click(screen.getByText('乙'));
    expect(screen.queryByText('请填写名称')).toBeNull();
    expect(screen.getByText('街道', { selector: '.t-kind .rh-field__value' })).toBeTruthy();
    expect(screen.getByText('乙').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText('甲').getAttribute('aria-pressed')).toBe('false');

    expect(container.querySelectorAll('.rh-submit__error')).toHaveLength(1);
    fireEvent.click(screen.getByText('保存'));
    expect(onSubmit).toHaveBeenCalledWith({ name: '魏塘', kind: 1, tags: ['b'] });
  });

  it('turns the submit button off while busy, with its busy label', () => {
    const onSubmit = jest.fn();
    render(<SubmitBar label='保存' busyLabel='正在保存…' busy messages={[]} onSubmit={onSubmit} fixed />);
    const button = screen.getByText('正在保存…');
    expect(button.closest('.bottom-bar')).toBeTruthy();
    expect(button.closest('[disabled]')).toBeTruthy();
  });

  it('draws a multi-line field for long text', () => {
    const { container } = render(<TextSection label='备注' multiline className='t-note' value='' maxlength={200} onInput={() => undefined} />);
    expect(container.querySelector('taro-textarea-core.t-note.rh-field--multiline')).toBeTruthy();
  });
});

describe('balance card and service grid', () => {
  it('shows a balance under its label', () => {
    render(<BalanceCard label='我的积分' value={35} />);
    expect(screen.getByText('35', { selector: '.balance-card__value' })).toBeTruthy();
  });

  it('opens an entry in one tap, and draws nothing without entries', () => {
    const { container } = render(<ServiceGrid title='服务' services={servicesFor([], 'services')} />);
    fireEvent.click(screen.getByText('12355 咨询'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/consult/pages/index/index' });
    expect(container.querySelector('.service-cell--consult')).toBeTruthy();
    const empty = render(<ServiceGrid title='工作台' services={[]} />);
    expect(empty.container.innerHTML).toBe('');
  });
});

describe('services', () => {
  const keys = (roles: Parameters<typeof servicesFor>[0], place: Parameters<typeof servicesFor>[1]) => servicesFor(roles, place).map((s) => s.key);

  it('gives riders every service and no staff or cadre entry', () => {
    const rider = keys(['rider'], 'services');
    expect(rider).toEqual(expect.arrayContaining(['consult', 'childcare', 'volunteer', 'voice', 'activities', 'points-rewards']));
    expect(rider).not.toContain('activities-scan');
    expect(keys([], 'services')).toEqual(rider);
    expect(keys(['rider'], 'workbench')).toEqual([]);
  });

  it('adds the scanner for staff and the workbench for cadres', () => {
    expect(keys(['staff'], 'services')).toContain('activities-scan');
    expect(keys(['staff'], 'workbench')).toEqual([]);
    expect(keys(['cadre'], 'workbench')).toEqual(['consult-cases', 'voice-answer', 'reports', 'activities-create', 'childcare-create', 'admin']);
  });
});
