import qrcode from 'qrcode-generator';

/** The QR code of a check-in token: 'M' error correction, smallest version that fits. */
export function qrOf(text: string) {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  return qr;
}

/** A grid of dark/light modules, for drawing on a canvas. */
export function qrModules(text: string): boolean[][] {
  const qr = qrOf(text);
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, row) => Array.from({ length: n }, (_, col) => qr.isDark(row, col)));
}

/** 12345678 → "1234 5678": easier to read aloud and to type. */
export function groupDigits(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}
