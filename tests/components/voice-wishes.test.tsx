import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { api } from '../../src/api';
import WishesPage from '../../src/packages/voice/pages/wishes/index';
import { quietInputCore, typeInto } from './checkin-points-helpers';

jest.mock('../../src/api', () => jest.requireActual('./support/api-mock').apiMock());
const me = jest.mocked(api.account.me);
const wishes = jest.mocked(api.voice.wishes);
const myWishes = jest.mocked(api.voice.myWishes);
const claimWish = jest.mocked(api.voice.claimWish);
const thankWish = jest.mocked(api.voice.thankWish);

const WISH = {
  id: 'w1',
  orgId: 'org-weitang',
  forWhom: 'child' as const,
  text: '孩子想要一个新书包',
  status: 'published' as const,
  publishedAt: '2026-11-18T10:00:00+08:00',
};

beforeEach(() => {
  quietInputCore();
  jest.resetAllMocks();
  wishes.mockResolvedValue({ wishes: [WISH] });
  myWishes.mockResolvedValue({ wishes: [] });
});

describe('wish wall', () => {
  it('lets a volunteer claim a published wish, and shows no wisher', async () => {
    me.mockResolvedValue({ user: { id: 'u-v', displayName: '志愿者小周', roles: ['rider', 'volunteer'] } });
    claimWish.mockResolvedValue({ wish: { ...WISH, status: 'claimed', claimedByName: '志愿者小周', claimedByMe: true } });
    render(<WishesPage />);
    expect(await screen.findByText('孩子想要一个新书包')).toBeTruthy();
    expect(screen.getByText('给孩子')).toBeTruthy();
    wishes.mockResolvedValue({ wishes: [{ ...WISH, status: 'claimed', claimedByName: '志愿者小周', claimedByMe: true }] });
    fireEvent.click(screen.getByText('认领这个心愿'));
    expect(await screen.findByText('心愿已实现')).toBeTruthy();
    expect(claimWish).toHaveBeenCalledWith({ wishId: 'w1' });
  });

  it('offers no claim to a plain rider', async () => {
    me.mockResolvedValue({ user: { id: 'u-li', displayName: '李小哥', roles: ['rider'] } });
    render(<WishesPage />);
    await screen.findByText('孩子想要一个新书包');
    expect(screen.queryByText('认领这个心愿')).toBeNull();
  });

  it('lets the wisher follow their wish and say thank you once it is fulfilled', async () => {
    me.mockResolvedValue({ user: { id: 'u-li', displayName: '李小哥', roles: ['rider'] } });
    const mine = { ...WISH, status: 'fulfilled' as const, claimedByName: '志愿者小周', reviewId: 'rv1', createdAt: '2026-11-17T09:00:00+08:00' };
    myWishes.mockResolvedValue({ wishes: [mine, { ...mine, id: 'w2', text: '想回老家看看', status: 'rejected' }] });
    thankWish.mockResolvedValue({ wish: { ...mine, thanks: '谢谢你！' } });
    render(<WishesPage />);
    fireEvent.click(await screen.findByText('我的心愿'));
    expect(screen.getByText('已实现')).toBeTruthy();
    expect(screen.getByText('未通过')).toBeTruthy();
    typeInto('.wish-thanks', '谢谢你！');
    fireEvent.click(screen.getByText('说声谢谢'));
    await waitFor(() => expect(thankWish).toHaveBeenCalledWith({ wishId: 'w1', message: '谢谢你！' }));
  });
});
