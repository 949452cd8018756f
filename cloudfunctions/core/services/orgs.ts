import type { Org, ParsedInputOf } from '../../../types';
import { notFound } from '../errors';
import type { Ctx } from '../runtime';
import type { OrgRecord } from '../store/store.port';

/** Ids of an org and every org below it. */
export function subtreeIds(orgs: OrgRecord[], rootId: string): string[] {
  const children = new Map<string, string[]>();
  for (const o of orgs) {
    if (o.parentId) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o.id]);
  }
  const result: string[] = [];
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    if (result.includes(id)) continue;
    result.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return result;
}

/** Every org in the subtrees of the given roots. */
export function scopeOf(orgs: OrgRecord[], rootIds: string[]): Set<string> {
  return new Set(rootIds.flatMap((id) => subtreeIds(orgs, id)));
}

export function toOrg(o: OrgRecord): Org {
  return o.parentId ? { id: o.id, name: o.name, kind: o.kind, parentId: o.parentId } : { id: o.id, name: o.name, kind: o.kind };
}

export async function create({ deps }: Ctx, input: ParsedInputOf<'orgs', 'create'>): Promise<{ org: Org }> {
  if (input.parentId && !(await deps.store.orgs.get(input.parentId))) throw notFound('上级团委不存在');
  const org: OrgRecord = { id: deps.newId(), name: input.name, kind: input.kind, ...(input.parentId ? { parentId: input.parentId } : {}) };
  await deps.store.orgs.insert(org);
  return { org: toOrg(org) };
}

export async function tree({ deps }: Ctx): Promise<{ orgs: Org[] }> {
  return { orgs: (await deps.store.orgs.all()).map(toOrg) };
}
