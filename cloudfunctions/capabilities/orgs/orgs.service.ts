import type { Org, ParsedInputOf } from '../../../types';
import { isAdmin, oversight, inOversight, subtreeIds, type Caller } from '../../core/access';
import { conflict, forbidden, notFound } from '../../core/errors';
import type { Ctx } from '../../core/runtime';
import type { DocReader } from '../../core/store/docstore.port';
import { findAll } from '../../core/store/find-all';
import { orgs, orgTreeVersions, type OrgDoc } from './collections';

const TREE = 'tree';

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

/**
 * Whether the caller may change this committee itself (rename, move): an admin any; a cadre only one strictly below
 * a committee of theirs, so a cadre cannot rename or move the committee they were appointed to.
 */
function mayReshape(user: Caller, tree: readonly OrgDoc[], org: OrgDoc | undefined): boolean {
  if (isAdmin(user)) return true;
  const scope = oversight(user, tree);
  return org !== undefined && inOversight(scope, org._id) && !!org.parentId && inOversight(scope, org.parentId);
}

/** Admins add any committee; cadres add committees below one in their subtree. */
export async function create({ user, deps }: Ctx, input: ParsedInputOf<'orgs', 'create'>): Promise<{ org: Org }> {
  const tree = await allOrgs(deps.store);
  if (!isAdmin(user) && !(input.parentId && inOversight(oversight(user, tree), input.parentId))) {
    throw forbidden('只能在本团委及下级团委之下添加团委');
  }
  if (input.parentId && !tree.some((o) => o._id === input.parentId)) throw notFound('上级团委不存在');
  const org: OrgDoc = { _id: deps.newId(), name: input.name, kind: input.kind, ...(input.parentId ? { parentId: input.parentId } : {}) };
  await deps.store.insert(orgs, org);
  return { org: toOrg(org) };
}

export async function tree({ deps }: Ctx): Promise<{ orgs: Org[] }> {
  return { orgs: (await allOrgs(deps.store)).map(toOrg) };
}

export async function rename({ user, deps }: Ctx, input: ParsedInputOf<'orgs', 'rename'>): Promise<{ org: Org }> {
  const all = await allOrgs(deps.store);
  const org = all.find((o) => o._id === input.id);
  if (!mayReshape(user, all, org)) throw forbidden('只能修改本团委下级团委的名称');
  if (!org || !(await deps.store.update(orgs, org._id, { name: input.name }))) throw notFound('团委不存在');
  return { org: toOrg({ ...org, name: input.name }) };
}

/**
 * Re-parents a committee, with everything below it. A committee cannot go under itself or its own subtree (a cycle:
 * CONFLICT). The check runs on the tree as read before the transaction; the tree's version document makes a
 * concurrent move that changed it a CONFLICT instead of a cycle.
 */
export async function move({ user, deps }: Ctx, input: ParsedInputOf<'orgs', 'move'>): Promise<{ org: Org }> {
  const seen = (await deps.store.get(orgTreeVersions, TREE))?.version ?? 0;
  const all = await allOrgs(deps.store);
  const org = all.find((o) => o._id === input.id);
  const scope = oversight(user, all);
  const parentAllowed = input.parentId ? inOversight(scope, input.parentId) : isAdmin(user);
  if (!mayReshape(user, all, org) || !parentAllowed) throw forbidden('只能在本团委的下级之间调整隶属关系');
  if (!org) throw notFound('团委不存在');
  if (input.parentId && !all.some((o) => o._id === input.parentId)) throw notFound('上级团委不存在');
  if (input.parentId && subtreeIds(all, org._id).includes(input.parentId)) throw conflict('不能把团委移到它自己或它的下级团委之下');
  return deps.store.transaction(async (tx) => {
    const version = (await tx.get(orgTreeVersions, TREE))?.version ?? 0;
    if (version !== seen) throw conflict('团委结构刚刚有变动，请刷新后重试');
    await tx.set(orgTreeVersions, { _id: TREE, version: version + 1 });
    const current = await tx.get(orgs, org._id);
    if (!current) throw notFound('团委不存在');
    const { parentId: _old, ...rest } = current;
    const moved: OrgDoc = { ...rest, ...(input.parentId ? { parentId: input.parentId } : {}) };
    await tx.set(orgs, moved);
    return { org: toOrg(moved) };
  });
}
