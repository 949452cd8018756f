import { fireEvent, render, screen } from '@testing-library/react';
import { api } from '../../src/api';
import { ApiError } from '../../src/api/client';
import OpinionsPage from '../../src/packages/voice/pages/opinions/index';
import SendOpinionPage from '../../src/packages/voice/pages/send-opinion/index';
import { quietInputCore, typeInto } from './checkin-points-helpers';

jest.mock('../../src/api', () => jest.requireActual('./support/api-mock').apiMock());
const me = jest.mocked(api.account.me);
const sendOpinion = jest.mocked(api.voice.sendOpinion);
const myOpinions = jest.mocked(api.voice.myOpinions);
const answers = jest.mocked(api.voice.answers);

const OPINION = {
  id: 'op1',
  orgId: 'org-weitang',
  area: 'rights' as const,
  text: '站点要求超时工作',
  anonymous: true,
  status: 'open' as const,
  at: '2026-11-18T10:00:00+08:00',
  published: false,
  reviewId: 'rv1',
};

beforeEach(() => {
  quietInputCore();
  jest.resetAllMocks();
  me.mockResolvedValue({ user: { id: 'u-li', displayName: '李小哥', roles: ['rider'], orgId: 'org-weitang' } });
});

describe('团团递语 form', () => {
  it('offers the nine areas, is anonymous by default and sends the chosen area', async () => {
    sendOpinion.mockResolvedValue({ opinion: OPINION });
    render(<SendOpinionPage />);
    for (const name of ['权益保障', '交通安全', '政策咨询', '驿站服务', '法律', '社保', '医保', '健康', '生活'])
      expect(await screen.findByText(name)).toBeTruthy();
    typeInto('.opinion-text', '站点要求超时工作');
    fireEvent.click(screen.getByText('提交递语'));
    expect(await screen.findByText('请先选择一个方面')).toBeTruthy();
    fireEvent.click(screen.getByText('权益保障'));
    fireEvent.click(screen.getByText('提交递语'));
    expect(await screen.findByText('已送达团委')).toBeTruthy();
    expect(screen.getByText('你选择了匿名，团委看不到你的名字')).toBeTruthy();
    expect(sendOpinion).toHaveBeenCalledWith({ area: 'rights', text: '站点要求超时工作', anonymous: true });
  });

  it('sends with the name when the rider turns anonymity off, and shows a refusal', async () => {
    sendOpinion.mockRejectedValue(new ApiError('RATE_LIMITED', '提交太频繁了'));
    render(<SendOpinionPage />);
    fireEvent.click(await screen.findByText('交通安全'));
    fireEvent.click(screen.getByText('✓ 匿名提交'));
    expect(screen.getByText('团委会看到你的名字')).toBeTruthy();
    typeInto('.opinion-text', '路口红绿灯太短');
    fireEvent.click(screen.getByText('提交递语'));
    expect(await screen.findByText('提交太频繁了')).toBeTruthy();
    expect(sendOpinion).toHaveBeenCalledWith({ area: 'safety', text: '路口红绿灯太短', anonymous: false });
  });

  it('asks a rider without a committee to choose one first', async () => {
    me.mockResolvedValue({ user: { id: 'u-li', displayName: '李小哥', roles: ['rider'] } });
    render(<SendOpinionPage />);
    expect(await screen.findByText('递语前，请先在“我的”里选择所属团委')).toBeTruthy();
  });
});

describe('团团递语 threads', () => {
  it('shows the rider’s threads with answers, and the published answers on their tab', async () => {
    myOpinions.mockResolvedValue({
      opinions: [{ ...OPINION, status: 'answered', answer: '已约谈站点负责人', answeredAt: '2026-11-18T15:00:00+08:00', published: true }],
    });
    answers.mockResolvedValue({
      answers: [
        { id: 'op2', orgId: 'org-weitang', area: 'safety', question: '红绿灯太短怎么办', answer: '已向交警反映', answeredAt: '2026-11-18T16:00:00+08:00' },
      ],
    });
    render(<OpinionsPage />);
    expect(await screen.findByText('团委答复：已约谈站点负责人')).toBeTruthy();
    expect(screen.getByText('已公开（不显示你的名字）')).toBeTruthy();
    fireEvent.click(screen.getByText('公开答复'));
    expect(screen.getByText('问：红绿灯太短怎么办')).toBeTruthy();
    expect(screen.getByText('答：已向交警反映')).toBeTruthy();
  });

  it('shows empty and error states with a retry', async () => {
    myOpinions.mockRejectedValueOnce(new ApiError('INTERNAL', '网络不给力')).mockResolvedValue({ opinions: [] });
    answers.mockResolvedValue({ answers: [] });
    render(<OpinionsPage />);
    expect(await screen.findByText('网络不给力')).toBeTruthy();
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('你还没有递过话')).toBeTruthy();
  });
});
