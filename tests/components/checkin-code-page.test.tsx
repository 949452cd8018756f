import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { api } from '../../src/api';
import { ApiError } from '../../src/api/client';
import { signInAs } from '../../src/api/identity';
import { fitQr, qrModules } from '../../src/packages/checkin/lib/qr';
import CheckinCodePage, { ONLINE_RETRY_MS } from '../../src/packages/checkin/pages/code/index';
import { OFFLINE_KEY_HOURS } from '../../types/offline-code';
import { must } from '../support/must';

jest.mock('../../src/api', () => jest.requireActual('./support/api-mock').apiMock());
const issueCode = jest.mocked(api.checkin.issueCode);
const codeStatus = jest.mocked(api.checkin.codeStatus);
const issueOfflineKey = jest.mocked(api.checkin.issueOfflineKey);

const TTL = 45;
const codeAt = (code: string, shortCode: string) => ({
  code,
  shortCode,
  expiresAt: new Date(Date.now() + TTL * 1000).toISOString(),
  ttlSeconds: TTL,
});

/** Moves the fake clock and lets the promises it releases settle. */
async function advance(ms: number) {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

beforeEach(() => {
  jest.useFakeTimers();
  localStorage.clear();
  issueCode.mockReset();
  codeStatus.mockReset();
  issueOfflineKey.mockReset();
  codeStatus.mockResolvedValue({ redeemed: false, expired: false });
  issueOfflineKey.mockRejectedValue(new ApiError('INTERNAL', '网络不给力，请检查网络后重试'));
});

afterEach(() => {
  jest.useRealTimers();
});

describe('check-in code page', () => {
  it('shows the QR code and the grouped short code, and refreshes before the code expires', async () => {
    issueCode.mockImplementationOnce(async () => codeAt('token-A', '12345678'));
    issueCode.mockImplementationOnce(async () => codeAt('token-B', '87654321'));
    render(<CheckinCodePage />);
    expect(await screen.findByText('1234 5678')).toBeTruthy();
    expect(document.querySelector('.code-page__qr')?.getAttribute('src')).toMatch(/^data:image\/gif;base64,/);
    const firstExpires = Date.parse((await must(issueCode.mock.results[0], 'the first issued code').value).expiresAt);
    expect(screen.getByText('45 秒后自动更新')).toBeTruthy();

    await advance(30_000);
    expect(issueCode).toHaveBeenCalledTimes(1);
    expect(screen.getByText('15 秒后自动更新')).toBeTruthy();

    await advance(10_000);
    expect(issueCode).toHaveBeenCalledTimes(2);
    expect(Date.now()).toBeLessThan(firstExpires);
    expect(await screen.findByText('8765 4321')).toBeTruthy();
    expect(screen.queryByText('1234 5678')).toBeNull();
  });

  it('polls the code status and shows the success with points and station', async () => {
    issueCode.mockImplementation(async () => codeAt('token-A', '12345678'));
    render(<CheckinCodePage />);
    await screen.findByText('1234 5678');
    await advance(2_000);
    expect(codeStatus).toHaveBeenCalledWith({ code: 'token-A' });
    expect(screen.queryByText('签到成功')).toBeNull();

    codeStatus.mockResolvedValue({ redeemed: true, expired: false, pointsAwarded: 5, stationName: '魏塘小哥驿站' });
    await advance(3_000);
    expect(await screen.findByText('签到成功')).toBeTruthy();
    expect(screen.getByText('+5 积分')).toBeTruthy();
    expect(screen.getByText('@ 魏塘小哥驿站')).toBeTruthy();

    // No more polling or refreshing once redeemed.
    const polls = codeStatus.mock.calls.length;
    await advance(60_000);
    expect(codeStatus).toHaveBeenCalledTimes(polls);
    expect(issueCode).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByText('再出示一个签到码'));
    await waitFor(() => expect(issueCode).toHaveBeenCalledTimes(2));
    expect(await screen.findByText('1234 5678')).toBeTruthy();
  });

  it('polls first after 2 s, then waits longer each time up to 8 s, and stops once the code has expired', async () => {
    issueCode.mockImplementation(async () => codeAt('token-A', '12345678'));
    render(<CheckinCodePage />);
    await screen.findByText('1234 5678');
    const pollsAt: number[] = [];
    const start = Date.now();
    codeStatus.mockImplementation(async () => {
      pollsAt.push(Date.now() - start);
      return { redeemed: false, expired: false };
    });
    await advance(39_000);
    // 2 s, then +3, +4.5, +6.75, +8, +8, +8 (capped).
    expect(pollsAt).toEqual([2_000, 5_000, 9_500, 16_250, 24_250, 32_250]);
    codeStatus.mockImplementation(async () => {
      pollsAt.push(Date.now() - start);
      return { redeemed: false, expired: true };
    });
    const before = pollsAt.length;
    await advance(0);
    // The refresh at 40 s brings a new code, polled afresh from 2 s; an expired answer ends the old code's polling.
    await advance(1_000);
    expect(issueCode).toHaveBeenCalledTimes(2);
    await advance(2_000);
    expect(pollsAt.length).toBe(before + 1);
    await advance(20_000);
    expect(pollsAt.length).toBe(before + 1);
  });

  it('keeps polling through a failed poll (weak signal)', async () => {
    issueCode.mockImplementation(async () => codeAt('token-A', '12345678'));
    codeStatus.mockRejectedValueOnce(new ApiError('INTERNAL', '网络不给力，请检查网络后重试'));
    render(<CheckinCodePage />);
    await screen.findByText('1234 5678');
    await advance(2_000);
    codeStatus.mockResolvedValue({ redeemed: true, expired: false, pointsAwarded: 0, stationName: '罗星爱心驿站' });
    await advance(3_000);
    expect(await screen.findByText('+0 积分')).toBeTruthy();
    expect(screen.getByText(/今日已签到，本次不再加分/)).toBeTruthy();
  });

  it('shows an error with a retry when no code can be issued', async () => {
    issueCode.mockRejectedValueOnce(new ApiError('INTERNAL', '服务开小差了，请稍后再试'));
    issueCode.mockImplementation(async () => codeAt('token-A', '12345678'));
    render(<CheckinCodePage />);
    expect(await screen.findByText('服务开小差了，请稍后再试')).toBeTruthy();
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('1234 5678')).toBeTruthy();
  });

  it('draws the QR code to fill its own square box', async () => {
    issueCode.mockImplementation(async () => codeAt('token-A', '12345678'));
    render(<CheckinCodePage />);
    await screen.findByText('1234 5678');
    const qr = must(document.querySelector('.code-page__qr-box > .code-page__qr'), 'the QR image inside its box');
    // Taro's aspectFit positions the image absolutely from where centred text would start: half outside the box.
    expect(qr.getAttribute('mode')).toBe('scaleToFill');
  });
});

describe('the QR code fits its box on every phone width', () => {
  // The box is 520 of 750 design pixels: 222–298 CSS px on 320–430 px screens, times the pixel ratio on a canvas.
  const boxes = [320, 360, 375, 390, 414, 430].flatMap((w) => [1, 2, 3].map((ratio) => Math.round((520 / 750) * w * ratio)));
  const codes = ['v1.' + 'x'.repeat(180) + '.' + 'y'.repeat(43), 'o1.AAAAAAAAAAAAAAAA.59832240.' + 'z'.repeat(22)];

  it.each(codes)('keeps every module inside the box, centred, filling it but for less than one module (%#)', (text) => {
    const n = qrModules(text).length;
    for (const box of boxes) {
      const { cell, offset, size } = fitQr(box, n);
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset + size).toBeLessThanOrEqual(box);
      expect(offset + (n + 4) * cell).toBeLessThanOrEqual(box + 1e-9);
      expect(box - size).toBeLessThan(n + 4);
      expect(cell).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('offline check-in code', () => {
  const offlineKey = () => ({
    keyId: 'AAAAAAAAAAAAAAAA',
    secret: Buffer.alloc(32, 7).toString('base64url'),
    validUntil: new Date(Date.now() + OFFLINE_KEY_HOURS * 3_600_000).toISOString(),
    serverTime: new Date(Date.now()).toISOString(),
    stepSeconds: 30,
  });
  const qrSrc = () => document.querySelector('.code-page__qr')?.getAttribute('src');

  it('keeps a key while online, and shows a rotating offline QR (no short code) when no code can be fetched', async () => {
    jest.setSystemTime(new Date('2026-11-18T02:00:05.000Z'));
    issueOfflineKey.mockImplementation(async () => offlineKey());
    issueCode.mockImplementationOnce(async () => codeAt('token-A', '12345678'));
    issueCode.mockRejectedValue(new ApiError('INTERNAL', '网络不给力，请检查网络后重试'));
    render(<CheckinCodePage />);
    await screen.findByText('1234 5678');
    await advance(0);
    expect(issueOfflineKey).toHaveBeenCalledTimes(1);

    // The signal goes: the refresh fails and the offline code takes over.
    await advance(40_000);
    expect(await screen.findByText('离线签到码')).toBeTruthy();
    expect(screen.queryByText('1234 5678')).toBeNull();
    expect(screen.getByText(/数字码需要联网/)).toBeTruthy();
    expect(screen.getByText('15 秒后更换')).toBeTruthy();
    const first = qrSrc();
    expect(first).toMatch(/^data:image\/gif;base64,/);

    await advance(14_000);
    expect(qrSrc()).toBe(first);
    await advance(2_000);
    expect(qrSrc()).not.toBe(first);
    expect(screen.getByText('29 秒后更换')).toBeTruthy();
    // Still a key of plenty life: no new one was asked for.
    expect(issueOfflineKey).toHaveBeenCalledTimes(1);
  });

  it('goes back online by itself when a code can be fetched again', async () => {
    issueOfflineKey.mockImplementation(async () => offlineKey());
    issueCode.mockImplementationOnce(async () => codeAt('token-A', '12345678'));
    issueCode.mockRejectedValueOnce(new ApiError('INTERNAL', '网络不给力，请检查网络后重试'));
    issueCode.mockImplementation(async () => codeAt('token-B', '87654321'));
    render(<CheckinCodePage />);
    await screen.findByText('1234 5678');
    await advance(40_000);
    expect(await screen.findByText('离线签到码')).toBeTruthy();
    await advance(ONLINE_RETRY_MS);
    expect(await screen.findByText('8765 4321')).toBeTruthy();
    expect(screen.queryByText('离线签到码')).toBeNull();
  });

  it("never shows another identity's key, nor an expired one", async () => {
    issueOfflineKey.mockImplementation(async () => offlineKey());
    signInAs('demo-rider');
    issueCode.mockImplementationOnce(async () => codeAt('token-A', '12345678'));
    const { unmount } = render(<CheckinCodePage />);
    await screen.findByText('1234 5678');
    await advance(0);
    unmount();

    issueCode.mockRejectedValue(new ApiError('INTERNAL', '网络不给力，请检查网络后重试'));
    signInAs('demo-rider-2');
    const second = render(<CheckinCodePage />);
    expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy();
    second.unmount();

    signInAs('demo-rider');
    jest.setSystemTime(Date.now() + OFFLINE_KEY_HOURS * 3_600_000 + 1000);
    render(<CheckinCodePage />);
    expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy();
    expect(screen.queryByText('离线签到码')).toBeNull();
  });
});
