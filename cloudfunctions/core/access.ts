/** Roles and committee scopes: who may act where. One module, used by every domain. */
import type { Role } from '../../types';

export interface Caller {
  _id: string;
  roles: readonly Role[];
  stationIds: readonly string[];
  cadreOrgIds: readonly string[];
}

export interface OrgNode {
  _id: string;
  parentId?: string;
}

/** Who may call an action: anyone identified, or a holder of one of the roles. */
export type Access = 'anyone' | readonly Role[];

export function hasRole(user: Pick<Caller, 'roles'>, access: Access): boolean {
  return access === 'anyone' || access.some((r) => user.roles.includes(r));
}

export function isAdmin(user: Pick<Caller, 'roles'>): boolean {
  return user.roles.includes('admin');
}

/** Staff of the station (admins are not staff by rank: a check-in or a hand-over happens at a place). */
export function isStaffOf(user: Caller, stationId: string): boolean {
  return user.roles.includes('staff') && user.stationIds.includes(stationId);
}

/** Ids of an org and every org below it. */
export function subtreeIds(orgs: readonly OrgNode[], rootId: string): string[] {
  const children = new Map<string, string[]>();
  for (const o of orgs) {
    if (o.parentId) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o._id]);
  }
  const result = new Set<string>();
  const stack = [rootId];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (result.has(id)) continue;
    result.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return [...result];
}

/** Every org in the subtrees of the given roots. */
export function scopeOf(orgs: readonly OrgNode[], rootIds: readonly string[]): Set<string> {
  return new Set(rootIds.flatMap((id) => subtreeIds(orgs, id)));
}

/** The org ids a user oversees: undefined for an admin (all), a cadre's subtrees, or none. */
export function oversight(user: Caller, orgs: readonly OrgNode[]): Set<string> | undefined {
  if (isAdmin(user)) return undefined;
  if (!user.roles.includes('cadre')) return new Set();
  return scopeOf(orgs, user.cadreOrgIds);
}

export function inOversight(scope: Set<string> | undefined, orgId: string): boolean {
  return scope === undefined || scope.has(orgId);
}

/** A cadre (by role: an admin is not one) whose subtrees hold the org: for what only a committee's own cadres decide. */
export function isCommitteeCadre(user: Caller, orgs: readonly OrgNode[], orgId: string): boolean {
  return user.roles.includes('cadre') && scopeOf(orgs, user.cadreOrgIds).has(orgId);
}

/** An admin, or a cadre whose subtree holds the org. */
export function isCadreOf(user: Caller, orgs: readonly OrgNode[], orgId: string): boolean {
  return inOversight(oversight(user, orgs), orgId) && (isAdmin(user) || user.roles.includes('cadre'));
}
