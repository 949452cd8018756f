import type { OrgKind } from '../../../types';
import { defineCollection, type Doc } from '../../core/store/docstore.port';

export interface OrgDoc extends Doc {
  name: string;
  kind: OrgKind;
  parentId?: string;
}

export const orgs = defineCollection<OrgDoc>({ name: 'orgs', indexes: [{ fields: ['parentId'] }] });

/**
 * `tree`: a counter every move reads and bumps in its transaction. A move checks for cycles against the tree it read
 * before; two concurrent moves (A under B, B under A) would each pass alone, so the second one to commit must see the
 * counter changed and stop.
 */
export interface OrgTreeVersionDoc extends Doc {
  version: number;
}

export const orgTreeVersions = defineCollection<OrgTreeVersionDoc>({ name: 'org_tree_versions', indexes: [] });

export const ORGS_COLLECTIONS = [orgs, orgTreeVersions];
