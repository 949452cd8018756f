import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { CONSULT_CATEGORIES, type ConsultCategory } from '../types/consult-labels';
import { consultFunction } from '../cloudfunctions/features/consult/actions';
import { slots } from '../cloudfunctions/features/consult/collections';
import { newId } from '../cloudfunctions/core/crypto';
import type { Deps } from '../cloudfunctions/core/runtime';
import { openSqliteDocStore } from '../cloudfunctions/adapters/sqlite/docstore.sqlite';
import { COLLECTIONS } from '../cloudfunctions/functions';
import { seededRandom } from '../server/seed/random';
import { percentiles, type Percentiles } from './stats';

const COUNSELLORS = 200;
const SLOTS_PER_COUNSELLOR = 100;
const CALLS = 300;
const HOUR = 3_600_000;

/**
 * Free slots of a topic over the next two weeks, as the booking page asks for them (the whole window's first page of
 * 100, and one day's), with 200 counsellors and 20,000 slots (about 15 % booked) on the embedded store.
 */
export async function consultSlotsBench(): Promise<{ slots: number; twoWeeks: Percentiles; oneDay: Percentiles }> {
  const dir = mkdtempSync(join(tmpdir(), 'rider-hub-bench-consult-'));
  const store = openSqliteDocStore({ path: join(dir, 'bench.db') });
  await store.ensureCollections(COLLECTIONS);
  // 10:00 Shanghai; slots from the next hour over 14 days, 08:00–22:00.
  const now = new Date('2026-11-18T02:00:00.000Z');
  const deps: Deps = { store, secrets: { tokenKey: randomBytes(32), fieldKey: randomBytes(32) }, now: () => now, newId };
  const random = seededRandom(12355);
  const pick = () => CONSULT_CATEGORIES[Math.floor(random() * CONSULT_CATEGORIES.length)]!;

  await store.transaction(async (tx) => {
    for (let c = 0; c < COUNSELLORS; c++) {
      const categories = [...new Set([pick(), pick(), pick()].slice(0, 1 + Math.floor(random() * 3)))] as ConsultCategory[];
      for (let i = 0; i < SLOTS_PER_COUNSELLOR; i++) {
        const day = Math.floor(i / 7);
        const hour = 8 + ((i % 7) * 2 + (c % 2));
        const start = new Date(now.getTime() - 2 * HOUR + day * 24 * HOUR + hour * HOUR);
        const booked = random() < 0.15;
        await tx.insert(slots, {
          _id: `s-${c}-${i}`,
          counsellorId: `co-${c}`,
          counsellorName: `咨询师 ${c}`,
          orgId: 'org',
          categories,
          start: start.toISOString(),
          end: new Date(start.getTime() + HOUR / 2).toISOString(),
          modes: ['phone', 'video'],
          free: !booked,
          bookingId: booked ? `b-${c}-${i}` : null,
        });
      }
    }
  });

  const time = async (event: (i: number) => Record<string, unknown>) => {
    const samples: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const started = performance.now();
      const res = await consultFunction.handle(event(i), { openid: `rider-${i}` }, deps);
      samples.push(performance.now() - started);
      if (!res.ok) throw new Error(res.error.message);
    }
    return percentiles(samples);
  };
  // First calls create the riders; measure once they exist.
  const twoWeeksEvent = (i: number) => ({ action: 'slots', category: CONSULT_CATEGORIES[i % CONSULT_CATEGORIES.length], limit: 100 });
  await time(twoWeeksEvent);
  const twoWeeks = await time(twoWeeksEvent);
  const oneDay = await time((i) => {
    const from = new Date(now.getTime() + 14 * HOUR + (i % 13) * 24 * HOUR);
    return {
      action: 'slots',
      category: CONSULT_CATEGORIES[i % CONSULT_CATEGORIES.length],
      from: from.toISOString(),
      to: new Date(from.getTime() + 24 * HOUR).toISOString(),
      limit: 100,
    };
  });
  const total = await store.count(slots);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { slots: total, twoWeeks, oneDay };
}
