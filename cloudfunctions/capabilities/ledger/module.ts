import { LEDGER_COLLECTIONS } from './collections';

export default { name: 'ledger', collections: LEDGER_COLLECTIONS };
