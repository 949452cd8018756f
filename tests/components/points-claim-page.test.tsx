import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { api } from '../../src/api';
import * as filesApi from '../../src/api/files';
import { ApiError } from '../../src/api/client';
import * as location from '../../src/lib/location';
import ClaimPage from '../../src/packages/points/pages/claim/index';
import { quietInputCore, typeInto } from './checkin-points-helpers';

jest.mock('../../src/api', () => jest.requireActual('./support/api-mock').apiMock());
jest.mock('../../src/api/files');
jest.mock('../../src/lib/location');
const me = jest.mocked(api.account.me);
const claim = jest.mocked(api.points.claim);
const uploadPhoto = jest.mocked(filesApi.uploadPhoto);
const locate = jest.mocked(location.locate);

beforeEach(() => {
  quietInputCore();
  me.mockReset();
  claim.mockReset();
  uploadPhoto.mockReset();
  locate.mockReset();
  me.mockResolvedValue({ user: { id: 'u-li', displayName: '李小哥', roles: [], orgId: 'org-weitang' } });
  locate.mockResolvedValue({ location: { lat: 30.84, lng: 120.93 }, demo: false });
  jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
});

describe('claim page', () => {
  it('submits an errand with the typed description and links to the review item', async () => {
    claim.mockResolvedValue({ reviewId: 'rv1' });
    render(<ClaimPage />);
    await screen.findByText('帮办代办');
    typeInto('.claim-page__description', '帮独居的张奶奶取药');
    fireEvent.click(screen.getByText('提交申领'));
    expect(await screen.findByText('已提交，等待团委审核')).toBeTruthy();
    expect(claim).toHaveBeenCalledWith({ kind: 'errand', description: '帮独居的张奶奶取药' });
    fireEvent.click(screen.getByText('查看审核进度'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/review/pages/detail/index?id=rv1' });
  });

  it('lets an errand carry a photo as evidence', async () => {
    claim.mockResolvedValue({ reviewId: 'rv2' });
    uploadPhoto.mockResolvedValue('/files/errand.jpg');
    jest.spyOn(Taro, 'chooseImage').mockResolvedValue({ tempFilePaths: ['blob:errand'], tempFiles: [], errMsg: 'chooseImage:ok' });
    render(<ClaimPage />);
    await screen.findByText('照片（选填，可作为凭证）');
    typeInto('.claim-page__description', '帮独居的张奶奶取药');
    fireEvent.click(screen.getByText('拍照'));
    await screen.findByText('重拍照片');
    fireEvent.click(screen.getByText('提交申领'));
    expect(await screen.findByText('已提交，等待团委审核')).toBeTruthy();
    expect(uploadPhoto).toHaveBeenCalledWith('blob:errand', 'claims');
    expect(claim).toHaveBeenCalledWith({ kind: 'errand', description: '帮独居的张奶奶取药', photos: ['/files/errand.jpg'] });
  });

  it('fills the description from a preset', async () => {
    claim.mockResolvedValue({ reviewId: 'rv2' });
    render(<ClaimPage />);
    fireEvent.click(await screen.findByText('活动参与'));
    fireEvent.click(screen.getByText('参加志愿服务活动'));
    fireEvent.click(screen.getByText('提交申领'));
    await waitFor(() => expect(claim).toHaveBeenCalledWith({ kind: 'event', description: '参加志愿服务活动' }));
  });

  it('asks a hazard report for a photo, uploads it and sends its address and the place', async () => {
    claim.mockResolvedValue({ reviewId: 'rv3' });
    uploadPhoto.mockResolvedValue('/files/photo-1.jpg');
    jest.spyOn(Taro, 'chooseImage').mockResolvedValue({
      tempFilePaths: ['blob:http://127.0.0.1/photo-1'],
      tempFiles: [],
      errMsg: 'chooseImage:ok',
    });
    render(<ClaimPage />);
    fireEvent.click(await screen.findByText('安全隐患上报'));
    expect(await screen.findByText('已选位置：30.84000, 120.93000')).toBeTruthy();
    typeInto('.claim-page__description', '体育南路井盖缺失');
    fireEvent.click(screen.getByText('提交申领'));
    expect(await screen.findByText('隐患上报需要一张照片')).toBeTruthy();
    expect(claim).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('拍照'));
    await screen.findByText('重拍照片');
    typeInto('.place-picker__address', '体育南路与东门路口');
    fireEvent.click(screen.getByText('提交申领'));
    await screen.findByText('已提交，等待团委审核');
    expect(claim).toHaveBeenCalledWith({
      kind: 'hazard',
      description: '体育南路井盖缺失（地点：体育南路与东门路口）',
      location: { lat: 30.84, lng: 120.93 },
      photos: ['/files/photo-1.jpg'],
    });
    expect(uploadPhoto).toHaveBeenCalledWith('blob:http://127.0.0.1/photo-1', 'hazards');
  });

  it('refuses a description that is too short, and shows the server’s message', async () => {
    claim.mockRejectedValue(new ApiError('RATE_LIMITED', '提交太频繁，请稍后再试'));
    render(<ClaimPage />);
    await screen.findByText('帮办代办');
    typeInto('.claim-page__description', '取药');
    fireEvent.click(screen.getByText('提交申领'));
    expect(await screen.findByText('请用至少 4 个字说明情况')).toBeTruthy();
    expect(claim).not.toHaveBeenCalled();
    typeInto('.claim-page__description', '帮老人取药');
    fireEvent.click(screen.getByText('提交申领'));
    expect(await screen.findByText('提交太频繁，请稍后再试')).toBeTruthy();
  });

  it('tells a rider without a home committee to pick one in 我的', async () => {
    me.mockResolvedValue({ user: { id: 'u-li', displayName: '李小哥', roles: [] } });
    jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' });
    render(<ClaimPage />);
    expect(await screen.findByText('申领积分前，请先在“我的”里选择所属团委')).toBeTruthy();
    fireEvent.click(screen.getByText('去“我的”选择团委'));
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' });
  });

  it('never reports a hazard at the demo location: refused, the rider picks the place on the map', async () => {
    claim.mockResolvedValue({ reviewId: 'rv4' });
    uploadPhoto.mockResolvedValue('/files/photo-2.jpg');
    locate.mockResolvedValue({ location: { lat: 30.841, lng: 120.926 }, demo: true });
    jest.spyOn(Taro, 'chooseImage').mockResolvedValue({ tempFilePaths: ['blob:http://127.0.0.1/photo-2'], tempFiles: [], errMsg: 'chooseImage:ok' });
    const { container } = render(<ClaimPage />);
    fireEvent.click(await screen.findByText('安全隐患上报'));
    await screen.findByText('还没有选择位置');
    typeInto('.claim-page__description', '路灯不亮');
    fireEvent.click(screen.getByText('拍照'));
    await screen.findByText('重拍照片');
    fireEvent.click(screen.getByText('提交申领'));
    expect(await screen.findByText('隐患上报需要位置，请在地图上选择隐患所在的位置')).toBeTruthy();
    expect(claim).not.toHaveBeenCalled();

    const plot = container.querySelector('.station-map--picking') as HTMLElement;
    plot.getBoundingClientRect = () => ({ left: 0, top: 0, width: 400, height: 200, right: 400, bottom: 200, x: 0, y: 0, toJSON: () => ({}) });
    fireEvent.click(plot, { clientX: 200, clientY: 100 });
    await screen.findByText('已选位置：30.84100, 120.92600');
    fireEvent.click(screen.getByText('提交申领'));
    await screen.findByText('已提交，等待团委审核');
    expect(claim).toHaveBeenCalledWith(expect.objectContaining({ description: '路灯不亮', location: { lat: 30.841, lng: 120.926 } }));
  });
});
