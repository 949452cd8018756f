import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { Current } from '@tarojs/runtime';
import { api } from '../../src/api';
import { ApiError } from '../../src/api/client';
import * as filesApi from '../../src/api/files';
import ReviewDetailPage from '../../src/packages/review/pages/detail/index';
import { station } from './fixtures';
import { quietTextareaNoise, reviewItem, withHistory } from './review-fixtures';

jest.mock('../../src/api', () => jest.requireActual('./support/api-mock').apiMock());
jest.mock('../../src/api/files');
const uploadPhoto = jest.mocked(filesApi.uploadPhoto);
const nearby = jest.mocked(api.stations.nearby);
const getStation = jest.mocked(api.stations.get);
const me = jest.mocked(api.account.me);
const get = jest.mocked(api.review.get);
const decide = jest.mocked(api.review.decide);
const respond = jest.mocked(api.review.respond);

const CADRE = { id: 'u-cadre', displayName: '王书记', roles: ['cadre' as const], cadreOrgIds: ['org-jiashan'] };
const RIDER = { id: 'u-rider', displayName: '小李', roles: ['rider' as const], orgId: 'org-jiashan' };
const AT = '2025-05-12T14:30:00+08:00';

const PENDING = withHistory(
  reviewItem(
    { id: 'r1', title: '新驿站：罗星驿站', payload: { stationId: 's9', name: '罗星驿站', address: '嘉善县罗星街道 8 号', services: ['charging', 'toilet'] } },
    -3,
  ),
);

function openWith(params: Record<string, string>) {
  Current.router = { params, path: '/packages/review/pages/detail/index', $taroPath: 'detail', onReady: '', onHide: '', onShow: '' };
}

beforeEach(() => {
  for (const m of [me, get, decide, respond, nearby, getStation, uploadPhoto]) m.mockReset();
  getStation.mockRejectedValue(new ApiError('NOT_FOUND', '找不到这个驿站'));
  nearby.mockResolvedValue({ stations: [] });
  openWith({ id: 'r1' });
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' });
  quietTextareaNoise();
});

async function openAsCadre() {
  me.mockResolvedValue({ user: CADRE });
  get.mockResolvedValue({ item: PENDING });
  const view = render(<ReviewDetailPage />);
  await waitFor(() => expect(screen.getByText('新驿站：罗星驿站')).toBeTruthy());
  return view;
}

describe('review detail: reading an item', () => {
  it('shows the payload per kind, the overdue mark and the history', async () => {
    me.mockResolvedValue({ user: CADRE });
    get.mockResolvedValue({
      item: withHistory(
        reviewItem(
          {
            id: 'r1',
            kind: 'claim',
            title: '安全隐患上报：桥下积水',
            payload: { kind: 'hazard', description: '桥下积水很深', points: 20, location: { lat: 30.84123, lng: 120.92645 } },
            related: [{ id: 'r7', title: '安全隐患上报：桥洞积水', distanceM: 42 }],
          },
          -30,
        ),
        [{ at: AT, byId: 'u-x', byName: '李干事', action: 'needs-info', note: '请补充现场照片' }],
      ),
    });
    render(<ReviewDetailPage />);
    await waitFor(() => expect(screen.getByText('安全隐患上报：桥下积水')).toBeTruthy());
    expect(get).toHaveBeenCalledWith({ id: 'r1' });
    expect(screen.getByText('安全隐患上报')).toBeTruthy();
    expect(screen.getByText('桥下积水很深')).toBeTruthy();
    expect(screen.getByText('20 分')).toBeTruthy();
    expect(screen.getByText('坐标 30.84123, 120.92645', { exact: false })).toBeTruthy();
    expect(document.querySelector('.review-detail__place .station-map__place')).toBeTruthy();
    expect(screen.getByText('已超时', { selector: '.review-overdue' })).toBeTruthy();
    expect(screen.getByText('提交申请 · 小李')).toBeTruthy();
    expect(screen.getByText('退回补充材料 · 李干事')).toBeTruthy();
    expect(screen.getByText('05-12 14:30', { exact: false })).toBeTruthy();
    expect(screen.getByText('请补充现场照片')).toBeTruthy();
    expect(screen.getByText('相距 42 米')).toBeTruthy();
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
    fireEvent.click(screen.getByText('安全隐患上报：桥洞积水'));
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/review/pages/detail/index?id=r7' });
  });

  it('shows a placed station with its address, a small map with the stations around it, and the coordinates', async () => {
    me.mockResolvedValue({ user: CADRE });
    // The request names the station; the station (not yet published, a cadre may preview it) has the place.
    getStation.mockResolvedValue({ station: station({ id: 's9', location: { lat: 30.841, lng: 120.926 }, published: false }) });
    nearby.mockResolvedValue({
      stations: [
        station({ id: 'far', name: '罗星爱心驿站', distanceM: 900, location: { lat: 30.849, lng: 120.926 } }),
        station({ id: 'near', name: '魏塘小哥驿站', distanceM: 240, location: { lat: 30.843, lng: 120.926 } }),
      ],
    });
    get.mockResolvedValue({
      item: withHistory(
        reviewItem({ id: 'r1', title: '新驿站：罗星驿站', payload: { stationId: 's9', name: '罗星驿站', address: '嘉善县罗星街道 8 号', services: [] } }, -3),
      ),
    });
    render(<ReviewDetailPage />);
    await waitFor(() => expect(screen.getByText('距最近的驿站「魏塘小哥驿站」约 240 m')).toBeTruthy());
    expect(getStation).toHaveBeenCalledWith({ id: 's9' });
    expect(nearby).toHaveBeenCalledWith({ lat: 30.841, lng: 120.926, radiusM: 3000, limit: 5 });
    expect(screen.getByText('嘉善县罗星街道 8 号', { selector: '.review-detail__place-address' })).toBeTruthy();
    expect(screen.getByText('坐标 30.84100, 120.92600', { exact: false })).toBeTruthy();
    // The small map is to scale: 罗星 (900 m north) lies beyond it, 魏塘 (240 m) on it.
    expect(document.querySelectorAll('.review-detail__place .station-map__pin')).toHaveLength(1);
    expect(document.querySelector('.review-detail__place .station-map__place')).toBeTruthy();
  });

  it('shows no decision bar to the submitter', async () => {
    me.mockResolvedValue({ user: RIDER });
    get.mockResolvedValue({ item: PENDING });
    render(<ReviewDetailPage />);
    await waitFor(() => expect(screen.getByText('新驿站：罗星驿站')).toBeTruthy());
    expect(screen.getByText('罗星驿站')).toBeTruthy();
    expect(screen.getByText('充电')).toBeTruthy();
    expect(screen.queryByText('通过')).toBeNull();
    expect(screen.queryByText('补充材料', { selector: '.review-detail__heading' })).toBeNull();
  });

  it('says so when the item cannot be read', async () => {
    me.mockResolvedValue({ user: RIDER });
    get.mockRejectedValue(new ApiError('FORBIDDEN', '你无权查看这条申请'));
    render(<ReviewDetailPage />);
    await waitFor(() => expect(screen.getByText('你无权查看这条申请')).toBeTruthy());
  });
});

describe('review detail: the decision sheet', () => {
  it('approves in two taps: 通过, then 确认通过', async () => {
    await openAsCadre();
    const approved = {
      ...PENDING,
      status: 'approved' as const,
      overdue: false,
      history: [...PENDING.history, { at: AT, byId: 'u-cadre', byName: '王书记', action: 'approved' as const }],
    };
    decide.mockResolvedValue({ item: approved });
    fireEvent.click(screen.getByText('通过'));
    expect(screen.getByText('通过这条申请')).toBeTruthy();
    fireEvent.click(screen.getByText('确认通过'));
    await waitFor(() => expect(screen.getByText('已通过', { selector: '.review-status' })).toBeTruthy());
    expect(decide).toHaveBeenCalledWith({ id: 'r1', decision: 'approve' });
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已通过', icon: 'success' });
    expect(screen.getByText('通过 · 王书记')).toBeTruthy();
    expect(screen.queryByText('确认通过')).toBeNull();
    expect(screen.queryByText('不通过')).toBeNull();
  });

  it('refuses a rejection without a note, then sends it with the note', async () => {
    const { container } = await openAsCadre();
    fireEvent.click(screen.getByText('不通过'));
    fireEvent.click(screen.getByText('确认不通过'));
    expect(screen.getByText('请写明不通过的原因')).toBeTruthy();
    expect(decide).not.toHaveBeenCalled();

    decide.mockResolvedValue({ item: { ...PENDING, status: 'rejected' } });
    const note = container.querySelector('.decision-sheet__note') as Element;
    fireEvent(note, new CustomEvent('input', { detail: { value: '附近已有驿站' } }));
    expect(screen.queryByText('请写明不通过的原因')).toBeNull();
    fireEvent.click(screen.getByText('确认不通过'));
    await waitFor(() => expect(screen.getByText('未通过', { selector: '.review-status' })).toBeTruthy());
    expect(decide).toHaveBeenCalledWith({ id: 'r1', decision: 'reject', note: '附近已有驿站' });
  });

  it('asks for more information with a preset note', async () => {
    await openAsCadre();
    decide.mockResolvedValue({ item: { ...PENDING, status: 'needs-info' } });
    fireEvent.click(screen.getByText('退回补充'));
    fireEvent.click(screen.getByText('确认退回'));
    expect(screen.getByText('请写明需要补充的材料')).toBeTruthy();
    fireEvent.click(screen.getByText('请补充现场照片'));
    fireEvent.click(screen.getByText('确认退回'));
    await waitFor(() => expect(decide).toHaveBeenCalledWith({ id: 'r1', decision: 'needs-info', note: '请补充现场照片' }));
  });

  it('shows the server message on CONFLICT and reloads the item', async () => {
    await openAsCadre();
    decide.mockRejectedValue(new ApiError('CONFLICT', '这条申请已经处理过了'));
    get.mockResolvedValue({ item: { ...PENDING, status: 'approved', overdue: false } });
    fireEvent.click(screen.getByText('通过'));
    fireEvent.click(screen.getByText('确认通过'));
    await waitFor(() => expect(screen.getByText('这条申请已经处理过了')).toBeTruthy());
    await waitFor(() => expect(screen.getByText('已通过', { selector: '.review-status' })).toBeTruthy());
    expect(get).toHaveBeenCalledTimes(2);
    expect(screen.queryByText('确认通过')).toBeNull();
    expect(screen.queryByText('不通过')).toBeNull();
  });

  it('keeps the sheet open with the message on other failures', async () => {
    await openAsCadre();
    decide.mockRejectedValue(new ApiError('INTERNAL', '网络不给力，请检查网络后重试'));
    fireEvent.click(screen.getByText('通过'));
    fireEvent.click(screen.getByText('确认通过'));
    await waitFor(() => expect(screen.getByText('网络不给力，请检查网络后重试')).toBeTruthy());
    expect(screen.getByText('确认通过')).toBeTruthy();
    fireEvent.click(screen.getByText('取消'));
    expect(screen.queryByText('确认通过')).toBeNull();
  });
});

describe('review detail: answering a request for information', () => {
  it('lets the submitter add the missing details', async () => {
    const waiting = withHistory(reviewItem({ id: 'r1', status: 'needs-info', title: '新驿站：罗星驿站' }), [
      { at: AT, byId: 'u-cadre', byName: '王书记', action: 'needs-info', note: '请补充门牌号' },
    ]);
    me.mockResolvedValue({ user: RIDER });
    get.mockResolvedValue({ item: waiting });
    const { container } = render(<ReviewDetailPage />);
    await waitFor(() => expect(screen.getByText('团干部留言：请补充门牌号')).toBeTruthy());
    expect(screen.queryByText('通过')).toBeNull();

    fireEvent.click(screen.getByText('提交补充材料'));
    expect(screen.getByText('请填写补充说明')).toBeTruthy();
    expect(respond).not.toHaveBeenCalled();

    respond.mockResolvedValue({
      item: {
        ...waiting,
        status: 'pending',
        history: [...waiting.history, { at: AT, byId: 'u-rider', byName: '小李', action: 'info-added', note: '罗星街道 8 号' }],
      },
    });
    fireEvent(container.querySelector('.review-detail__answer') as Element, new CustomEvent('input', { detail: { value: '罗星街道 8 号' } }));
    fireEvent.click(screen.getByText('提交补充材料'));
    await waitFor(() => expect(screen.getByText('待审核', { selector: '.review-status' })).toBeTruthy());
    expect(respond).toHaveBeenCalledWith({ id: 'r1', note: '罗星街道 8 号' });
    expect(screen.getByText('补充材料 · 小李')).toBeTruthy();
    expect(screen.queryByText('提交补充材料')).toBeNull();
  });

  it('lets a claimant answer “please add a photo” with a photo', async () => {
    const waiting = withHistory(
      reviewItem({
        id: 'r2',
        kind: 'claim',
        status: 'needs-info',
        title: '帮办代办：代买药品',
        payload: { kind: 'errand', description: '代买药品', points: 10 },
      }),
      [{ at: AT, byId: 'u-cadre', byName: '王书记', action: 'needs-info', note: '请补一张照片' }],
    );
    me.mockResolvedValue({ user: RIDER });
    get.mockResolvedValue({ item: waiting });
    jest.spyOn(Taro, 'chooseImage').mockResolvedValue({ tempFilePaths: ['blob:photo'], tempFiles: [], errMsg: 'chooseImage:ok' });
    uploadPhoto.mockResolvedValue('/files/abc.png');
    respond.mockResolvedValue({ item: { ...waiting, status: 'pending' } });
    const { container } = render(<ReviewDetailPage />);
    await waitFor(() => expect(screen.getByText('添加照片')).toBeTruthy());
    fireEvent.click(screen.getByText('添加照片'));
    await waitFor(() => expect(screen.getByText('已选照片，点此重选')).toBeTruthy());
    fireEvent(container.querySelector('.review-detail__answer') as Element, new CustomEvent('input', { detail: { value: '照片已补' } }));
    fireEvent.click(screen.getByText('提交补充材料'));
    await waitFor(() => expect(respond).toHaveBeenCalledWith({ id: 'r2', note: '照片已补', payload: { photos: ['/files/abc.png'] } }));
    expect(uploadPhoto).toHaveBeenCalledWith('blob:photo', 'claims');
  });
});
