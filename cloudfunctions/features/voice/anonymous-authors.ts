/**
 * Who wrote an anonymous opinion, kept so that nothing at rest joins the opinion to its author. The opinion carries a
 * tag (a keyed hash, so the author finds their own threads) and the author's id sealed with a key of its own, which
 * only the notice sweep opens. The answer's transaction tells nobody: the sweep tells the authors of every opinion
 * answered in the past hour together, stamped with the hour, in shuffled order, so a notice cannot be matched to an
 * answer by its time, its id or the order it was written in.
 */
import { randomInt } from 'node:crypto';
import { hmac, openField, purposeKey, sealField } from '../../core/crypto';
import { users } from '../../core/identity';
import type { Deps } from '../../core/runtime';
import { notify, push, type Notice } from '../../capabilities/inbox/inbox';
import { opinions } from './collections';
import { OPINIONS_PAGE } from './opinion-kind';
import { anonymousNoticeCutoff } from './voice-rules';

const authorKey = (fieldKey: Buffer) => purposeKey(fieldKey, 'rider-hub:anonymous-opinion-author');

/** The tag on a rider's anonymous opinions: stable for them, different from the one on their named opinions. */
export function anonymousAuthorTag(userId: string, fieldKey: Buffer): string {
  return hmac(authorKey(fieldKey), `opinion-author:${userId}`).toString('base64url');
}

export function sealAuthor(userId: string, fieldKey: Buffer): string {
  return sealField(userId, authorKey(fieldKey));
}

/** Opinions told per transaction. */
const CHUNK = 20;
const NOTICE: Notice = { title: '你的团团递语有了答复', body: '团委答复了你匿名提交的递语，去“我的递语”查看。', link: OPINIONS_PAGE };

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Tells the authors of anonymous opinions answered before the current hour began, with messages stamped with that
 * hour; answers how many were told. An author link that no longer opens (the field key changed) is dropped.
 */
export async function tellAnonymousAuthors(deps: Deps, now: Date): Promise<number> {
  const cutoff = anonymousNoticeCutoff(now);
  const key = authorKey(deps.secrets.fieldKey);
  let told = 0;
  for (;;) {
    const page = await deps.store.find(opinions, { where: { tellAuthor: true, answeredAt: { $lt: cutoff.toISOString() } }, limit: 100 });
    if (page.items.length === 0) return told;
    const batch = shuffled(page.items).map((o) => {
      try {
        return { opinionId: o._id, authorId: openField(o.authorEnc ?? '', key) };
      } catch {
        deps.log?.({ level: 'warn', what: 'an anonymous author link does not open; the author is not told' });
        return { opinionId: o._id, authorId: null };
      }
    });
    for (let i = 0; i < batch.length; i += CHUNK) {
      const chunk = batch.slice(i, i + CHUNK);
      await deps.store.transaction(async (tx) => {
        for (const { opinionId, authorId } of chunk) {
          const opinion = await tx.get(opinions, opinionId);
          if (!opinion?.tellAuthor) continue;
          if (authorId) await notify(tx, { deps, now: cutoff }, authorId, NOTICE);
          await tx.update(opinions, opinionId, { tellAuthor: false });
        }
      });
    }
    // Pushed as the answer to a review item, the kind a named author's answer goes out as.
    for (const { authorId } of batch) if (authorId) await push(deps, await deps.store.get(users, authorId), NOTICE, 'reviewDecided');
    told += batch.filter((b) => b.authorId).length;
  }
}
