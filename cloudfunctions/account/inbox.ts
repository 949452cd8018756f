import type { InboxMessage, ParsedInputOf } from '../../types';
import type { PushKind } from '../../types/push-kinds';
import { openField, sealField } from '../core/crypto';
import type { UserDoc } from '../core/identity';
import type { Ctx, Deps } from '../core/runtime';
import { StoreConflict, type Tx } from '../core/store/docstore.port';
import { toShanghaiIso } from '../core/time';
import { messages, queuedPushes } from './collections';

export type { PushKind };

/**
 * A message to one user. The title and body say what happened and never carry personal data (they are pushed
 * through WeChat too); anything personal — a child's name, a reviewer's note, a cancellation reason — goes in
 * `detail`, sealed at rest, shown only in the owner's inbox and never pushed.
 */
export interface Notice {
  title: string;
  body: string;
  detail?: string;
  link?: string;
}

function messageDoc(deps: Deps, now: Date, id: string, userId: string, notice: Notice) {
  return {
    _id: id,
    userId,
    title: notice.title,
    body: notice.body,
    ...(notice.detail ? { detailEnc: sealField(notice.detail, deps.secrets.fieldKey) } : {}),
    ...(notice.link ? { link: notice.link } : {}),
    at: now.toISOString(),
    read: false,
  };
}

/** Writes an inbox message inside the caller's transaction. */
export async function notify(tx: Tx, { deps, now }: Pick<Ctx, 'deps' | 'now'>, userId: string, notice: Notice, id = deps.newId()): Promise<void> {
  await tx.insert(messages, messageDoc(deps, now, id, userId, notice));
}

/**
 * Writes an inbox message outside any transaction, keyed (`key` at most 64 characters), so that telling someone of
 * one event twice, by two callers or a call run again, leaves one message. False when it had been written already.
 */
export async function notifyOnce(deps: Deps, now: Date, key: string, userId: string, notice: Notice): Promise<boolean> {
  try {
    await deps.store.insert(messages, messageDoc(deps, now, key, userId, notice));
    return true;
  } catch (error) {
    if (error instanceof StoreConflict) return false;
    throw error;
  }
}

/**
 * After commit: queues a WeChat subscribe message of its kind (title, body and link; never the detail) where the
 * platform can push. The scheduler sends it (account/send-pushes.ts), so no answer waits on WeChat.
 */
export async function push(deps: Deps, user: UserDoc | null, notice: Notice, kind: PushKind): Promise<void> {
  if (!user || !deps.push) return;
  await deps.store.insert(queuedPushes, {
    _id: deps.newId(),
    userId: user._id,
    kind,
    title: notice.title,
    body: notice.body,
    ...(notice.link ? { link: notice.link } : {}),
    at: deps.now().toISOString(),
    sending: false,
  });
}

function unread(ctx: Ctx): Promise<number> {
  return ctx.deps.store.count(messages, { userId: ctx.user._id, read: false });
}

export async function list(ctx: Ctx, input: ParsedInputOf<'account', 'messages'>): Promise<{ messages: InboxMessage[]; unread: number; cursor?: string }> {
  const page = await ctx.deps.store.find(messages, {
    where: { userId: ctx.user._id },
    orderBy: [['at', 'desc']],
    limit: input.limit,
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
  return {
    messages: page.items.map((m) => ({
      id: m._id,
      title: m.title,
      body: m.body,
      ...(m.detailEnc ? { detail: openField(m.detailEnc, ctx.deps.secrets.fieldKey) } : {}),
      at: toShanghaiIso(m.at),
      read: m.read,
      ...(m.link ? { link: m.link } : {}),
    })),
    unread: await unread(ctx),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}

/** Marks the caller's own messages read, one field each (ids of other users' messages are ignored). */
export async function markRead(ctx: Ctx, input: ParsedInputOf<'account', 'readMessages'>): Promise<{ unread: number }> {
  const { store } = ctx.deps;
  const own = await store.find(messages, { where: { _id: { $in: input.ids }, userId: ctx.user._id, read: false }, limit: 100 });
  await Promise.all(own.items.map((m) => store.update(messages, m._id, { read: true })));
  return { unread: await unread(ctx) };
}
