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
};

export interface OrgsApi {
  create: { output: { org: Org } };
  tree: { output: { orgs: Org[] } };
}
