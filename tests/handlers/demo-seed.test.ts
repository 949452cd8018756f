import { users } from '../../cloudfunctions/core/identity';
import { findAll } from '../../cloudfunctions/core/store/find-all';
import { reviews } from '../../cloudfunctions/capabilities/review/collections';
import { stations } from '../../cloudfunctions/capabilities/orgs/station-directory';
import { openThroughout } from '../../server/seed/demo-data';
import { seedDemoActivity } from '../../server/seed/activity';
import { demoUserId, seedDemo } from '../../server/seed/seed';
import { createHarness, type Harness } from '../support/harness';
import { expectLedgerInvariant } from '../support/invariants';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  expect(await seedDemo(h.deps)).toBe(true);
  await seedDemoActivity(h.deps);
});
afterAll(() => h.close());

describe('the demo data of local mode', () => {
  it('seeds once: a second start finds the database seeded', async () => {
    expect(await seedDemo(h.deps)).toBe(false);
  });

  it('gives the demo riders balances that equal their ledgers', async () => {
    await expectLedgerInvariant(h.store, [demoUserId(h.deps, 'demo-rider'), demoUserId(h.deps, 'demo-rider-2')]);
    expect(await h.call('demo-rider', 'points', 'balance', {})).toEqual({ balance: 30 });
    const board = await h.call('demo-rider', 'points', 'leaderboard', { category: 'checkins' });
    expect(board.rows.map((r) => r.displayName)).toEqual(['李小哥', '王骑手']);
  });

  it('leaves today free: no check-ins today, so the daily caps start at zero', async () => {
    expect((await h.call('demo-staff', 'checkin', 'today', { stationId: 'st-weitang-hq' })).visits).toBe(0);
  });

  it('gives the county cadre a queue with the overdue station application first', async () => {
    const { items } = await h.call('demo-cadre', 'review', 'queue', {});
    expect(items.map((i) => i.id)).toEqual(['rv-demo-station', 'rv-demo-verify', 'rv-demo-hazard']);
    expect(items[0]?.overdue).toBe(true);
    const town = await h.call('demo-town-cadre', 'review', 'queue', {});
    expect(town.items.map((i) => i.id)).toEqual(['rv-demo-verify', 'rv-demo-hazard']);
  });

  it('never contradicts itself: meals only while a station is open, windows apart, no verified rider awaiting verification', async () => {
    for (const station of await findAll(h.store, stations)) {
      const meals = [...(station.meals ?? [])].sort((a, b) => a.start.localeCompare(b.start));
      for (const w of meals) expect({ station: station.name, window: w, open: openThroughout(station.hours, w) }).toMatchObject({ open: true });
      meals.forEach((w, i) => {
        const next = meals[i + 1];
        if (next) expect({ station: station.name, end: w.end <= next.start }).toEqual({ station: station.name, end: true });
      });
      if (meals.length > 0) expect(station.services).toContain('meal');
    }
    const verified = new Set((await findAll(h.store, users)).filter((u) => u.verified).map((u) => u._id));
    const waiting = (await findAll(h.store, reviews)).filter((r) => r.kind === 'verification' && verified.has(r.submitterId));
    expect(waiting).toEqual([]);
  });
});
