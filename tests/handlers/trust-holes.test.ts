/**
 * The smaller holes of the second trust review: cases are closed only by their committee's cadres, submissions are
 * throttled per person and kind, and uploads are whole images re-encoded, or refused. (Nominations and votes: the
 * voice suite; local mode's Host names: local-host; rider lists: the points and voice suites.)
 */
import * as jpeg from 'jpeg-js';
import { cases } from '../../cloudfunctions/features/consult/collections';
import { reencodeImage } from '../../cloudfunctions/capabilities/uploads/images';
import { throttles } from '../../cloudfunctions/core/throttle';
import { findAll } from '../../cloudfunctions/core/store/find-all';
import { buildOrg, buildPerson } from '../support/builders';
import { ADMIN, createHarness, type Harness } from '../support/harness';
import { JPEG, PNG } from '../support/photos';

jest.setTimeout(60_000);

// Wednesday 18 November 2026, 10:05 in Shanghai.
const T0 = new Date('2026-11-18T02:05:00.000Z');
let h: Harness;

beforeAll(async () => {
  h = await createHarness(T0);
  await buildOrg(h.store, 'h-county', { kind: 'district' });
  await buildOrg(h.store, 'h-town', { parentId: 'h-county' });
  await buildOrg(h.store, 'h-other', { parentId: 'h-county' });
  await buildPerson(h.deps, 'h-cadre', { roles: ['cadre'], cadreOrgIds: ['h-town'] });
  await buildPerson(h.deps, 'h-cadre-other', { roles: ['cadre'], cadreOrgIds: ['h-other'] });
  await buildPerson(h.deps, 'h-flooder', { orgId: 'h-town' });
  await buildPerson(h.deps, 'h-neighbour', { orgId: 'h-town' });
  await h.call(ADMIN, 'consult', 'addCounsellor', { openid: 'h-counsellor', name: '张律师', categories: ['law'], orgId: 'h-town' });
});
afterAll(() => h.close());

describe('consultation cases', () => {
  it('are closed through the queue only by cadres of the case’s committee, never by an admin', async () => {
    h.clock.now = T0;
    const start = new Date('2026-11-18T03:00:00.000Z');
    const [slot] = (
      await h.call('h-counsellor', 'consult', 'publishSlots', {
        slots: [{ start: start.toISOString(), end: new Date(start.getTime() + 1_800_000).toISOString(), modes: ['phone'] }],
      })
    ).slots;
    const { booking } = await h.call('h-flooder', 'consult', 'book', { slotId: slot!.id, category: 'law', mode: 'phone', topic: '工资被拖欠了三个月' });
    const { caseId, reviewId } = await h.call('h-counsellor', 'consult', 'escalate', { bookingId: booking.id, summary: '需要法律援助', orgId: 'h-town' });
    for (const who of [ADMIN, 'h-cadre-other']) {
      expect(await h.fail(who, 'review', 'decide', { id: reviewId, decision: 'reject', note: '不接办' })).toBe('FORBIDDEN');
      expect(await h.fail(who, 'review', 'decide', { id: reviewId, decision: 'approve' })).toBe('FORBIDDEN');
    }
    expect((await h.store.get(cases, caseId))!.status).toBe('open');
    await h.call('h-cadre', 'review', 'decide', { id: reviewId, decision: 'reject', note: '请转劳动仲裁' });
    expect((await h.store.get(cases, caseId))!.status).toBe('closed');
  });
});

describe('submissions', () => {
  it('stop a flood: 40 opinions at once file the hour’s few, the rest RATE_LIMITED with a clear message', async () => {
    h.clock.now = T0;
    const send = (i: number) => h.raw('voice', 'h-flooder', { action: 'sendOpinion', area: 'rights', text: `刷屏的递语第 ${i} 条`, anonymous: i % 2 === 0 });
    let answers = await Promise.all(Array.from({ length: 40 }, (_, i) => send(i)));
    // On CloudBase a caller in such a crowd may be told to try again (CONFLICT, 请稍后再试), as the app shows it.
    const busy = (a: (typeof answers)[number]) => !a.ok && a.error.code === 'CONFLICT';
    for (let round = 0; round < 5 && answers.some(busy); round++) answers = await Promise.all(answers.map((a, i) => (busy(a) ? send(i) : a)));
    const codes = answers.map((a) => (a.ok ? 'OK' : a.error.code));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(5);
    expect(new Set(codes.filter((c) => c !== 'OK'))).toEqual(new Set(['RATE_LIMITED']));
    const refused = answers.find((a) => !a.ok && a.error.code === 'RATE_LIMITED');
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/每小时最多提交 5 份团团递语，请 \d+ 分钟后再试/) } });
    expect((await h.call('h-cadre', 'voice', 'opinionQueue', { limit: 100 })).opinions).toHaveLength(5);

    // Other people, and other kinds, are not held back.
    await h.call('h-neighbour', 'voice', 'sendOpinion', { area: 'rights', text: '我也想反映一下这个问题', anonymous: false });
    await h.call('h-flooder', 'points', 'claim', { kind: 'errand', description: '帮独居老人取药' });

    // The next hour a few more; never more than the day's share.
    for (let hour = 1; hour <= 3; hour++) {
      h.clock.now = new Date(T0.getTime() + hour * 3_600_000);
      const more = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          h.raw('voice', 'h-flooder', { action: 'sendOpinion', area: 'life', text: `第 ${hour} 小时的递语 ${i}`, anonymous: true }),
        ),
      );
      expect(more.filter((a) => a.ok).length).toBe(hour === 1 ? 5 : 0);
      if (hour > 1)
        expect(more.find((a) => !a.ok && a.error.code === 'RATE_LIMITED')).toMatchObject({ error: { message: expect.stringContaining('请明天再试') } });
    }
    // The counters name nobody.
    const counted = JSON.stringify(await findAll(h.store, throttles));
    for (const openid of ['h-flooder', 'h-neighbour']) expect(counted).not.toContain((await h.user(openid))!._id);
  });

  it('are throttled for station applications and claims alike, and a refused one files nothing', async () => {
    h.clock.now = new Date(T0.getTime() + 86_400_000);
    const apply = (i: number) =>
      h.raw('stations', 'h-neighbour', {
        action: 'apply',
        name: `新驿站 ${i}`,
        orgId: 'h-town',
        location: { lat: 30.84 + i / 1000, lng: 120.93 },
        address: '嘉善县测试路 1 号',
        services: ['rest'],
      });
    const filed = [];
    for (let i = 0; i < 12; i++) filed.push(await apply(i));
    expect(filed.filter((a) => a.ok)).toHaveLength(10);
    expect(filed.at(-1)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    const mine = await h.call('h-neighbour', 'review', 'mine', { limit: 100 });
    expect(mine.items.filter((i) => i.kind === 'station')).toHaveLength(10);
    const claims = [];
    for (let i = 0; i < 7; i++) claims.push(await h.raw('points', 'h-neighbour', { action: 'claim', kind: 'errand', description: `帮老人代办第 ${i} 次` }));
    expect(claims.map((c) => (c.ok ? 'OK' : c.error.code))).toEqual(['OK', 'OK', 'OK', 'OK', 'OK', 'OK', 'RATE_LIMITED']);
  });
});

describe('uploads', () => {
  const html = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>');

  it('re-encode a whole image, so nothing but its pixels is kept', () => {
    for (const photo of [PNG, JPEG]) {
      const clean = reencodeImage(Buffer.concat([photo, html]));
      // Markup after a whole image is dropped with everything else that is not pixels.
      if (clean) expect(clean.bytes.includes(Buffer.from('<script'))).toBe(false);
      expect(reencodeImage(photo)).toMatchObject({ type: photo === PNG ? 'png' : 'jpg' });
    }
    const commented = jpeg.encode({ width: 8, height: 8, data: Buffer.alloc(256, 200), comments: ['GPS 30.84,120.93 <script>x</script>'] }, 90).data;
    expect(commented.includes(Buffer.from('GPS'))).toBe(true);
    const cleaned = reencodeImage(commented)!;
    expect(cleaned.bytes.includes(Buffer.from('GPS'))).toBe(false);
    expect(jpeg.decode(cleaned.bytes)).toMatchObject({ width: 8, height: 8 });
  });

  it('refuse what does not decode whole: a signature before markup, a truncated file, a bomb, WebP, nothing', () => {
    const huge = Buffer.from(PNG);
    huge.writeUInt32BE(100_000, 16);
    huge.writeUInt32BE(100_000, 20);
    const refused = [
      Buffer.concat([PNG.subarray(0, 8), html]),
      Buffer.concat([JPEG.subarray(0, 3), html]),
      PNG.subarray(0, PNG.length - 20),
      JPEG.subarray(0, JPEG.length / 2),
      huge,
      Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBPVP8 '), html]),
      html,
      Buffer.alloc(0),
    ];
    for (const [i, bytes] of refused.entries()) expect({ i, clean: reencodeImage(bytes) }).toEqual({ i, clean: null });
  });

  it('answer INVALID_INPUT for such files through registerUpload and remove them', async () => {
    const stored = new Map<string, Buffer>([['cloud://env.b/p.png', Buffer.concat([PNG.subarray(0, 8), html])]]);
    h.deps.storage = {
      read: async (id) => stored.get(id) ?? Buffer.alloc(0),
      remove: async (id) => {
        stored.delete(id);
      },
      upload: async (path, content) => {
        stored.set(`cloud://env.b/${path}`, content);
        return `cloud://env.b/${path}`;
      },
    };
    expect(await h.fail('h-neighbour', 'account', 'registerUpload', { fileId: 'cloud://env.b/p.png' })).toBe('INVALID_INPUT');
    expect([...stored.keys()]).toEqual([]);
    delete h.deps.storage;
  });
});
