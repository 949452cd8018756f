import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Canvas, Image, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { api } from '../../../../api';
import { StateView } from '../../../../components/state-view';
import { heldKey, offlineCodeAt, renewOfflineKey, type HeldKey } from '../../lib/offline-key';
import { fitQr, groupDigits, qrModules, qrOf } from '../../lib/qr';
import './index.css';
import { errorText } from '../../../../lib/error-text';

/** Ask for a fresh code this long before the shown one expires. */
export const REFRESH_BEFORE_MS = 5000;
/** When the screen first asks whether its code was scanned; then each wait grows by POLL_GROWTH up to POLL_MAX_MS. */
export const POLL_FIRST_MS = 2000;
export const POLL_MAX_MS = 8000;
export const POLL_GROWTH = 1.5;

/** The wait before the next status poll: a scan usually comes within seconds, and a code nobody scans costs little. */
export const nextPollDelay = (previous: number | null) => (previous === null ? POLL_FIRST_MS : Math.min(POLL_MAX_MS, Math.round(previous * POLL_GROWTH)));
/** Showing the offline code: how often to try for an online code again. */
export const ONLINE_RETRY_MS = 15_000;

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'showing'; code: string; shortCode: string; deadline: number }
  | { kind: 'offline'; key: HeldKey }
  | { kind: 'redeemed'; points: number; stationName?: string };

const isWeapp = process.env.TARO_ENV === 'weapp';

interface CanvasNode {
  width: number;
  height: number;
  getContext(kind: '2d'): { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void };
}

/** WeChat: the QR code drawn on a 2D canvas, sized from the canvas's own box. */
function CanvasQr({ text }: { text: string }) {
  useEffect(() => {
    const modules = qrModules(text);
    void Taro.nextTick(() => {
      Taro.createSelectorQuery()
        .select('#checkin-qr')
        .fields({ node: true, size: true })
        .exec((res: ({ node?: CanvasNode; width?: number; height?: number } | null)[]) => {
          const info = res?.[0];
          const canvas = info?.node;
          if (!canvas || !info.width || !info.height) return;
          const ratio = Taro.getWindowInfo?.().pixelRatio ?? 2;
          // The bitmap matches the box in device pixels, so nothing is scaled or drawn outside it.
          canvas.width = Math.round(info.width * ratio);
          canvas.height = Math.round(info.height * ratio);
          const box = Math.min(canvas.width, canvas.height);
          const { cell, offset } = fitQr(box, modules.length);
          const left = offset + (canvas.width - box) / 2;
          const top = offset + (canvas.height - box) / 2;
          const ctx = canvas.getContext('2d');
          ctx.fillStyle = '#ffffff';
          ctx.fillRect(0, 0, canvas.width, canvas.height);
          ctx.fillStyle = '#000000';
          modules.forEach((row, r) =>
            row.forEach((dark, c) => {
              if (dark) ctx.fillRect(left + (c + 2) * cell, top + (r + 2) * cell, Math.ceil(cell), Math.ceil(cell));
            }),
          );
        });
    });
  }, [text]);
  return <Canvas type='2d' id='checkin-qr' className='code-page__qr' />;
}

/**
 * H5 (local mode): the same modules as an image (a GIF data URL, no canvas needed). Square image in a square box:
 * scaleToFill, because Taro's aspectFit positions the image absolutely from where centred text would start.
 */
function ImageQr({ text }: { text: string }) {
  const src = useMemo(() => {
    const qr = qrOf(text);
    const cell = 8;
    return qr.createDataURL(cell, cell * 2);
  }, [text]);
  return <Image className='code-page__qr' src={src} mode='scaleToFill' ariaLabel='签到二维码' nativeProps={{ alt: '签到二维码' }} />;
}

/** The QR code in its square box, which scales with the screen width. */
function Qr({ text }: { text: string }) {
  return <View className='code-page__qr-box'>{isWeapp ? <CanvasQr text={text} /> : <ImageQr text={text} />}</View>;
}

async function raiseBrightness(saved: { current: number | null }) {
  if (!isWeapp) return;
  try {
    if (saved.current === null) saved.current = (await Taro.getScreenBrightness()).value;
    await Taro.setScreenBrightness({ value: 1 });
    await Taro.setKeepScreenOn({ keepScreenOn: true });
  } catch {
    // Brightness is a nicety: the code still works without it.
  }
}

async function restoreBrightness(saved: { current: number | null }) {
  if (!isWeapp || saved.current === null) return;
  const value = saved.current;
  saved.current = null;
  try {
    await Taro.setScreenBrightness({ value });
    await Taro.setKeepScreenOn({ keepScreenOn: false });
  } catch {
    // Nothing to do: the system restores it when the app leaves the foreground.
  }
}

/**
 * The rider's check-in code: QR + short digits, refreshed before expiry, polling for the scan. Online it also keeps a
 * key for offline codes; when no online code can be fetched, it shows the offline code (QR only) instead.
 */
export default function CheckinCodePage() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [now, setNow] = useState(() => Date.now());
  const timers = useRef<ReturnType<typeof setTimeout>[]>([]);
  const seq = useRef(0);
  const live = useRef(true);
  const done = useRef(false);
  const brightness = useRef<number | null>(null);

  const stop = useCallback(() => {
    for (const t of timers.current) {
      clearTimeout(t);
      clearInterval(t);
    }
    timers.current = [];
  }, []);

  /** Asks once whether the code was scanned; answers whether to keep asking (not when used, expired or stale). */
  const poll = useCallback(
    async (code: string, mine: number): Promise<boolean> => {
      if (done.current) return false;
      try {
        const status = await api.checkin.codeStatus({ code });
        if (!live.current || done.current || mine !== seq.current) return false;
        if (status.redeemed) {
          done.current = true;
          seq.current++;
          stop();
          setState({ kind: 'redeemed', points: status.pointsAwarded ?? 0, stationName: status.stationName });
          return false;
        }
        // An expired code is replaced by the refresh timer; its status will not change.
        return !status.expired;
      } catch {
        // Weak signal: a missed poll is asked again after the next wait.
        return true;
      }
    },
    [stop],
  );

  /** Polls the code's status with a growing wait (2 s, 3 s, 4.5 s … at most 8 s) until it is used or expired. */
  const schedulePoll = useCallback(
    (code: string, mine: number, previous: number | null) => {
      const wait = nextPollDelay(previous);
      timers.current.push(
        setTimeout(() => {
          void poll(code, mine).then((again) => {
            if (again && mine === seq.current && live.current) schedulePoll(code, mine, wait);
          });
        }, wait),
      );
    },
    [poll],
  );

  /** No online code: show the held key's offline code, rotating by time step, and try online again now and then. */
  const goOffline = useCallback(
    (key: HeldKey, retry: () => void) => {
      stop();
      setNow(Date.now());
      setState({ kind: 'offline', key });
      timers.current.push(
        setInterval(() => setNow(Date.now()), 1000),
        setTimeout(retry, ONLINE_RETRY_MS),
      );
    },
    [stop],
  );

  const issue = useCallback(
    async (showLoading: boolean): Promise<void> => {
      const mine = ++seq.current;
      stop();
      done.current = false;
      if (showLoading) setState({ kind: 'loading' });
      try {
        const out = await api.checkin.issueCode({});
        if (mine !== seq.current || !live.current) return;
        // Time the refresh by the code's lifetime, not the phone's clock against expiresAt (clocks drift).
        const lifeMs = out.ttlSeconds > 0 ? out.ttlSeconds * 1000 : Math.max(0, Date.parse(out.expiresAt) - Date.now());
        const started = Date.now();
        setNow(started);
        setState({ kind: 'showing', code: out.code, shortCode: out.shortCode, deadline: started + lifeMs });
        const refreshIn = lifeMs > REFRESH_BEFORE_MS * 2 ? lifeMs - REFRESH_BEFORE_MS : lifeMs / 2;
        timers.current.push(
          setTimeout(() => void issue(false), refreshIn),
          setInterval(() => setNow(Date.now()), 1000),
        );
        schedulePoll(out.code, mine, null);
        void renewOfflineKey();
      } catch (e) {
        if (mine !== seq.current || !live.current) return;
        const key = heldKey();
        if (key) goOffline(key, () => void issue(false));
        else setState({ kind: 'error', message: errorText(e, '网络不给力，签到码未能生成，请重试') });
      }
    },
    [schedulePoll, stop, goOffline],
  );

  /** Hidden or gone: no timers, no late answers, the screen's own brightness back. */
  const pause = useCallback(() => {
    live.current = false;
    seq.current++;
    stop();
    void restoreBrightness(brightness);
  }, [stop]);

  useEffect(() => {
    live.current = true;
    void raiseBrightness(brightness);
    void issue(true);
    return pause;
  }, [issue, pause]);

  useDidHide(pause);

  useDidShow(() => {
    if (live.current) return;
    live.current = true;
    void raiseBrightness(brightness);
    if (!done.current) void issue(true);
  });

  if (state.kind === 'loading') return <StateView kind='loading' message='正在生成签到码…' />;
  if (state.kind === 'error') return <StateView kind='error' message={state.message} onRetry={() => void issue(true)} />;

  if (state.kind === 'redeemed') {
    return (
      <View className='page code-page'>
        <View className='code-page__success'>
          <Text className='code-page__success-title'>签到成功</Text>
          <Text className='code-page__success-points'>+{state.points} 积分</Text>
          {state.stationName ? <Text className='code-page__success-station'>@ {state.stationName}</Text> : null}
          {state.points === 0 ? <Text className='code-page__success-note'>今日已签到，本次不再加分（到站已记录）</Text> : null}
        </View>
        <View className='bottom-bar'>
          <Button className='primary-button' onClick={() => void issue(true)}>
            再出示一个签到码
          </Button>
        </View>
      </View>
    );
  }

  if (state.kind === 'offline') {
    const shown = offlineCodeAt(state.key, now);
    if (!shown) return <StateView kind='error' message='离线签到码不可用，请联网后重试' onRetry={() => void issue(true)} />;
    return (
      <View className='page code-page'>
        <View className='code-page__card code-page__card--offline'>
          <Text className='code-page__badge'>离线签到码</Text>
          <Text className='code-page__hint'>请驿站工作人员用联网的手机扫码</Text>
          <Qr text={shown.code} />
          <Text className='code-page__countdown'>{Math.max(1, Math.ceil(shown.msLeft / 1000))} 秒后更换</Text>
          <Text className='code-page__offline-note'>当前没有网络：数字码需要联网，离线时只能扫码签到</Text>
        </View>
        <View className='bottom-bar'>
          <Button className='secondary-button code-page__refresh' onClick={() => void issue(false)}>
            重新联网获取签到码
          </Button>
        </View>
      </View>
    );
  }

  const secondsLeft = Math.max(0, Math.ceil((state.deadline - now) / 1000));
  return (
    <View className='page code-page'>
      <View className='code-page__card'>
        <Text className='code-page__hint'>请驿站工作人员扫码</Text>
        <Qr text={state.code} />
        <Text className='code-page__short-label'>扫不了时，请工作人员输入：</Text>
        <Text className='code-page__short-code'>{groupDigits(state.shortCode)}</Text>
        <Text className='code-page__countdown'>{secondsLeft} 秒后自动更新</Text>
      </View>
      <View className='bottom-bar'>
        <Button className='secondary-button code-page__refresh' onClick={() => void issue(false)}>
          换一个签到码
        </Button>
      </View>
    </View>
  );
}
