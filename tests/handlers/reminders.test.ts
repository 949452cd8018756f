import { remindUpcomingActivities } from '../../cloudfunctions/features/activities/reminders';
import { remindUpcomingBookings } from '../../cloudfunctions/features/consult/reminders';
import { runSweeps } from '../../cloudfunctions/functions';
import { buildOrg, buildPerson } from '../support/builders';
import { ADMIN, createHarness, type Harness } from '../support/harness';
import { must } from '../support/must';
import { sendQueuedPushes } from '../../cloudfunctions/capabilities/inbox/send-pushes';

jest.setTimeout(120_000);

// 10:00 in Shanghai, Wednesday 18 November.
const T0 = new Date('2026-11-18T02:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ORG = 'rm-town';
const CO = 'rm-counsellor';
const CADRE = 'rm-cadre';
const TOPIC = '外卖平台扣了我三天工资';

let h: Harness;
const pushed: { openid: string; kind: string; title: string }[] = [];

const later = (ms: number) => new Date(T0.getTime() + ms);

async function inbox(openid: string): Promise<{ title: string; body: string }[]> {
  return (await h.call(openid, 'account', 'messages', {})).messages;
}

async function reminders(openid: string, title: string): Promise<{ title: string; body: string }[]> {
  return (await inbox(openid)).filter((m) => m.title === title);
}

async function bookAt(rider: string, start: Date): Promise<string> {
  const out = await h.call(CO, 'consult', 'publishSlots', {
    slots: [{ start: start.toISOString(), end: new Date(start.getTime() + 30 * MINUTE).toISOString(), modes: ['phone'] }],
  });
  const slotId = must(out.slots[0], 'a published slot').id;
  return (await h.call(rider, 'consult', 'book', { slotId, category: 'labour', mode: 'phone', topic: TOPIC })).booking.id;
}

async function activityAt(start: Date, capacity = 5): Promise<string> {
  const out = await h.call(CADRE, 'activities', 'create', {
    title: '骑手安全课',
    kind: 'class',
    orgId: ORG,
    venue: { name: '魏塘驿站', address: '嘉善县魏塘街道解放东路 1 号', location: { lat: 30.84, lng: 120.93 } },
    start: start.toISOString(),
    end: new Date(start.getTime() + HOUR).toISOString(),
    capacity,
    gives: { points: 10, certificate: false, pack: false },
  });
  return out.activity.id;
}

beforeAll(async () => {
  h = await createHarness(T0);
  h.deps.push = async (openid, kind, message) => {
    pushed.push({ openid, kind, title: message.title });
  };
  await buildOrg(h.store, ORG);
  await buildPerson(h.deps, CADRE, { roles: ['cadre'], cadreOrgIds: [ORG] });
  await h.call(ADMIN, 'consult', 'addCounsellor', { openid: CO, name: '王老师', categories: ['labour'], orgId: ORG });
});

afterAll(() => h.close());

beforeEach(() => {
  h.clock.now = T0;
  pushed.length = 0;
});

describe('reminders before a consultation', () => {
  const TITLE = '12355 咨询即将开始';

  it('reminds a booking within the hour once, even when two sweeps run at once; later ones when their hour comes; cancelled ones never', async () => {
    await bookAt('rm-soon', later(30 * MINUTE));
    await bookAt('rm-later', later(2 * HOUR));
    const cancelled = await bookAt('rm-cancelled', later(3 * HOUR));
    await h.call('rm-cancelled', 'consult', 'cancel', { bookingId: cancelled });

    const [a, b] = await Promise.all([remindUpcomingBookings(h.deps, h.clock.now), remindUpcomingBookings(h.deps, h.clock.now)]);
    expect(a + b).toBe(1);
    const notices = await reminders('rm-soon', TITLE);
    expect(notices).toHaveLength(1);
    expect(must(notices[0], 'the reminder').body).toBe('11月18日 10:30，电话咨询，请准时参加。');
    expect(notices[0]?.body).not.toContain(TOPIC);
    await sendQueuedPushes(h.deps, h.clock.now);
    expect(pushed.filter((p) => p.title === TITLE)).toEqual([expect.objectContaining({ kind: 'consultReminder' })]);
    expect(await reminders('rm-later', TITLE)).toHaveLength(0);

    expect(await remindUpcomingBookings(h.deps, h.clock.now)).toBe(0);

    h.clock.now = later(90 * MINUTE);
    expect(await remindUpcomingBookings(h.deps, h.clock.now)).toBe(1);
    expect(await reminders('rm-later', TITLE)).toHaveLength(1);
    expect(await reminders('rm-soon', TITLE)).toHaveLength(1);

    h.clock.now = later(2 * HOUR + 30 * MINUTE);
    expect(await remindUpcomingBookings(h.deps, h.clock.now)).toBe(0);
    expect(await reminders('rm-cancelled', TITLE)).toHaveLength(0);
  });
});

describe('reminders before an activity', () => {
  const TITLE = '活动即将开始';

  it('reminds confirmed sign-ups within two hours once, not the waitlist, not the cancelled, later activities when their time comes', async () => {
    const soon = await activityAt(later(90 * MINUTE), 2);
    const evening = await activityAt(later(5 * HOUR));
    for (const rider of ['rm-a1', 'rm-a2', 'rm-a3']) await h.call(rider, 'activities', 'signUp', { activityId: soon });
    await h.call('rm-a2', 'activities', 'cancel', { activityId: soon }); // rm-a3 moves up from the waitlist
    await h.call('rm-a4', 'activities', 'signUp', { activityId: soon }); // waitlisted
    await h.call('rm-a5', 'activities', 'signUp', { activityId: evening });

    const [a, b] = await Promise.all([remindUpcomingActivities(h.deps, h.clock.now), remindUpcomingActivities(h.deps, h.clock.now)]);
    expect(a + b).toBe(2);
    for (const rider of ['rm-a1', 'rm-a3']) {
      const notices = await reminders(rider, TITLE);
      expect(notices).toHaveLength(1);
      expect(must(notices[0], 'the reminder').body).toContain('11-18 11:30 在 魏塘驿站');
    }
    for (const rider of ['rm-a2', 'rm-a4', 'rm-a5']) expect(await reminders(rider, TITLE)).toHaveLength(0);
    await sendQueuedPushes(h.deps, h.clock.now);
    expect(pushed.filter((p) => p.title === TITLE)).toEqual([
      expect.objectContaining({ kind: 'activityReminder' }),
      expect.objectContaining({ kind: 'activityReminder' }),
    ]);

    h.clock.now = later(3 * HOUR + 30 * MINUTE);
    expect(await runSweeps(h.deps, h.clock.now)).toMatchObject({ reminded: 1 });
    expect(await reminders('rm-a5', TITLE)).toHaveLength(1);
    expect(await reminders('rm-a1', TITLE)).toHaveLength(1);
  });
});
