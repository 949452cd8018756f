import type { OrgKind } from '../../types';
import { defineCollection, type Doc } from '../core/store/docstore.port';

export interface OrgDoc extends Doc {
  name: string;
  kind: OrgKind;
  parentId?: string;
}

export const orgs = defineCollection<OrgDoc>({ name: 'orgs', indexes: [{ fields: ['parentId'] }] });

export const ORGS_COLLECTIONS = [orgs];
