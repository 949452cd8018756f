import Taro from '@tarojs/taro';
import type { ScanOutcome } from './scan-outcome';

/**
 * Scans a QR code with the camera. WeChat has its own scanner; in the browser (local mode, where Taro's scanCode
 * does nothing) the camera is read frame by frame with jsQR in a full-screen view with a 取消 button.
 */
export function scanQr(): Promise<ScanOutcome> {
  // A constant condition: webpack drops the browser scanner (and jsQR) from the weapp build.
  return process.env.TARO_ENV === 'weapp' ? scanInWeChat() : import('./scan-qr-browser').then((m) => m.scanInBrowser());
}

async function scanInWeChat(): Promise<ScanOutcome> {
  try {
    const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    return result ? { kind: 'code', text: result } : { kind: 'failed', reason: '未能识别二维码' };
  } catch (e) {
    const message = (e as { errMsg?: string } | null)?.errMsg ?? '';
    return message.includes('cancel') ? { kind: 'cancelled' } : { kind: 'failed', reason: '无法打开相机' };
  }
}
