import type { User } from '../../../../types/account';
import type { Org } from '../../../../types/orgs';

export interface TreeRow {
  org: Org;
  depth: number;
}

const byName = (a: Org, b: Org) => a.name.localeCompare(b.name, 'zh-CN');

/** The committees as an indented outline: each committee followed by those below it, names in order. */
export function treeRows(orgs: readonly Org[]): TreeRow[] {
  const ids = new Set(orgs.map((o) => o.id));
  const children = new Map<string, Org[]>();
  for (const o of orgs) {
    if (o.parentId && ids.has(o.parentId)) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o]);
  }
  const rows: TreeRow[] = [];
  const seen = new Set<string>();
  const visit = (org: Org, depth: number) => {
    if (seen.has(org.id)) return;
    seen.add(org.id);
    rows.push({ org, depth });
    for (const child of [...(children.get(org.id) ?? [])].sort(byName)) visit(child, depth + 1);
  };
  for (const root of orgs.filter((o) => !o.parentId || !ids.has(o.parentId)).sort(byName)) visit(root, 0);
  return rows;
}

/** The ids of a committee and every committee below it. */
export function subtree(orgs: readonly Org[], rootId: string): Set<string> {
  const out = new Set<string>([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const o of orgs) {
      if (o.parentId && out.has(o.parentId) && !out.has(o.id)) {
        out.add(o.id);
        grew = true;
      }
    }
  }
  return out;
}

/** What the caller may manage: every committee for an admin (undefined), a cadre's subtrees, or none. */
export function scopeOf(user: User, orgs: readonly Org[]): Set<string> | undefined {
  if (user.roles.includes('admin')) return undefined;
  if (!user.roles.includes('cadre')) return new Set();
  return new Set((user.cadreOrgIds ?? []).flatMap((id) => [...subtree(orgs, id)]));
}

export const inScope = (scope: Set<string> | undefined, id: string | undefined) => id !== undefined && (scope === undefined || scope.has(id));

/** Rename and move: an admin any committee; a cadre one strictly below a committee of theirs (as the server rules). */
export const mayReshape = (scope: Set<string> | undefined, org: Org) => scope === undefined || (inScope(scope, org.id) && inScope(scope, org.parentId));

export const isManager = (user: User) => user.roles.includes('admin') || user.roles.includes('cadre');
