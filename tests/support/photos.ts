import { acceptUpload } from '../../cloudfunctions/account/uploads';
import type { Harness } from './harness';

/** The smallest PNG header: enough for the content check. */
export const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

let uploaded = 0;

/** A photo the user has uploaded (recorded as the gateway or registerUpload would), as a claim cites it. */
export async function photoOf(h: Harness, openid: string): Promise<string> {
  const owner = (await h.user(openid)) ?? (await h.call(openid, 'account', 'me', {}), await h.user(openid));
  const ref = `/files/test-${++uploaded}.png`;
  await acceptUpload(h.store, owner!, ref, PNG, h.clock.now);
  return ref;
}
