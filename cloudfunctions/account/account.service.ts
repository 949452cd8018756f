import type { ParsedInputOf, Role, User } from '../../types';
import { STAR_TITLES } from '../../types/points';
import { maskPhone, openField, sealField } from '../core/crypto';
import { conflict, invalid, notFound } from '../core/errors';
import { newUser, userIdOf, users, type UserDoc } from '../core/identity';
import type { Ctx } from '../core/runtime';
import type { DocReader } from '../core/store/docstore.port';
import { inShanghai } from '../core/time';
import { getOrg } from '../orgs/orgs.service';
import { starsOf } from '../points/stars';
import { fileReview } from '../review/submit';
import { getStation } from '../stations/stations.service';
import { awardsOf } from '../voice/awards';
import { verificationKind } from './verification-kind';

export async function userView(store: DocReader, fieldKey: Buffer, record: UserDoc): Promise<User> {
  const stars = (await starsOf(store, record._id)).map((s) => ({
    month: s.month,
    category: STAR_TITLES[s.category as keyof typeof STAR_TITLES] ?? s.category,
  }));
  const awards = await awardsOf(store, record._id);
  return {
    id: record._id,
    roles: record.roles,
    displayName: record.displayName,
    verified: record.verified,
    stationIds: record.stationIds,
    cadreOrgIds: record.cadreOrgIds,
    ...(record.orgId ? { orgId: record.orgId } : {}),
    ...(record.platform ? { platform: record.platform } : {}),
    ...(record.birthYear ? { birthYear: record.birthYear } : {}),
    ...(record.leagueMember !== undefined ? { leagueMember: record.leagueMember } : {}),
    ...(record.phoneEnc ? { phone: maskPhone(openField(record.phoneEnc, fieldKey)) } : {}),
    ...(stars.length ? { stars } : {}),
    ...(awards.length ? { awards } : {}),
  };
}

export async function me({ user, deps }: Ctx): Promise<{ user: User }> {
  return { user: await userView(deps.store, deps.secrets.fieldKey, user) };
}

/**
 * Writes only the fields given, so a concurrent grant or verification is never undone; in one transaction with the
 * committee's registry (摸清底数), which counts the rider as they now are.
 */
export async function updateProfile({ user, deps, now }: Ctx, input: ParsedInputOf<'account', 'updateProfile'>): Promise<{ user: User }> {
  if (input.birthYear !== undefined && !plausibleBirthYear(input.birthYear, inShanghai(now).year())) throw invalid('出生年份有误');
  if (input.orgId && !(await getOrg(deps.store, input.orgId))) throw notFound('所选团委不存在');
  const fields: Partial<UserDoc> = {
    ...(input.displayName ? { displayName: input.displayName } : {}),
    ...(input.orgId ? { orgId: input.orgId } : {}),
    ...(input.platform ? { platform: input.platform } : {}),
    ...(input.birthYear !== undefined ? { birthYear: input.birthYear } : {}),
    ...(input.leagueMember !== undefined ? { leagueMember: input.leagueMember } : {}),
    ...(input.phone ? { phoneEnc: sealField(input.phone, deps.secrets.fieldKey) } : {}),
  };
  await deps.store.update(users, user._id, fields);
  const updated = (await deps.store.get(users, user._id)) ?? { ...user, ...fields };
  return { user: await userView(deps.store, deps.secrets.fieldKey, updated) };
}

/** A rider is 14 to 90 years old in the current year. */
const plausibleBirthYear = (birthYear: number, year: number) => year - birthYear >= 14 && year - birthYear <= 90;

function addOnce<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? [...list] : [...list, value];
}

/** Admin grants a role; an openid never seen becomes a user now. */
export async function grantRole({ deps, now }: Ctx, input: ParsedInputOf<'account', 'grantRole'>): Promise<{ user: User }> {
  if (input.role === 'staff' && !(await getStation(deps.store, input.stationId!))) throw notFound('驿站不存在');
  if (input.role === 'cadre' && !(await getOrg(deps.store, input.orgId!))) throw notFound('团委不存在');
  const granted = await deps.store.transaction(async (tx) => {
    const id = userIdOf(input.openid, deps.secrets.fieldKey);
    const target = (await tx.get(users, id)) ?? newUser(input.openid, deps.secrets.fieldKey, now, deps.adminOpenid);
    const next: UserDoc = {
      ...target,
      roles: addOnce(target.roles, input.role),
      stationIds: input.role === 'staff' ? addOnce(target.stationIds, input.stationId!) : target.stationIds,
      cadreOrgIds: input.role === 'cadre' ? addOnce(target.cadreOrgIds, input.orgId!) : target.cadreOrgIds,
    };
    await tx.set(users, next);
    return next;
  });
  return { user: await userView(deps.store, deps.secrets.fieldKey, granted) };
}

/**
 * Admin withdraws a role, or one station or committee of it; the user's next call sees it. Without a station or
 * committee the role goes entirely; when its last station or committee goes, so does the role.
 */
export async function revokeRole({ user, deps }: Ctx, input: ParsedInputOf<'account', 'revokeRole'>): Promise<{ user: User }> {
  const id = userIdOf(input.openid, deps.secrets.fieldKey);
  if (id === user._id && input.role === 'admin') throw invalid('不能撤销自己的管理员角色');
  const revoked = await deps.store.transaction(async (tx) => {
    const target = await tx.get(users, id);
    if (!target) throw notFound('找不到这个用户');
    if (!target.roles.includes(input.role)) throw conflict('该用户没有这个角色');
    const stationIds = input.role !== 'staff' ? target.stationIds : input.stationId ? target.stationIds.filter((s) => s !== input.stationId) : [];
    const cadreOrgIds = input.role !== 'cadre' ? target.cadreOrgIds : input.orgId ? target.cadreOrgIds.filter((o) => o !== input.orgId) : [];
    const emptied = (input.role === 'staff' && stationIds.length === 0) || (input.role === 'cadre' && cadreOrgIds.length === 0);
    const keepsRole = (input.role === 'staff' || input.role === 'cadre') && !emptied;
    const roles: Role[] = keepsRole ? target.roles : target.roles.filter((r) => r !== input.role);
    await tx.update(users, id, { roles, stationIds, cadreOrgIds });
    return { ...target, roles, stationIds, cadreOrgIds };
  });
  return { user: await userView(deps.store, deps.secrets.fieldKey, revoked) };
}

/** A rider asks to be verified as a courier; the item goes to their home committee (or the one they name). */
export async function applyVerification(ctx: Ctx, input: ParsedInputOf<'account', 'applyVerification'>): Promise<{ reviewId: string }> {
  const { user, deps } = ctx;
  const orgId = input.orgId ?? user.orgId;
  if (!orgId) throw invalid('请先选择所属团委');
  if (!(await getOrg(deps.store, orgId))) throw notFound('团委不存在');
  return deps.store.transaction(async (tx) => {
    const current = (await tx.get(users, user._id)) ?? user;
    if (current.verified) throw conflict('你已经通过骑手认证');
    const reviewId = await fileReview(tx, ctx, current, verificationKind, {
      orgId,
      payload: { realName: input.realName, platform: input.platform, employer: input.employer },
      note: input.note,
    });
    return { reviewId };
  });
}
