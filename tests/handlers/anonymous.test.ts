/**
 * Anonymous means unlinkable at rest: after anonymous opinions are sent, answered and their authors told, no stored
 * document joins an answered anonymous opinion to its author by id, by time or by the order of writes.
 */
import type { Doc } from '../../cloudfunctions/core/store/docstore.port';
import { openField } from '../../cloudfunctions/core/crypto';
import { findAll } from '../../cloudfunctions/core/store/find-all';
import { COLLECTIONS } from '../../cloudfunctions/functions';
import { runSweeps } from '../../cloudfunctions/functions';
import { opinions, type OpinionDoc } from '../../cloudfunctions/features/voice/collections';
import { buildOrg, buildPerson } from '../support/builders';
import { createHarness, type Harness } from '../support/harness';

// 10:00 in Shanghai.
const T0 = new Date('2026-11-18T02:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
let h: Harness;

const AUTHORS = ['anon-1', 'anon-2', 'anon-3'] as const;

beforeAll(async () => {
  h = await createHarness(new Date(T0.getTime() - 30 * 86_400_000));
  await buildOrg(h.store, 'a-town');
  await buildPerson(h.deps, 'a-cadre', { roles: ['cadre'], cadreOrgIds: ['a-town'] });
  for (const [i, a] of AUTHORS.entries()) await buildPerson(h.deps, a, { orgId: 'a-town', displayName: `骑手${'甲乙丙'[i]}` });
});
afterAll(() => h.close());

async function everything(): Promise<{ collection: string; doc: Doc }[]> {
  const all = await Promise.all(COLLECTIONS.map(async (c) => (await findAll(h.store, c)).map((doc) => ({ collection: c.name, doc }))));
  return all.flat();
}

/** Every instant a document holds, as milliseconds. */
function instants(value: unknown): number[] {
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T/.test(value) ? [Date.parse(value)] : [];
  if (Array.isArray(value)) return value.flatMap(instants);
  if (value && typeof value === 'object') return Object.values(value).flatMap(instants);
  return [];
}

describe('anonymous opinions', () => {
  const sent: { author: string; id: string }[] = [];

  it('are answered without telling anyone at once, and their authors are told together an hour later', async () => {
    // Sent at 10:00, 10:07 and 10:16 (anon-3 also sends a named one at 10:15); answered at 10:20, 10:41 and 10:50.
    const times = [0, 7, 16];
    for (const [i, author] of AUTHORS.entries()) {
      if (author === 'anon-3') {
        h.clock.now = at(15);
        await h.call(author, 'voice', 'sendOpinion', { area: 'safety', text: '这个路口很危险，我署名反映', anonymous: false });
      }
      h.clock.now = at(times[i]!);
      const { opinion } = await h.call(author, 'voice', 'sendOpinion', { area: 'rights', text: `站点要求超时工作 ${i}`, anonymous: true });
      sent.push({ author, id: opinion.id });
    }
    for (const [i, minute] of [20, 41, 50].entries()) {
      h.clock.now = at(minute);
      await h.call('a-cadre', 'voice', 'answerOpinion', { opinionId: sent[i]!.id, answer: '已约谈站点负责人' });
    }
    const told = async (openid: string) => (await h.call(openid, 'account', 'messages', {})).messages.filter((m) => m.title === '你的团团递语有了答复');
    for (const a of AUTHORS) expect(await told(a)).toEqual([]);

    h.clock.now = at(55);
    expect(await runSweeps(h.deps, h.clock.now)).toMatchObject({ toldAnonymous: 0 });
    h.clock.now = at(63);
    expect(await runSweeps(h.deps, h.clock.now)).toMatchObject({ toldAnonymous: 3 });
    expect(await runSweeps(h.deps, h.clock.now)).toMatchObject({ toldAnonymous: 0 });
    for (const a of AUTHORS) {
      expect(await told(a)).toEqual([expect.objectContaining({ at: '2026-11-18T11:00:00.000+08:00', body: '团委答复了你匿名提交的递语，去“我的递语”查看。' })]);
      const mine = (await h.call(a, 'voice', 'myOpinions', {})).opinions;
      expect(mine.filter((o) => o.anonymous)).toMatchObject([{ status: 'answered' }]);
    }
  });

  it('leave no stored document that joins an answered opinion to its author by id or time', async () => {
    const docs = await everything();
    const { fieldKey } = h.deps.secrets;
    for (const { author, id } of sent) {
      const user = (await h.user(author))!;
      const opinion = (await h.store.get(opinions, id))!;
      expect(opinion).toMatchObject({ anonymous: true, status: 'answered', tellAuthor: false });
      // The author link opens only with the notice sweep's own key.
      expect(() => openField(opinion.authorEnc!, fieldKey)).toThrow();
      const identifiers = [user._id, author, user.displayName];
      const marks = [id, opinion.reviewId];
      for (const { collection, doc } of docs) {
        const text = JSON.stringify(doc);
        const namesAuthor = identifiers.some((x) => text.includes(x));
        // By id: nothing holds the opinion (or its review item) and the author together.
        expect({ collection, joins: namesAuthor && marks.some((m) => text.includes(m)) }).toEqual({ collection, joins: false });
        // By time: nothing that names the author was written at the moment the opinion was sent or answered.
        if (namesAuthor) {
          for (const t of instants(doc)) {
            for (const event of [opinion.at, opinion.answeredAt!]) {
              expect({ collection, apart: Math.abs(t - Date.parse(event)) >= 60_000 }).toEqual({ collection, apart: true });
            }
          }
        }
      }
    }
    // A rider's anonymous opinions carry another tag than their named ones.
    const own = (await findAll(h.store, opinions)).filter((o: OpinionDoc) => o.area === 'safety' || o._id === sent[2]!.id);
    expect(new Set(own.map((o) => o.authorKey)).size).toBe(2);
  });

  it('leave no OPENID in clear, in documents or in the database files', async () => {
    const text = JSON.stringify(await everything());
    for (const a of [...AUTHORS, 'a-cadre']) {
      expect(text).not.toContain(a);
      for (const bytes of h.files()) expect(bytes.includes(Buffer.from(a))).toBe(false);
    }
  });
});
