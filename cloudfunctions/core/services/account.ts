import type { ParsedInputOf, User } from '../../../types';
import { sealField } from '../crypto';
import { notFound } from '../errors';
import type { Ctx, Deps } from '../runtime';
import type { Repos, UserRecord } from '../store/store.port';
import { STAR_TITLES } from '../../../types/points';
import { defaultDisplayName, toUser } from './users';

export async function userView(repos: Repos, deps: Deps, record: UserRecord): Promise<User> {
  const stars = (await repos.stars.ofUser(record.id)).map((s) => ({
    month: s.month,
    category: STAR_TITLES[s.category as keyof typeof STAR_TITLES] ?? s.category,
  }));
  return toUser(record, deps.secrets.fieldKey, stars);
}

export async function me({ user, deps }: Ctx): Promise<{ user: User }> {
  return { user: await userView(deps.store, deps, user) };
}

export async function updateProfile(
  { user, deps }: Ctx,
  input: ParsedInputOf<'account', 'updateProfile'>,
): Promise<{ user: User }> {
  if (input.orgId && !(await deps.store.orgs.get(input.orgId))) throw notFound('所选团委不存在');
  const updated: UserRecord = {
    ...user,
    ...(input.displayName ? { displayName: input.displayName } : {}),
    ...(input.orgId ? { orgId: input.orgId } : {}),
    ...(input.platform ? { platform: input.platform } : {}),
    ...(input.phone ? { phoneEnc: sealField(input.phone, deps.secrets.fieldKey) } : {}),
  };
  await deps.store.users.update(updated);
  return { user: await userView(deps.store, deps, updated) };
}

function addOnce<T>(list: T[], value: T): T[] {
  return list.includes(value) ? list : [...list, value];
}

/** Admin grants a role; an openid never seen becomes a user now. */
export async function grantRole({ deps, now }: Ctx, input: ParsedInputOf<'account', 'grantRole'>): Promise<{ user: User }> {
  if (input.role === 'staff' && !(await deps.store.stations.get(input.stationId!))) throw notFound('驿站不存在');
  if (input.role === 'cadre' && !(await deps.store.orgs.get(input.orgId!))) throw notFound('团委不存在');
  return deps.store.transaction(async (tx) => {
    let target = await tx.users.byOpenid(input.openid);
    if (!target) {
      const id = deps.newId();
      target = {
        id,
        openid: input.openid,
        roles: ['rider'],
        displayName: defaultDisplayName(id),
        stationIds: [],
        cadreOrgIds: [],
        verified: false,
        createdAt: now.toISOString(),
      };
      await tx.users.insert(target);
    }
    const granted: UserRecord = {
      ...target,
      roles: addOnce(target.roles, input.role),
      stationIds: input.role === 'staff' ? addOnce(target.stationIds, input.stationId!) : target.stationIds,
      cadreOrgIds: input.role === 'cadre' ? addOnce(target.cadreOrgIds, input.orgId!) : target.cadreOrgIds,
    };
    await tx.users.update(granted);
    return { user: await userView(tx, deps, granted) };
  });
}
