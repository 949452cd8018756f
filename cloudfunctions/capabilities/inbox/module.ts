import { INBOX_COLLECTIONS } from './collections';

export default { name: 'inbox', collections: INBOX_COLLECTIONS };
