import { defineCollection, type Doc } from '../../core/store/docstore.port';

/** Where the deployed self-check writes its few documents, each removed before it answers. */
export const selfChecks = defineCollection<Doc & { n: number }>({ name: 'selfcheck', indexes: [] });

export const SELFCHECK_COLLECTIONS = [selfChecks];
