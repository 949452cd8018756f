import * as jpeg from 'jpeg-js';
import { PNG as PngImage } from 'pngjs';
import { acceptUpload, cleanPhoto } from '../../cloudfunctions/capabilities/uploads/uploads';
import type { Harness } from './harness';

function pixels(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set([(i * 7) % 256, (i * 3) % 256, 128, 255], i);
  return data;
}

/** A small, whole PNG. */
export const PNG: Buffer = (() => {
  const image = new PngImage({ width: 4, height: 3 });
  pixels(4, 3).copy(image.data);
  return PngImage.sync.write(image);
})();

/** A small, whole JPEG. */
export const JPEG: Buffer = jpeg.encode({ width: 8, height: 8, data: pixels(8, 8) }, 90).data;

let uploaded = 0;

/** A photo the user has uploaded (recorded as the gateway or registerUpload would), as a claim cites it. */
export async function photoOf(h: Harness, openid: string): Promise<string> {
  const owner = (await h.user(openid)) ?? (await h.call(openid, 'account', 'me', {}), await h.user(openid));
  const ref = `/files/test-${++uploaded}.png`;
  await acceptUpload(h.store, owner!, ref, cleanPhoto(PNG), h.clock.now);
  return ref;
}
