import type { Deps } from '../../core/runtime';
import { INBOX_COLLECTIONS } from './collections';
import { sendQueuedPushes } from './send-pushes';

export default {
  name: 'inbox',
  collections: INBOX_COLLECTIONS,
  sweeps: [{ counts: 'pushed' as const, run: (deps: Deps, now: Date) => sendQueuedPushes(deps, now) }],
};
