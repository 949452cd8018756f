import type { ScanOutcome } from './scan-outcome';

/** The browser's camera read frame by frame with jsQR, in a full-screen view with a 取消 button (H5 only). */
const FRAME_MS = 150;

export async function scanInBrowser(): Promise<ScanOutcome> {
  const media = globalThis.navigator?.mediaDevices;
  if (!media?.getUserMedia) return { kind: 'failed', reason: '这个浏览器不能使用相机（需要 https 或本机地址）' };
  let stream: MediaStream;
  try {
    stream = await media.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  } catch (e) {
    const name = (e as { name?: string } | null)?.name ?? '';
    return { kind: 'failed', reason: name === 'NotAllowedError' ? '你没有允许这个网页使用相机，可在浏览器的网站设置里打开' : '无法打开相机' };
  }
  const { default: jsQR } = await import('jsqr');
  return new Promise<ScanOutcome>((resolve) => {
    const overlay = document.createElement('div');
    overlay.className = 'qr-scanner';
    overlay.setAttribute('role', 'dialog');
    overlay.setAttribute('aria-label', '扫描二维码');
    const video = document.createElement('video');
    video.className = 'qr-scanner__video';
    video.setAttribute('playsinline', 'true');
    video.muted = true;
    video.srcObject = stream;
    const hint = document.createElement('p');
    hint.className = 'qr-scanner__hint';
    hint.textContent = '把骑手的签到码放进画面中';
    const cancel = document.createElement('button');
    cancel.className = 'qr-scanner__cancel';
    cancel.type = 'button';
    cancel.textContent = '取消';
    overlay.append(video, hint, cancel);
    document.body.appendChild(overlay);
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (outcome: ScanOutcome) => {
      if (timer) clearTimeout(timer);
      stream.getTracks().forEach((t) => t.stop());
      overlay.remove();
      resolve(outcome);
    };
    cancel.addEventListener('click', () => finish({ kind: 'cancelled' }));
    const look = () => {
      if (context && video.videoWidth > 0) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        context.drawImage(video, 0, 0);
        const found = jsQR(context.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height, { inversionAttempts: 'dontInvert' });
        if (found?.data) return finish({ kind: 'code', text: found.data });
      }
      timer = setTimeout(look, FRAME_MS);
    };
    void video.play().then(look, () => finish({ kind: 'failed', reason: '无法打开相机' }));
  });
}
