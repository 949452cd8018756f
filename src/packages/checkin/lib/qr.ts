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

/**
 * Where a QR code of `modules` modules sits in a square box `box` pixels wide, with a quiet zone of `quiet` modules
 * each side: whole-pixel modules where the box allows, centred, never larger than the box.
 */
export function fitQr(box: number, modules: number, quiet = 2): { cell: number; offset: number; size: number } {
  const total = modules + quiet * 2;
  const cell = box >= total ? Math.floor(box / total) : box / total;
  const size = cell * total;
  return { cell, offset: (box - size) / 2, size };
}
