import type { InboxMessage, ParsedInputOf } from '../../../types';
import type { Ctx, Deps } from '../runtime';
import { toShanghaiIso } from '../time';
import type { Repos, UserRecord } from '../store/store.port';

export interface Notice {
  title: string;
  body: string;
  link?: string;
}

/** Writes an inbox message (inside the caller's transaction when given one). */
export async function notify(repos: Repos, deps: Deps, userId: string, notice: Notice): Promise<void> {
  await repos.messages.add({
    id: deps.newId(),
    userId,
    title: notice.title,
    body: notice.body,
    link: notice.link,
    at: deps.now().toISOString(),
    read: false,
  });
}

/** After commit: a WeChat subscribe message where the platform supports it; failures never undo the decision. */
export async function push(deps: Deps, user: UserRecord | null, notice: Notice): Promise<void> {
  if (!user || !deps.push) return;
  try {
    await deps.push(user.openid, notice);
  } catch (error) {
    deps.log?.({ level: 'warn', what: 'push failed', error: error instanceof Error ? error.message : String(error) });
  }
}

export async function messages(
  { user, deps }: Ctx,
  input: ParsedInputOf<'account', 'messages'>,
): Promise<{ messages: InboxMessage[]; unread: number; cursor?: string }> {
  const page = await deps.store.messages.list(user.id, input.cursor, input.limit);
  return {
    messages: page.items.map((m) => ({
      id: m.id,
      title: m.title,
      body: m.body,
      at: toShanghaiIso(m.at),
      read: m.read,
      ...(m.link ? { link: m.link } : {}),
    })),
    unread: await deps.store.messages.unread(user.id),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}

export async function readMessages({ user, deps }: Ctx, input: ParsedInputOf<'account', 'readMessages'>): Promise<{ unread: number }> {
  await deps.store.messages.markRead(user.id, input.ids);
  return { unread: await deps.store.messages.unread(user.id) };
}
