import type { ParsedInputOf, PersonMatch, Role, User } from '../../../types';
import { STAR_TITLES } from '../../../types/points';
import { maskPhone, openField, sealField } from '../../core/crypto';
import { conflict, invalid, notFound } from '../../core/errors';
import { newUser, phoneKeyOf, userIdOf, users, type UserDoc } from '../../core/identity';
import type { Ctx } from '../../core/runtime';
import type { DocReader, Tx } from '../../core/store/docstore.port';
import { inShanghai } from '../../core/time';
import { getOrg } from '../orgs/orgs.service';
import { starsOf } from './honours';
import { fileReview } from '../review/submit';
import { getStation } from '../orgs/station-directory';
import { awardsOf } from './honours';
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
    ...(record.listed !== undefined ? { listed: record.listed } : {}),
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
    ...(input.listed !== undefined ? { listed: input.listed } : {}),
    ...(input.phone ? { phoneEnc: sealField(input.phone, deps.secrets.fieldKey), phoneKey: phoneKeyOf(input.phone, deps.secrets.fieldKey) } : {}),
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

/**
 * The person a role change is for. By OPENID (API.md): one never seen becomes a user now. By user number (what the
 * admin screens use, read off the person's 我的 page): only someone who exists, so a typo grants nothing.
 */
async function target(tx: Tx, { deps, now }: Ctx, who: { openid?: string; userId?: string }): Promise<UserDoc> {
  if (who.userId) {
    const found = await tx.get(users, who.userId);
    if (!found) throw notFound('找不到这个用户编号，请让对方在“我的”页查看后再试');
    return found;
  }
  const openid = who.openid!;
  return (await tx.get(users, userIdOf(openid, deps.secrets.fieldKey))) ?? newUser(openid, deps.secrets.fieldKey, now, deps.adminOpenid);
}

/** Admin grants a role to a person named by OPENID or user number. */
export async function grantRole(ctx: Ctx, input: ParsedInputOf<'account', 'grantRole'>): Promise<{ user: User }> {
  const { deps } = ctx;
  if (input.role === 'staff' && !(await getStation(deps.store, input.stationId!))) throw notFound('驿站不存在');
  if (input.role === 'cadre' && !(await getOrg(deps.store, input.orgId!))) throw notFound('团委不存在');
  const granted = await deps.store.transaction(async (tx) => {
    const found = await target(tx, ctx, input);
    const next: UserDoc = {
      ...found,
      roles: addOnce(found.roles, input.role),
      stationIds: input.role === 'staff' ? addOnce(found.stationIds, input.stationId!) : found.stationIds,
      cadreOrgIds: input.role === 'cadre' ? addOnce(found.cadreOrgIds, input.orgId!) : found.cadreOrgIds,
    };
    await tx.set(users, next);
    return next;
  });
  return { user: await userView(deps.store, deps.secrets.fieldKey, granted) };
}

const PHONE = /^1\d{10}$/;
const USER_NUMBER = /^[\w-]{16}$/;
const MAX_MATCHES = 20;

/**
 * Admin: the people a query names, before a role is granted: by phone number (its keyed hash), by user number, or
 * by the beginning of their name. Answers no OPENID and masked phones only.
 */
export async function findPeople({ deps }: Ctx, input: ParsedInputOf<'account', 'findPeople'>): Promise<{ people: PersonMatch[] }> {
  const q = input.query.replace(/\s+/g, '');
  let found: UserDoc[];
  if (PHONE.test(q)) {
    found = (await deps.store.find(users, { where: { phoneKey: phoneKeyOf(q, deps.secrets.fieldKey) }, limit: MAX_MATCHES })).items;
  } else {
    const byNumber = USER_NUMBER.test(q) ? await deps.store.get(users, q) : null;
    const byName = (
      await deps.store.find(users, {
        where: { displayName: { $gte: input.query.trim(), $lt: `${input.query.trim()}\uffff` } },
        orderBy: [['displayName', 'asc']],
        limit: MAX_MATCHES,
      })
    ).items;
    found = [...(byNumber ? [byNumber] : []), ...byName.filter((u) => u._id !== byNumber?._id)];
  }
  return {
    people: found.map((u) => ({
      id: u._id,
      displayName: u.displayName,
      roles: u.roles,
      verified: u.verified,
      ...(u.orgId ? { orgId: u.orgId } : {}),
      ...(u.phoneEnc ? { phone: maskPhone(openField(u.phoneEnc, deps.secrets.fieldKey)) } : {}),
    })),
  };
}

/**
 * Admin withdraws a role, or one station or committee of it; the user's next call sees it. Without a station or
 * committee the role goes entirely; when its last station or committee goes, so does the role.
 */
export async function revokeRole(ctx: Ctx, input: ParsedInputOf<'account', 'revokeRole'>): Promise<{ user: User }> {
  const { user, deps } = ctx;
  const id = input.userId ?? userIdOf(input.openid!, deps.secrets.fieldKey);
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
