import { z } from 'zod';
import { id, line, ORG_KINDS, type OrgKind } from './common';

export interface Org {
  id: string;
  name: string;
  kind: OrgKind;
  parentId?: string;
}

export const orgsSchemas = {
  create: z.object({
    name: line(1, 40),
    kind: z.enum(ORG_KINDS),
    parentId: id.optional(),
  }),
  tree: z.object({}),
  rename: z.object({ id, name: line(1, 40) }),
  /** Re-parents a committee; without parentId it becomes a top-level committee (admin only). */
  move: z.object({ id, parentId: id.optional() }),
};

export interface OrgsApi {
  create: { output: { org: Org } };
  tree: { output: { orgs: Org[] } };
  rename: { output: { org: Org } };
  move: { output: { org: Org } };
}
