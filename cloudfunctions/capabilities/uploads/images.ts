/**
 * Photos are kept only as images this server drew itself: a file must decode completely as a JPEG or a PNG (by its
 * content, within a pixel budget), and what is stored is a fresh encoding of its pixels. Anything a file carries
 * besides its pixels — markup or script after a valid header, metadata such as a photo's GPS position — is dropped.
 */
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { imageTypeOf } from './image-type';

/** Pixels a photo may have (a 12-megapixel phone photo fits; decoding stays within a function's memory). */
export const MAX_MEGAPIXELS = 25;
const JPEG_QUALITY = 85;

export interface CleanImage {
  type: 'jpg' | 'png';
  bytes: Buffer;
}

/** Width and height from a PNG's IHDR chunk, read before decoding so an oversized image is refused cheaply. */
function pngSize(content: Buffer): { width: number; height: number } | null {
  if (content.length < 24 || content.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: content.readUInt32BE(16), height: content.readUInt32BE(20) };
}

/** The image re-encoded from its decoded pixels; null when it is not a whole JPEG or PNG within the budget. */
export function reencodeImage(content: Buffer): CleanImage | null {
  const type = imageTypeOf(content);
  try {
    if (type === 'jpg') {
      const decoded = jpeg.decode(content, {
        useTArray: true,
        formatAsRGBA: true,
        tolerantDecoding: false,
        maxResolutionInMP: MAX_MEGAPIXELS,
        maxMemoryUsageInMB: 512,
      });
      if (decoded.width < 1 || decoded.height < 1) return null;
      return { type, bytes: jpeg.encode({ width: decoded.width, height: decoded.height, data: decoded.data }, JPEG_QUALITY).data };
    }
    if (type === 'png') {
      const size = pngSize(content);
      if (!size || size.width < 1 || size.height < 1 || size.width * size.height > MAX_MEGAPIXELS * 1_000_000) return null;
      return { type, bytes: PNG.sync.write(PNG.sync.read(content)) };
    }
  } catch {
    // truncated, corrupt, or not what its first bytes claim
  }
  return null;
}
