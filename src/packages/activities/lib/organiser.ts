import type { User } from '../../../../types/account';
import type { Org } from '../../../../types/orgs';
import type { Station } from '../../../../types/stations';
import { api } from '../../../api';
import { orgChoices, type OrgChoice } from '../../../components/labels/org-path';

/** Cadres (and the admin) publish for committees; staff only for their own stations. */
export const publishesForCommittees = (user: User) => user.roles.includes('admin') || user.roles.includes('cadre');

/** The committees a user may publish for, with their paths: every one for the admin, a cadre's subtrees. */
export function committeesInScope(user: User, orgs: Org[]): OrgChoice[] {
  const all = orgChoices(orgs);
  if (user.roles.includes('admin')) return all;
  const parentOf = new Map(orgs.map((o) => [o.id, o.parentId]));
  const roots = new Set(user.cadreOrgIds ?? []);
  const inScope = (id: string) => {
    const seen = new Set<string>();
    for (let cur: string | undefined = id; cur && !seen.has(cur); cur = parentOf.get(cur)) {
      if (roots.has(cur)) return true;
      seen.add(cur);
    }
    return false;
  };
  return all.filter((c) => inScope(c.id));
}

/** The stations of a committee's subtree (by default all the cadre oversees), the first hundred. */
export async function stationsOf(orgId?: string): Promise<Station[]> {
  return (await api.stations.list({ ...(orgId ? { orgId } : {}), limit: 100 })).stations;
}

/** A positive whole number typed in a field, within `max`; null when it is not one. */
export function count(typed: string, min: number, max: number): number | null {
  const n = /^\d{1,6}$/.test(typed.trim()) ? Number(typed.trim()) : NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
}
