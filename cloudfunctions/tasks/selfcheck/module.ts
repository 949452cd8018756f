import type { DomainModule } from '../../module';
import { SELFCHECK_COLLECTIONS } from './collections';

/** Run by `npm run deploy -- --check` through the management API; the security rules keep clients out. */
const selfcheck: DomainModule = { name: 'selfcheck', collections: SELFCHECK_COLLECTIONS, selfCheck: true };

export default selfcheck;
