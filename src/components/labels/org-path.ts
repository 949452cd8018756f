import type { Org } from '../../../types/orgs';

export interface OrgChoice {
  id: string;
  /** The path from the top of the tree, e.g. 嘉善县 · 魏塘街道. */
  label: string;
}

/** Every committee with its full path, ordered as the tree reads (parents before children). */
export function orgChoices(orgs: Org[]): OrgChoice[] {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const path = (org: Org): string[] => {
    const names: string[] = [];
    const seen = new Set<string>();
    let cur: Org | undefined = org;
    while (cur && !seen.has(cur.id)) {
      seen.add(cur.id);
      names.unshift(cur.name);
      cur = cur.parentId ? byId.get(cur.parentId) : undefined;
    }
    return names;
  };
  return orgs
    .map((o) => ({ id: o.id, parts: path(o) }))
    .sort((a, b) => a.parts.join('\u0000').localeCompare(b.parts.join('\u0000'), 'zh-CN'))
    .map((o) => ({ id: o.id, label: o.parts.join(' · ') }));
}
