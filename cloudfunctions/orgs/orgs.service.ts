import type { Org, ParsedInputOf } from '../../types';
import { notFound } from '../core/errors';
import type { Ctx } from '../core/runtime';
import type { DocReader } from '../core/store/docstore.port';
import { findAll } from '../core/store/find-all';
import { orgs, type OrgDoc } from './collections';

/** The whole committee tree (other domains compute scopes from it). */
export function allOrgs(store: DocReader): Promise<OrgDoc[]> {
  return findAll(store, orgs);
}

export function getOrg(store: DocReader, id: string): Promise<OrgDoc | null> {
  return store.get(orgs, id);
}

export function toOrg(o: OrgDoc): Org {
  return { id: o._id, name: o.name, kind: o.kind, ...(o.parentId ? { parentId: o.parentId } : {}) };
}

export async function create({ deps }: Ctx, input: ParsedInputOf<'orgs', 'create'>): Promise<{ org: Org }> {
  if (input.parentId && !(await getOrg(deps.store, input.parentId))) throw notFound('上级团委不存在');
  const org: OrgDoc = { _id: deps.newId(), name: input.name, kind: input.kind, ...(input.parentId ? { parentId: input.parentId } : {}) };
  await deps.store.insert(orgs, org);
  return { org: toOrg(org) };
}

export async function tree({ deps }: Ctx): Promise<{ orgs: Org[] }> {
  return { orgs: (await allOrgs(deps.store)).map(toOrg) };
}
